"""The interview behind `advisor assess`: plan (what to ask), session (the loop), draft
(never lose answers), terminal (questionary prompts)."""
