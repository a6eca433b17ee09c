"""Security cases: hostile answers files and rule packs stay data, and are refused quickly.

The tool reads files that clients and colleagues send, and consultants' rule packs. None of
them may run code, reach Python attributes, hang the tool, or smuggle markup into a report.
"""

from __future__ import annotations

import builtins
import html.parser
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from advisor.answers import apply_settings, load_answers
from advisor.cli import main
from advisor.errors import InputError
from advisor.evaluate import evaluate
from advisor.pack.bundled import default_rules_dir
from advisor.pack.load import load_rule_pack
from advisor.pack.model import OPTIONS_FILE, PACK_FILE, QUESTIONS_FILE, RulePack
from advisor.render import render
from advisor.source.document import MAX_FILE_BYTES
from tests.conftest import ROOT

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
HANG_GUARD_SECONDS = 2.0


def _formats() -> tuple[str, ...]:
    import advisor.render
    from advisor.commands.common import REPORT_FORMATS

    return tuple(getattr(advisor.render, "FORMATS", REPORT_FORMATS))


FORMATS = _formats()


def report(path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str, str]:
    code = main(["report", "--answers", str(path), "--date", "2026-11-27", *extra])
    out, err = capsys.readouterr()
    return code, out, err


def answers_file(tmp_path: Path, body: str, name: str = "answers.yaml") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def pack() -> RulePack:
    return load_rule_pack(default_rules_dir())


def pack_with_rules(tmp_path: Path, rules_yaml: str) -> Path:
    """A copy of the default pack's questions and options with one rule file of our own."""
    root = tmp_path / "pack"
    root.mkdir()
    for name in (PACK_FILE, QUESTIONS_FILE, OPTIONS_FILE):
        shutil.copy(default_rules_dir() / name, root / name)
    (root / "custom.yaml").write_text(rules_yaml, encoding="utf-8")
    return root


# --- YAML tags -----------------------------------------------------------------------------

PYTHON_TAGS = [
    "!!python/object/apply:os.system ['touch {marker}']",
    "!!python/object/new:os.system ['touch {marker}']",
    "!!python/object:os.system {{}}",
    "!!python/name:os.system",
    "!!python/module:os",
    "!<tag:yaml.org,2002:python/object/apply:os.system> ['touch {marker}']",
    "!local-tag value",
]


