"""Rule packs in layers: the default pack below, a consultant's packs on top.

`--rules DIR` (repeatable) layers packs over the default, in the order given. A layer
declares its name and version in `pack.yaml` and may

- add questions (`questions.yaml`: new sections, or new questions in an existing section),
- add platforms and product notes (`options.yaml`; a product with a known name replaces it),
- add rules (an entry with a new `id:`),
- change an existing rule (an entry with `override: ID`: the fields it gives replace the
  rule's; `effects` are changed per target, the others kept),
- disable rules (`disable: [ID, ...]` in `pack.yaml`).

Reusing an id without `override:` is a conflict, reported with both places. A complete
pack (its `options.yaml` lists `strategies`) replaces the default instead, so it can only
come first. Every layer is checked with the same located checks as a complete pack.
"""

from __future__ import annotations

from pathlib import Path

from advisor.errors import InputError
from advisor.layering import Stack
from advisor.paths import default_rules_dir
from advisor.rulepack import OPTIONS_FILE, RulePack, load_rule_pack
from advisor.yamlsource import load_yaml_file


def load_pack_stack(folders: list[Path]) -> RulePack:
    """The default pack (or a complete first pack) with every other folder layered on top."""
    roots = list(folders)
    _check_distinct(roots)
    if roots and is_complete_pack(roots[0]):
        base_root, layers = roots[0], roots[1:]
    else:
        base_root, layers = default_rules_dir(), roots
    pack = load_rule_pack(base_root)
    if not layers:
        return pack
    stack = Stack.of(pack)
    for root in layers:
        if is_complete_pack(root):
            raise InputError(
                f"{root}: a complete rule pack (its options.yaml lists strategies) replaces the "
                "default and can only be the first --rules; remove 'strategies' to layer it"
            )
        stack.apply(root)
    return stack.pack


def is_complete_pack(root: Path) -> bool:
    options = root / OPTIONS_FILE
    if not root.is_dir() or not options.is_file():
        return False
    data = load_yaml_file(options).data
    return isinstance(data, dict) and "strategies" in data


def _check_distinct(roots: list[Path]) -> None:
    seen: dict[Path, Path] = {default_rules_dir().resolve(): default_rules_dir()}
    for index, root in enumerate(roots):
        resolved = root.resolve()
        if resolved in seen and not (index == 0 and resolved == default_rules_dir().resolve()):
            raise InputError(
                f"{root}: this rule pack is already in the stack (as {seen[resolved]}); give it once"
            )
        seen[resolved] = root


def describe_stack(pack: RulePack) -> str:
    """`default 2026.11.0 (sha256 1a2b3c4d5e6f) + acme 1.0 (...)`: what produced a set of results."""
    return " + ".join(f"{ref.name} {ref.version} (sha256 {ref.sha256[:12]})" for ref in pack.stack)
