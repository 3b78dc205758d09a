"""weibao — the work of a minors-protection leading-group office (未保办) as code."""

__version__ = "0.1.0"
