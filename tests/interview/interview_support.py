"""What the interview tests share: the small rule packs, keys as a terminal sends them, the
scripted terminal, the installed command in a pseudo-terminal. (Not in conftest.py: test
modules import these by name.)"""

import io
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import pexpect
from prompt_toolkit.input import PipeInput

PACK_DIR = Path(__file__).parent / "data" / "pack"
QUICK_PACK_DIR = Path(__file__).parent / "data" / "quick-pack"
# Answers for the quick-test pack with six facts unanswered (tests of assess --quick and
# questions --next): 8 components on Google Cloud.
QUICK_PARTIAL = """\
format: advisor/v1
project: {name: Checkout}
answers:
  app: {components: 8}
  hosting: {provider: gcp}
"""
ADVISOR = Path(sys.executable).parent / "advisor"

ENTER, DOWN, UP, SPACE, BACKSPACE, CTRL_C = "\r", "\x1b[B", "\x1b[A", " ", "\x7f", "\x03"


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


def spawn(args: list[str], cwd: Path, program: str = str(ADVISOR)) -> pexpect.spawn:
    """The command in a pseudo-terminal of 40 by 100, without colour."""
    env = {**os.environ, "TERM": "xterm", "NO_COLOR": "1", "PROMPT_TOOLKIT_NO_CPR": "1"}
    env.pop("COLUMNS", None)
    env.pop("LINES", None)
    return pexpect.spawn(
        program, args, cwd=str(cwd), env=env, dimensions=(40, 100), encoding="utf-8", timeout=20
    )


def finish(child: pexpect.spawn) -> int:
    """Its exit code, once it has ended (128 + the signal when a signal ended it)."""
    child.expect(pexpect.EOF)
    child.close()
    return int(child.exitstatus if child.exitstatus is not None else 128 + child.signalstatus)
