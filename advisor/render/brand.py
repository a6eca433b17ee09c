"""Who delivers a report: an organisation's name, logo, accent colour, footer and contact.

A `Brand` arrives checked (`advisor.brand` reads brand files): the logo is already an
embedded `data:` image and the accent a `#rrggbb` colour. Its texts are still a user's and
are escaped here for each format: Markdown lines for the header and footer, and for the
HTML page a header block, a footer and the CSS that colours it and numbers printed pages.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from advisor.render.escape import md_prose, md_text
from advisor.words import inert


@dataclass(frozen=True)
class Brand:
    organisation: str
    logo: str | None = None
    """The logo as a `data:image/...;base64,...` URI: embedded, so the page stays standalone."""
    accent: str | None = None
    """`#rrggbb`."""
    footer: str | None = None
    contact: str | None = None


def markdown_header(brand: Brand) -> str:
    """`Prepared by **Northwind Advisory** · jane@northwind.example`, under the title."""
    parts = [f"Prepared by **{md_text(brand.organisation)}**"]
    if brand.contact:
        parts.append(md_prose(brand.contact))
    return " · ".join(parts)


def markdown_footer(brand: Brand) -> str:
    """The footer text (else the organisation) after a rule, at the end of the report."""
    return f"---\n\n*{md_text(brand.footer or brand.organisation)}*"


def html_header(brand: Brand) -> str:
    """The brand block at the top of the page (and of the printed title page)."""
    logo = ""
    if brand.logo:
        logo = f'<img class="brand-logo" src="{html.escape(brand.logo)}" alt="{_text(brand.organisation)}">'
    contact = f'<span class="brand-contact">{_text(brand.contact)}</span>' if brand.contact else ""
    name = f'<span class="brand-name">{_text(brand.organisation)}</span>'
    return f'<div class="brand">{logo}<div class="brand-text">{name}{contact}</div></div>'


def html_footer(brand: Brand) -> str:
    return f'<footer class="brand-footer">{_text(brand.footer or brand.organisation)}</footer>'


def page_css(title: str, brand: Brand | None) -> str:
    """The accent colour, and what every printed page but the title page carries in its margins:
    the report's title, the footer text and "Page 3 of 12"."""
    rules = []
    if brand is not None and brand.accent:
        link = brand.accent if contrast_on_white(brand.accent) >= 4.5 else "#1d4ed8"
        rules.append(f":root {{ --accent: {brand.accent}; --bar: {brand.accent}; --link: {link}; }}")
    footer = (brand.footer or brand.organisation) if brand is not None else ""
    margins = [
        f"@top-left {{ content: {css_string(title)}; }}",
        '@bottom-right { content: "Page " counter(page) " of " counter(pages); }',
    ]
    if footer:
        margins.append(f"@bottom-left {{ content: {css_string(footer)}; }}")
    rules.append("@media print {\n  @page { " + " ".join(margins) + " }\n}")
    return "\n".join(rules)


def css_string(text: str) -> str:
    """A CSS string that shows `text` and can end neither itself nor the style element: every
    character but letters, digits, spaces and plain punctuation is a hex escape."""
    flat = " ".join(inert(text).split())
    safe = "".join(
        char if char.isascii() and (char.isalnum() or char in " .,:;!?()-_/") else f"\\{ord(char):06x}"
        for char in flat
    )
    return f'"{safe}"'


def contrast_on_white(colour: str) -> float:
    """The WCAG contrast ratio of `#rrggbb` text on white (1 to 21)."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


def _text(text: str | None) -> str:
    return html.escape(" ".join(inert(text or "").split()))
