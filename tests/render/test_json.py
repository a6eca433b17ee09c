"""The JSON result is written as json.dumps(indent=2) writes it, byte for byte, only faster."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from advisor.render.json import dumps_indented, render_json
from advisor.result import Result
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
