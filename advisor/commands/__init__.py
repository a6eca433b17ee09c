"""The subcommands. Each module registers its parser; only stdlib is imported at the top."""

from advisor.commands import batch, diff, reference, report, rules

COMMANDS = (report.register, batch.register, diff.register, rules.register, reference.register)
