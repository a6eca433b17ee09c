"""File-name slugs, one way for every file the tool names (reports, ADRs, packs)."""

from __future__ import annotations

import re
import unicodedata


def slug(text: str, *, limit: int = 60, fallback: str) -> str:
    """Lowercase ASCII words joined by single hyphens, cut at a word boundary; never empty
    and never a path (no dots, no slashes)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    joined = ""
    for word in re.findall(r"[a-z0-9]+", ascii_text.lower()):
        candidate = f"{joined}-{word}" if joined else word
        if len(candidate) > limit:
            joined = joined or word[:limit]
            break
        joined = candidate
    return joined or fallback
