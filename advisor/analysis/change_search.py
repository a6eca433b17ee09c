"""The search behind the counterfactuals: for each strategy that did not win, the cheapest
set of changed answers (up to three facts) that makes it win.

What it returns is defined without reference to how it searches: for each strategy, among
the sets of the fewest facts whose changes can make it win, the change of least cost
(steps, then magnitude), ties going to the facts, then the values, listed first. The
search finds that one while looking at few sets and few values:

- Each single change is re-scored once (`Alternative`), and a set of changes is scored from
  those: a rule that reads only one of the changed facts comes out as it did when that fact
  alone changed, so only the rules that read two or more of them run again.
- Sets of facts are found depth first, per platform of the strategy, under a gain bound: the
  most each fact can add to the platform's lead over each rival (its best single change
  counting the rules no other fact reads, plus what the rules it shares could add: each
  rule's help, or for rules that never fire together, their best swap). Facts
  come in order of that gain against the rival hardest to pass, so that a branch stops at
  the first fact that cannot be enough. A rival counts only while no fact left could
  exclude it. A set the branches reach is kept only if its facts' best single changes, with
  the rules they share among themselves counted once, could still pass every rival (a bound
  never tighter than the one the set's values are then filtered by). The last fact of a set
  is chosen with the facts as the bits of a number: each rival narrows them at once.
- Sets are taken cheapest first (the least their combinations could cost), so that the
  first that cannot beat the change found ends the search. A set is tested with what only
  the whole set knows (the rules its facts share, the rivals they could exclude), and its
  value combinations are tried cheapest first, until none left could beat that change.

Scores are compared exactly when every score of the pack is a multiple of 1/1024 (then all
the sums here are exact); otherwise a set is scored as `Baseline.rescore` adds, rule by rule,
and a bound prunes only by a margin, so that rounding never decides.

The work is bounded by a count rather than a clock, so that the output is the same on any
machine: `limit` steps, a step being a branch of the fact-set search, a set tested, or a
combination of values scored. When the bound is reached, what was found is kept, and the
caller says that the search could not finish.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations, product
from operator import sub
from typing import Any

from advisor.analysis.sensitivity import Alternative
from advisor.engine.baseline import Baseline, pack_index
from advisor.engine.score import Choice, choose
from advisor.pack.exclusive import exclusive_groups, paired_rules
from advisor.pack.memo import KEPT, per_pack
from advisor.pack.model import RulePack

# (steps, magnitude, fact indices, value indices): the order in which changes are preferred.
Key = tuple[int, float, tuple[int, ...], tuple[int, ...]]
_MARGIN = 1e-9
_HALF_STEP = 1 / 2048
_NEVER = float("-inf")


@dataclass(frozen=True)
class Found:
    """The cheapest change found for one strategy, at the size it was found."""

    key: Key
    combo: tuple[Alternative, ...]
    choice: Choice
    size: int


@dataclass
class Outcome:
    """What the search found per strategy, and the size it was at when it ran out of work."""

    found: dict[str, Found] = field(default_factory=dict)
    stopped_at: int | None = None


class Work:
    """How many more steps the search may take: the same count on every machine."""

    def __init__(self, limit: int) -> None:
        self.left = limit

    def spend(self) -> bool:
        self.left -= 1
        return self.left >= 0

    @property
    def exhausted(self) -> bool:
        return self.left < 0


class _Change:
    """One single change, as the search uses it: its cost and what it did to each platform."""

    __slots__ = ("alternative", "counts", "excludes", "fact", "flips", "index", "magnitude", "moves", "steps")

    def __init__(
        self,
        alternative: Alternative,
        fact: int,
        index: int,
        moves: tuple[float, ...],
        flips: frozenset[int],
        excludes: frozenset[int],
        counts: tuple[int, ...] | None,
    ) -> None:
        self.alternative = alternative
        self.fact = fact
        self.index = index
        self.steps = alternative.change.steps
        self.magnitude = alternative.change.magnitude
        self.moves = moves  # per platform position: the change in its score
        self.flips = flips  # the rules (numbers) that came out otherwise
        self.excludes = excludes  # platform positions a rule it started excludes
        self.counts = counts  # per position: how many more rules exclude it (None: no change)


def search(
    baseline: Baseline,
    facts: Sequence[str],
    options: Mapping[str, Sequence[Alternative]],
    wanted: Sequence[str],
    max_facts: int,
    limit: int,
) -> Outcome:
    """The cheapest change per strategy in `wanted`, over `facts` and their `options`."""
    searcher = _Search(baseline, facts, options, limit)
    try:
        return searcher.run(wanted, max_facts)
    finally:
        searcher.bounds.clear()  # they refer back to the search: both go without the cycle collector


class _Search:
    def __init__(
        self,
        baseline: Baseline,
        facts: Sequence[str],
        options: Mapping[str, Sequence[Alternative]],
        limit: int,
    ) -> None:
        pack = baseline.pack
        index = baseline.index
        self.baseline = baseline
        self.pack = pack
        self.index = index
        self.work = Work(limit)
        platforms = index.platforms
        self.position = {platform: n for n, platform in enumerate(platforms)}
        totals = baseline.scoring.totals
        self.base = base = tuple(totals[platform] for platform in platforms)
        excluded = baseline.scoring.excluded
        self.excluded = frozenset(self.position[p] for p in excluded)
        self.base_counts = tuple(len(excluded.get(platform, ())) for platform in platforms)
        self.choices = [(pack.strategy_of[p], pack.named_platform(p)) for p in platforms]
        self.facts = list(facts)
        fact_index = {fact: n for n, fact in enumerate(self.facts)}
        firing, rule_excludes = baseline.firing, index.excludes
        still = tuple(0.0 for _ in platforms)
        self.changes: list[list[_Change]] = []
        for at, fact in enumerate(self.facts):
            found = []
            for n, alternative in enumerate(options[fact]):
                variant = alternative.variant
                if not variant.started and not variant.stopped:
                    found.append(_Change(alternative, at, n, still, frozenset(), frozenset(), None))
                    continue
                flips = frozenset((*variant.started, *variant.stopped))
                moved = variant.totals
                counts = [0] * len(platforms)
                starts = set()
                for flip in flips:
                    for target in rule_excludes[flip]:
                        counts[target] += -1 if firing[flip] else 1
                        if not firing[flip]:
                            starts.add(target)
                found.append(
                    _Change(
                        alternative,
                        at,
                        n,
                        tuple(map(sub, map(moved.__getitem__, platforms), base)),
                        flips,
                        frozenset(starts),
                        tuple(counts) if any(counts) else None,
                    )
                )
            self.changes.append(found)
        # Per fact: the least steps of its changes and, among those, the least magnitude; a set
        # whose cheapest combination cannot beat the change already found is not looked into.
        self.cheapest = [
            min(((c.steps, c.magnitude) for c in changes), default=(0, 0.0)) for changes in self.changes
        ]
        # Per fact, per platform: the change in its score under each of the fact's changes.
        self.columns = [list(zip(*(c.moves for c in changes), strict=True)) for changes in self.changes]
        # Per fact: the platforms (as bits) one of its changes moves.
        self.moved = [
            sum(1 << at for at, column in enumerate(columns) if any(column)) for columns in self.columns
        ]
        self.layout = layout = _layout(pack, tuple(self.facts))
        self.shared = layout.shared
        self.partnered = layout.partnered
        self.partner_bits = layout.partner_bits
        self.partner_groups = [_split(partition, firing) for partition in layout.partitions]
        self._grouped: dict[frozenset[int], _Groups] = {}
        # Per partnered rule: what flipping it adds to each platform's score.
        self.flip_vectors = {
            rule: layout.vectors[rule][firing[rule]] for rules in self.partnered for rule in rules
        }
        # Per fact: its changes that flip a rule it shares, with those rules.
        self.partner_flips = [
            [
                (n, [r for r in partnered if r in c.flips])
                for n, c in enumerate(changes)
                if not c.flips.isdisjoint(partnered)
            ]
            for changes, partnered in zip(self.changes, self.partnered, strict=True)
        ]
        # Which facts could exclude each platform: one of their changes does alone, or a rule
        # they share with another fact (which may come out otherwise when both change) could.
        can: dict[int, set[int]] = {}
        for at, changes in enumerate(self.changes):
            for change in changes:
                for target in change.excludes:
                    can.setdefault(target, set()).add(at)
            for shared_rule in self.partnered[at]:
                if not firing[shared_rule]:
                    for target in rule_excludes[shared_rule]:
                        can.setdefault(target, set()).add(at)
        self.excluders = [frozenset(can.get(n, ())) for n in range(len(platforms))]
        self.excluder_bits = [_bits(found) for found in self.excluders]
        # Per fact: every rule one of its changes flips.
        self.flipped_by = [frozenset().union(*(c.flips for c in changes)) for changes in self.changes]
        # An excluded platform comes back only if every rule excluding it reads a changed fact.
        self.must_touch = {
            self.position[platform]: [
                frozenset(fact_index[f] for f in rule.reads if f in fact_index) for rule in rules
            ]
            for platform, rules in excluded.items()
        }
        self.margin = 0.0 if index.exact else _MARGIN
        self.bounds: dict[str, _Bounds] = {}
        self.shared_of: dict[tuple[int, ...], frozenset[int]] = {}
        self._shared_flips: dict[tuple[int, frozenset[int]], list[tuple[int, tuple[int, ...]]]] = {}
        self.scored: dict[tuple[tuple[int, int], ...], Choice] = {}

    def grouped(self, shared: frozenset[int]) -> _Groups:
        """A set's shared rules in groups of rules that never fire together, kept per set."""
        found = self._grouped.get(shared)
        if found is None:
            partition = _partition(sorted(shared), self.layout.group_of, self.layout.paired)
            found = self._grouped[shared] = _split(partition, self.baseline.firing)
        return found

    def run(self, wanted: Sequence[str], max_facts: int) -> Outcome:
        outcome = Outcome()
        for size in range(1, max_facts + 1):
            pending = [s for s in wanted if s not in outcome.found]
            if not pending:
                break
            best: dict[str, Found] = {}
            if size == 1:
                self._singles(pending, best)
            else:
                for strategy in pending:
                    self._sets_of(strategy, size, pending, best)
                    if self.work.exhausted:
                        break
            outcome.found.update(best)
            if self.work.exhausted:
                outcome.stopped_at = size
                break
        return outcome

    def _singles(self, pending: list[str], best: dict[str, Found]) -> None:
        for at, changes in enumerate(self.changes):
            for change in changes:
                if not self.work.spend():
                    return
                choice = change.alternative.choice
                strategy = choice[0]
                if strategy is None or strategy not in pending:
                    continue
                key = (change.steps, 0.0 + change.magnitude, (at,), (change.index,))
                kept = best.get(strategy)
                if kept is None or key < kept.key:
                    best[strategy] = Found(key, (change.alternative,), choice, 1)

    def _sets_of(self, strategy: str, size: int, pending: list[str], best: dict[str, Found]) -> None:
        """Every set of `size` facts that could make `strategy` win, then their values."""
        bounds = self.bounds.get(strategy)
        if bounds is None:
            own = [self.position[p] for p in self.pack.carriers[strategy]]
            bounds = self.bounds[strategy] = _Bounds(self, own)
        sets: set[tuple[int, ...]] = set()
        for platform in bounds.own:
            sets |= bounds.fact_sets(platform, size)
            if self.work.exhausted:
                return
        # Cheapest first: once a change is kept, the first set whose every combination costs
        # more ends the search, since every set after it does too.
        for least in sorted(map(self._least_key, sets)):
            chosen = least[2]
            if not self.work.spend():
                return
            kept = best.get(strategy)
            if kept is not None and least > kept.key[:3]:
                return
            shared = self.shared_rules(chosen)
            useful = bounds.useful_changes(chosen, shared)
            if useful is not None:
                self._values(chosen, useful, shared, strategy, pending, best, size)
                if self.work.exhausted:
                    return

    def _least_key(self, chosen: tuple[int, ...]) -> tuple[int, float, tuple[int, ...]]:
        """What every key of this set's combinations is at least (the order `_values` tries
        them in): the least steps, then, at those steps, the least magnitude, added up as
        `_values` adds them."""
        steps, magnitude = 0, 0.0
        for at in chosen:
            least_steps, least_magnitude = self.cheapest[at]
            steps += least_steps
            magnitude += least_magnitude
        return steps, magnitude, chosen

    def shared_flips(self, at: int, shared: frozenset[int]) -> list[tuple[int, tuple[int, ...]]]:
        """Per change of fact `at` that flips one of the `shared` rules: its number, and those rules."""
        key = (at, shared)
        found = self._shared_flips.get(key)
        if found is None:
            found = self._shared_flips[key] = [
                (n, tuple(c.flips & shared))
                for n, c in enumerate(self.changes[at])
                if not c.flips.isdisjoint(shared)
            ]
        return found

    def shared_rules(self, chosen: tuple[int, ...]) -> frozenset[int]:
        """The rules that read two or more of these facts."""
        found = self.shared_of.get(chosen)
        if found is None:
            rules: set[int] = set()
            shared = self.shared
            for at, first in enumerate(chosen):
                for second in chosen[at + 1 :]:
                    rules.update(shared.get((first, second), ()))
            found = self.shared_of[chosen] = frozenset(rules)
        return found

    def _values(
        self,
        chosen: tuple[int, ...],
        useful: _Useful,
        shared: frozenset[int],
        strategy: str,
        pending: list[str],
        best: dict[str, Found],
        size: int,
    ) -> None:
        """The combinations of the `useful` changes of one set, cheapest first, until none can
        beat `best`; a combination that the bound says cannot make `strategy` win is passed
        over unscored. (A combination that could make only another strategy win is left to
        that strategy's own search, which finds the same cheapest change for it.)"""
        combos = []
        for combo in product(*useful.changes):
            steps, magnitude = 0, 0.0
            for change in combo:
                steps += change.steps
                magnitude += change.magnitude
            combos.append(((steps, magnitude, chosen, tuple(c.index for c in combo)), combo))
        combos.sort(key=lambda pair: pair[0])
        for key, combo in combos:
            kept = best.get(strategy)
            if kept is not None and key >= kept.key:
                return
            if not useful.could_win(combo):
                continue
            if not self.work.spend():
                return
            choice = self._choice(combo, shared)
            winner = choice[0]
            if winner is not None and winner in pending:
                kept = best.get(winner)
                if kept is None or key < kept.key:
                    best[winner] = Found(key, tuple(c.alternative for c in combo), choice, size)

    def _choice(self, combo: tuple[_Change, ...], shared: frozenset[int]) -> Choice:
        """The recommendation when every change of `combo` is made."""
        signature = tuple((change.fact, change.index) for change in combo)
        found = self.scored.get(signature)
        if found is None:
            found = self._sum(combo, shared) if self.index.exact else self._rescore(combo, shared)
            self.scored[signature] = found
        return found

    def _flipped_together(self, combo: tuple[_Change, ...], shared: frozenset[int]) -> set[int]:
        """The shared rules that come out otherwise than now when all of `combo` changes."""
        baseline = self.baseline
        world = {**baseline.facts, **{self.facts[c.fact]: c.alternative.change.value for c in combo}}
        rules, firing = self.pack.rules, baseline.firing
        return {rule for rule in shared if (rules[rule].test(world) is True) != firing[rule]}

    def _sum(self, combo: tuple[_Change, ...], shared: frozenset[int]) -> Choice:
        """The single changes' moves added up (exact: every score is a multiple of 1/1024),
        corrected for the shared rules, which count as they come out together."""
        totals: list[float] = list(map(sum, zip(self.base, *(change.moves for change in combo), strict=True)))
        counts: list[int] | None = None
        for change in combo:
            if change.counts is not None:
                counts = list(map(sum, zip(counts or self.base_counts, change.counts, strict=True)))
        if shared:
            firing, index = self.baseline.firing, self.index
            together = self._flipped_together(combo, shared)
            for rule in shared:
                times = (rule in together) - sum(1 for change in combo if rule in change.flips)
                if not times:
                    continue
                sign = -times if firing[rule] else times
                for at, points in index.moves[rule]:
                    totals[at] += sign * points
                if index.excludes[rule]:
                    counts = counts or list(self.base_counts)
                    for at in index.excludes[rule]:
                        counts[at] += sign
        excluded = counts if counts is not None else self.base_counts
        best, best_points = -1, 0.0
        for at, points in enumerate(totals):
            if excluded[at] <= 0 and (best < 0 or points > best_points):
                best, best_points = at, points
        return self.choices[best] if best >= 0 else (None, None)

    def _rescore(self, combo: tuple[_Change, ...], shared: frozenset[int]) -> Choice:
        """As `Baseline.rescore` adds up the flipped rules (started ones first, in pack order),
        so that sums that are not exact round as they round there."""
        baseline, pack = self.baseline, self.pack
        flipped: set[int] = set()
        for change in combo:
            flipped |= change.flips
        if shared:
            flipped -= shared
            flipped |= self._flipped_together(combo, shared)
        if not flipped:
            return baseline.choice
        firing = baseline.firing
        totals = dict(baseline.scoring.totals)
        exclusions = {option: len(rules) for option, rules in baseline.scoring.excluded.items()}
        ordered = sorted(flipped)
        for sign, numbers in (
            (1, [n for n in ordered if not firing[n]]),
            (-1, [n for n in ordered if firing[n]]),
        ):
            for number in numbers:
                for target, points in pack.deltas[number].items():
                    totals[target] += sign * points
                for target in pack.exclusions[number]:
                    exclusions[target] = exclusions.get(target, 0) + sign
        excluded = frozenset(option for option, count in exclusions.items() if count > 0)
        return choose(pack, totals, excluded)


