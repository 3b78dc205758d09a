"""Data in and out (layer 2c): JSON export, tables for CSV/XLSX, SQLite, iCalendar, importing a duty division,
record-aware diffs and history, the scheduled report."""
