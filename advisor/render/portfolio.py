"""The portfolio index of a batch: every assessment on one page, the shakiest first.

The index is Markdown; its HTML form (`portfolio_html`) is the same Markdown as Python-Markdown
renders it into a standalone page, so the two never disagree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain, islice
from typing import Protocol

from advisor.render import EXTENSIONS
from advisor.render.brand import Brand, markdown_footer, markdown_header
from advisor.render.escape import md_text
from advisor.result import PortfolioEntry
from advisor.words import counted

INDEX_NAME = "index"
INDEX_TITLE = "Portfolio of assessments"
NO_STRATEGY = "none (every strategy excluded)"


def link_format(formats: Sequence[str], preferred: str) -> str:
    """Which report an index links to: its own format when written, else the first written."""
    return preferred if preferred in formats else formats[0]


class Portfolio(Protocol):
    """The entries of a batch as the index reads them, each part as often as it needs: how
    many there are, the assessed ones lowest confidence first (then by file), and the ones
    that could not be assessed, in file order."""

    def __len__(self) -> int: ...

    def assessed(self) -> Iterable[PortfolioEntry]: ...

    def failed(self) -> Iterable[PortfolioEntry]: ...


@dataclass(frozen=True)
class HeldPortfolio:
    """A portfolio of entries held in memory, in file order."""

    entries: Sequence[PortfolioEntry]

    def __len__(self) -> int:
        return len(self.entries)

    def assessed(self) -> list[PortfolioEntry]:
        return ordered_assessments(self.entries)

    def failed(self) -> list[PortfolioEntry]:
        return [entry for entry in self.entries if entry.error is not None]


def render_index(
    entries: Portfolio | Sequence[PortfolioEntry],
    link_to: str,
    rule_packs: str,
    skipped: Sequence[str] = (),
    brand: Brand | None = None,
    *,
    rows: int | None = None,
) -> str:
    """The index as Markdown; rows link to each assessment's `link_to` report. `skipped`
    lists the symbolic links in the input folder, which a batch never follows; a brand heads
    and closes it. `rows` keeps only the first rows of the assessments table (the HTML page
    writes the others itself)."""
    return "".join(index_pieces(entries, link_to, rule_packs, skipped, brand, rows=rows))


def index_pieces(
    entries: Portfolio | Sequence[PortfolioEntry],
    link_to: str,
    rule_packs: str,
    skipped: Sequence[str] = (),
    brand: Brand | None = None,
    *,
    rows: int | None = None,
) -> Iterator[str]:
    """`render_index` piece by piece, so that the index of a large batch is written as it is
    made, never held whole."""
    portfolio = as_portfolio(entries)
    strategies, platforms = _counts(portfolio)
    assessed = sum(strategies.values())
    head = [f"# {INDEX_TITLE}", ""]
    if brand is not None:
        head += [markdown_header(brand), ""]
    head.append(
        f"{counted(len(portfolio), 'answers file')}: {assessed} assessed, "
        f"{len(portfolio) - assessed} could not be assessed.  "
    )
    head += [f"Rule pack: {md_text(rule_packs)}", ""]
    lines = chain(
        head,
        _summary(strategies, platforms),
        _assessments(portfolio, link_to, rows),
        _failures(portfolio),
        _skipped(skipped),
        [markdown_footer(brand)] if brand is not None else [],
    )
    return joined_lines(lines)


def joined_lines(lines: Iterable[str]) -> Iterator[str]:
    """`"\\n".join(lines).rstrip() + "\\n"`, a line at a time: the lines after the last one
    with text wait to see whether more text follows them."""
    waiting: list[str] = []  # the last line with text so far, and the blank lines after it
    for line in lines:
        if line.strip():
            for earlier in waiting:
                yield earlier + "\n"
            waiting = [line]
        else:
            waiting.append(line)
    yield (waiting[0].rstrip() if waiting and waiting[0].strip() else "") + "\n"


def as_portfolio(entries: Portfolio | Sequence[PortfolioEntry]) -> Portfolio:
    return HeldPortfolio(entries) if isinstance(entries, Sequence) else entries


def _counts(portfolio: Portfolio) -> tuple[Counter[str], Counter[str]]:
    """The assessments per recommended strategy and per platform, by name."""
    strategies: Counter[str] = Counter()
    platforms: Counter[str] = Counter()
    for entry in portfolio.assessed():
        strategies[_strategy(entry)] += 1
        if entry.platform:
            platforms[_platform(entry)] += 1
    return strategies, platforms


def _skipped(links: Sequence[str]) -> list[str]:
    if not links:
        return []
    lines = ["## Skipped", "", "Symbolic links, never followed (they could lead out of the folder):", ""]
    return [*lines, *(f"- {md_text(link)}" for link in links), ""]


def _summary(strategies: Counter[str], platforms: Counter[str]) -> list[str]:
    if not strategies:
        return []
    lines = ["## Summary", "", "| Strategy | Assessments |", "| --- | ---: |"]
    lines += [f"| {strategy} | {count} |" for strategy, count in sorted(strategies.items(), key=_by_count)]
    if platforms:
        lines += ["", "| Platform | Assessments |", "| --- | ---: |"]
        lines += [f"| {platform} | {count} |" for platform, count in sorted(platforms.items(), key=_by_count)]
    return [*lines, ""]


def _strategy(entry: PortfolioEntry) -> str:
    """The recommended strategy by name (escaped), or that none is left."""
    if entry.strategy is None:
        return NO_STRATEGY
    return md_text(entry.strategy_name or entry.strategy)


def _platform(entry: PortfolioEntry) -> str:
    return md_text(entry.platform_name or entry.platform) if entry.platform else ""


def _by_count(item: tuple[str, int]) -> tuple[int, str]:
    return -item[1], item[0]


ASSESSMENTS_HEADING = "## Assessments, lowest confidence first"
ASSESSMENTS_HEADER = (
    "| Assessment | Client | Strategy | Platform | Confidence | Top driver | File |",
    "| --- | --- | --- | --- | ---: | --- | --- |",
)


def ordered_assessments(entries: Sequence[PortfolioEntry]) -> list[PortfolioEntry]:
    """The assessed entries in the order the index lists them: lowest confidence first."""
    assessed = [entry for entry in entries if entry.error is None]
    return sorted(assessed, key=lambda entry: (entry.confidence or 0.0, entry.label))


def report_name(entry: PortfolioEntry, link_to: str) -> str:
    return f"{entry.slug}{EXTENSIONS[link_to]}"


def confidence_cell(entry: PortfolioEntry) -> str:
    return f"{entry.confidence:.2f} ({entry.confidence_label})"


def assessment_row(entry: PortfolioEntry, link_to: str) -> str:
    """One row of the assessments table, in Markdown."""
    name = md_text(entry.name or entry.label)
    driver = f"`{entry.top_driver}`" if entry.top_driver else "none"
    return (
        f"| [{name}]({report_name(entry, link_to)}) | {md_text(entry.client or '')} | {_strategy(entry)} | "
        f"{_platform(entry)} | {confidence_cell(entry)} | {driver} | {md_text(entry.label)} |"
    )


def _assessments(portfolio: Portfolio, link_to: str, rows: int | None) -> Iterator[str]:
    shown = (assessment_row(entry, link_to) for entry in islice(portfolio.assessed(), rows))
    first = next(shown, None)
    if first is None:
        return
    yield from (ASSESSMENTS_HEADING, "", *ASSESSMENTS_HEADER, first)
    yield from shown
    yield ""


def _failures(portfolio: Portfolio) -> list[str]:
    shown = [f"| {md_text(entry.label)} | {md_text(entry.portable_error)} |" for entry in portfolio.failed()]
    if not shown:
        return []
    return ["## Could not be assessed", "", "| File | Error |", "| --- | --- |", *shown, ""]
