"""Operations on records (layer 2b): read, select and edit meetings and decisions, cases, documents, the yearly
cycle and units.  Reading takes checked data (lint.engine.load_checked); every edit goes through the write gate
(lint/gate.py), so an edit that would not validate is refused before any byte is written."""
