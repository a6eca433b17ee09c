"""The JSON result: the machine-readable contract (docs/reports.md, docs/architecture.md)."""

from __future__ import annotations

import json

from advisor.result import Result
from advisor.words import inert_json


def render_json(result: Result) -> str:
    text = json.dumps(result.model_dump(mode="json"), indent=2, ensure_ascii=False, allow_nan=False)
    return inert_json(text) + "\n"
