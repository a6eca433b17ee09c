"""The questionary prompts: a thin terminal layer over the interview loop.

Every prompt offers "Don't know" and "Show help"; typed numbers are checked as they are
typed. Prompts and tables go to prompt_toolkit's current output (the command points it
at the terminal on standard error, so a report on standard output stays clean).
Ctrl-C raises KeyboardInterrupt (`unsafe_ask`), which the command turns into exit 130.
"""

from __future__ import annotations

import io
import shutil
import textwrap
from typing import Any

import questionary
from prompt_toolkit import print_formatted_text
from prompt_toolkit.formatted_text import ANSI, FormattedText
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent, merge_key_bindings
from prompt_toolkit.key_binding.bindings.mouse import load_mouse_bindings
from prompt_toolkit.keys import Keys
from questionary import Choice, Separator
from rich.console import Console
from rich.table import Table
from rich.text import Text

from advisor.answers import Project, list_item_problem
from advisor.facts import UNKNOWN, FactValue, Unknown
from advisor.interview.loop import ANSWER_REST, BACK, REVIEW, Back, ReviewRow
from advisor.interview.plan import Progress
from advisor.interview.values import is_unknown_word, parse_int, parse_languages
from advisor.pack.questions import Question
from advisor.words import counted, inert

HELP, DONT_KNOW, OTHER, CONFIRM, PREVIOUS = "<help>", "<don't know>", "<other>", "<confirm>", "<back>"
UNSET = "<unset>"  # the line a choice question without an answer starts on
PROJECT_TEXT_LIMIT = 200


def _extras(default: object, can_go_back: bool) -> list[Any]:
    extras = [
        Separator(),
        Choice("Don't know", DONT_KNOW, checked=isinstance(default, Unknown)),
        Choice("? Show help", HELP),
    ]
    return [*extras, Choice("< Back to the previous question", PREVIOUS)] if can_go_back else extras


