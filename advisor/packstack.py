"""Rule packs layered over the default: placeholder until layering lands."""

from __future__ import annotations

from pathlib import Path

from advisor.errors import InputError
from advisor.paths import default_rules_dir
from advisor.rulepack import RulePack, load_rule_pack


def load_pack_stack(layers: list[Path]) -> RulePack:
    if len(layers) > 1:
        raise InputError("--rules: give one rule pack folder")
    return load_rule_pack(layers[0] if layers else default_rules_dir())


def describe_stack(pack: RulePack) -> str:
    """`default 2026.11.0 (sha256 1a2b3c4d5e6f)`: what produced a set of results."""
    return f"{pack.info.name} {pack.info.version} (sha256 {pack.sha256[:12]})"
