"""The subcommands. Each module registers its parser; only stdlib is imported at the top."""

from advisor.commands import batch, reference, report, rules

COMMANDS = (report.register, batch.register, rules.register, reference.register)