@dataclass(frozen=True)
class _Layout:
    """What the search knows of a pack and the facts it searches before any answer: which rules
    each fact shares with another, and how those rules group (`advisor.pack.exclusive`). Kept
    per pack and shared by every search: read it, never change it."""

    # Per pair of fact positions: the rules that read both (only they can come out otherwise
    # when facts change together than when each changes alone).
    shared: dict[tuple[int, int], tuple[int, ...]]
    partnered: list[list[int]]  # per fact: the rules it shares, in pack order
    partner_bits: list[int]  # per fact: the facts it shares a rule with, as bits
    partitions: list[_Partition]  # per fact: its partnered rules, grouped
    group_of: tuple[int, ...]  # per rule: its group (`exclusive_groups`)
    paired: frozenset[int]
    # Per partnered rule: what flipping it adds to each platform's score, when it does not
    # fire now ([False]) and when it does ([True]).
    vectors: dict[int, tuple[list[float], list[float]]]


# Per group of rules that never fire together: the rules alone in theirs, and the groups of
# more than one (in the order the rules first appear).
_Partition = tuple[tuple[int, ...], tuple[tuple[int, ...], ...]]


@per_pack
def _layouts(pack: RulePack) -> dict[tuple[str, ...], _Layout]:
    return {}


def _layout(pack: RulePack, facts: tuple[str, ...]) -> _Layout:
    """The layout for these facts, kept per pack (profiles mostly search the same facts)."""
    kept = _layouts(pack)
    found = kept.get(facts)
    if found is not None:
        return found
    index = pack_index(pack)
    fact_index = {fact: n for n, fact in enumerate(facts)}
    shared: dict[tuple[int, int], tuple[int, ...]] = {}
    partnered: list[list[int]] = [[] for _ in facts]
    for number, reads in index.shared:
        read = sorted(fact_index[fact] for fact in reads if fact in fact_index)
        if len(read) < 2:
            continue
        for at, first in enumerate(read[:-1]):
            for second in read[at + 1 :]:
                shared[first, second] = (*shared.get((first, second), ()), number)
        for first in read:
            partnered[first].append(number)
    partner_bits = [0] * len(facts)
    for first, second in shared:
        partner_bits[first] |= 1 << second
        partner_bits[second] |= 1 << first
    group_of, paired = exclusive_groups(pack), paired_rules(pack)
    vectors: dict[int, tuple[list[float], list[float]]] = {}
    for rules in partnered:
        for rule in rules:
            if rule not in vectors:
                pair = ([0.0] * len(index.platforms), [0.0] * len(index.platforms))
                for at, points in index.moves[rule]:
                    pair[0][at] += points
                    pair[1][at] -= points
                vectors[rule] = pair
    found = _Layout(
        shared=shared,
        partnered=partnered,
        partner_bits=partner_bits,
        partitions=[_partition(rules, group_of, paired) for rules in partnered],
        group_of=group_of,
        paired=paired,
        vectors=vectors,
    )
    if len(kept) >= KEPT:
        kept.pop(next(iter(kept)))  # the oldest
    kept[facts] = found
    return found


