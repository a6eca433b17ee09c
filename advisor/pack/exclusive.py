"""Rules that can never fire together, from what their conditions require of one fact.

A rule whose condition is `hosting.provider != other-cloud and ...` and one whose condition
is `hosting.provider == other-cloud and ...` never fire in the same world (an unknown
provider fires neither). The counterfactual search bounds what flipping rules can add to a
lead; within a group of such rules at most one fires before and one after, so the group adds
at most its best single swap, not the sum of every member's help.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from advisor.pack.conditions import AllOf, Condition, Leaf
from advisor.pack.memo import per_pack
from advisor.pack.model import Rule, RulePack

# Per fact: (True, values) when the fact must be one of `values`, (False, values) when it must
# be none of them.
Required = dict[str, tuple[bool, frozenset[Any]]]


def required_values(condition: Condition | None) -> Required:
    """What a rule's condition requires of each fact wherever the rule fires: read from the
    leaves (`==`, `!=`, `in`, `not_in`) that every firing must satisfy, the condition itself
    or the parts of a top-level `all`."""
    if condition is None:
        return {}
    parts = condition.parts if isinstance(condition, AllOf) else (condition,)
    found: Required = {}
    for leaf in parts:
        if not isinstance(leaf, Leaf) or leaf.count or leaf.op not in ("==", "!=", "in", "not_in"):
            continue
        values = frozenset(leaf.value) if leaf.op in ("in", "not_in") else frozenset((leaf.value,))
        inside = leaf.op in ("==", "in")
        if leaf.fact not in found:
            found[leaf.fact] = (inside, values)
            continue
        was_inside, was = found[leaf.fact]
        if was_inside and inside:
            found[leaf.fact] = (True, was & values)
        elif was_inside:
            found[leaf.fact] = (True, was - values)
        elif inside:
            found[leaf.fact] = (True, values - was)
        else:
            found[leaf.fact] = (False, was | values)
    return found


def exclusive(first: Required, second: Required) -> bool:
    """Whether no world satisfies both: some fact would need a value each forbids."""
    for fact, (inside, values) in first.items():
        other = second.get(fact)
        if other is None:
            continue
        other_inside, other_values = other
        if inside and other_inside and values.isdisjoint(other_values):
            return True
        if inside and not other_inside and values <= other_values:
            return True
        if other_inside and not inside and other_values <= values:
            return True
    return False


def _twin_ahead(rules: tuple[Rule, ...], number: int, required: list[Required]) -> Iterator[bool]:
    """Whether a later rule reads the same facts as rule `number` and excludes it."""
    reads = rules[number].reads
    for later in range(number + 1, len(rules)):
        yield rules[later].reads == reads and exclusive(required[number], required[later])


@per_pack
def exclusive_groups(pack: RulePack) -> tuple[int, ...]:
    """Per rule (pack order), a group number; two rules of one group never fire together.
    Only rules that read two or more facts are grouped (the search bounds only those
    together). Each joins a group whose rules read the facts it reads if it excludes them all
    (its twin for another provider); else, unless such a twin comes later, the group it
    excludes every member of whose rules read most of its facts; else it starts a group."""
    rules = pack.rules
    required = [required_values(rule.condition) if len(rule.reads) > 1 else {} for rule in rules]
    members: list[list[int]] = []
    reads: list[set[str]] = []
    by_fact: dict[str, set[int]] = {}
    found: list[int] = []
    for number, needs in enumerate(required):
        candidates = {group for fact in needs for group in by_fact.get(fact, ())}
        fitting = [
            group
            for group in sorted(candidates)
            if all(exclusive(needs, required[member]) for member in members[group])
        ]
        # A group whose rules read the same facts as this one (its twin) first; otherwise
        # joining would keep a twin coming later out.
        fitting = [group for group in fitting if reads[group] == rules[number].reads] or (
            [] if any(_twin_ahead(rules, number, required)) else fitting
        )
        if fitting:
            joined = max(fitting, key=lambda group: len(reads[group] & rules[number].reads))
        else:
            joined = len(members)
            members.append([])
            reads.append(set())
        members[joined].append(number)
        reads[joined] |= rules[number].reads
        for fact in needs:
            by_fact.setdefault(fact, set()).add(joined)
        found.append(joined)
    return tuple(found)


@per_pack
def paired_rules(pack: RulePack) -> frozenset[int]:
    """The rules (numbers) whose group has another member: only they are bounded together."""
    groups = exclusive_groups(pack)
    sizes: dict[int, int] = {}
    for group in groups:
        sizes[group] = sizes.get(group, 0) + 1
    return frozenset(number for number, group in enumerate(groups) if sizes[group] > 1)
