"""Pure domain knowledge (layer 0): roles, privacy, numbering and dates, text keys, names, lookup — no I/O."""
