"""Fixtures for the interview: a small rule pack and a scripted terminal (prompt_toolkit pipe)."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output.plain_text import PlainTextOutput

from advisor.pack.bundled import default_rules_dir
from advisor.pack.load import load_rule_pack
from advisor.pack.model import RulePack
from tests.interview.interview_support import PACK_DIR, ScriptedTerminal


@pytest.fixture(scope="session")
def pack() -> RulePack:
    return load_rule_pack(PACK_DIR)


@pytest.fixture(scope="session")
def default_pack() -> RulePack:
    return load_rule_pack(default_rules_dir())


@pytest.fixture
def terminal() -> Iterator[ScriptedTerminal]:
    with create_pipe_input() as pipe:
        output = io.StringIO()
        with create_app_session(input=pipe, output=PlainTextOutput(output)):
            yield ScriptedTerminal(pipe, output)
