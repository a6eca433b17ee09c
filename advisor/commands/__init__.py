"""The subcommands. Each module registers its parser; only stdlib is imported at the top."""

from advisor.commands import reference, report, rules, whatif

COMMANDS = (report.register, whatif.register, rules.register, reference.register)
