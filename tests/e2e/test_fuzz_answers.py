"""Property tests: whatever an answers file holds, loading fails only with a located InputError,
valid answers always evaluate, and the same input always renders to the same bytes.

ADVISOR_FUZZ_EXAMPLES=5000 runs a longer search than the default of 150 cases per property.
"""

from __future__ import annotations

import os
import re
from dataclasses import replace
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import advisor.source.document as document
from advisor.answers import Answers, answers_to_yaml, apply_settings, list_item_problem, parse_answers
from advisor.errors import InputError
from advisor.evaluate import evaluate
from advisor.facts import UNKNOWN_WORD
from advisor.pack.bundled import default_rules_dir
from advisor.pack.load import load_rule_pack
from advisor.pack.questions import Question
from advisor.render import render
from advisor.source.document import parse_yaml
from tests.conftest import ROOT
from tests.hostile import active_in, escape_text

PACK = load_rule_pack(default_rules_dir())
BANK = PACK.bank
NAME = "fuzz.yaml"
EXAMPLES = int(os.environ.get("ADVISOR_FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _formats() -> tuple[str, ...]:
    import advisor.render
    from advisor.commands.common import REPORT_FORMATS

    return tuple(getattr(advisor.render, "FORMATS", REPORT_FORMATS))


FORMATS = _formats()

# --- strategies ------------------------------------------------------------------------------

FRAGMENTS = [
    "format: advisor/v1",
    "format: advisor/v2",
    "project:",
    "answers:",
    *[f"  {section.id}:" for section in BANK.sections],
    *[f"    {question.id}: " for question in BANK.facts.values()],
    "  name: ",
    "  date: 2026-02-30",
    "unknown",
    "[",
    "]",
    "{",
    "}",
    ", ",
    "- ",
    ": ",
    "? ",
    "&a ",
    "*a",
    "<<: *a",
    "!!python/object/apply:os.system [x]",
    "!!bool ",
    "!!int ",
    "!!timestamp ",
    "!!binary ",
    "!local ",
    "|",
    ">-",
    "'",
    '"',
    "# comment",
    "\t",
    "%YAML 1.1",
    "---",
    "...",
    "~",
    "null",
    "true",
    "-1",
    "1e999",
    ".nan",
    "0x1F",
    "99999999999999999999999",
    "\ufeff",
    "\x00",
    "\x85",
    "\u2028",
]

yaml_like_text = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)),
    max_size=40,
).map(lambda parts: "".join(part + ("\n" if i % 3 == 2 else "") for i, part in enumerate(parts)))

raw_inputs = st.one_of(st.binary(max_size=400), st.text(max_size=400), yaml_like_text)

junk_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(10**30), max_value=10**30),
        st.floats(allow_nan=True, allow_infinity=True),
        st.text(max_size=30),
        st.sampled_from([UNKNOWN_WORD, "Unknown", "", "yes", "linux", "python"]),
        st.dates(),
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=10,
)


def valid_value(question: Question) -> st.SearchStrategy[Any]:
    """Any value the question accepts."""
    if question.type == "int":
        low = question.min if question.min is not None else 0
        high = question.max if question.max is not None else low + 10**6
        value: st.SearchStrategy[Any] = st.integers(min_value=low, max_value=high)
    elif question.type == "bool":
        value = st.booleans()
    elif question.type == "choice":
        value = st.sampled_from(sorted(question.choices))
    else:
        names = st.one_of(
            st.sampled_from(sorted(question.choices) or ["python"]),
            st.text(
                alphabet=st.characters(blacklist_categories=["Cc", "Cs"]), min_size=1, max_size=40
            ).filter(
                lambda name: list_item_problem(question, name) is None  # not blank, no typo of a choice
            ),
        )
        value = st.lists(names, max_size=6)
    return st.one_of(value, st.just(UNKNOWN_WORD))


