"""The thin command-line layer over the weibao library."""
