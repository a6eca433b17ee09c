"""Did-you-mean hints for misspelt keys, facts and choices."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """` (did you mean 'x'?)` for the closest candidate, or an empty string."""
    options = list(candidates)
    matches = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if not matches:
        lowered = {option.lower(): option for option in options}
        matches = [lowered[word.lower()]] if word.lower() in lowered else []
    if not matches and word:
        matches = [option for option in options if option.startswith(word)][:2]
        matches = matches if len(matches) == 1 else []
    return f" (did you mean '{matches[0]}'?)" if matches else ""
