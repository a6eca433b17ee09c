"""Outputs: atomic for files, straight through for devices and pipes, never over what a path
stands for; the umask's permissions; ADR numbers that concurrent writers never share."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from advisor.errors import InputError
from advisor.output import folder_lock, next_adr_number, write_atomic, write_numbered_adr
from tests.conftest import ROOT, run_advisor

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
CHECKOUT = str(ROOT / "examples" / "checkout-platform.yaml")
posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX file types and permissions")


def report_to(output: str, cwd: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return run_advisor(
        "report", "--answers", CHECKOUT, "--date", "2026-11-27", "-o", output, "-q", *extra, cwd=cwd
    )


@posix_only
def test_a_fifo_is_written_into_and_stays_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    done = report_to(str(fifo), tmp_path)
    reader.join(timeout=30)
    assert done.returncode == 0, done.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert received and received[0].startswith(b"# Deployment strategy: Checkout platform")


@posix_only
def test_a_character_device_is_written_into_and_stays_a_device(tmp_path: Path) -> None:
    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a /dev/null of our own
        device.write_bytes(b"")
    except OSError:
        pytest.skip("cannot make a device node here (not root, or a nodev mount)")
    done = report_to(str(device), tmp_path)
    assert done.returncode == 0, done.stderr
    assert stat.S_ISCHR(os.lstat(device).st_mode)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["null"]


@posix_only
def test_dev_stdout_writes_to_standard_output(tmp_path: Path) -> None:
    done = report_to("/dev/stdout", tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("# Deployment strategy: Checkout platform")


@posix_only
def test_a_symbolic_link_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    (tmp_path / "wiki").mkdir()
    target = tmp_path / "wiki" / "page.md"
    target.write_text("old\n")
    link = tmp_path / "page.md"
    link.symlink_to(target)
    dangling = tmp_path / "new.md"
    dangling.symlink_to(tmp_path / "wiki" / "new-page.md")
    assert report_to("page.md", tmp_path).returncode == 0
    assert report_to("new.md", tmp_path).returncode == 0
    assert link.is_symlink() and dangling.is_symlink()
    assert target.read_text("utf-8").startswith("# Deployment strategy")
    assert (tmp_path / "wiki" / "new-page.md").read_text("utf-8").startswith("# Deployment strategy")
    assert sorted(path.name for path in (tmp_path / "wiki").iterdir()) == ["new-page.md", "page.md"]


@posix_only
def test_a_socket_is_refused_and_left_alone(tmp_path: Path) -> None:
    import socket

    path = tmp_path / "s"
    with socket.socket(socket.AF_UNIX) as server:
        try:
            server.bind(str(path))
        except OSError:
            pytest.skip("cannot bind a socket here")
        done = report_to(str(path), tmp_path)
    assert done.returncode == 2
    assert "not a regular file, a device or a pipe; refusing to replace it" in done.stderr


@posix_only
def test_new_outputs_respect_the_umask_and_existing_ones_keep_their_mode(tmp_path: Path) -> None:
    existing = tmp_path / "kept.md"
    existing.write_text("old\n")
    existing.chmod(0o640)
    done = subprocess.run(
        [sys.executable, "-m", "advisor", "report", "--answers", CHECKOUT, "-q", "-o", "private.md"],
        cwd=tmp_path, capture_output=True, text=True, timeout=60, preexec_fn=lambda: os.umask(0o077),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(os.stat(tmp_path / "private.md").st_mode) == 0o600
    assert report_to("kept.md", tmp_path).returncode == 0
    assert stat.S_IMODE(os.stat(existing).st_mode) == 0o640


@pytest.mark.parametrize(
    "args",
    [
        ("report", "--answers", CHECKOUT, "-o", "N.md"),
        ("report", "--answers", CHECKOUT, "-o", "N/report.md"),
        ("report", "--answers", CHECKOUT, "--format", "adr", "-o", "N/"),
        ("report", "--answers", CHECKOUT, "--rules", "N"),
        ("whatif", "--answers", CHECKOUT, "--set", "app.components=1", "-o", "N.md"),
        ("diff", CHECKOUT, CHECKOUT, "-o", "N.md"),
        ("batch", str(ROOT / "examples"), "-o", "N"),
        ("batch", "N", "-o", "out"),
        ("rules", "init", "N"),
        ("rules", "check", "N"),
        ("assess", "--answers", CHECKOUT, "-o", "N.md"),
    ],
    ids=lambda args: " ".join(args[:1] + args[-2:]).replace("N", "LONG"),
)
def test_a_name_longer_than_the_file_system_allows_is_bad_input(
    args: tuple[str, ...], tmp_path: Path
) -> None:
    long = "n" * 300
    done = run_advisor(
        *(arg.replace("N", long) if arg.startswith("N") else arg for arg in args), cwd=tmp_path
    )
    assert done.returncode == 2, done.stderr
    assert "longer than 255 bytes; choose a shorter name" in done.stderr
    assert "unexpected" not in done.stderr


def test_a_name_near_the_limit_still_has_room_for_the_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / ("n" * 250 + ".md")
    write_atomic(path, "text\n")
    assert path.read_text() == "text\n"
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_a_folder_is_never_replaced_by_a_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a folder; give a file name"):
        write_atomic(tmp_path, "text\n")
    assert tmp_path.is_dir()


def test_concurrent_adr_writers_never_share_a_number(tmp_path: Path) -> None:
    """Twelve answers files (three of them copies under other names, so each is a decision of
    its own), recorded at once: twelve records, numbered 1 to 12. Recording the same files
    again, at once, writes nothing: the records hold their decisions already."""
    adr = tmp_path / "adr"
    adr.mkdir()
    copies = [tmp_path / f"copy-{path.name}" for path in EXAMPLES[:3]]
    for path, copy in zip(EXAMPLES[:3], copies, strict=True):
        copy.write_bytes(path.read_bytes())
    command = [sys.executable, "-m", "advisor", "report", "--format", "adr", "-o", "adr/", "-q", "--answers"]
    for files in (EXAMPLES + copies, EXAMPLES[:3] + copies):
        runs = [subprocess.Popen([*command, str(path)], cwd=tmp_path) for path in files]
        assert [run.wait(timeout=120) for run in runs] == [0] * len(runs)
        numbers = sorted(int(path.name[:4]) for path in adr.glob("*.md"))
        assert numbers == list(range(1, len(EXAMPLES) + len(copies) + 1))


def test_adr_numbers_keep_growing_after_9999(tmp_path: Path) -> None:
    (tmp_path / "9999-last-four-digit.md").write_text("# 9999\n")
    first = write_numbered_adr(tmp_path, "next", "a\n")
    second = write_numbered_adr(tmp_path, "next", "b\n")
    assert (first.name, second.name) == ("10000-next.md", "10001-next.md")
    assert next_adr_number(tmp_path) == 10002


@posix_only
def test_a_folder_lock_refuses_a_second_holder_that_will_not_wait(tmp_path: Path) -> None:
    with (
        folder_lock(tmp_path, wait=False),
        pytest.raises(InputError, match=r"^busy here$"),
        folder_lock(tmp_path, wait=False, busy="busy here"),
    ):
        pass
    with folder_lock(tmp_path, wait=False):
        pass  # released when the first holder left


def test_text_in_pieces_is_written_as_it_comes_and_all_or_nothing(tmp_path: Path) -> None:
    target = tmp_path / "index.md"
    for follow in (False, True):
        write_atomic(target, iter(["# Index\n", "é ✓\n"]), follow=follow)
        assert target.read_text(encoding="utf-8") == "# Index\né ✓\n"

    def broken() -> Iterator[str]:
        yield "half a page\n"
        raise OSError(5, "the spool could not be read")

    with pytest.raises(InputError):
        write_atomic(target, broken(), follow=False)
    assert target.read_text(encoding="utf-8") == "# Index\né ✓\n"
    assert [path.name for path in tmp_path.iterdir()] == ["index.md"]  # no temporary left
