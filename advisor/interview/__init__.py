"""The interview behind `advisor assess`: plan (what to ask), loop (ask, save, review), draft
(never lose answers), terminal (questionary prompts)."""