def _partition(rules: Sequence[int], group_of: Sequence[int], paired: frozenset[int]) -> _Partition:
    """`rules` by the groups of rules that never fire together that they fall in."""
    if paired.isdisjoint(rules):  # the common case: no rule with a partner
        return tuple(rules), ()
    found: dict[int, list[int]] = {}
    for rule in rules:
        found.setdefault(group_of[rule], []).append(rule)
    singles = tuple(members[0] for members in found.values() if len(members) == 1)
    return singles, tuple(tuple(members) for members in found.values() if len(members) > 1)


def _split(partition: _Partition, firing: Sequence[bool]) -> _Groups:
    """A partition's groups as they stand: per group of more than one, the rule firing now
    (at most one does) and the others."""
    singles, groups = partition
    if not groups:
        return _Groups(singles, ())
    swaps = []
    for members in groups:
        fired = [rule for rule in members if firing[rule]]
        swaps.append((fired[0] if fired else None, tuple(rule for rule in members if not firing[rule])))
    return _Groups(singles, tuple(swaps))


class _Groups:
    """Rules in groups that never fire together (`advisor.pack.exclusive`): the rules alone
    in theirs, and per larger group the one firing now (if any) and the others. Whatever
    changes, at most one rule of a group fires afterwards."""

    __slots__ = ("empty", "singles", "swaps")

    def __init__(
        self, singles: tuple[int, ...], swaps: tuple[tuple[int | None, tuple[int, ...]], ...]
    ) -> None:
        self.singles = singles
        self.swaps = swaps
        self.empty = not singles and not swaps

    def most(self, moves: Mapping[int, float]) -> float:
        """The most flipping these rules can add to one platform's lead over another,
        `moves[rule]` being what flipping one adds to it: each single that helps, and per group
        its best swap (the firing rule stopping, alone or for another starting, or another
        starting where none fires; never below nothing changing)."""
        total = 0.0
        for rule in self.singles:
            move = moves[rule]
            if move > 0:
                total += move
        for fired, others in self.swaps:
            stop = 0.0 if fired is None else moves[fired]
            best = stop if stop > 0 else 0.0
            for rule in others:
                swap = moves[rule] + stop
                if swap > best:
                    best = swap
            total += best
        return total


