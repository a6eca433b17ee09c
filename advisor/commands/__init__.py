"""The subcommands. Each module registers its parser; only stdlib is imported at the top."""

from advisor.commands import assess, reference, report, rules

COMMANDS = (assess.register, report.register, rules.register, reference.register)
