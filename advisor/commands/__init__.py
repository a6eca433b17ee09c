"""The subcommands. Each module registers its parser; only stdlib is imported at the top."""

from advisor.commands import assess, batch, diff, reference, report, rules, scan, whatif

COMMANDS = (
    assess.register,
    report.register,
    whatif.register,
    batch.register,
    diff.register,
    scan.register,
    rules.register,
    reference.register,
)
