"""A scan reads a client's tree: it must stay inside it, skip what is not theirs, and never crash."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from scan_repos import KUBERNETES_SHOP, Tree, deployment, write_tree

from advisor.errors import InputError
from advisor.questions import QuestionBank
from advisor.scan import MAX_BYTES, scan

Build = Callable[[Tree], Path]
NOBODY = 65534


def test_symlinks_are_never_followed_in_or_out_of_the_root(tmp_path: Path, bank: QuestionBank) -> None:
    outside = write_tree(
        tmp_path / "outside",
        {"Dockerfile": "FROM python:3.12\n", "package.json": '{"dependencies": {"express": "4"}}'},
    )
    root = write_tree(tmp_path / "repo", {"README.md": "hello\n"})
    (root / "escape").symlink_to(outside, target_is_directory=True)
    (root / "Dockerfile").symlink_to(outside / "Dockerfile")
    (root / "loop").symlink_to(root, target_is_directory=True)
    report = scan(root, bank)
    assert report.answers.facts == {}
    assert report.symlinks_skipped == 3
    assert "3 symbolic links were not followed" in report.notes


def test_dependency_virtualenv_and_build_folders_are_skipped(repo: Build, bank: QuestionBank) -> None:
    server = '{"dependencies": {"express": "4"}}'
    report = scan(
        repo(
            {
                "node_modules/a/package.json": server,
                "vendor/b/package.json": server,
                "pyenv/pyvenv.cfg": "home = /usr/bin\n",
                "pyenv/lib/Dockerfile": "FROM python\n",
                "target/classes/Dockerfile": "FROM java\n",
                "src/App/App.csproj": "<Project/>\n",
                "src/App/bin/Release/Dockerfile": "FROM dotnet\n",
                "tools/bin/Dockerfile": "FROM alpine:3\n",
            }
        ),
        bank,
    )
    assert report.answers.facts["stack.languages"] == ("dotnet",)
    assert report.evidence["team.container_experience"] == (
        "at least some (Dockerfiles: tools/bin/Dockerfile); production if images run there"
    )


def test_files_over_the_size_limit_are_skipped_with_a_warning(repo: Build, bank: QuestionBank) -> None:
    padding = "# padding\n" * (MAX_BYTES // 10 + 1)
    report = scan(repo({"k8s/huge.yaml": deployment("api", "r/api:1") + padding}), bank)
    assert report.answers.facts == {}
    assert report.warnings == ["k8s/huge.yaml: skipped, larger than 1,000,000 bytes"]


def test_compose_file_the_loader_refuses_still_shows_compose_use(repo: Build, bank: QuestionBank) -> None:
    compose = "x-base: &base\n  build: .\nservices:\n  api:\n    <<: *base\n"
    report = scan(repo({"docker-compose.yml": compose}), bank)
    assert report.answers.facts == {"team.container_experience": "some"}
    assert report.warnings[0].startswith("docker-compose.yml: skipped a YAML document that does not parse")


def test_a_missing_path_is_an_input_error(tmp_path: Path, bank: QuestionBank) -> None:
    with pytest.raises(InputError, match="missing: no such folder"):
        scan(tmp_path / "missing", bank)


def test_a_file_instead_of_a_folder_is_an_input_error(tmp_path: Path, bank: QuestionBank) -> None:
    (tmp_path / "Dockerfile").write_text("FROM x\n")
    with pytest.raises(InputError, match="not a folder"):
        scan(tmp_path / "Dockerfile", bank)


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A temporary folder an unprivileged user can enter (pytest's own is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="advisor-scan-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder)


def scan_without_privileges(root: Path, bank: QuestionBank) -> dict[str, object]:
    """Run the real scan as a user the permissions apply to; root reads anything.

    Forks, drops to `nobody` in the child (whose modules are already imported), scans, and
    hands the outcome back through a pipe.
    """
    if os.geteuid() != 0:
        report = scan(root, bank)
        return {"facts": sorted(report.answers.facts), "warnings": report.warnings}
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        status = 1
        try:
            os.close(read_end)
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            report = scan(root, bank)
            payload = {"facts": sorted(report.answers.facts), "warnings": report.warnings}
            os.write(write_end, json.dumps(payload).encode())
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as stream:
        data = stream.read()
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, "the unprivileged scan failed"
    outcome: dict[str, object] = json.loads(data)
    return outcome


def test_unreadable_files_and_folders_are_warnings(shared_tmp: Path, bank: QuestionBank) -> None:
    root = write_tree(shared_tmp / "repo", {**KUBERNETES_SHOP, "secret/Dockerfile": "FROM x\n"})
    for folder in [root, *root.rglob("*")]:
        if folder.is_dir():
            folder.chmod(0o755)
    (root / "services/api/Dockerfile").chmod(0o000)
    (root / "secret").chmod(0o000)
    outcome = scan_without_privileges(root, bank)
    assert "app.components" in outcome["facts"]  # type: ignore[operator]
    warnings = outcome["warnings"]
    assert isinstance(warnings, list)
    assert "services/api/Dockerfile: skipped, cannot read (Permission denied)" in warnings
    assert "secret/: skipped, cannot list folder (Permission denied)" in warnings