@pytest.mark.parametrize("tagged", PYTHON_TAGS)
@pytest.mark.parametrize("place", ["fact", "project", "document"])
def test_python_yaml_tags_are_inert_and_reported(
    tagged: str, place: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    marker = tmp_path / "executed"
    value = tagged.format(marker=marker)
    body = {
        "fact": f"format: advisor/v1\nanswers:\n  app:\n    components: {value}\n",
        "project": f"format: advisor/v1\nproject:\n  name: {value}\n",
        "document": f"{value}\n",
    }[place]
    code, out, err = report(answers_file(tmp_path, body), capsys)
    assert code == 2
    assert "is not allowed here; remove it" in err
    assert f"{tmp_path / 'answers.yaml'}:" in err
    assert out == ""
    assert not marker.exists()


def test_python_tag_in_a_real_process_runs_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "executed"
    path = answers_file(
        tmp_path, f"format: advisor/v1\nanswers: !!python/object/apply:os.system ['touch {marker}']\n"
    )
    done = subprocess.run(
        [sys.executable, "-m", "advisor", "report", "--answers", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    tag = "!!python/object/apply:os.system"
    assert f"{path}:2:10: answers: YAML tag '{tag}' is not allowed here" in done.stderr
    assert "Traceback" not in done.stderr
    assert not marker.exists()


# --- bombs and oversize files ----------------------------------------------------------------


def timed_report(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, float]:
    """Exit code and message of `advisor report`, and how long reading the answers took.

    Only the reading is timed (loading the rule pack is not), so that a
    busy machine does not turn the hang guard into a flaky test.
    """
    code, _, err = report(path, capsys)
    bank = load_rule_pack(default_rules_dir()).bank
    start = time.perf_counter()
    with pytest.raises(InputError):
        load_answers(path, bank)
    return code, err, time.perf_counter() - start


def test_alias_expansion_bomb_is_refused_quickly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = ["format: advisor/v1", "project:", "  name: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"  l{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    code, err, seconds = timed_report(answers_file(tmp_path, "\n".join(lines) + "\n"), capsys)
    assert code == 2
    assert "values after expanding aliases; refusing to read further (alias bomb?)" in err
    assert seconds < HANG_GUARD_SECONDS


def test_repeated_deep_nesting_is_refused_quickly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Regression: 400 kB of nested brackets kept the YAML scanner busy for 15 s and more."""
    nest = "[" * 100 + "]" * 100
    body = "format: advisor/v1\nproject:\n  name: [" + ",".join([nest] * 2000) + "]\n"
    code, err, seconds = timed_report(answers_file(tmp_path, body), capsys)
    assert code == 2
    assert f"{tmp_path / 'answers.yaml'}:3:" in err
    assert "nesting is too deep to be an input file" in err
    assert seconds < HANG_GUARD_SECONDS


def test_one_deep_nesting_is_refused_quickly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err, seconds = timed_report(answers_file(tmp_path, "[" * 500_000), capsys)
    assert code == 2
    assert "answers.yaml:1:41: nesting is too deep to be an input file" in err
    assert seconds < HANG_GUARD_SECONDS


def test_oversize_file_is_refused_before_parsing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    body = "format: advisor/v1\n" + "# padding\n" * (MAX_FILE_BYTES // 10 + 1)
    code, err, seconds = timed_report(answers_file(tmp_path, body), capsys)
    assert code == 2
    assert f"file is larger than {MAX_FILE_BYTES:,} bytes; is it the right file?" in err
    assert seconds < HANG_GUARD_SECONDS


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_endless_input_is_refused_without_reading_it_all(capsys: pytest.CaptureFixture[str]) -> None:
    code, err, seconds = timed_report(Path("/dev/zero"), capsys)
    assert code == 2
    assert "file is larger than" in err
    assert seconds < HANG_GUARD_SECONDS


HUGE = "s3cr3t" * 165_000  # 990,000 characters: a file's whole content, quoted back


@pytest.mark.parametrize(
    "body",
    [
        f"format: advisor/v1\nproject: {{name: {HUGE}}}\n",
        f"format: advisor/v1\nanswers:\n  stack: {{languages: [{HUGE}]}}\n",
        f"format: advisor/v1\nanswers:\n  app: {{components: {HUGE}}}\n",
        f"format: advisor/v1\nanswers:\n  ? {HUGE}\n  : 1\n",
        f"{HUGE}\n",
        f"format: advisor/v1\nanswers: !{HUGE}!x foo\n",
    ],
    ids=["project name", "list item", "integer", "key", "whole file", "tag handle"],
)
def test_an_error_quotes_a_short_excerpt_of_a_huge_value(
    body: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = report(answers_file(tmp_path, body), capsys)
    assert code == 2 and out == ""
    assert len(err) < 600, err[:2000]
    assert "s3cr3t" * 12 not in err


# --- odd scalars: located errors, never a crash ---------------------------------------------------


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("!!bool maybe", "cannot read 'maybe': not a !!bool"),
        ("!!timestamp soon", "cannot read 'soon': not a !!timestamp"),
        ("!!float many", "cannot read 'many': could not convert string to float: 'many'"),
        ("9" * 5000, "cannot read an integer of 5,000 digits: too large"),
    ],
)
def test_explicitly_tagged_or_huge_scalars_are_located_errors(
    value: str, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Regression: `!!bool maybe` crashed with KeyError; a 5,000-digit number was echoed whole."""
    path = answers_file(tmp_path, f"format: advisor/v1\nanswers:\n  app:\n    components: {value}\n")
    code, _, err = report(path, capsys)
    assert code == 2
    assert err.strip() == f"{path}:4:17: answers.app.components: {message}"


def test_control_character_is_a_located_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Regression: PyYAML's reader error came out without a line, as 'position 38'."""
    path = answers_file(tmp_path, 'format: advisor/v1\nproject:\n  name: "a\x07b"\n')
    code, _, err = report(path, capsys)
    assert code == 2
    assert err.strip() == f"{path}:3:11: character U+0007 is not allowed in YAML; remove it"


# --- rule text never reaches code ------------------------------------------------------------------


def load_problems(tmp_path: Path, rules_yaml: str) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_rule_pack(pack_with_rules(tmp_path, rules_yaml))
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.parametrize(
    ("condition", "message"),
    [
        ("__import__('os').system('x') == 1", "unknown fact '__import__('os').system('x')'"),
        ("app.components.__class__ == 1", "unknown fact 'app.components.__class__'"),
        ("app.__dict__ == 1", "unknown fact 'app.__dict__'"),
        ("count(app.components.__class__) > 1", "unknown fact 'app.components.__class__'"),
        ("eval('1') == 1", "unknown fact 'eval('1')'"),
        ("app.components == __import__('os')", "expected an integer, got '__import__('os')'"),
        ("app.components >= app.components.__class__", "expected an integer"),
        ("hosting.provider == __class__", "'__class__' is not a choice of hosting.provider"),
        ("app.components.real == 1", "unknown fact 'app.components.real'"),
        ("app.components __eq__ 1", "unknown operator '__eq__'"),
    ],
)
def test_code_in_a_condition_is_rejected_at_load_with_its_location(
    condition: str, message: str, tmp_path: Path
) -> None:
    rules = f'rules:\n  - id: hostile\n    when: "{condition}"\n    effects: {{paas: 1}}\n    because: x\n'
    problems = load_problems(tmp_path, rules)
    assert len(problems) == 1
    assert problems[0].startswith(f"{tmp_path / 'pack' / 'custom.yaml'}:3:11: ")
    assert message in problems[0]


def test_code_as_a_list_value_stays_a_plain_string(tmp_path: Path, pack: RulePack) -> None:
    """`contains` compares with any text; text that looks like code is compared, never run."""
    text = "__import__('os').system('touch x')"
    rules = f'rules:\n  - id: odd-language\n    when: "stack.languages contains {text}"\n'
    rules += "    effects: {paas: 1}\n    because: x\n"
    custom = load_rule_pack(pack_with_rules(tmp_path, rules))
    (rule,) = [r for r in custom.rules if r.id == "odd-language"]
    assert rule.test({"stack.languages": ("python",)}) is False
    assert rule.test({"stack.languages": (text.lower(),)}) is True


@pytest.mark.parametrize(
    "placeholder",
    [
        "{app.components.__class__}",
        "{app.components.__class__.__init__.__globals__}",
        "{app.components!r}",
        "{app.components:>99999}",
        "{0}",
        "{}",
        "{__import__}",
    ],
)
@pytest.mark.parametrize("field", ["because", "mitigation"])
def test_format_placeholders_beyond_a_fact_id_are_rejected_at_load(
    placeholder: str, field: str, tmp_path: Path
) -> None:
    rules = "rules:\n  - id: hostile\n    when: app.components >= 1\n    effects: {paas: 1}\n"
    rules += "    because: plain\n" if field == "mitigation" else ""
    rules += f'    {field}: "Value: {placeholder}"\n'
    problems = load_problems(tmp_path, rules)
    line = 6 if field == "mitigation" else 5
    assert len(problems) == 1
    assert problems[0].startswith(f"{tmp_path / 'pack' / 'custom.yaml'}:{line}:{len(field) + 7}: ")
    assert f"rule 'hostile': {field} names unknown fact '{placeholder}'" in problems[0]


def test_interpolation_looks_up_fact_ids_and_nothing_else() -> None:
    """Even text that got past the load check is never formatted: no attributes, no conversions."""
    from advisor.words import interpolate

    facts: dict[str, Any] = {"app.components": 3}
    text = "{app.components} {app.components.__class__} {app.components!r} {0} %s"
    assert interpolate(text, facts) == "3 unanswered unanswered unanswered %s"


def test_loading_and_evaluating_never_calls_eval_exec_or_compile(
    pack: RulePack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole pipeline once for warm-up (imports exec module code), then with the builtins gone."""

    def pipeline() -> list[str]:
        loaded = load_rule_pack(default_rules_dir())
        outputs = []
        for path in EXAMPLES:
            answers = apply_settings(load_answers(path, loaded.bank), ["team.ops_engineers=1"], loaded.bank)
            result = evaluate(loaded, answers)
            outputs += [render(result, fmt) for fmt in FORMATS]
        return outputs

    expected = pipeline()
    calls: list[str] = []

    def forbidden(name: str) -> Any:
        def refuse(*args: Any, **kwargs: Any) -> Any:
            calls.append(name)
            raise AssertionError(f"{name} called")

        return refuse

    for name in ("eval", "exec", "compile"):
        monkeypatch.setattr(builtins, name, forbidden(name))
    try:
        outputs = pipeline()
    finally:
        monkeypatch.undo()
    assert calls == []
    assert outputs == expected


# --- markup in user text -------------------------------------------------------------------------

PAYLOADS = [
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
    "[click me](javascript:alert(1))",
    "![pixel](https://evil.example/p.png)",
    "<https://evil.example/auto>",
    "# Heading",
    "| a | b |",
    "**bold** _em_ `code`",
    "<!-- hidden",
    "&lt;script&gt;",
    "> quoted",
    "- item",
    "1. item",
    "```",
    "---",
    "[ref]: https://evil.example",
    "<div onclick=alert(1)>x</div>",
    "trailing backslash \\",
    "line one\n# injected heading\n\n<script>x</script>",
]


class _Html(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag + "".join(f" {name}" for name, _ in attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def to_html(markdown_text: str, engine: str) -> str:
    if engine == "python-markdown":
        import markdown

        return markdown.markdown(markdown_text, extensions=["tables"])
    markdown_it = pytest.importorskip("markdown_it")
    return str(markdown_it.MarkdownIt("commonmark").enable("table").render(markdown_text))


def parsed(markdown_text: str, engine: str) -> _Html:
    parser = _Html()
    parser.feed(to_html(markdown_text, engine))
    return parser


def user_text_report(pack: RulePack, texts: list[str], fmt: str = "md") -> str:
    """A Markdown report in which every user-provided field carries one of `texts`."""
    path = EXAMPLES[0]
    answers = load_answers(path, pack.bank)
    project = answers.project.model_copy(update={"name": texts[0], "client": texts[1], "assessor": texts[2]})
    languages = tuple(text.strip().lower()[:40] for text in texts[3:6])
    chosen = answers.with_facts({"stack.languages": languages})
    from dataclasses import replace

    return render(evaluate(pack, replace(chosen, project=project)), fmt)


@pytest.mark.parametrize("engine", ["python-markdown", "commonmark"])
@pytest.mark.parametrize("payload", PAYLOADS)
def test_user_text_cannot_add_markup_to_the_markdown_report(
    engine: str, payload: str, pack: RulePack
) -> None:
    """Project name, client, assessor and language names: same HTML structure as plain words."""
    plain = parsed(user_text_report(pack, ["plain"] * 6), engine)
    hostile = parsed(user_text_report(pack, [payload] * 6), engine)
    assert hostile.tags == plain.tags
    shown = " ".join(" ".join(hostile.text).split())
    assert " ".join(payload.split()) in shown
    assert " ".join(payload.strip().lower()[:40].split()) in shown


def front_matter(text: str) -> tuple[Any, str]:
    """YAML front matter (as ADRs carry) parsed, and the Markdown body after it."""
    if not text.startswith("---\n"):
        return None, text
    head, body = text[4:].split("\n---\n", 1)
    return yaml.safe_load(head), body


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "json"])
def test_no_report_format_lets_a_script_tag_through(fmt: str, pack: RulePack) -> None:
    """Every human-readable format (HTML and ADR when present) escapes user text too."""
    payload = "<script>alert('x')</script>"
    _, body = front_matter(user_text_report(pack, [payload] * 6, fmt))
    assert "<script>alert(" not in body
    if fmt != "html":
        assert "script" not in parsed(body, "python-markdown").tags


def test_user_text_cannot_add_keys_to_front_matter(pack: RulePack) -> None:
    """Quotes, colons and newlines in a name stay inside the ADR's YAML front matter values."""
    payload = 'x"\nstatus: rejected\n# "\'\\: [y]'
    plain, _ = front_matter(user_text_report(pack, ["plain"] * 6, "adr"))
    hostile, _ = front_matter(user_text_report(pack, [payload] * 6, "adr"))
    assert plain is not None
    assert isinstance(hostile, dict) and set(hostile) == set(plain)
    assert hostile.get("status") == plain.get("status")
