"""Answers files (`advisor/v1`): the facts of one assessment, validated against the bank."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    ValidationError,
    create_model,
)

from advisor.errors import InputError, Location, Problem, did_you_mean, raise_if_any
from advisor.facts import FORMAT, UNKNOWN, UNKNOWN_WORD, Facts, FactValue, to_plain
from advisor.pack.questions import Question, QuestionBank
from advisor.source.document import (
    KEY_LIMIT,
    Document,
    KeyPath,
    dotted,
    load_yaml_file,
    parse_value,
    parse_yaml,
)
from advisor.source.validation import data_path, problems_from
from advisor.words import describe, excerpt, inert, is_inert

Text = Annotated[str, Field(max_length=200, pattern=r"^[^\x00-\x08\x0b-\x1f\x7f]*$")]
LANGUAGE_LIMIT = 40
LanguageName = Annotated[str, Field(min_length=1, max_length=LANGUAGE_LIMIT, pattern=r"^[^\x00-\x1f\x7f]+$")]
_C0 = re.compile(r"[\x00-\x1f\x7f]")


class Project(BaseModel):
    """Who and what the assessment is about; shown in reports, never read by rules."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Text = "Unnamed system"
    client: Text | None = None
    assessor: Text | None = None
    date: datetime.date | None = None


@dataclass(frozen=True)
class Answers:
    """The facts of one assessment. Absent facts are unanswered; UNKNOWN means "don't know"."""

    project: Project = field(default_factory=Project)
    facts: Facts = field(default_factory=dict)
    source: str = "<answers>"

    def with_facts(self, updates: Facts) -> Answers:
        return replace(self, facts={**self.facts, **updates})

    def dated(self, date: datetime.date | None = None) -> Answers:
        """The answers with the report date fixed: `date`, else project.date, else today."""
        chosen = date or self.project.date or datetime.date.today()
        return replace(self, project=self.project.model_copy(update={"date": chosen}))


def fact_annotation(question: Question) -> Any:
    """The pydantic type of one fact's answer, `unknown` and absence included."""
    unknown = Literal["unknown"]
    if question.type == "int":
        inner: Any = Annotated[StrictInt, Field(ge=question.min, le=question.max)]
    elif question.type == "bool":
        inner = StrictBool
    elif question.type == "choice":
        inner = Literal[tuple(question.choices)]
    else:
        inner = list[LanguageName]
    return inner | unknown | None


_models: dict[int, tuple[QuestionBank, type[BaseModel]]] = {}


def answers_model(bank: QuestionBank) -> type[BaseModel]:
    """The pydantic model of an answers file for this bank (also the source of its schema)."""
    if id(bank) not in _models:
        _models[id(bank)] = (bank, _build_model(bank))
    return _models[id(bank)][1]


def _build_model(bank: QuestionBank) -> type[BaseModel]:
    sections: dict[str, Any] = {}
    for section in bank.sections:
        fields: dict[str, Any] = {
            q.id: (fact_annotation(q), Field(default=None, title=q.prompt, description=q.help))
            for q in section.questions
        }
        model = create_model(f"{section.id.title()}Answers", __config__=ConfigDict(extra="forbid"), **fields)
        sections[section.id] = (model | None, Field(default=None, title=section.title))
    answers_model = create_model("Answers", __config__=ConfigDict(extra="forbid"), **sections)
    fixed: dict[str, Any] = {
        "format": (Literal[FORMAT], Field(description=f"Answers file format; always {FORMAT}")),
        "project": (Project, Field(default_factory=Project)),
        "answers": (answers_model | None, None),
    }
    return create_model(
        "AnswersFile",
        __config__=ConfigDict(extra="forbid", title="advisor answers file"),
        **fixed,
    )


EMPTY_ANSWERS_FIX = (
    f"an answers file starts with 'format: {FORMAT}' (`advisor scan` or `advisor assess` write one)"
)


def load_answers(path: Path, bank: QuestionBank) -> Answers:
    return parse_answers(load_yaml_file(path, empty_fix=EMPTY_ANSWERS_FIX), bank)


def parse_answers(doc: Document, bank: QuestionBank) -> Answers:
    data = doc.data
    if not isinstance(data, dict):
        raise InputError(
            [doc.problem((), f"expected a mapping with format, project and answers, got {describe(data)}")]
        )
    version = data.get("format")
    if "format" not in data:
        raise InputError([doc.problem((), f"format: missing; start the file with 'format: {FORMAT}'")])
    if version != FORMAT:
        raise InputError(
            [
                doc.problem(
                    ("format",),
                    f"format: unsupported format {describe(version)}; "
                    f"this version of advisor reads '{FORMAT}'",
                )
            ]
        )
    if data.keys() >= RESULT_KEYS:
        raise InputError(
            [
                doc.problem(
                    (),
                    "this is an advisor result (written by --format json), not an answers file; "
                    "give the answers file it was made from (advisor diff reads results)",
                )
            ]
        )
    model = answers_model(bank)
    items = _list_problems(doc, bank)
    try:
        parsed: Any = model.model_validate(data)
    except ValidationError as error:
        raise InputError([*_answers_problems(error, doc, bank, model), *items]) from None
    raise_if_any(items)
    facts: Facts = {}
    sections = parsed.answers.model_dump() if parsed.answers is not None else {}
    for section_id, section in sections.items():
        for fact_id, value in (section or {}).items():
            if value is not None:
                facts[f"{section_id}.{fact_id}"] = to_fact_value(value)
    return Answers(project=parsed.project, facts=facts, source=doc.file)


