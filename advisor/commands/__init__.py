"""The subcommands. Each module registers its parser; only stdlib is imported at the top."""

from advisor.commands import assess, reference, report, rules, scan, whatif

COMMANDS = (
    assess.register,
    report.register,
    whatif.register,
    scan.register,
    rules.register,
    reference.register,
)
