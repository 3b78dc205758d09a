"""The data-repository kernel (layer 1): finding a repository, reading YAML with positions, the typed dataset,
round-trip editing, canonical layout, safe file writing, the write transaction, caches and git.  It knows the
kinds of data files, not what a meeting or a case means."""

from __future__ import annotations

import os


def cache_enabled() -> bool:
    """The one switch for every cache under .weibao/ (parsed files, canonical texts, the who index): WEIBAO_CACHE=0."""
    return os.environ.get("WEIBAO_CACHE", "").strip() not in ("0", "no", "off", "false")
