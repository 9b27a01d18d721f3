"""Reads of the assessments app; other apps call these, never the models."""
