"""The question bank: every fact the rules may read, with its type, value set and prompt."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

from advisor.errors import Location, Problem, raise_if_any
from advisor.facts import UNKNOWN_WORD
from advisor.source.cache import load_cached_yaml
from advisor.source.document import Document
from advisor.source.validation import validate_document

FactType = Literal["int", "bool", "choice", "list"]
Name = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
ChoiceValue = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_.+#-]*$")]


class Question(BaseModel):
    """One fact: how to ask for it, why it matters, and which values it takes."""

    model_config = ConfigDict(extra="forbid")

    id: Name
    type: FactType
    prompt: str
    help: str
    choices: dict[ChoiceValue, str] = Field(default_factory=dict)
    said: dict[ChoiceValue, str] = Field(default_factory=dict)
    """Choice questions only: how a choice reads inside a sentence of rule text (`on {fact}`:
    `on Azure`, `on another cloud`); a choice not listed reads as its id."""
    min: int | None = None
    max: int | None = None
    default: int | bool | str | list[str] | None = None
    open: bool = False
    """List questions only: whether names beyond `choices` are answers too (runtimes are).
    A closed list (the default) takes only its choices; a list without choices, any names."""
    when: Any = None
    section: str = ""
    _where: Location = PrivateAttr(default=Location("questions.yaml"))

    @property
    def fact(self) -> str:
        return f"{self.section}.{self.id}"

    @property
    def where(self) -> Location:
        """Where the question is defined (its `id:`), recorded when the bank loads."""
        return self._where

    def expectation(self) -> str:
        """What a valid answer looks like, for error messages and help."""
        if self.type == "int":
            if self.max is None:
                return f"an integer >= {self.min if self.min is not None else 0}"
            return f"an integer from {self.min if self.min is not None else 0} to {self.max}"
        if self.type == "bool":
            return "true or false"
        if self.type == "choice":
            return "one of " + ", ".join(self.choices)
        return "a list such as [" + ", ".join(list(self.choices)[:2]) + "]"


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: Name
    title: str
    questions: list[Question]

    @model_validator(mode="after")
    def _name_questions(self) -> Section:
        for question in self.questions:
            question.section = self.id
        return self


class QuestionBank(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sections: list[Section]

    @cached_property
    def facts(self) -> dict[str, Question]:
        """Every question by its dotted fact id, in interview order."""
        return {q.fact: q for section in self.sections for q in section.questions}

    @cached_property
    def said(self) -> dict[str, dict[str, str]]:
        """Fact id -> choice -> how it reads in a sentence, for the questions that say so."""
        return {fact: q.said for fact, q in self.facts.items() if q.said}

    def section_title(self, section_id: str) -> str:
        return next(s.title for s in self.sections if s.id == section_id)


def load_question_bank(path: Path) -> tuple[QuestionBank, Document]:
    """Load and check `questions.yaml`; its `when` conditions are checked with the rules."""
    doc = load_cached_yaml(path)
    bank = validate_document(QuestionBank, doc)
    raise_if_any(check_question_bank(bank, doc))
    place_questions(bank, doc)
    return bank, doc


def place_questions(bank: QuestionBank, doc: Document) -> None:
    """Record where each question stands, so that later messages never read the file again."""
    for s_index, section in enumerate(bank.sections):
        for q_index, question in enumerate(section.questions):
            question._where = doc.at(("sections", s_index, "questions", q_index, "id"))


def check_question_bank(bank: QuestionBank, doc: Document) -> list[Problem]:
    problems: list[Problem] = []
    seen_sections: set[str] = set()
    for s_index, section in enumerate(bank.sections):
        base = ("sections", s_index)
        if section.id in seen_sections:
            problems.append(doc.problem((*base, "id"), f"duplicate section id '{section.id}'"))
        seen_sections.add(section.id)
        seen: set[str] = set()
        for q_index, question in enumerate(section.questions):
            where = (*base, "questions", q_index)
            if question.id in seen:
                problems.append(doc.problem((*where, "id"), f"duplicate question id '{question.fact}'"))
            seen.add(question.id)
            problems.extend(
                doc.problem(where, f"{question.fact}: {message}") for message in _question_problems(question)
            )
    return problems


def _question_problems(question: Question) -> list[str]:
    messages = []
    if question.type == "choice" and len(question.choices) < 2:
        messages.append("a choice question needs at least two choices")
    if UNKNOWN_WORD in question.choices:
        messages.append("'unknown' is not a choice: every question already accepts it")
    if question.type != "int" and (question.min is not None or question.max is not None):
        messages.append("min and max apply to int questions only")
    if question.said and question.type not in ("choice", "list"):
        messages.append("said applies to choice and list questions only")
    strange = [value for value in question.said if value not in question.choices]
    if question.type in ("choice", "list") and strange:
        messages.append(
            f"said names {', '.join(strange)}, which {'is' if len(strange) == 1 else 'are'} not a choice"
        )
    if question.open and question.type != "list":
        messages.append("open applies to list questions only")
    if question.type == "int" and question.min is None:
        messages.append("an int question needs a min")
    if question.min is not None and question.max is not None and question.min > question.max:
        messages.append("min is larger than max")
    if question.default is not None and not _default_fits(question):
        messages.append(f"default must be {question.expectation()}")
    return messages


def _default_fits(question: Question) -> bool:
    value = question.default
    if question.type == "int":
        low = question.min if question.min is not None else 0
        high = question.max if question.max is not None else value
        return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high  # type: ignore[operator]
    if question.type == "bool":
        return isinstance(value, bool)
    if question.type == "choice":
        return value in question.choices
    return (
        isinstance(value, list)
        and all(isinstance(item, str) for item in value)
        and (question.open or not question.choices or all(item in question.choices for item in value))
    )
