"""The data-repository kernel (layer 1): finding a repository, reading YAML with positions, the typed dataset,
round-trip editing, canonical layout, safe file writing, the write transaction, caches and git.  It knows the
kinds of data files, not what a meeting or a case means."""
