"""The subcommands, in the order `advisor --help` lists them: each name with the module that
builds its parser and runs it, and the line of help the list shows.

Only the module of the command that runs is imported (`advisor.cli`): `advisor --help` lists
the commands from this table alone.
"""

COMMANDS: dict[str, tuple[str, str]] = {
    "assess": ("assess", "interview in the terminal, then write the answers file and the report"),
    "report": ("report", "write a report from an answers file, without prompts"),
    "whatif": ("whatif", "compare the recommendation before and after changing answers"),
    "batch": ("batch", "assess every answers file in a folder and write a portfolio index"),
    "diff": ("diff", "compare two assessments: changed facts, rules and recommendation"),
    "revisit": (
        "revisit",
        "re-check the decisions recorded in a folder of ADRs: which would change, and why",
    ),
    "scan": ("scan", "detect facts from a repository and write a partial answers file"),
    "rules": ("rules", "check and test rule packs, and preview what an edit changes"),
    "questions": ("reference", "print the question bank, or with --next the questions still worth asking"),
    "schema": ("reference", "print the JSON Schema of answers files"),
}


def summary(command: str) -> str:
    """The line `advisor --help` shows for `command`."""
    return COMMANDS[command][1]
