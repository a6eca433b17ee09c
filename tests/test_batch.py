"""`advisor batch`: reports for every answers file, a portfolio index, safe output names."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from advisor.batch import output_path, output_slugs, plan, slugify, top_driver
from advisor.cli import main
from advisor.render.html import html_page
from advisor.render.portfolio import render_index
from advisor.result import PortfolioEntry
from tests.conftest import ROOT

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
BAD_ANSWERS = "format: advisor/v1\nanswers:\n  app:\n    components: zero\n"


def files_under(root: Path) -> set[Path]:
    return {path for path in root.rglob("*")}


@pytest.fixture
def clients(tmp_path: Path) -> Path:
    folder = tmp_path / "clients"
    folder.mkdir()
    for example in EXAMPLES:
        shutil.copy(example, folder / example.name)
    return folder


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Checkout Platform", "checkout-platform"),
        ("../../etc/passwd", "etc-passwd"),
        ("/absolute/path/file", "absolute-path-file"),
        ("C:\\Windows\\system32", "c-windows-system32"),
        ("Café Zürich", "cafe-zurich"),
        ("客户", "assessment"),
        ("..", "assessment"),
        ("a\nb\tc;rm -rf", "a-b-c-rm-rf"),
        ("x" * 200, "x" * 80),
    ],
)
def test_slugify_keeps_only_safe_characters(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_slug_collisions_are_numbered_in_order() -> None:
    assert output_slugs(["Acme", "acme", "ACME!", "index", "b"]) == [
        "acme",
        "acme-2",
        "acme-3",
        "index-2",
        "b",
    ]


def test_a_numbered_slug_never_takes_an_existing_name() -> None:
    assert output_slugs(["x", "x-2", "X"]) == ["x", "x-2", "x-3"]


def test_output_path_refuses_anything_but_a_plain_slug(tmp_path: Path) -> None:
    assert output_path(tmp_path, "acme", "md") == tmp_path / "acme.md"
    for bad in ("../acme", "/etc/x", "a/b", "", "-x"):
        with pytest.raises(ValueError):
            output_path(tmp_path, bad, "md")


def test_plan_finds_answers_files_recursively_in_a_stable_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    for name in ("b/z.yaml", "a.yml", "c.yaml", ".hidden/x.yaml", "notes.txt", "d.advisor-draft.yaml"):
        (tmp_path / name).write_text("format: advisor/v1\n")
    assert [job.label for job in plan(tmp_path)] == ["a.yml", "b/z.yaml", "c.yaml"]
    assert [job.slug for job in plan(tmp_path)] == ["a", "b-z", "c"]


def test_batch_writes_reports_and_an_index(
    clients: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["batch", str(clients), "-o", str(out), "--format", "md,json", "--date", "2026-11-27"]) == 0
    names = {path.name for path in out.iterdir()}
    for example in EXAMPLES:
        assert {f"{example.stem}.md", f"{example.stem}.json"} <= names
    report = (out / "checkout-platform.md").read_text()
    checkout = ROOT / "examples" / "checkout-platform.yaml"
    assert main(["report", "--answers", str(checkout), "--date", "2026-11-27"]) == 0
    assert report == capsys.readouterr().out
    index = (out / "index.md").read_text()
    assert "| Containers | 6 |" in index and "| Serverless containers | 3 |" in index
    assert "[Checkout platform](checkout-platform.md)" in index
    assert "`many-components`" in index
    rows = [line for line in index.splitlines() if line.startswith("| [")]
    confidences = [float(row.split("|")[5].split()[0]) for row in rows]
    assert confidences == sorted(confidences) and len(rows) == len(EXAMPLES)


def test_one_bad_file_is_listed_and_the_others_are_written(
    clients: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (clients / "broken.yaml").write_text(BAD_ANSWERS)
    out = tmp_path / "out"
    assert main(["batch", str(clients), "-o", str(out)]) == 2
    error = f"{clients / 'broken.yaml'}:4:17: answers.app.components: expected an integer"
    assert error in capsys.readouterr().err
    index = (out / "index.md").read_text()
    assert "## Could not be assessed" in index
    assert "| broken.yaml | broken.yaml:4:17: answers.app.components: expected an integer" in index
    assert str(tmp_path) not in index
    assert len(list(out.glob("*.md"))) == len(EXAMPLES) + 1
    assert not (out / "broken.md").exists()


def test_odd_file_names_never_write_outside_the_output_folder(tmp_path: Path) -> None:
    source = tmp_path / "in"
    (source / "..." / "etc").mkdir(parents=True)
    odd = [
        "x..yaml",
        "-.yaml",
        "%2e%2e%2fescape.yaml",
        "Ünïcødé 客户.yaml",
        "new\nline.yaml",
        "index.yaml",
        "客户.yaml",
    ]
    for name in odd:
        shutil.copy(EXAMPLES[0], source / name)
    before = files_under(tmp_path)
    out = tmp_path / "deep" / "out"
    assert main(["batch", str(source), "-o", str(out), "--format", "md,json"]) == 0
    written = files_under(tmp_path) - before
    assert all(path == out or out in path.parents or path == out.parent for path in written)
    assert all(path.parent == out for path in out.iterdir())
    stems = sorted(path.stem for path in out.glob("*.json"))
    assert stems == sorted(
        ["x", "assessment", "2e-2e-2fescape", "unicde", "new-line", "index-2", "assessment-2"]
    )
    assert not list(out.glob(".*")), "no temporary files left behind"


def test_batch_without_answers_files_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["batch", str(tmp_path), "-o", str(tmp_path / "out")]) == 2
    assert "no answers files" in capsys.readouterr().err


def test_bad_format_list_is_a_usage_error(clients: Path, tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["batch", str(clients), "-o", str(tmp_path), "--format", "md,pdf"])
    assert exit_info.value.code == 2


@pytest.mark.parametrize("other_thread", [False, True], ids=["forked-workers", "spawned-workers"])
def test_parallel_output_is_identical_to_serial(clients: Path, tmp_path: Path, other_thread: bool) -> None:
    """Workers are forked when the process has one thread, spawned otherwise (a progress bar)."""
    for copy in range(9):
        for example in EXAMPLES:
            shutil.copy(example, clients / f"{example.stem}-{copy}.yaml")
    (clients / "zz-broken.yaml").write_text(BAD_ANSWERS)
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    common = ["--format", "md,json", "--date", "2026-11-27"]
    assert main(["batch", str(clients), "-o", str(serial), "--jobs", "1", *common]) == 2
    stop = threading.Event()
    waiter = threading.Thread(target=stop.wait)
    if other_thread:
        waiter.start()
    try:
        assert main(["batch", str(clients), "-o", str(parallel), "--jobs", "2", *common]) == 2
    finally:
        stop.set()
    serial_files = sorted(path.name for path in serial.iterdir())
    assert serial_files == sorted(path.name for path in parallel.iterdir())
    assert len(serial_files) == 2 * len(EXAMPLES) * 10 + 2
    for name in serial_files:
        assert (serial / name).read_bytes() == (parallel / name).read_bytes(), name


def test_index_html_is_a_standalone_page_with_user_text_inert() -> None:
    entry = PortfolioEntry(
        label="x.yaml",
        slug="x",
        outputs=("x.md",),
        name="<script>alert(1)</script> | [link](javascript:alert(1))",
        strategy="paas",
        confidence=0.5,
        confidence_label="low",
    )
    page = html_page("Portfolio", render_index([entry], "md", "default 1"))
    assert page.startswith("<!DOCTYPE html>") and "<table" in page
    assert "<script>" not in page and 'href="javascript' not in page
    assert "&lt;script&gt;" in page
    assert "<b>" not in html_page("t", "<b>raw</b> text\n\n<div>block</div>\n")
    assert 'href="x.md"' in page


def test_top_driver_is_the_reports_first_decision_driver(clients: Path) -> None:
    from advisor.answers import load_answers
    from advisor.evaluate import evaluate
    from advisor.pack.layers import load_pack_stack
    from advisor.render.markdown import render_markdown

    pack = load_pack_stack([])
    for path in sorted(clients.glob("*.yaml")):
        result = evaluate(pack, load_answers(path, pack.bank))
        drivers = render_markdown(result).split("\n## Decision drivers\n", 1)[1]
        first_row = next(line for line in drivers.splitlines() if line.startswith("| `"))
        assert first_row.startswith(f"| `{top_driver(result)}` |")


def test_a_planted_symlink_in_the_output_folder_is_replaced_not_followed(
    clients: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text("keep me")
    out = tmp_path / "out"
    out.mkdir()
    (out / "checkout-platform.md").symlink_to(outside)
    assert main(["batch", str(clients), "-o", str(out)]) == 0
    assert outside.read_text() == "keep me"
    assert not (out / "checkout-platform.md").is_symlink()


def test_an_output_path_that_is_a_file_is_refused_up_front(
    clients: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    taken = tmp_path / "report.md"
    taken.write_text("mine")
    assert main(["batch", str(clients), "-o", str(taken)]) == 2
    assert (
        capsys.readouterr().err
        == f"advisor: error: {taken}: exists and is not a folder; -o takes the folder to write into\n"
    )
    assert taken.read_text() == "mine"


def test_a_bad_rule_pack_stops_the_batch_before_any_file(clients: Path, tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "pack.yaml").write_text("name: acme\n")
    assert main(["batch", str(clients), "-o", str(tmp_path / "out"), "--rules", str(pack)]) == 2
    assert not (tmp_path / "out").exists()


@pytest.mark.skipif(sys.platform == "win32", reason="no fork on Windows")
def test_workers_are_forked_only_while_no_other_thread_runs() -> None:
    from advisor.batch import _pool_context

    assert _pool_context().get_start_method() == "fork"
    stop = threading.Event()
    waiter = threading.Thread(target=stop.wait)
    waiter.start()
    try:
        assert _pool_context().get_start_method() == "spawn"
    finally:
        stop.set()


def test_symbolic_links_are_never_followed_out_of_the_folder(
    clients: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secrets = tmp_path / "secrets.yaml"
    secrets.write_text("API_KEY=hunter2\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "other-client.yaml").write_text(BAD_ANSWERS.replace("zero", "hunter2"))
    (clients / "acme.yaml").symlink_to(secrets)
    (clients / "more").symlink_to(elsewhere, target_is_directory=True)
    out = tmp_path / "out"
    assert main(["batch", str(clients), "-o", str(out), "--format", "md,html"]) == 0
    err = capsys.readouterr().err
    shown = [err, *(path.read_text() for path in out.iterdir())]
    assert not [text for text in shown if "hunter2" in text]
    assert f"advisor: batch: skipped {clients / 'acme.yaml'}: a symbolic link (never followed)" in err
    assert f"advisor: batch: skipped {clients / 'more'}: a symbolic link (never followed)" in err
    index = (out / "index.md").read_text()
    skipped = "Symbolic links, never followed (they could lead out of the folder):"
    assert index.endswith(f"## Skipped\n\n{skipped}\n\n- acme.yaml\n- more\n")
    assert sorted(path.name for path in out.iterdir() if path.suffix == ".md") == sorted(
        ["index.md", *(f"{example.stem}.md" for example in EXAMPLES)]
    )


class _Lethal(type(Path())):  # type: ignore[misc]
    """An answers file whose reading kills the process reading it, as the kernel's OOM killer would."""

    def open(self, *args: object, **kwargs: object) -> object:
        os.kill(os.getpid(), signal.SIGKILL)
        raise AssertionError("unreachable")


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_worker_killed_while_assessing_a_file_fails_that_file_and_the_batch_goes_on(
    clients: Path, tmp_path: Path
) -> None:
    from advisor.batch import WORKER_DIED, BatchSettings, Job, run_batch
    from advisor.pack.layers import load_pack_stack

    jobs = [Job(path, path.name, f"f{n}") for n, path in enumerate(sorted(clients.glob("*.yaml")) * 16)]
    jobs.insert(37, Job(_Lethal(tmp_path / "oom.yaml"), "oom.yaml", "oom"))
    out = tmp_path / "out"
    out.mkdir()
    settings = BatchSettings(rules=(), formats=("json",), outdir=out, workers=2)
    entries = run_batch(jobs, load_pack_stack([]), settings)
    assert [entry.label for entry in entries] == [job.label for job in jobs]
    failed = [entry for entry in entries if entry.error is not None]
    assert [(entry.label, entry.error) for entry in failed] == [("oom.yaml", WORKER_DIED)]
    assert len(list(out.glob("*.json"))) == len(jobs) - 1


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(child) for child in (task / "children").read_text().split()]
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0] not in "ZX"
    except OSError:
        return False


