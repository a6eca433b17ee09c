from advisor.cli import entry

raise SystemExit(entry())
