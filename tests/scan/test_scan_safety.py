"""A scan reads a client's tree: it must stay inside it, skip what is not theirs, and never crash."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from advisor.errors import InputError
from advisor.pack.questions import QuestionBank
from advisor.scan import MAX_BYTES, scan
from tests.scan.scan_repos import KUBERNETES_SHOP, Tree, deployment, write_tree

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


def unprivileged(task: Callable[[], str]) -> str:
    """Run `task` as a user that file permissions apply to (root reads anything) and
    return what it returned.

    As root: fork, drop to `nobody` in the child (whose modules are already imported),
    and hand the result back through a pipe.
    """
    if os.geteuid() != 0:
        return task()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        status = 1
        try:
            os.close(read_end)
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            os.write(write_end, task().encode())
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as stream:
        data = stream.read().decode()
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, "the unprivileged task failed"
    return data


def test_unreadable_files_and_folders_are_warnings(shared_tmp: Path, bank: QuestionBank) -> None:
    root = write_tree(shared_tmp / "repo", {**KUBERNETES_SHOP, "secret/Dockerfile": "FROM x\n"})
    for folder in [root, *root.rglob("*")]:
        if folder.is_dir():
            folder.chmod(0o755)
    (root / "services/api/Dockerfile").chmod(0o000)
    (root / "secret").chmod(0o000)

    def task() -> str:
        report = scan(root, bank)
        return json.dumps({"facts": sorted(report.answers.facts), "warnings": report.warnings})

    outcome = json.loads(unprivileged(task))
    assert "app.components" in outcome["facts"]
    assert "services/api/Dockerfile: skipped, cannot read (Permission denied)" in outcome["warnings"]
    assert "secret/: skipped, cannot list folder (Permission denied)" in outcome["warnings"]


def test_odd_file_names_cannot_break_the_answers_file_or_the_terminal(
    repo: Build, bank: QuestionBank, tmp_path: Path
) -> None:
    root = repo({"svc\x1b[31m\nx/Dockerfile": "FROM debian:12\n", "k8s/bad\x07.yaml": "kind: [\n"})
    bad = os.fsencode(root) + b"/caf\xe9"
    os.mkdir(bad)
    with open(bad + b"/Procfile", "wb") as stream:
        stream.write(b"web: run\n")
    report = scan(root, bank)
    evidence = " ".join(report.evidence.values())
    assert "svc?[31m?x/Dockerfile" in evidence
    assert "caf?/Procfile" in evidence
    assert all(text.isprintable() for text in [*report.evidence.values(), *report.warnings])
    from advisor.answers import answers_to_yaml, load_answers

    written = tmp_path / "answers.yaml"
    written.write_text(answers_to_yaml(report.answers, bank, comments=report.evidence), encoding="utf-8")
    assert load_answers(written, bank).facts == report.answers.facts


def test_a_kubernetes_manifest_named_like_a_stack_file_is_still_read(repo: Build, bank: QuestionBank) -> None:
    report = scan(repo({"k8s/elk-stack.yaml": deployment("kibana", "registry/kibana:8")}), bank)
    assert report.answers.facts["hosting.existing_platform"] == "kubernetes"


def test_malformed_manifests_of_every_shape_are_survived(repo: Build, bank: QuestionBank) -> None:
    report = scan(
        repo(
            {
                "k8s/a.yaml": "apiVersion: v1\nkind: Deployment\nspec: {template: {spec: {containers: 5}}}",
                "k8s/b.yaml": "apiVersion: apps/v1\nkind: Deployment\nspec: [1, 2]\nmetadata: oops\n",
                "k8s/c.yaml": "apiVersion: 3\nkind: Deployment\n",
                "docker-compose.yml": "services:\n  - not a mapping\n",
                "compose.yaml": "services:\n  api: 5\n",
                "ecs/x-taskdef.json": "[1, 2]",
                "ecs/y-taskdef.json": "{" * 100_000,
                "package.json": '{"dependencies": [1], "scripts": "start"}',
                "a/package.json": "not json",
                "k8s/d.yaml": "---\n---\n# only a comment\n---\n",
            }
        ),
        bank,
    )
    assert report.answers.facts["app.components"] == 2  # the two Deployments that have a shape
    assert {warning.split(":")[0] for warning in report.warnings} == {
        "ecs/y-taskdef.json",
        "a/package.json",
    }


def test_a_root_that_cannot_be_listed_is_an_input_error(shared_tmp: Path, bank: QuestionBank) -> None:
    locked = shared_tmp / "locked"
    locked.mkdir(mode=0o000)

    def task() -> str:
        try:
            scan(locked, bank)
        except InputError as error:
            return str(error)
        return "no error"

    assert unprivileged(task) == f"{locked}: cannot read folder: Permission denied"


def test_a_file_swapped_for_a_link_or_a_fifo_after_listing_is_not_read(tmp_path: Path) -> None:
    from advisor.scan.findings import Findings
    from advisor.scan.read import read_text

    secret = tmp_path / "secret"
    secret.write_text("FROM private\n")
    (tmp_path / "Dockerfile").symlink_to(secret)
    os.mkfifo(tmp_path / "Procfile")
    findings = Findings()
    assert read_text(str(tmp_path / "Dockerfile"), "Dockerfile", findings) is None
    assert read_text(str(tmp_path / "Procfile"), "Procfile", findings) is None
    assert findings.warnings[0].startswith("Dockerfile: skipped, cannot read (")
    assert findings.warnings[1] == "Procfile: skipped, not a regular file"