# Project fields refuse C0 controls (tab and newline aside); C1 controls such as NEL, bidi
# overrides and line separators are accepted, must be written so that they read back, and
# must reach reports inert (the escape-character generator of tests.hostile).
project_text = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=["Cc", "Cs"]), max_size=200),
    escape_text().map(lambda text: re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", text)[:200]),
)


@st.composite
def valid_answers(draw: st.DrawFn) -> dict[str, Any]:
    """An answers mapping that must load: every fact answered, unknown, or left out."""
    answers: dict[str, dict[str, Any]] = {}
    for question in BANK.facts.values():
        if draw(st.booleans()):
            answers.setdefault(question.section, {})[question.id] = draw(valid_value(question))
    project = draw(
        st.fixed_dictionaries(
            {}, optional={"name": project_text, "client": project_text, "assessor": project_text}
        )
    )
    return {"format": "advisor/v1", "project": project, "answers": answers}


@st.composite
def damaged_answers(draw: st.DrawFn) -> Any:
    """A valid mapping with some parts replaced, removed or added."""
    data: Any = draw(valid_answers())
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        where = draw(st.sampled_from(["format", "project", "answers", "section", "fact", "extra", "root"]))
        junk = draw(junk_values)
        sections = data.get("answers") if isinstance(data, dict) else None
        if where == "root":
            data = junk
        elif not isinstance(data, dict):
            continue
        elif where in ("format", "project", "answers"):
            data[where] = junk
        elif where == "extra":
            data[draw(st.text(max_size=10))] = junk
        elif isinstance(sections, dict):
            section = draw(st.sampled_from([*sections, *(s.id for s in BANK.sections), "apps"]))
            if where == "section":
                sections[section] = junk
            elif isinstance(sections.get(section), dict):
                sections[section][draw(st.sampled_from([*BANK.facts, "x", "compnents"]))] = junk
    return data


# --- properties ------------------------------------------------------------------------------


def assert_located(error: InputError) -> None:
    assert error.problems, f"unlocated error: {error.text}"
    for problem in error.problems:
        assert problem.where.file == NAME
        assert problem.where.line >= 1, str(problem)
        assert problem.message.strip()


def load(raw: bytes | str) -> Answers | None:
    """Parse as an answers file; None when refused, after checking the refusal is located."""
    try:
        return parse_answers(parse_yaml(raw, NAME), BANK)
    except InputError as error:
        assert_located(error)
        return None


def renders(answers: Answers) -> dict[str, str]:
    """Every format of the report, each checked to hold no active character."""
    dated = replace(answers, project=answers.project.model_copy(update={"date": None}))
    result = evaluate(PACK, dated)
    texts = {fmt: render(result, fmt) for fmt in FORMATS}
    for fmt, text in texts.items():
        assert active_in(text) == [], (fmt, active_in(text)[:3])
    return texts


def as_yaml(data: Any) -> str:
    """The generated data as YAML that reads back as it (PyYAML writes NEL raw, which a
    reader takes for a line break, so such data is written with escapes)."""
    text = yaml.safe_dump(data, allow_unicode=True)
    return text if yaml.safe_load(text) == data else yaml.safe_dump(data, allow_unicode=False)


@FUZZ
@given(raw_inputs)
@example(raw="!!int")  # regression: IndexError inside PyYAML's int constructor
@example(raw="a: !!bool")  # regression: KeyError inside PyYAML's bool constructor
def test_any_text_loads_or_fails_with_a_located_input_error(raw: bytes | str) -> None:
    answers = load(raw)
    if answers is not None:
        renders(answers)


@FUZZ
@given(damaged_answers())
def test_damaged_mappings_load_or_fail_with_a_located_input_error(data: Any) -> None:
    answers = load(yaml.safe_dump(data, allow_unicode=True))
    if answers is not None:
        renders(answers)


@FUZZ
@given(valid_answers())
def test_valid_answers_always_load_evaluate_and_render(data: dict[str, Any]) -> None:
    answers = load(as_yaml(data))
    assert answers is not None
    renders(answers)