# Keys every advisor result has and no answers file does.
RESULT_KEYS = frozenset({"recommendation", "scores", "fired"})
# How close a name must be to a listed value of an open list to be taken for a typo of it:
# `pyhton`, `nodejs`, `python3` are; `deno` (a runtime of its own, 0.75 from `node`) is not.
OPEN_LIST_CUTOFF = 0.8


def _list_problems(doc: Document, bank: QuestionBank) -> list[Problem]:
    """List items that would silently change meaning: a blank name, a name holding control
    or bidi characters, a value a closed list does not list, or a name so close to a listed
    value of an open list that it is surely a typo of it (`pyhton`).

    Items pydantic refuses anyway (not text, too long, C0 controls) are left to its message.
    """
    problems = []
    answers = doc.data.get("answers") if isinstance(doc.data, dict) else None
    for fact, question in bank.facts.items():
        section, name = fact.split(".", 1)
        block = answers.get(section) if isinstance(answers, dict) else None
        items = block.get(name) if isinstance(block, dict) else None
        if question.type != "list" or not isinstance(items, list):
            continue
        for index, item in enumerate(items):
            if not isinstance(item, str) or len(item) > LANGUAGE_LIMIT or _C0.search(item):
                continue
            path = ("answers", section, name, index)
            message = list_item_problem(question, item)
            if message:
                problems.append(doc.problem(path, f"{dotted(path)}: {message}"))
    return problems


def list_item_problem(question: Question, item: str) -> str | None:
    """What is wrong with one item of a list answer, or None; the interview asks this too."""
    written = item.strip().lower()
    if not written:
        return "an empty name; remove it, or write the name"
    if not is_inert(written):
        return f"{excerpt(item)} holds control or bidi characters; write the name alone"
    if written in question.choices or not question.choices:
        return None
    if not question.open:
        hint = did_you_mean(written, question.choices)
        return f"{excerpt(written)} is not one of {', '.join(question.choices)}{hint}"
    hint = did_you_mean(written, question.choices, cutoff=OPEN_LIST_CUTOFF)
    if hint:
        return f"{excerpt(written)} is not a listed value{hint}; write the listed name"
    return None


def to_fact_value(value: Any) -> FactValue:
    """A validated plain value as the engine holds it (lists as normalised tuples)."""
    if value == UNKNOWN_WORD:
        return UNKNOWN
    if isinstance(value, list):
        return tuple(dict.fromkeys(item.strip().lower() for item in value))
    return value  # type: ignore[no-any-return]


def _answers_problems(
    error: ValidationError, doc: Document, bank: QuestionBank, model: type[BaseModel]
) -> list[Problem]:
    facts: dict[str, Problem] = {}
    others = []
    for item in error.errors(include_url=False):
        path = data_path(doc.data, item["loc"], missing=item["type"] == "missing")
        if path[:1] == ("answers",) and len(path) >= 2 and item["type"] == "extra_forbidden":
            others.append(_unknown_key(doc, bank, path))
        elif path[:1] == ("answers",) and len(path) >= 3:
            fact = f"{path[1]}.{path[2]}"
            facts.setdefault(fact, _bad_value(doc, bank.facts[fact], path))
        elif path[:1] == ("answers",) and len(path) == 2:
            others.append(
                doc.problem(
                    path,
                    f"{dotted(path)}: expected a mapping of facts, got {describe(_value_at(doc, path))}",
                )
            )
        else:
            fake = ValidationError.from_exception_data(error.title, [item])  # type: ignore[list-item]
            others.extend(problems_from(fake, doc, model))
    return [*others, *facts.values()]


def _unknown_key(doc: Document, bank: QuestionBank, path: KeyPath) -> Problem:
    if len(path) == 2:
        hint = did_you_mean(str(path[1]), [s.id for s in bank.sections])
        return doc.problem(
            path, f"{dotted(path)}: unknown section {excerpt(str(path[1]), KEY_LIMIT)}{hint}", key=True
        )
    fact = f"{path[1]}.{path[2]}"
    hint = did_you_mean(fact, bank.facts)
    return doc.problem(path, f"{dotted(path)}: unknown fact {excerpt(fact)}{hint}", key=True)


