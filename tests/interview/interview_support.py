"""Constants the interview tests share: the small rule pack and keys as a terminal sends them."""

from pathlib import Path

PACK_DIR = Path(__file__).parent / "data" / "pack"

ENTER, DOWN, UP, SPACE, BACKSPACE, CTRL_C = "\r", "\x1b[B", "\x1b[A", " ", "\x7f", "\x03"
