"""What the interview tests share: the small rule pack, keys as a terminal sends them, the
scripted terminal. (Not in conftest.py: test modules import these by name.)"""

import io
from dataclasses import dataclass
from pathlib import Path

from prompt_toolkit.input import PipeInput

PACK_DIR = Path(__file__).parent / "data" / "pack"

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