@dataclass(frozen=True)
class _Useful:
    """A set's changes that could be part of a combination making the strategy win, and, per
    platform of the strategy that could, what each combination must add up to against each
    rival (`None` with inexact scores: every combination is scored)."""

    changes: list[list[_Change]]
    tests: list[list[tuple[float, list[list[float]]]]] | None

    def could_win(self, combo: tuple[_Change, ...]) -> bool:
        """Whether the bound leaves `combo` a chance: for some platform, against every rival,
        its changes' rows reach what is needed."""
        if self.tests is None:
            return True
        for passes in self.tests:
            for need, rows in passes:
                gain = 0.0
                for row, change in zip(rows, combo, strict=True):
                    gain += row[change.index]
                if gain < need:
                    break
            else:
                return True
        return False


class _Bounds:
    """Optimistic tests for one strategy: could changing these facts possibly make it win?

    A strategy wins when one of its platforms beats every platform of the other strategies.
    Per platform and rival, the lead can grow at most by each chosen fact's best single
    change, plus, for a rule that reads two chosen facts (which may come out otherwise
    together than alone), what that rule could add. A rival that the chosen facts could
    exclude is left out; a platform excluded now needs every rule excluding it touched.
    """

    def __init__(self, search: _Search, own: list[int]) -> None:
        self.search = search
        self.own = own
        self.others = others = [n for n in range(len(search.base)) if n not in own]
        base = search.base
        pairs = [(p, q) for p in own for q in others]
        self.lead = {(p, q): base[p] - base[q] for p, q in pairs}
        # floor[p, q]: the least lead with which p can still be ahead of q: above 0 when q wins
        # a tie (positions follow the order that breaks ties). Exact scores are multiples of
        # 1/1024, so half of that separates 0 from the least positive lead; other scores
        # round, so there a bound prunes only by a margin.
        if search.margin:
            self.floor = dict.fromkeys(pairs, -search.margin)
        else:
            self.floor = {(p, q): _HALF_STEP if q < p else 0.0 for p, q in pairs}
        self._reach: dict[tuple[int, int], list[float]] = {}
        self._solo: dict[tuple[int, int], list[float]] = {}
        self._moves: dict[tuple[int, int], dict[int, float]] = {}
        self._ranked: dict[tuple[int, int], list[float]] = {}
        self._at_least: dict[tuple[int, int, str], Callable[[float], int]] = {}
        # (fact, p, q, shared rules or None): per change of the fact, what it adds to p's lead
        # over q, and the most (`_row`).
        self._rows: dict[tuple[int, int, int, frozenset[int] | None], tuple[list[float], float]] = {}

    def reach(self, pair: tuple[int, int]) -> list[float]:
        """Per fact, the most it can add to p's lead over q within any set: its best single
        change counting only the rules no other searched fact reads, plus what the rules it
        shares could add (`_Groups.most`). Built on first use, with the pair's `solo` row beside it."""
        found = self._reach.get(pair)
        if found is not None:
            return found
        search = self.search
        p, q = pair
        moves = self.moves(pair)
        found = self._reach[pair] = []
        solo = self._solo[pair] = []
        either = 1 << p | 1 << q
        for at, columns in enumerate(search.columns):
            if not columns:
                found.append(_NEVER)
                solo.append(_NEVER)
                continue
            flips, groups = search.partner_flips[at], search.partner_groups[at]
            if not flips and groups.empty and not search.moved[at] & either:
                found.append(0.0)  # no change of the fact moves p or q
                solo.append(0.0)
                continue
            diffs = list(map(sub, columns[p], columns[q]))
            if not flips and groups.empty:
                best = max(diffs)
                found.append(best)
                solo.append(best)
                continue
            alone = diffs.copy()
            for n, rules in flips:
                for rule in rules:
                    diffs[n] -= moves[rule]
                    if moves[rule] < 0:
                        alone[n] -= moves[rule]
            found.append(max(diffs) + groups.most(moves))
            solo.append(max(alone))
        return found

    def moves(self, pair: tuple[int, int]) -> dict[int, float]:
        """Per rule a searched fact shares: what flipping it adds to p's lead over q."""
        found = self._moves.get(pair)
        if found is None:
            p, q = pair
            found = self._moves[pair] = {
                rule: vector[p] - vector[q] for rule, vector in self.search.flip_vectors.items()
            }
        return found

    def solo(self, pair: tuple[int, int]) -> list[float]:
        """Per fact, the most its best single change can add to p's lead over q when none of
        the rules it shares with another fact counts against p (a tighter bound than `reach`
        once a set's own shared rules are known: they are added once, for the whole set)."""
        if pair not in self._solo:
            self.reach(pair)
        return self._solo[pair]

    def ranked(self, pair: tuple[int, int]) -> list[float]:
        """The pair's `reach` row, smallest first."""
        found = self._ranked.get(pair)
        if found is None:
            found = self._ranked[pair] = sorted(self.reach(pair))
        return found

    def at_least(self, pair: tuple[int, int], kind: str) -> Callable[[float], int]:
        """The facts (as bits) whose `reach` or `solo` gain for `pair` is at least a number."""
        key = (*pair, kind)
        found = self._at_least.get(key)
        if found is None:
            found = self._at_least[key] = _at_least(self.reach(pair) if kind == "reach" else self.solo(pair))
        return found

    def could_pass(
        self, p: int, chosen: tuple[int, ...], rivals: list[int], floors: list[float], gone: int
    ) -> bool:
        """Whether `chosen` could carry p past every rival in `rivals` (bit r of `gone`: the set
        could exclude rival r): each fact's `solo` gain, plus what the rules the set shares
        could add, once (`_Groups.most`). Never tighter than the bound `useful_changes` starts from (a fact's
        `solo` gain is at least its row there), and cheaper to test."""
        search = self.search
        shared = search.shared_rules(chosen)
        groups = search.grouped(shared)
        for r, q in enumerate(rivals):
            if gone >> r & 1:
                continue
            solo = self.solo((p, q))
            ceiling = self.lead[p, q]
            for at in chosen:
                ceiling += solo[at]
            if not groups.empty:
                ceiling += groups.most(self.moves((p, q)))
            if ceiling < floors[r]:
                return False
        return True

    def fact_sets(self, platform: int, size: int) -> set[tuple[int, ...]]:
        """Sets of `size` facts (indices, ascending) that could carry `platform` past every
        rival (those that the branches' gain bound and `could_pass` both admit), found depth
        first; each branch, and each candidate for the last fact, is a step of the search's
        work."""
        search = self.search
        work = search.work
        count = len(search.facts)
        # An excluded platform comes back only if the set touches every rule excluding it.
        needs = search.must_touch.get(platform, []) if platform in search.excluded else []
        if any(not family for family in needs):
            return set()
        rivals = []
        for q in self.others:
            if q in search.excluded:
                continue
            pair = (platform, q)
            ranked, floor = self.ranked(pair), self.floor[pair]
            if not search.excluders[q]:
                if self.lead[pair] + sum(ranked[-size:]) < floor:
                    return set()  # no `size` facts at all could pass this rival
                if self.lead[pair] + sum(ranked[:size]) >= floor:
                    continue  # any `size` facts pass it: it never cuts a branch
            rivals.append(q)
        if not rivals and not needs:
            return set(_all_sets(count, size, work))
        if rivals:  # facts in order of what they could add against the rival hardest to pass
            hardest = min(
                rivals, key=lambda q: self.lead[platform, q] + sum(self.ranked((platform, q))[-size:])
            )
            first = self.reach((platform, hardest))
            order = sorted(range(count), key=lambda at: -first[at])
            rivals.remove(hardest)
            rivals.insert(0, hardest)
        else:
            order = list(range(count))
        reach = [self.reach((platform, q)) for q in rivals]
        rows = [[row[at] for at in order] for row in reach]
        floors = [self.floor[platform, q] for q in rivals]
        # tops[r][k][n]: the most any k facts from position n on could add against rival r.
        tops = [_suffix_sums(row, size - 1) for row in rows]
        # A rival cuts a branch only once no fact left could exclude it; a fact that could
        # exclude it takes it out of the branch.
        last = [
            max((n for n, at in enumerate(order) if at in search.excluders[q]), default=-1) for q in rivals
        ]
        cutting = [[r for r in range(len(rivals)) if last[r] <= n] for n in range(count)]
        excludes = [sum(1 << r for r, q in enumerate(rivals) if at in search.excluders[q]) for at in order]
        needed = [max(n for n, at in enumerate(order) if at in family) for family in needs]
        touches = [sum(1 << f for f, family in enumerate(needs) if at in family) for at in order]
        everything = (1 << len(needs)) - 1
        leading = bool(rivals) and last[0] < 0
        found: set[tuple[int, ...]] = set()
        # For the last fact, each rival narrows the candidates at once: facts are bits.
        pairs = [(platform, q) for q in rivals]
        leads = [self.lead[pair] for pair in pairs]
        solo = [self.solo(pair) for pair in pairs]
        excluded_by = [search.excluder_bits[q] for q in rivals]
        # later[n]: the facts from position n of `order` on.
        later = [0] * (count + 1)
        for n in range(count - 1, -1, -1):
            later[n] = later[n + 1] | 1 << order[n]
        excludes_of = [0] * count
        touches_of = [0] * count
        for n, at in enumerate(order):
            excludes_of[at], touches_of[at] = excludes[n], touches[n]
        partner_bits = search.partner_bits
        exact = not search.margin

        def at_last(
            start: int, picked: tuple[int, ...], running: list[float], gone: int, touched: int
        ) -> None:
            """The sets that `picked` (positions in `order`) and one fact from `start` on make."""
            after = later[start]
            facts = tuple(sorted(order[at] for at in picked))
            shared_with = 0
            for at in facts:
                shared_with |= partner_bits[at]
            # With a fact sharing no rule with those picked, `could_pass` is a test of that
            # fact's solo gain against each rival; the others go through `could_pass`. Both
            # must first reach each rival with the most they could add.
            tested = after & shared_with if exact else after
            candidates = after & ~shared_with if exact else 0
            groups = search.grouped(search.shared_rules(facts)) if candidates else None
            for r, pair in enumerate(pairs):
                if gone >> r & 1:
                    continue
                # The most any fact could add against the rival (its `reach`), then, for a fact
                # sharing no rule with those picked, the most it adds alone (its `solo` gain).
                reachable = self.at_least(pair, "reach")(floors[r] - running[r]) | excluded_by[r]
                tested &= reachable
                candidates &= reachable
                if candidates and groups is not None:
                    needed = floors[r] - leads[r] - (0.0 if groups.empty else groups.most(self.moves(pair)))
                    for at in facts:
                        needed -= solo[r][at]
                    candidates &= self.at_least(pair, "solo")(needed) | excluded_by[r]
            for at in _ones(candidates):
                if not work.spend():
                    return
                if touched | touches_of[at] == everything:
                    found.add(tuple(sorted((*facts, at))))
            for at in _ones(tested):
                if not work.spend():
                    return
                chosen = tuple(sorted((*facts, at)))
                if touched | touches_of[at] == everything and self.could_pass(
                    platform, chosen, rivals, floors, gone | excludes_of[at]
                ):
                    found.add(chosen)

        def extend(
            start: int,
            picked: tuple[int, ...],
            running: list[float],
            gone: int,
            touched: int,
            again: Callable[[int, tuple[int, ...], list[float], int, int, Any], None],
        ) -> None:
            # The recursion passes itself along (`again`): a closure that named itself would be
            # a reference cycle, freed only by the cycle collector, with all it holds.
            left = size - len(picked)
            if left == 1:
                at_last(start, picked, running, gone, touched)
                return
            for n in range(start, count - left + 1):
                if needs and any(not touched >> f & 1 and end < n for f, end in enumerate(needed)):
                    return  # a rule that must be touched reads no fact left
                # The hardest rival's ceiling only falls from one fact to the next.
                if (
                    leading
                    and not gone & 1
                    and running[0] + rows[0][n] + tops[0][left - 1][n + 1] < floors[0]
                ):
                    return
                if not work.spend():
                    return
                now = [lead + row[n] for lead, row in zip(running, rows, strict=True)]
                now_gone = gone | excludes[n]
                for r in cutting[n]:
                    if not now_gone >> r & 1 and now[r] + tops[r][left - 1][n + 1] < floors[r]:
                        break
                else:
                    again(n + 1, (*picked, n), now, now_gone, touched | touches[n], again)

        extend(0, (), [self.lead[platform, q] for q in rivals], 0, 0, extend)
        return found

    def useful_changes(self, chosen: tuple[int, ...], shared: frozenset[int]) -> _Useful | None:
        """Per fact of `chosen`, the changes that could be part of a combination making the
        strategy win; None when no value of these facts could. Checked per platform and rival
        with what the whole set knows (the rules its facts share, the rivals they could
        exclude): a change is kept when, for some platform, it passes every rival with the
        best change of each other fact; with the rows kept, each combination of them is
        checked the same way. With inexact scores (see the module) every change and
        combination of a set that could win is kept, so that no rounding decides."""
        search = self.search
        changes = [search.changes[at] for at in chosen]
        # Facts whose single changes flip a shared rule: their changes count without those rules.
        touching = [bool(shared) and not shared.isdisjoint(search.flipped_by[at]) for at in chosen]
        gone = {q for q in self.others for at in chosen if at in search.excluders[q]}
        groups = search.grouped(shared)
        exact = not search.margin
        keep: list[set[int]] | None = None
        tests: list[list[tuple[float, list[list[float]]]]] = []
        for p in self.own:
            if p in search.excluded and any(
                reads.isdisjoint(chosen) for reads in search.must_touch.get(p, ())
            ):
                continue
            viable = [[True] * len(found) for found in changes]
            passes: list[tuple[float, list[list[float]]]] = []
            for q in self.others:
                if q in search.excluded or q in gone:
                    continue
                floor = self.floor[p, q]
                rows = [
                    self._row(at, p, q, shared if touches else None)
                    for at, touches in zip(chosen, touching, strict=True)
                ]
                ceiling = self.lead[p, q]
                for _, most in rows:
                    ceiling += most
                if not groups.empty:
                    ceiling += groups.most(self.moves((p, q)))
                if ceiling < floor:
                    break
                if not exact:
                    continue
                # A combination passes q when its changes' rows add up to what the ceiling
                # counts beyond them (exact sums, so in any order).
                passes.append((floor - (ceiling - sum(most for _, most in rows)), [row for row, _ in rows]))
                for (row, most), flags in zip(rows, viable, strict=True):
                    others = ceiling - most  # exact: every score is a multiple of 1/1024
                    if others + min(row) >= floor:
                        continue  # every change of this fact passes q
                    for n, value in enumerate(row):
                        if flags[n] and others + value < floor:
                            flags[n] = False
            else:
                found_here = [{n for n, flag in enumerate(flags) if flag} for flags in viable]
                keep = found_here if keep is None else [a | b for a, b in zip(keep, found_here, strict=True)]
                tests.append(passes)
        if keep is None:
            return None
        kept_changes = [[found[n] for n in sorted(kept)] for found, kept in zip(changes, keep, strict=True)]
        return _Useful(kept_changes, tests if exact else None)

    def _row(self, at: int, p: int, q: int, shared: frozenset[int] | None) -> tuple[list[float], float]:
        """Per change of fact `at`, what it adds to p's lead over q, and the most of those; with
        `shared`, not counting the shared rules it flips (they are counted for the whole set).
        Rows are kept: the same ones are asked for set after set."""
        key = (at, p, q, shared)
        found = self._rows.get(key)
        if found is not None:
            return found
        if shared is None:
            row = [c.moves[p] - c.moves[q] for c in self.search.changes[at]]
        else:
            row = self._row(at, p, q, None)[0].copy()
            moves = self.moves((p, q))
            for n, rules in self.search.shared_flips(at, shared):
                row[n] -= sum(moves[rule] for rule in rules)
        found = self._rows[key] = (row, max(row))
        return found


