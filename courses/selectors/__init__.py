"""Reads of the courses app, one module per area (`learning`, `classes`)."""
