"""The counterfactual search as it was before it was rewritten for speed, kept verbatim as
the reference the new search must agree with (tests/analysis/test_counterfactuals.py and
bench/analysis.py compare them on random profiles). Not used by the tool.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import product

from advisor.analysis.sensitivity import Alternative, alternatives, plain_or_none
from advisor.engine.baseline import Baseline
from advisor.engine.score import Choice
from advisor.facts import Unknown, to_plain
from advisor.result import Counterfactual, FactChange
from advisor.words import plain_label

MAX_COUNTERFACTUAL_FACTS = 3
MAX_COUNTERFACTUAL_WORK = 100_000


def counterfactuals(baseline: Baseline, open_facts: Iterable[str]) -> list[Counterfactual]:
    """For each strategy that did not win, the smallest set of changes that makes it win."""
    pack = baseline.pack
    winner = baseline.choice[0]
    wanted = [o.id for o in pack.strategies if o.id != winner]
    if not wanted:
        return []
    open_set = set(open_facts)
    facts = [
        fact
        for fact in baseline.index.domains
        if fact in open_set or (fact in baseline.facts and not isinstance(baseline.facts[fact], Unknown))
    ]
    options = {fact: alternatives(baseline, fact) for fact in facts}
    bound = _Bound(baseline)
    found: dict[str, tuple[tuple[int, float], tuple[Alternative, ...], Choice]] = {}
    work = _Work(MAX_COUNTERFACTUAL_WORK)
    found_at: dict[str, int] = {}
    stopped_at = MAX_COUNTERFACTUAL_FACTS + 1  # the size the search was at when work ran out
    for size in range(1, MAX_COUNTERFACTUAL_FACTS + 1):
        pending = [s for s in wanted if s not in found]
        if not pending:
            break
        best_now: dict[str, tuple[tuple[int, float], tuple[Alternative, ...], Choice]] = {}
        candidates = set().union(*(bound.fact_sets(s, facts, size, work) for s in pending))
        for indices in sorted(candidates):
            if not work.spend():
                break
            chosen = tuple(facts[index] for index in indices)
            hopeful = [s for s in pending if bound.possible(s, chosen)]
            if not hopeful:
                continue
            joint: _JointBound | None = None
            for combo in product(*(options[fact] for fact in chosen)):
                if not work.spend():
                    break
                steps, magnitude = 0, 0.0
                for alternative in combo:
                    steps += alternative.change.steps
                    magnitude += alternative.change.magnitude
                cost = (steps, magnitude)
                if all(s in best_now and best_now[s][0] <= cost for s in hopeful):
                    continue  # cannot beat what this size already found for any hopeful strategy
                if size > 1:
                    joint = joint or _JointBound(baseline, chosen)
                    if not joint.possible(hopeful, combo):
                        continue
                choice = (
                    combo[0].choice
                    if size == 1
                    else baseline.choice_with({a.fact: a.change.value for a in combo})
                )
                if choice[0] not in hopeful:
                    continue
                kept = best_now.get(choice[0])
                if kept is None or cost < kept[0]:
                    best_now[choice[0]] = (cost, combo, choice)
        found.update(best_now)
        found_at.update(dict.fromkeys(best_now, size))
        if work.exhausted:
            stopped_at = size
            break
    results = []
    for strategy in wanted:
        if strategy not in found:
            results.append(
                Counterfactual(
                    strategy=strategy,
                    found=False,
                    explanation=(
                        f"No change to up to {MAX_COUNTERFACTUAL_FACTS} answers makes {strategy} win."
                        if not work.exhausted
                        else f"No change to up to {MAX_COUNTERFACTUAL_FACTS} answers that makes {strategy} "
                        f"win was found before the search stopped at its bound {_BOUND_WORDS}; "
                        "one may exist."
                    ),
                    complete=not work.exhausted,
                )
            )
            continue
        _, combo, choice = found[strategy]
        smallest = found_at[strategy] < stopped_at  # that size was searched to the end
        changes = [
            FactChange(
                fact=a.fact, was=plain_or_none(baseline.facts.get(a.fact)), value=to_plain(a.change.value)
            )
            for a in combo
        ]
        results.append(
            Counterfactual(
                strategy=strategy,
                found=True,
                changes=changes,
                platform=choice[1],
                explanation=f"{strategy} would win with "
                + " and ".join(f"{c.fact} = {plain_label(c.value)}" for c in changes)
                + "."
                + (
                    ""
                    if smallest
                    else f" The search stopped at its bound {_BOUND_WORDS}: a smaller change may exist."
                ),
                complete=smallest,
            )
        )
    return results


_BOUND_WORDS = f"({MAX_COUNTERFACTUAL_WORK:,} steps: sets and combinations of answers looked at)"


class _Work:
    """How many more steps the search may take: the same count on every machine, so the
    same answers always give the same counterfactuals."""

    def __init__(self, limit: int) -> None:
        self.left = limit

    def spend(self) -> bool:
        self.left -= 1
        return self.left >= 0

    @property
    def exhausted(self) -> bool:
        return self.left < 0


class _Bound:
    """An optimistic test that prunes fact sets: could changing these facts possibly be enough?

    A strategy wins when one of its platforms beats every platform of the other strategies.
    The test lets every rule that reads a chosen fact flip whichever way helps that platform
    (a rule that reads two chosen facts counts twice, which only makes the test more
    optimistic), and treats any rival such a rule could exclude as gone. If even that leaves
    every platform of the strategy behind, no values of those facts can make it win.
    """

    def __init__(self, baseline: Baseline):
        self.baseline = baseline
        pack = baseline.pack
        self.pack = pack
        order = pack.platform_order
        self.rank = {platform: n for n, platform in enumerate(order)}
        excluded = set(baseline.scoring.excluded)
        # An excluded platform can only come back if every rule excluding it reads a changed fact.
        self.must_touch = {
            target: [rule.reads for rule in rules] for target, rules in baseline.scoring.excluded.items()
        }
        gain: dict[str, dict[tuple[str, str], float]] = {}
        self.can_exclude: dict[str, set[str]] = {}
        for fact, numbers in baseline.index.readers.items():
            gains = dict.fromkeys(pack.rivalries, 0.0)
            for number in numbers:
                helps = -1.0 if baseline.firing[number] else 1.0
                for pair, move in pack.pair_moves[number].items():
                    if move * helps > 0:
                        gains[pair] += move * helps
            gain[fact] = gains
            self.can_exclude[fact] = {
                target
                for number in numbers
                if not baseline.firing[number]
                for target in pack.exclusions[number]
            }
        self._excludable: set[str] = set().union(*self.can_exclude.values())
        totals = baseline.scoring.totals
        # Per platform, each rival of another strategy still in the race: its lead over it, the
        # gain each fact could bring, and whether the rival wins a tie. Built once; `possible`
        # runs thousands of times.
        self.rivals = {
            p: [
                (
                    q,
                    totals[p] - totals[q],
                    {fact: gains[p, q] for fact, gains in gain.items()},
                    self.rank[q] < self.rank[p],
                )
                for q in order
                if pack.strategy_of[q] != pack.strategy_of[p] and q not in excluded
            ]
            for p in order
        }

    def fact_sets(self, strategy: str, facts: list[str], size: int, work: _Work) -> set[tuple[int, ...]]:
        """Index sets of `size` facts worth a closer look for any platform of `strategy`, each
        branch of the search a step of `work` (so the first sets in index order, when work
        runs out)."""
        found: set[tuple[int, ...]] = set()
        for platform in self.pack.carriers[strategy]:
            if not self._hopeless(platform, size):
                found |= self._fact_sets(platform, facts, size, work)
        return found

    def _hopeless(self, platform: str, size: int) -> bool:
        """No `size` facts at all could carry `platform` past some rival that no fact can exclude."""
        excludable = self._excludable
        for rival, lead, gains, wins_ties in self.rivals[platform]:
            if rival in excludable:
                continue
            ceiling = lead + sum(sorted(gains.values(), reverse=True)[:size])
            if ceiling < 0 or (ceiling == 0 and wins_ties):
                return True
        return False

    def _fact_sets(self, platform: str, facts: list[str], size: int, work: _Work) -> set[tuple[int, ...]]:
        """Found depth first. A branch is cut as soon as some rival that no fact can exclude
        would stay ahead even if the remaining picks brought the largest gains left; every set
        cut here would fail `possible` too, so nothing is lost."""
        excludable = self._excludable
        rivals = [
            ([gains[fact] for fact in facts], lead, wins_ties)
            for rival, lead, gains, wins_ties in self.rivals[platform]
            if rival not in excludable
        ]
        best = [_largest_sums(row, size) for row, _, _ in rivals]
        found: set[tuple[int, ...]] = set()

        def extend(start: int, picked: tuple[int, ...], leads: list[float]) -> None:
            if not work.spend():
                return
            left = size - len(picked)
            for n, (_, _, wins_ties) in enumerate(rivals):
                ceiling = leads[n] + best[n][start][left]
                if ceiling < 0 or (ceiling == 0 and wins_ties):
                    return
            if left == 0:
                found.add(picked)
                return
            for index in range(start, len(facts) - left + 1):
                if work.exhausted:
                    return
                extend(
                    index + 1,
                    (*picked, index),
                    [lead + row[index] for lead, (row, _, _) in zip(leads, rivals, strict=True)],
                )

        extend(0, (), [lead for _, lead, _ in rivals])
        return found

    def possible(self, strategy: str, chosen: tuple[str, ...]) -> bool:
        return any(self._possible(platform, chosen) for platform in self.pack.carriers[strategy])

    def _possible(self, platform: str, chosen: tuple[str, ...]) -> bool:
        touch = self.must_touch.get(platform)
        if touch and any(reads.isdisjoint(chosen) for reads in touch):
            return False
        can_exclude = self.can_exclude
        for rival, lead, gains, wins_ties in self.rivals[platform]:
            if any(rival in can_exclude[fact] for fact in chosen):
                continue
            for fact in chosen:
                lead += gains[fact]
            if lead < 0 or (lead == 0 and wins_ties):
                return False
        return True


def _largest_sums(gains: list[float], size: int) -> list[list[float]]:
    """table[i][k]: the sum of the k largest of gains[i:], for k up to `size`."""
    table = [[0.0] * (size + 1)]
    top: list[float] = []
    for gain in reversed(gains):
        top = sorted([*top, gain], reverse=True)[:size]
        table.append([sum(top[:k]) for k in range(size + 1)])
    table.reverse()
    return table


class _JointBound:
    """An optimistic test for one combination of values, from the single changes' outcomes.

    A rule that reads just one of the changed facts comes out as it did when that fact alone
    changed, so summing the single changes' score deltas is exact for it. Only rules that read
    two or more of the changed facts can differ; each may move a platform's lead by at most
    (facts it reads + 1) times its weight, which is added as slack. A rival counts only when
    it is surely still in the race: excluded neither here, nor by any single change, nor by a
    rule that reads several changed facts.
    """

    def __init__(self, baseline: Baseline, chosen: tuple[str, ...]):
        pack = baseline.pack
        self.baseline = baseline
        self.pack = pack
        self.rank = {platform: n for n, platform in enumerate(pack.platform_order)}
        shared: dict[int, int] = {}
        for fact in chosen:
            for number in baseline.index.readers.get(fact, ()):
                shared[number] = shared.get(number, 0) + 1
        self.slack: dict[tuple[str, str], float] = {}
        may_exclude: set[str] = set()
        for number, reads in shared.items():
            if reads < 2:
                continue
            may_exclude.update(pack.exclusions[number])
            for pair, move in pack.pair_moves[number].items():
                self.slack[pair] = self.slack.get(pair, 0.0) + (reads + 1) * abs(move)
        self.gone = frozenset(baseline.scoring.excluded) | may_exclude

    def possible(self, strategies: list[str], combo: tuple[Alternative, ...]) -> bool:
        """Could this combination make any of the strategies win?"""
        gone = self.gone
        totals = dict(self.baseline.scoring.totals)
        base = self.baseline.scoring.totals
        for alternative in combo:
            gone = gone | alternative.variant.excluded
            for option, points in alternative.variant.totals.items():
                totals[option] += points - base[option]
        return any(self._ahead(strategy, totals, gone) for strategy in strategies)

    def _ahead(self, strategy: str, totals: dict[str, float], gone: frozenset[str]) -> bool:
        own = self.pack.carriers[strategy]
        rivals = [q for q in self.pack.platform_order if q not in own and q not in gone]
        slack, rank = self.slack, self.rank
        for platform in own:
            mine = totals[platform]
            for rival in rivals:
                lead = mine - totals[rival] + slack.get((platform, rival), 0.0)
                if lead < 0 or (lead == 0 and rank[rival] < rank[platform]):
                    break
            else:
                return True
        return False