def _suffix_sums(gains: list[float], most: int) -> list[list[float]]:
    """table[k][i]: the sum of the k largest of gains[i:] (all of them when fewer), k <= most."""
    count = len(gains)
    table = [[0.0] * (count + 1)]
    if most >= 1:
        best = [0.0] * (count + 1)
        top = _NEVER
        for at in range(count - 1, -1, -1):
            top = max(top, gains[at])
            best[at] = top
        table.append(best)
    if most >= 2:
        two = [0.0] * (count + 1)
        first = second = _NEVER
        for at in range(count - 1, -1, -1):
            gain = gains[at]
            if gain > first:
                first, second = gain, first
            elif gain > second:
                second = gain
            two[at] = first + (second if second > _NEVER else 0.0)
        table.append(two)
    for k in range(3, most + 1):
        table.append([sum(sorted(gains[at:], reverse=True)[:k]) for at in range(count + 1)])
    return table


def _bits(positions: Iterable[int]) -> int:
    """Positions as the bits of a number."""
    found = 0
    for at in positions:
        found |= 1 << at
    return found


def _ones(bits: int) -> Iterator[int]:
    """The positions of the bits set, lowest first."""
    while bits:
        low = bits & -bits
        yield low.bit_length() - 1
        bits ^= low


def _at_least(values: list[float]) -> Callable[[float], int]:
    """A test giving, for a number, the positions (as bits) whose value is at least it."""
    order = sorted(range(len(values)), key=lambda at: -values[at])
    negated = [-values[at] for at in order]
    masks = [0]
    for at in order:
        masks.append(masks[-1] | 1 << at)

    def at_least(threshold: float) -> int:
        return masks[bisect_right(negated, -threshold)]

    return at_least


def _all_sets(count: int, size: int, work: Work) -> list[tuple[int, ...]]:
    """Every set of `size` of `count` facts, each a step of `work`."""
    found = []
    for chosen in combinations(range(count), size):
        if not work.spend():
            break
        found.append(chosen)
    return found
