"""Fixtures for the interview: a small rule pack and a scripted terminal (prompt_toolkit pipe)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from interview_support import PACK_DIR
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import PipeInput, create_pipe_input
from prompt_toolkit.output.plain_text import PlainTextOutput

from advisor.paths import default_rules_dir
from advisor.rulepack import RulePack, load_rule_pack


@pytest.fixture(scope="session")
def pack() -> RulePack:
    return load_rule_pack(PACK_DIR)


@pytest.fixture(scope="session")
def default_pack() -> RulePack:
    return load_rule_pack(default_rules_dir())


@dataclass
class ScriptedTerminal:
    """Keystrokes in through a pipe; everything shown, as plain text, in `screen`."""

    pipe: PipeInput
    output: io.StringIO

    def type(self, *keys: str) -> None:
        self.pipe.send_text("".join(keys))

    @property
    def screen(self) -> str:
        return self.output.getvalue()


@pytest.fixture
def terminal() -> Iterator[ScriptedTerminal]:
    with create_pipe_input() as pipe:
        output = io.StringIO()
        with create_app_session(input=pipe, output=PlainTextOutput(output)):
            yield ScriptedTerminal(pipe, output)
