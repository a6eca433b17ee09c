"""The subcommands. Each module registers its parser; only stdlib is imported at the top."""

from advisor.commands import assess, batch, diff, reference, report, revisit, rules, scan, whatif

COMMANDS = (
    assess.register,
    report.register,
    whatif.register,
    batch.register,
    diff.register,
    revisit.register,
    scan.register,
    rules.register,
    reference.register,
)