@FUZZ
@given(valid_answers())
@example(data={"format": "advisor/v1", "project": {"name": "Acme\x85North", "client": "a\u2028b"}})
def test_written_answers_read_back_the_same(data: dict[str, Any]) -> None:
    answers = load(as_yaml(data))
    assert answers is not None
    again = load(answers_to_yaml(answers, BANK))
    assert again is not None
    assert (again.facts, again.project) == (answers.facts, answers.project)


@FUZZ
@given(valid_answers())
def test_same_answers_render_to_the_same_bytes_in_every_format(data: dict[str, Any]) -> None:
    text = as_yaml(data)
    first, second = load(text), load(text)
    assert first is not None and second is not None
    assert renders(first) == renders(second)


settings_text = st.one_of(
    st.text(max_size=40),
    st.builds(
        lambda fact, sep, value: f"{fact}{sep}{value}",
        st.one_of(st.sampled_from(sorted(BANK.facts)), st.text(max_size=12)),
        st.sampled_from(["=", " = ", "", "=="]),
        st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=20), st.integers().map(str)),
    ),
)


@FUZZ
@given(st.lists(settings_text, max_size=4))
@example(options=["app.architecture=!!bool"])  # regression: KeyError escaped from --set
def test_any_set_option_applies_or_fails_with_an_input_error(options: list[str]) -> None:
    base = Answers(facts={}, source=NAME)
    try:
        updated = apply_settings(base, options, BANK)
    except InputError as error:
        assert error.problems
        assert all(problem.where.file.startswith("--set ") for problem in error.problems)
        return
    for fact, value in updated.facts.items():
        assert fact in BANK.facts
        assert load(answers_to_yaml(Answers(facts={fact: value}), BANK)) is not None
    renders(updated)


def test_examples_render_to_the_same_bytes_twice() -> None:
    from advisor.answers import load_answers

    for path in sorted((ROOT / "examples").glob("*.yaml")):
        assert renders(load_answers(path, BANK)) == renders(load_answers(path, BANK))


def parsed(raw: bytes | str) -> tuple[Any, ...]:
    """What `parse_yaml` makes of `raw`: the data with every location, or the error's text."""
    try:
        doc = parse_yaml(raw, NAME)
    except InputError as error:
        return ("error", str(error))
    return (repr(doc.data), doc.values, doc.keys)


@pytest.mark.skipif(document._CParser is None, reason="PyYAML was built without libyaml")
@FUZZ
@given(st.one_of(raw_inputs, damaged_answers().map(as_yaml), valid_answers().map(as_yaml)))
@example(raw="a: [1, {b: 2}\n")
@example(raw="a:\n\t- 1\n")
@example(raw="a: 'x\x85y'\nb: \"\\u2028\"\n")
@example(raw="a: \ud800\n")  # libyaml cannot take a lone surrogate at all
@example(raw="!")  # the bare `!` tag: libyaml reads a string, PyYAML's parser resolves it
@example(raw="a: ! 12\nb: ! 'yes'\nc: !\n")
@example(raw="0\t")  # libyaml takes the tab as a space, PyYAML refuses it
@example(raw="a: 1\t\nb:\t2\n")
@example(raw="---")  # libyaml puts the end of a text without a final line break a line lower
@example(raw="0\ufeff:\n")  # and a value after a byte order mark inside a line a column further
@example(raw="a: 1\r\nb:\r\nc: 'x\u2028y'\n")
def test_libyaml_and_pyyaml_read_every_text_alike(raw: bytes | str) -> None:
    """With libyaml installed, it parses and PyYAML in Python only explains errors: both must
    give the same data, locations and messages."""
    fast = parsed(raw)
    saved, document._CParser = document._CParser, None
    try:
        reference = parsed(raw)
    finally:
        document._CParser = saved
    assert fast == reference
