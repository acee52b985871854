"""Introductions the owner makes between two people: an interaction with both (source "intro",
a give on the ledger), a "knows" tie between them, and a follow-up with each a week later."""
