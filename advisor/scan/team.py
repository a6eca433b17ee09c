"""Detectors for what the team already does: CI in containers, image and config pipelines."""

from __future__ import annotations

import re
from posixpath import basename
from typing import Any

from advisor.scan import cloud
from advisor.scan.findings import CLOUD, CONTAINERS, IMAGE_PIPELINE, OS, PLATFORM, Findings, is_incidental
from advisor.scan.read import json_object
from advisor.scan.walk import Candidate

_CI_NAMES = frozenset(
    {
        ".gitlab-ci.yml", "bitbucket-pipelines.yml", "azure-pipelines.yml", "azure-pipelines.yaml",
        ".drone.yml", ".woodpecker.yml", "cloudbuild.yaml", "cloudbuild.yml", "Jenkinsfile",
    }
)  # fmt: skip
_CI_FOLDERS = (".github/workflows/", ".circleci/", ".buildkite/", ".woodpecker/", ".gitlab/")
_CI_CONTAINERS = re.compile(
    r"^[ \t]*(?:-[ \t]*)?(image|container|services|docker)[ \t]*:"
    r"|\bdocker(?:-compose| compose| build| buildx| run)\b|docker/build-push-action"
    r"|agent\s*\{\s*(docker|dockerfile|kubernetes)\b|docker\.(image|build)\(",
    re.MULTILINE,
)


def is_ci_file(path: str) -> bool:
    return basename(path) in _CI_NAMES or any(folder in f"/{path}" for folder in _CI_FOLDERS)


def detect_ci(candidate: Candidate, text: str, findings: Findings) -> None:
    if _CI_CONTAINERS.search(text):
        findings.add(CONTAINERS, "ci", candidate.path)


_PACKER_HCL = re.compile(r'^[ \t]*(source[ \t]+"[\w-]+"[ \t]+"[\w-]+"|build)[ \t]*\{', re.MULTILINE)
_PACKER_SOURCE = re.compile(r'^[ \t]*source[ \t]+"([\w-]{1,60})"[ \t]+"', re.MULTILINE)
_WINRM = re.compile(r"""communicator["']?\s*[=:]\s*["']winrm""")
_SSH = re.compile(r"""communicator["']?\s*[=:]\s*["']ssh|\bssh_username\b""")


def detect_packer(candidate: Candidate, text: str, findings: Findings) -> None:
    """A Packer template: HCL (`*.pkr.hcl`) or JSON (`*.pkr.json`, `packer*.json`)."""
    path = candidate.path
    if path.endswith(".json"):
        template = json_object(text, path, findings)
        if template is not None:
            detect_packer_template(candidate, template, text, findings)
    elif _PACKER_HCL.search(text) and not is_incidental(path):
        _packer(candidate, _PACKER_SOURCE.findall(text), text, findings)


def detect_packer_template(
    candidate: Candidate, template: dict[str, Any], text: str, findings: Findings
) -> bool:
    """A JSON Packer template (one with `builders`), under any name; True when it was one."""
    if "builders" not in template or is_incidental(candidate.path):
        return False
    _packer(candidate, cloud.packer_builders(template), text, findings)
    return True


def _packer(candidate: Candidate, builders: list[str], text: str, findings: Findings) -> None:
    path = candidate.path
    findings.add(IMAGE_PIPELINE, "packer", path)
    findings.add(PLATFORM, "vms", path)
    if _WINRM.search(text):
        findings.add(OS, "windows", path, "Packer over WinRM")
    elif _SSH.search(text):
        findings.add(OS, "linux", path, "Packer over SSH")
    for builder in builders:
        where = cloud.packer_cloud(builder)
        if where is not None:
            findings.add(CLOUD, where, path, f"Packer {builder}")


_PLAY = re.compile(r"^[ \t]*(?:-[ \t]*)?hosts:[ \t]*(?:\S|\r?\n[ \t]*-)", re.MULTILINE)
_PLAY_BODY = re.compile(r"^[ \t]*(tasks|roles|import_playbook|include_role|pre_tasks):", re.MULTILINE)
_CHEF_METADATA = re.compile(r"^[ \t]*(depends|chef_version|supports)\b", re.MULTILINE)
_ROLE_TASKS = re.compile(r"(^|/)roles/[^/]+/(tasks|handlers)/[^/]+$")
_ANSIBLE_WINDOWS = re.compile(
    r"^[ \t]*(?:-[ \t]*)?(ansible\.windows\.\w+|win_\w+)[ \t]*:|ansible_connection:[ \t]*winrm", re.MULTILINE
)
_PUPPET = re.compile(
    r"^[ \t]*(?:(class|node|define)[ \t]+[\w:'\"]|(package|service|file|exec)[ \t]*\{)", re.MULTILINE
)


def detect_ansible_yaml(candidate: Candidate, text: str, findings: Findings) -> bool:
    """An Ansible playbook or role task file; True when it was one."""
    path = candidate.path
    if not (_ROLE_TASKS.search(path) or (_PLAY.search(text) and _PLAY_BODY.search(text))):
        return False
    if not is_incidental(path):
        findings.add(IMAGE_PIPELINE, "ansible", path)
        findings.add(PLATFORM, "vms", path)
        if _ANSIBLE_WINDOWS.search(text):
            findings.add(OS, "windows", path)
    return True


def detect_config_management(candidate: Candidate, text: str, findings: Findings) -> None:
    """ansible.cfg, Chef (Berksfile, Policyfile.rb, cookbook metadata.rb), Puppet."""
    path, name = candidate.path, basename(candidate.path)
    if is_incidental(path):
        return
    if candidate.kind == "ansible":
        tool = "ansible"
    elif candidate.kind == "chef":
        if name == "metadata.rb" and not _CHEF_METADATA.search(text):
            return
        tool = "chef"
    else:
        if name != "Puppetfile" and not _PUPPET.search(text):
            return
        tool = "puppet"
    findings.add(IMAGE_PIPELINE, tool, path)
    findings.add(PLATFORM, "vms", path)
