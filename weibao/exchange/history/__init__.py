"""Record-aware diffs and per-record history over git (snapshot → diff → text)."""
