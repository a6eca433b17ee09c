"""The cycle collector while advisor starts: held back, then resumed with what was loaded frozen.

Starting (the imports, pydantic's model classes, the rule pack) allocates much and frees
little, and the collector's passes over it cost a report about a third of advisor's own time.
The `advisor` command holds the collector back (`hold`) until the pack is loaded (`settle`):
what is loaded by then lives as long as the run, so it is handed to the interpreter for good
(`gc.freeze`; with it a little start-up garbage, some 1,800 objects, that no pass will free),
and the collector resumes over what comes next, no longer walking the pack again and again
(some 6% of a batch's time). Only a collector that `hold` held is resumed: a program that
uses advisor as a library keeps its collector as it set it.
"""

from __future__ import annotations

import gc

_held = False


def hold() -> None:
    """Hold the collector back, if it runs, until `settle` or `release`."""
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True


def settle() -> None:
    """The pack is loaded: freeze what is loaded and resume the collector, if `hold` held it."""
    global _held
    if _held:
        _held = False
        gc.freeze()
        gc.enable()


def release() -> None:
    """The run ends, or never loaded a pack: resume the collector, if `hold` still holds it."""
    global _held
    if _held:
        _held = False
        gc.enable()
