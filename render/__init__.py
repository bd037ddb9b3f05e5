"""Turning results into what people read: message texts, buttons, spreadsheets, charts."""
