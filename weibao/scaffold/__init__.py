"""New things from templates (layer 2c): a new data repository for another county (init), and new records
(meetings, cases, documents, research, notifications, plans) with the next free id or number."""
