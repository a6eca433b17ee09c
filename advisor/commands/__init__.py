"""The subcommands. Each module registers its parser; only stdlib is imported at the top."""

from advisor.commands import reference, report, rules, scan

COMMANDS = (report.register, rules.register, reference.register, scan.register)
