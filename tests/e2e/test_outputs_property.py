"""A property of every command that writes: it changes only what it was told to write.

For any writing command and any output path (new, an existing file, a symbolic link, a
FIFO, a device, a folder, or one of the run's own inputs), every file that existed before
and is not the named output is byte-identical afterwards, and the output path keeps its
type: a link stays a link, a FIFO a FIFO, a device a device. Real subprocesses, no mocks.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import ROOT

EXAMPLES = ROOT / "examples"
# (command, what it writes besides the output: "answers" for assess's answers file)
COMMANDS = {
    "report-md": ["report", "--answers", "answers.yaml", "--rules", "pack", "-q"],
    "report-json": ["report", "--answers", "answers.yaml", "--format", "json", "-q"],
    "report-adr": ["report", "--answers", "answers.yaml", "--format", "adr", "-q"],
    "whatif": ["whatif", "--answers", "answers.yaml", "--set", "app.components=1"],
    "diff": ["diff", "old.json", "answers.yaml", "--format", "json"],
    "scan": ["scan", "clients"],
    "scan-force": ["scan", "clients", "--force"],
    "assess": ["assess", "--answers", "answers.yaml", "--date", "2026-11-27", "-q"],
    "batch": ["batch", "clients"],
    "rules-init": ["rules", "init"],
}
OUTPUTS = [
    "new.md",
    "notes.txt",
    "link.md",
    "dangling.md",
    "fifo",
    "device",
    "folder",
    "folder/",
    "answers.yaml",
    "answers-link.yaml",
    "pack/rules.yaml",
    "old.json",
    "clients/acme.yaml",
    # Standard output by name. /dev/fd/1 rather than /dev/stdout: were the stream ever
    # renamed over again (as before), it lies in /proc, where no file can be created, so a
    # regression fails here instead of replacing the machine's /dev/stdout.
    "/dev/fd/1",
]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The workspace every case starts from (copied, so each case gets a fresh one)."""
    root = tmp_path_factory.mktemp("workspace")
    shutil.copy(EXAMPLES / "checkout-platform.yaml", root / "answers.yaml")
    (root / "clients").mkdir()
    shutil.copy(EXAMPLES / "storefront-startup.yaml", root / "clients" / "acme.yaml")
    shutil.copy(EXAMPLES / "claims-windows-onprem.yaml", root / "clients" / "claims.yaml")
    advisor("rules", "init", "pack", cwd=root)
    advisor("report", "--answers", "answers.yaml", "--format", "json", "-o", "old.json", "-q", cwd=root)
    (root / "notes.txt").write_text("my notes\n")
    (root / "folder").mkdir()
    (root / "folder" / "kept.md").write_text("kept\n")
    return root


def advisor(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "advisor", *args],
        cwd=cwd,
        capture_output=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


def workspace(template: Path, into: Path) -> None:
    shutil.copytree(template, into, symlinks=True)
    (into / "link.md").symlink_to("notes.txt")
    (into / "dangling.md").symlink_to("folder/nowhere.md")
    (into / "answers-link.yaml").symlink_to("answers.yaml")
    os.mkfifo(into / "fifo")
    try:
        os.mknod(into / "device", stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a /dev/null of our own
        (into / "device").write_bytes(b"")
    except OSError:
        (into / "device").unlink(missing_ok=True)


def snapshot(root: Path) -> dict[str, tuple[int, bytes | str]]:
    """Every entry under root: its type, and its bytes (files) or target (links)."""
    seen: dict[str, tuple[int, bytes | str]] = {}
    for top, folders, files in os.walk(root):
        for name in [*folders, *files]:
            path = Path(top) / name
            mode = os.lstat(path).st_mode
            kind = stat.S_IFMT(mode)
            if stat.S_ISLNK(mode):
                seen[path.relative_to(root).as_posix()] = (kind, os.readlink(path))
            elif stat.S_ISREG(mode):
                seen[path.relative_to(root).as_posix()] = (kind, path.read_bytes())
            else:
                seen[path.relative_to(root).as_posix()] = (kind, b"")
    return seen


@contextmanager
def fifo_reader(path: Path) -> Iterator[None]:
    """Drain the FIFO if the command writes into it; release the reader afterwards."""
    thread = threading.Thread(target=lambda: path.read_bytes(), daemon=True)
    thread.start()
    try:
        yield
    finally:
        if thread.is_alive():  # nobody wrote: open the write end so the reader sees the end
            with suppress(OSError):  # the reader was just leaving
                os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
        thread.join(timeout=10)


def allowed_to_change(root: Path, command: str, output: str) -> set[str]:
    """The paths (relative to root) the command was told to write, and what they imply:
    a link's target, and the answers file assess writes beside its report."""
    named = output.rstrip("/")
    allowed = {named}
    target = root / named
    if target.is_symlink():
        allowed.add(os.path.relpath(os.path.realpath(target), os.path.realpath(root)))
    if command == "assess":
        allowed.add(Path(named).with_name(Path(named).stem + ".answers.yaml").as_posix())
    return allowed


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(command=st.sampled_from(sorted(COMMANDS)), output=st.sampled_from(OUTPUTS))
@pytest.mark.skipif(os.name != "posix", reason="FIFOs, devices and links")
def test_a_writing_command_changes_nothing_but_its_output(template: Path, command: str, output: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "w"
        workspace(template, root)
        if output == "device" and not (root / "device").exists():
            return
        before = snapshot(root)
        named = ["-o", output] if command != "rules-init" else [output]
        with fifo_reader(root / "fifo"):
            done = advisor(*COMMANDS[command], *named, cwd=root)
        stderr = done.stderr.decode(errors="replace")
        case = f"{command} {' '.join(named)}"
        assert done.returncode in (0, 2), f"{case}: exit {done.returncode}\n{stderr}"
        assert "Traceback" not in stderr and "unexpected error" not in stderr, f"{case}\n{stderr}"
        after = snapshot(root)
        allowed = allowed_to_change(root, command, output)
        for path, (kind, content) in before.items():
            assert path in after, f"{case}: {path} is gone\n{stderr}"
            assert after[path][0] == kind, f"{case}: {path} changed its type\n{stderr}"
            if path not in allowed:
                assert after[path][1] == content, f"{case}: {path} changed\n{stderr}"
