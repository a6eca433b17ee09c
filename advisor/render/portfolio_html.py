"""The portfolio index as a page: the Markdown index through Python-Markdown, as every page.

A batch of thousands of files makes an assessments table of thousands of rows, and
Python-Markdown holds the whole document as a tree while it works: 10,000 rows took about
6 seconds and 60 MiB. So only the first rows go through it with the rest of the index; the
others are written here, one at a time. A row of plain text (letters, digits, single spaces
and a few marks that no Markdown reader changes) is written from a template of
Python-Markdown's own output; any other row goes through Python-Markdown alone. The page
is the same, byte for byte, as the whole index through Python-Markdown: tests hold it to that.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain, islice

from advisor.render.brand import Brand
from advisor.render.html import SHORT_TABLE_ROWS, html_page, markdown_reader
from advisor.render.portfolio import (
    ASSESSMENTS_HEADER,
    INDEX_TITLE,
    NO_STRATEGY,
    Portfolio,
    as_portfolio,
    assessment_row,
    confidence_cell,
    render_index,
    report_name,
)
from advisor.result import PortfolioEntry

# Enough rows for Python-Markdown to decide the table's class itself (a short table is
# marked so that printing never splits it): a longer table is never short.
FIRST_ROWS = SHORT_TABLE_ROWS + 1
# Text that reads the same in Markdown and in HTML: letters, digits, a few marks, and single
# spaces between words (Markdown would fold the others).
_PLAIN = re.compile(r"[^\W_](?:[^\W_]|[.,()/'-]| (?=\S))*")
_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_TABLE_END = "</tbody>\n</table>"
_ROW = (
    '<tr>\n<td><a href="{report}">{name}</a></td>\n<td>{client}</td>\n<td>{strategy}</td>\n'
    '<td>{platform}</td>\n<td style="text-align: right;">{confidence}</td>\n<td>{driver}</td>\n'
    "<td>{label}</td>\n</tr>"
)


def render_index_html(
    entries: Portfolio | Sequence[PortfolioEntry],
    link_to: str,
    rule_packs: str,
    skipped: Sequence[str] = (),
    brand: Brand | None = None,
) -> str:
    """The index as a standalone page; rows link to each assessment's `link_to` report."""
    return "".join(index_html_pieces(entries, link_to, rule_packs, skipped, brand))


def index_html_pieces(
    entries: Portfolio | Sequence[PortfolioEntry],
    link_to: str,
    rule_packs: str,
    skipped: Sequence[str] = (),
    brand: Brand | None = None,
) -> Iterator[str]:
    """`render_index_html` piece by piece: the page around the first rows, then a row at a time."""
    portfolio = as_portfolio(entries)
    index = render_index(portfolio, link_to, rule_packs, skipped, rows=FIRST_ROWS)
    page = html_page(INDEX_TITLE, index, brand)
    rows = _rows(islice(portfolio.assessed(), FIRST_ROWS, None), link_to)
    first = next(rows, None)
    if first is None:
        yield page
        return
    end = page.index(_TABLE_END, page.index('<h2 id="assessments-lowest-confidence-first">'))
    yield page[:end]
    for row in chain([first], rows):
        yield f"{row}\n"
    yield page[end:]


def _rows(entries: Iterable[PortfolioEntry], link_to: str) -> Iterator[str]:
    reader = None
    for entry in entries:
        row = _plain_row(entry, link_to)
        if row is None:
            reader = reader or markdown_reader()
            row = _markdown_row(reader.reset().convert(_one_row_table(entry, link_to)))
        yield row


def _plain_row(entry: PortfolioEntry, link_to: str) -> str | None:
    """The row from the template, or None when a cell is not plain text."""
    cells = {
        "name": entry.name or entry.label,
        "client": entry.client or "",
        "strategy": NO_STRATEGY if entry.strategy is None else entry.strategy_name or entry.strategy,
        "platform": (entry.platform_name or entry.platform) if entry.platform else "",
        "confidence": confidence_cell(entry),
        "label": entry.label,
    }
    if not all(text == "" or _PLAIN.fullmatch(text) for text in cells.values()):
        return None
    if entry.top_driver and not _CODE.fullmatch(entry.top_driver):
        return None
    driver = f"<code>{entry.top_driver}</code>" if entry.top_driver else "none"
    return _ROW.format(report=report_name(entry, link_to), driver=driver, **cells)


def _one_row_table(entry: PortfolioEntry, link_to: str) -> str:
    return "\n".join([*ASSESSMENTS_HEADER, assessment_row(entry, link_to)]) + "\n"


def _markdown_row(html: str) -> str:
    """The one body row of a one-row table as Python-Markdown wrote it."""
    start = html.index("<tbody>\n") + len("<tbody>\n")
    return html[start : html.index("\n</tbody>", start)]