BIG_BATCH = 300  # answers files: enough for the batch to be busy while a test acts on it


def _big_batch(folder: Path) -> Path:
    """BIG_BATCH copies of the examples, taken in turn."""
    folder.mkdir()
    for number in range(BIG_BATCH):
        example = EXAMPLES[number % len(EXAMPLES)]
        shutil.copy(example, folder / f"{example.stem}-{number}.yaml")
    return folder


def _start_batch(clients: Path, out: Path) -> subprocess.Popen[str]:
    batch = subprocess.Popen(
        [sys.executable, "-m", "advisor", "batch", str(clients), "-o", str(out), "--jobs", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while not (out.is_dir() and any(out.glob("*.md"))) or not _children(batch.pid):
        assert batch.poll() is None and time.monotonic() < deadline, batch.communicate()
        time.sleep(0.02)
    return batch


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads /proc")
def test_a_worker_killed_from_outside_does_not_stop_the_batch(tmp_path: Path) -> None:
    clients = _big_batch(tmp_path / "clients")
    batch = _start_batch(clients, tmp_path / "out")
    os.kill(_children(batch.pid)[0], signal.SIGKILL)
    _, err = batch.communicate(timeout=120)
    assert batch.returncode == 0, err
    assert "Traceback" not in err and "BrokenProcessPool" not in err
    index = (tmp_path / "out" / "index.md").read_text()
    assert index.count("](") == BIG_BATCH


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads /proc")
def test_workers_die_with_the_batch(tmp_path: Path) -> None:
    clients = _big_batch(tmp_path / "clients")
    batch = _start_batch(clients, tmp_path / "out")
    workers = _children(batch.pid)
    batch.kill()
    batch.wait()
    deadline = time.monotonic() + 10
    while any(_alive(worker) for worker in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [worker for worker in workers if _alive(worker)]


@pytest.mark.skipif(sys.platform == "win32", reason="advisory locks")
def test_a_second_batch_into_a_busy_output_folder_is_refused(tmp_path: Path) -> None:
    clients = _big_batch(tmp_path / "clients")
    first = _start_batch(clients, tmp_path / "out")
    second = subprocess.run(
        [sys.executable, "-m", "advisor", "batch", str(ROOT / "examples"), "-o", str(tmp_path / "out")],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    _, err = first.communicate(timeout=120)
    assert first.returncode == 0, err
    assert second.returncode == 2
    assert second.stderr == (
        f"advisor: error: {tmp_path / 'out'}: another advisor batch is writing into this folder; wait "
        "for it to finish, or give another -o (two batches in one folder would mix their indexes)\n"
    )
    assert (tmp_path / "out" / "index.md").read_text().count("](") == BIG_BATCH
