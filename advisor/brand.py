"""Brand files (`--brand FILE`): who delivers a report, checked like every other input.

```yaml
format: advisor/brand-v1
organisation: Northwind Advisory     # required
logo: northwind-logo.svg             # a local image, relative to this file; never a URL
accent: "#0f766e"                    # #rrggbb
footer: Confidential. Prepared for the client's review board.
contact: Jane Roe, jane.roe@northwind.example
```

The logo is read once and embedded as a `data:` URI, so a page that shows it loads nothing.
Every problem is reported in one pass as FILE:LINE:COL: key: message (exit code 2).
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from advisor.errors import InputError, Problem
from advisor.render.brand import Brand
from advisor.source.document import Document, load_yaml_file, read_bounded
from advisor.source.validation import validate_document

BRAND_FORMAT = "advisor/brand-v1"
MAX_BRAND_BYTES = 64 * 1024
MAX_LOGO_BYTES = 512 * 1024
TEXT_LIMIT = 200
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# What each image type starts with; an SVG is text that opens with its root element.
_IMAGE_TYPES = {
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".gif": ("image/gif", (b"GIF87a", b"GIF89a")),
    ".webp": ("image/webp", (b"RIFF",)),
    ".svg": ("image/svg+xml", ()),
}


class BrandFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    format: str
    organisation: str = Field(min_length=1, max_length=TEXT_LIMIT)
    logo: str | None = Field(default=None, min_length=1, max_length=1000)
    accent: str | None = None
    footer: str | None = Field(default=None, max_length=TEXT_LIMIT)
    contact: str | None = Field(default=None, max_length=TEXT_LIMIT)


def load_brand(path: Path) -> Brand:
    """Read and check a brand file; its logo embedded. Raises `InputError` with every problem."""
    doc = load_yaml_file(path, max_bytes=MAX_BRAND_BYTES)
    if not isinstance(doc.data, dict):
        raise InputError([doc.problem((), "expected a mapping with format and organisation")])
    if doc.data.get("format") != BRAND_FORMAT:
        raise InputError([doc.problem(("format",), f"format: expected '{BRAND_FORMAT}'")])
    spec = validate_document(BrandFile, doc)
    problems = _text_problems(doc, spec)
    if spec.accent is not None and not _COLOUR.match(spec.accent):
        problems.append(
            doc.problem(("accent",), f"accent: expected a colour as #rrggbb (quoted), got {spec.accent!r}")
        )
    logo = None
    if spec.logo is not None:
        logo, problem = _logo(path, doc, spec.logo)
        problems += [problem] if problem else []
    if problems:
        raise InputError(problems)
    return Brand(
        organisation=spec.organisation.strip(),
        logo=logo,
        accent=spec.accent.lower() if spec.accent else None,
        footer=_flat(spec.footer),
        contact=_flat(spec.contact),
    )


def _text_problems(doc: Document, spec: BrandFile) -> list[Problem]:
    fields = {"organisation": spec.organisation, "footer": spec.footer, "contact": spec.contact}
    return [
        doc.problem((key,), f"{key}: is blank; write the text or leave the key out")
        for key, text in fields.items()
        if text is not None and not text.strip()
    ]


def _flat(text: str | None) -> str | None:
    return " ".join(text.split()) if text else None


def _logo(brand_path: Path, doc: Document, given: str) -> tuple[str | None, Problem | None]:
    """The logo file as a `data:` URI, or the problem with it."""

    def problem(message: str) -> tuple[None, Problem]:
        return None, doc.problem(("logo",), f"logo: {message}")

    if _SCHEME.match(given) and not re.match(r"^[A-Za-z]:[\\/]", given):
        return problem(
            f"{given!r} is not a local file; give the path of an image file (a URL would make the "
            "report load it, so it is never fetched)"
        )
    path = (brand_path.parent / given) if not Path(given).is_absolute() else Path(given)
    kind = _IMAGE_TYPES.get(path.suffix.lower())
    if kind is None:
        return problem(f"{given!r}: expected a .png, .jpg, .gif, .webp or .svg image")
    try:
        raw = read_bounded(path, "an image file", max_bytes=MAX_LOGO_BYTES)
    except InputError as error:
        return problem(error.text.replace(str(path), repr(given)) if error.text else "cannot be read")
    mime, signatures = kind
    if not _looks_like(raw, signatures, mime):
        return problem(f"{given!r} is not a {mime.split('/')[1].split('+')[0].upper()} image")
    return f"data:{mime};base64,{base64.b64encode(raw).decode('ascii')}", None


def _looks_like(raw: bytes, signatures: tuple[bytes, ...], mime: str) -> bool:
    if mime == "image/svg+xml":
        head = raw[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        return b"<svg" in head and head.startswith((b"<svg", b"<?xml", b"<!--", b"<!doctype svg"))
    if mime == "image/webp":
        return raw.startswith(b"RIFF") and raw[8:12] == b"WEBP"
    return raw.startswith(signatures)
