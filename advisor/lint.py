"""`rules check --strict`: findings that are legal but probably mistakes."""

from __future__ import annotations

from advisor.errors import Location, Problem
from advisor.rulepack import RulePack


def lint_pack(pack: RulePack) -> list[Problem]:
    findings = []
    read = {fact for rule in pack.rules for fact in rule.reads}
    questions_file = str(pack.root / "questions.yaml")
    for fact in pack.bank.facts:
        if fact not in read:
            findings.append(Problem(Location(questions_file), f"unused fact '{fact}': no rule reads it"))
    return findings
