"""Scoring: a pack applied to facts, in full (`score`) or incrementally (`baseline`)."""
