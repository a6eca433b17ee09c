"""The outcome of `advisor rules test`, as text for people and JSON for tools."""

from __future__ import annotations

from typing import Any

from advisor.checks.cases import CaseResult, Failure, SuiteRun
from advisor.facts import FORMAT
from advisor.pack.compile import Trace
from advisor.pack.model import RulePack
from advisor.render.json import json_document
from advisor.words import counted

_OUTCOME = {True: "true", False: "false", None: "undetermined"}


def render_suite_text(run: SuiteRun) -> str:
    """One line per case; failures explained below them; the summary as the last line."""
    lines: list[str] = []
    for result in run.results:
        lines.append(_headline(result))
        if result.status == "fail":
            for failure in result.failures:
                lines.extend(_failure_lines(failure))
    if run.uncovered:
        lines.append(f"uncovered: {counted(len(run.uncovered), 'rule')} fired by no case:")
        lines.extend(f"  {rule.id} ({rule.file}:{rule.line}:{rule.col})" for rule in run.uncovered)
    lines.append(run.summary)
    return "\n".join(lines) + "\n"


def _headline(result: CaseResult) -> str:
    case = result.case
    head = f"{result.status.upper()} {case.where.file}:{case.where.line} {case.name}"
    if result.status != "skip":
        return head
    note = "; it passes now: remove the todo" if result.todo_passes else ""
    return f"{head} (todo: {case.todo}{note})"


def _failure_lines(failure: Failure) -> list[str]:
    lines = [f"  {failure.message}"]
    lines.extend(f"    {detail}" for detail in failure.details)
    if failure.trace is not None:
        lines.extend(trace_lines(failure.trace, depth=2))
    return lines


def trace_lines(node: Trace, depth: int = 0) -> list[str]:
    """A traced condition as an indented tree: outcome, condition text, the value it read."""
    indent = "  " * depth
    word = _OUTCOME[node.outcome]
    if node.parts:
        lines = [f"{indent}{word:<12} {node.text}"]
        for part in node.parts:
            lines.extend(trace_lines(part, depth + 1))
        return lines
    value = f"   [{node.value}]" if node.value else ""
    return [f"{indent}{word:<12} {node.text}{value}"]


def render_suite_json(run: SuiteRun, pack: RulePack) -> str:
    data = {
        "format": FORMAT,
        "rule_pack": {"name": pack.info.name, "version": pack.info.version, "sha256": pack.sha256},
        "cases": [_case_json(result) for result in run.results],
        "uncovered": [
            {"id": rule.id, "file": rule.file, "line": rule.line, "col": rule.col} for rule in run.uncovered
        ],
        "summary": {
            "passed": run.count("pass"),
            "failed": run.count("fail"),
            "skipped": run.count("skip"),
            "uncovered": len(run.uncovered),
            "text": run.summary,
        },
    }
    return json_document(data)


def _case_json(result: CaseResult) -> dict[str, Any]:
    case = result.case
    return {
        "name": case.name,
        "file": case.where.file,
        "line": case.where.line,
        "status": result.status,
        "todo": case.todo,
        "todo_passes": result.todo_passes,
        "strategy": result.strategy,
        "platform": result.platform,
        "dev_environment": result.dev_environment,
        "fired": list(result.fired),
        "failures": [
            {
                "message": failure.message,
                "details": list(failure.details),
                "trace": _trace_json(failure.trace) if failure.trace else None,
            }
            for failure in result.failures
        ],
    }


def _trace_json(node: Trace) -> dict[str, Any]:
    return {
        "text": node.text,
        "outcome": node.outcome,
        "value": node.value,
        "parts": [_trace_json(part) for part in node.parts],
    }