class TerminalPrompter:
    """Asks with questionary on the current prompt_toolkit input and output (a terminal, or a test pipe)."""

    def say(self, text: str = "") -> None:
        print_formatted_text(ANSI(text))

    def ask(
        self, question: Question, default: FactValue | None, progress: Progress, *, can_go_back: bool = False
    ) -> FactValue | Back:
        print_formatted_text(
            FormattedText([("", "\n"), ("bold", inert(str(progress))), ("", f"  ({question.fact})")])
        )
        if progress.why:
            print_formatted_text(FormattedText([("", "  " + inert(progress.why))]))
        while True:
            answer = self._ask_once(question, default, can_go_back)
            if answer == PREVIOUS or (isinstance(answer, list) and PREVIOUS in answer):
                return BACK
            if answer == HELP:
                self._show_help(question)
                continue
            if isinstance(answer, list) and HELP in answer:
                self._show_help(question)
                default = tuple(item for item in answer if item not in (HELP, OTHER, DONT_KNOW))
                continue
            if answer == UNSET:
                self.say("  Pick an answer with the arrow keys, or Don't know.")
                continue
            if answer == [] and not self._none_apply(question):
                continue
            return self._value(question, answer)

    def _none_apply(self, question: Question) -> bool:
        """An empty list is an answer only when the person says so (Enter alone says no)."""
        confirmed: bool = _unsafe(
            questionary.confirm(
                f"Nothing ticked: record that no {_plural_noun(question)} apply? (No asks again; "
                "Don't know is in the list)",
                default=False,
            )
        )
        return confirmed

    def _show_help(self, question: Question) -> None:
        indent = "  "
        self.say(
            textwrap.fill(
                inert(question.help), width=_width(), initial_indent=indent, subsequent_indent=indent
            )
        )

    def _ask_once(self, question: Question, default: FactValue | None, can_go_back: bool) -> Any:
        if question.type == "int":
            return self._ask_int(question, default, can_go_back)
        if question.type == "list":
            return _unsafe(
                questionary.checkbox(
                    inert(question.prompt),
                    choices=_list_choices(question, default, can_go_back),
                    validate=_check_list_selection,
                    instruction="(space to tick, enter to confirm)",
                )
            )
        if question.type == "bool":
            choices: list[Any] = [Choice("Yes", True), Choice("No", False)]
        else:
            choices = [Choice(inert(label), value) for value, label in question.choices.items()]
        choices += _extras(default, can_go_back)
        if default is None:  # nothing to offer: the pointer starts on a line that is no answer
            choices.insert(0, Choice("(no answer yet: pick one below)", UNSET))
        chosen = DONT_KNOW if isinstance(default, Unknown) else default
        return _unsafe(
            questionary.select(
                inert(question.prompt),
                choices=choices,
                default=next((c for c in choices if isinstance(c, Choice) and c.value == chosen), None),
                instruction="(arrows to move, enter to pick)",
            )
        )

    def _ask_int(self, question: Question, default: FactValue | None, can_go_back: bool) -> Any:
        # The default is offered, not typed into the box: what the person types replaces it,
        # and an empty answer takes it.
        start = "u" if isinstance(default, Unknown) else ("" if default is None else str(default))

        def check(text: str) -> bool | str:
            text = text.strip() or start
            if text == "?" or is_unknown_word(text) or (can_go_back and text == "<"):
                return True
            parsed = parse_int(question, text)
            return parsed if isinstance(parsed, str) else True

        offer = "" if not start else "; Enter for don't know" if start == "u" else f"; Enter for {start}"
        text: str = _unsafe(
            questionary.text(
                inert(question.prompt),
                validate=check,
                instruction=f"({_number_range(question)}{offer}; ? for help, u for don't know"
                + ("; < to go back)" if can_go_back else ")"),
            )
        )
        text = text.strip() or start
        if text.strip() == "<":
            return PREVIOUS
        if text.strip() == "?":
            return HELP
        if is_unknown_word(text):
            return DONT_KNOW
        return parse_int(question, text)

    def _value(self, question: Question, answer: Any) -> FactValue:
        if answer == DONT_KNOW or (isinstance(answer, list) and DONT_KNOW in answer):
            return UNKNOWN
        if question.type != "list":
            return answer  # type: ignore[no-any-return]
        chosen = [item for item in answer if item != OTHER]
        if OTHER in answer:
            extra = _unsafe(
                questionary.text(
                    "Runtimes not listed, comma-separated:",
                    validate=lambda text: _check_languages(question, text),
                )
            )
            added = parse_languages(extra)
            chosen += list(added) if isinstance(added, tuple) else []
        return tuple(dict.fromkeys(item.lower() for item in chosen))

    def ask_project(self, project: Project) -> Project:
        print_formatted_text(
            FormattedText([("", "\n"), ("bold", "Project"), ("", "  (shown on the report)")])
        )
        name = _unsafe(
            questionary.text(
                "Name of the system or project:",
                default="" if project.name == Project().name else project.name,
                validate=lambda text: _check_text(text, required=True),
            )
        )
        client = _unsafe(
            questionary.text(
                "Client or organisation (optional):",
                default=project.client or "",
                validate=lambda text: _check_text(text, required=False),
            )
        )
        assessor = _unsafe(
            questionary.text(
                "Assessor (optional):",
                default=project.assessor or "",
                validate=lambda text: _check_text(text, required=False),
            )
        )
        details = {
            "name": name.strip(),
            "client": client.strip() or None,
            "assessor": assessor.strip() or None,
        }
        return project.model_copy(update=details)

    def settled(self, message: str, skipped: int, *, can_go_back: bool) -> str | Back:
        print_formatted_text(FormattedText([("", "\n"), ("bold", inert(message))]))
        choices: list[Any] = [
            Choice("Review the answers, then write the report", REVIEW),
            Choice(f"Answer the {counted(skipped, 'skipped question')} too", ANSWER_REST),
        ]
        if can_go_back:
            choices.append(Choice("< Back to the previous question", PREVIOUS))
        action = _unsafe(
            questionary.select("What next?", choices=choices, instruction="(arrows to move, enter to pick)")
        )
        return BACK if action == PREVIOUS else str(action)

    def review(self, rows: list[ReviewRow]) -> str | None:
        self.say("\n" + review_table(rows))
        confirm = Choice("Looks right: write the answers and the report", CONFIRM)
        action = _unsafe(
            questionary.select(
                "Review the answers",
                choices=[confirm, "Change an answer"],
                instruction="(arrows to move, enter to pick)",
            )
        )
        if action == CONFIRM:
            return None
        key: str = _unsafe(
            questionary.select(
                "Which answer?",
                choices=[Choice(inert(f"{row.label}: {row.answer}"), row.key) for row in rows],
                use_search_filter=True,
                use_jk_keys=False,
                instruction="(type to filter, e.g. ops; enter to pick)",
            )
        )
        return key


