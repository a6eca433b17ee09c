"""The JSON result is written as json.dumps(indent=2) writes it, byte for byte, only faster."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from advisor.render.json import dumps_indented, render_json
from advisor.result import Result
from advisor.words import inert_json
from tests.conftest import ROOT

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()  # NaN and infinities included: both writers must refuse them alike
    | st.text(alphabet=st.characters(codec="utf-8"), max_size=12)
)
keys = st.text(max_size=6) | st.integers() | st.booleans() | st.none() | st.floats(allow_nan=False)
data = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(st.text(max_size=6), inner, max_size=4)
        | st.dictionaries(keys, inner, max_size=3)
    ),
    max_leaves=25,
)


def json_module(value: object) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False, allow_nan=False)


@settings(max_examples=400, deadline=None)
@given(data)
def test_the_same_text_as_the_json_module_or_the_same_refusal(value: object) -> None:
    try:
        expected = json_module(value)
    except ValueError as error:
        with pytest.raises(ValueError, match="Out of range float values"):
            dumps_indented(value)
        assert "Out of range float values" in str(error)
        return
    assert dumps_indented(value) == expected


def test_every_golden_result_reads_back_to_the_same_text() -> None:
    for path in sorted((ROOT / "tests" / "golden").glob("*.json")):
        text = path.read_text(encoding="utf-8")
        result = Result.model_validate_json(text)
        assert render_json(result) == text, path.name
        assert dumps_indented(json.loads(text)) == json_module(json.loads(text)), path.name


GOLDEN = ROOT / "tests" / "golden" / "checkout-platform.json"
floats = st.floats(allow_nan=True, allow_infinity=True) | st.floats(min_value=-1e-3, max_value=1e-3)


@settings(max_examples=200, deadline=None)
@given(name=st.text(alphabet=st.characters(codec="utf-8"), max_size=20), score=floats)
def test_a_result_is_written_as_the_json_module_writes_it_or_refused_alike(name: str, score: float) -> None:
    """pydantic's writer where it writes the same text; the json module's where it would not
    (tiny numbers, NaN, infinities), so the text never depends on which one wrote it."""
    result = Result.model_validate_json(GOLDEN.read_text(encoding="utf-8"))
    changed = result.model_copy(
        update={"project": {**result.project, "name": name}, "scores": {**result.scores, "paas": score}}
    )
    try:
        expected = json_module(changed.model_dump(mode="json"))
    except ValueError:
        with pytest.raises(ValueError, match="Out of range float values"):
            render_json(changed)
        return
    assert render_json(changed) == inert_json(expected) + "\n"


def test_a_tiny_number_is_spelled_as_the_json_module_spells_it() -> None:
    result = Result.model_validate_json(GOLDEN.read_text(encoding="utf-8"))
    tiny = result.model_copy(update={"scores": {**result.scores, "paas": 1e-05}})
    assert '"paas": 0.00001' in tiny.model_dump_json(indent=2)  # what pydantic alone would write
    assert '"paas": 1e-05,' in render_json(tiny)