_BOOL_WORDS = {word: "true" for word in ("yes", "y", "true", "on")} | {
    word: "false" for word in ("no", "n", "false", "off")
}


def _bad_value(doc: Document, question: Question, path: KeyPath) -> Problem:
    fact_path = path[:3]
    value = _value_at(doc, fact_path)
    hint = ""
    if question.type == "choice" and isinstance(value, str):
        hint = did_you_mean(value, [*question.choices, UNKNOWN_WORD])
    if question.type == "bool" and isinstance(value, str) and value.lower() in _BOOL_WORDS:
        hint = f" (write {_BOOL_WORDS[value.lower()]} without quotes)"
    if question.type == "list" and isinstance(value, list) and len(path) > 3:
        item = _value_at(doc, path[:4])
        return doc.problem(path[:4], f"{dotted(path[:4])}: expected a name, got {describe(item)}")
    return doc.problem(
        fact_path,
        f"{dotted(fact_path)}: expected {question.expectation()}, or 'unknown'; got {describe(value)}{hint}",
    )


def _value_at(doc: Document, path: KeyPath) -> Any:
    value: Any = doc.data
    for part in path:
        value = value[part]
    return value


def apply_settings(answers: Answers, settings: list[str], bank: QuestionBank) -> Answers:
    """Apply `--set FACT=VALUE` overrides, each validated like a line of an answers file."""
    updates: Facts = {}
    problems = []
    for setting in settings:
        fact, sep, raw = setting.partition("=")
        fact = fact.strip()
        where = Location(f"--set {setting}")
        if not sep:
            problems.append(Problem(where, "expected FACT=VALUE, e.g. --set team.ops_engineers=2"))
            continue
        if fact not in bank.facts:
            problems.append(Problem(where, f"unknown fact '{fact}'{did_you_mean(fact, bank.facts)}"))
            continue
        question = bank.facts[fact]
        section, name = fact.split(".", 1)
        value = parse_value(raw) if raw.strip() else None
        if question.type == "choice" and not isinstance(value, str):
            value = raw.strip()
        if question.type == "list" and isinstance(value, str) and value != UNKNOWN_WORD:
            value = [name.strip() for name in value.split(",") if name.strip()]  # python,go or python
        doc = parse_yaml(yaml.safe_dump({"format": FORMAT, "answers": {section: {name: value}}}), where.file)
        try:
            parsed = parse_answers(doc, bank)
        except InputError as error:
            message = error.problems[0].message if error.problems else str(error)
            message = message.removeprefix("answers.")
            problems.append(Problem(where, message))
            continue
        if fact not in parsed.facts:
            problems.append(Problem(where, f"{fact}: expected {question.expectation()}, or 'unknown'"))
            continue
        updates[fact] = parsed.facts[fact]
    if problems:
        raise InputError(problems)
    return answers.with_facts(updates)


def answers_to_yaml(
    answers: Answers,
    bank: QuestionBank,
    *,
    header: str = "",
    comments: dict[str, str] | None = None,
) -> str:
    """An answers file for these answers, in question-bank order, readable by `load_answers`.

    `header` becomes comment lines at the top; `comments` adds a trailing comment per fact
    (a scan's evidence, say). Unanswered facts are left out.
    """
    comments = comments or {}
    # Comments are made inert: a C1 control is not allowed anywhere in YAML, and NEL or a
    # line separator would end the comment and turn the rest of the line into YAML.
    lines = [f"# {line}".rstrip() for line in inert(header).split("\n") if header]
    lines.append(f"format: {FORMAT}")
    project = {key: value for key, value in answers.project.model_dump().items() if value is not None}
    if project:
        lines.append("project:")
        lines += [f"  {key}: {_yaml_scalar(value)}" for key, value in project.items()]
    lines.append("answers:" if answers.facts else "answers: {}")
    for section in bank.sections:
        present = [q for q in section.questions if q.fact in answers.facts]
        if present:
            lines.append(f"  {section.id}:")
        for question in present:
            value = _yaml_scalar(to_plain(answers.facts[question.fact]))
            comment = inert(" ".join(comments.get(question.fact, "").split()))
            lines.append(f"    {question.id}: {value}" + (f"  # {comment}" if comment else ""))
    return "\n".join(lines) + "\n"


def _yaml_scalar(value: Any) -> str:
    """One value as YAML that reads back as the same value: readable Unicode where that
    holds, escapes (`"\\x85"`) for active characters and whatever else would not."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    texts = value if isinstance(value, list) else [value]
    readable = all(not isinstance(text, str) or is_inert(text) for text in texts)
    if readable:
        written = _dump(value, allow_unicode=True)
        if yaml.safe_load(written) == value:
            return written
    return _dump(value, allow_unicode=False)


def _dump(value: Any, *, allow_unicode: bool) -> str:
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=allow_unicode, width=1_000_000)
    return text.removesuffix("\n").removesuffix("\n...")