def review_table(rows: list[ReviewRow]) -> str:
    """The answers as a rich table, rendered to text (colour unless NO_COLOR is set)."""
    table = Table(title="Your answers", title_justify="left")
    table.add_column("Section")
    table.add_column("Fact")
    table.add_column("Answer", overflow="fold")
    previous = ""
    for row in rows:
        section = row.section if row.section != previous else ""
        # Text, not markup; inert, because the table goes out through ANSI() in `say`.
        table.add_row(Text(inert(section)), Text(inert(row.label)), Text(inert(row.answer)))
        previous = row.section
    buffer = io.StringIO()
    Console(file=buffer, width=_width(), force_terminal=True).print(table)
    return buffer.getvalue().rstrip("\n")


def _number_range(question: Question) -> str:
    low = question.min if question.min is not None else 0
    return f"{low} or more" if question.max is None else f"{low} to {question.max}"


def _width() -> int:
    return min(shutil.get_terminal_size((100, 24)).columns, 120)


def _unsafe(question: questionary.Question) -> Any:
    app = question.application
    app.key_bindings = (
        merge_key_bindings([app.key_bindings, _PASTE_GUARD]) if app.key_bindings else _PASTE_GUARD
    )
    return question.unsafe_ask()


def _paste_guard() -> KeyBindings:
    """prompt_toolkit reads a pasted colour code such as ESC [31m as a mouse event, and its
    mouse handler then fails on it (a traceback, and the rest of the paste lost). This binding
    takes precedence (application bindings come after the defaults): real mouse events go to
    prompt_toolkit's handler; a sequence it cannot read is dropped, so the text around it stays."""
    original = next(
        binding.handler
        for binding in load_mouse_bindings().bindings
        if binding.keys == (Keys.Vt100MouseEvent,)
    )
    guard = KeyBindings()

    @guard.add(Keys.Vt100MouseEvent)
    def _mouse_or_pasted_code(event: KeyPressEvent) -> Any:
        try:
            return original(event)
        except (ValueError, IndexError, KeyError):
            return None

    return guard


_PASTE_GUARD = _paste_guard()


def _list_choices(question: Question, default: FactValue | None, can_go_back: bool) -> list[Any]:
    picked = default if isinstance(default, tuple) else ()
    choices: list[Any] = [
        Choice(inert(label), value, checked=value in picked) for value, label in question.choices.items()
    ]
    choices += [
        Choice(inert(value), value, checked=True) for value in picked if value not in question.choices
    ]
    if question.open or not question.choices:
        choices.append(Choice("Add one that is not listed...", OTHER))
    return choices + _extras(default, can_go_back)


def _plural_noun(question: Question) -> str:
    return question.id.replace("_", " ")


def _check_list_selection(selected: list[str]) -> bool | str:
    if DONT_KNOW in selected and len(selected) > 1:
        return "'Don't know' goes alone: untick the other entries"
    return True


def _check_languages(question: Question, text: str) -> bool | str:
    parsed = parse_languages(text)
    if isinstance(parsed, str):
        return parsed
    problems = [problem for name in parsed if (problem := list_item_problem(question, name))]
    if problems:
        return problems[0][0].upper() + problems[0][1:]
    return True if parsed else "Type at least one name, e.g. scala, kotlin"


def _check_text(text: str, *, required: bool) -> bool | str:
    if required and not text.strip():
        return "Required: type a name"
    if len(text.strip()) > PROJECT_TEXT_LIMIT:
        return f"At most {PROJECT_TEXT_LIMIT} characters"
    if any(ord(c) < 32 or ord(c) == 127 for c in text):
        return "No control characters, please"
    return True
