"""Routing each candidate file to its detectors; the only place that opens files."""

from __future__ import annotations

from posixpath import basename

from advisor.scan import cloud, deploy, images, stack, team
from advisor.scan.findings import CONTAINERS, Findings, is_incidental
from advisor.scan.read import read_text
from advisor.scan.walk import Candidate, Walk

_PAAS_YAML = frozenset({"render.yaml", "heroku.yml", "app.yaml", "app.yml", "manifest.yml", "manifest.yaml"})
_NEEDS_NO_TEXT = frozenset({"devcontainer", "powershell", "cloud-marker"})
_AZD = frozenset({"azure.yaml", "azure.yml"})
_SERVERLESS_FRAMEWORK = frozenset({"serverless.yml", "serverless.yaml"})


def detect(walk: Walk) -> Findings:
    findings = Findings()
    for folder, _repo in walk.folders:
        if basename(folder) == ".ebextensions" and not is_incidental(f"{folder}/"):
            deploy.detect_beanstalk(f"{folder}/", findings)
    for candidate in walk.candidates:
        if candidate.kind in _NEEDS_NO_TEXT or (
            candidate.kind == "manifest" and not stack.needs_content(basename(candidate.path))
        ):
            _detect_by_name(candidate, findings)
        elif (text := read_text(candidate.absolute, candidate.path, findings)) is not None:
            detect_text(candidate, text, findings)
    return findings


def _detect_by_name(candidate: Candidate, findings: Findings) -> None:
    if candidate.kind == "manifest":
        stack.detect_manifest(candidate, None, findings)
    elif candidate.kind == "devcontainer":
        findings.add(CONTAINERS, "devcontainer", candidate.path)
    elif candidate.kind == "cloud-marker":
        cloud.detect_marker(candidate, findings)
    else:
        stack.detect_powershell(candidate, findings)


def detect_text(candidate: Candidate, text: str, findings: Findings) -> None:
    """Every signal one file's text shows, by the kind its name gave it."""
    kind = candidate.kind
    if kind == "manifest":
        stack.detect_manifest(candidate, text, findings)
    elif kind == "dockerfile":
        images.detect_dockerfile(candidate, text, findings)
    elif kind == "procfile":
        deploy.detect_procfile(candidate, text, findings)
    elif kind == "aptfile":
        images.detect_aptfile(candidate, text, findings)
    elif kind == "ci":
        team.detect_ci(candidate, text, findings)
        cloud.detect_ci_deploys(candidate, text, findings)
    elif kind == "packer":
        team.detect_packer(candidate, text, findings)
    elif kind == "json":
        deploy.detect_json(candidate, text, findings)
    elif kind == "paas-config":
        deploy.detect_paas_config(candidate, text, findings)
    elif kind in ("ansible", "chef", "puppet"):
        team.detect_config_management(candidate, text, findings)
    elif kind == "hcl":
        deploy.detect_nomad(candidate, text, findings)
    elif kind == "terraform":
        deploy.detect_terraform(candidate, text, findings)
        cloud.detect_terraform(candidate, text, findings)
    elif kind == "bicep":
        cloud.detect_bicep(candidate, text, findings)
    elif kind == "yaml":
        _detect_yaml(candidate, text, findings)


def _detect_yaml(candidate: Candidate, text: str, findings: Findings) -> None:
    name = basename(candidate.path)
    if team.is_ci_file(candidate.path):
        team.detect_ci(candidate, text, findings)
        cloud.detect_ci_deploys(candidate, text, findings)
    elif name in _AZD:
        cloud.detect_azd(candidate, text, findings)
    elif name in _SERVERLESS_FRAMEWORK:
        cloud.detect_serverless_framework(candidate, text, findings)
    elif ".elasticbeanstalk/" in f"/{candidate.path}":
        deploy.detect_beanstalk(candidate.path, findings)
    elif deploy.is_compose(name, text):
        deploy.detect_compose(candidate, text, findings)
    elif name in deploy.KUBERNETES_TOOLS:
        deploy.detect_kubernetes_tool(candidate, text, findings)
    elif name in _PAAS_YAML and _detect_paas_yaml(candidate, text, findings):
        return
    elif not team.detect_ansible_yaml(candidate, text, findings):
        deploy.detect_kubernetes(candidate, text, findings)
        deploy.detect_cloudformation(candidate, text, findings)
        cloud.detect_cloud_run_service(candidate, text, findings)


def _detect_paas_yaml(candidate: Candidate, text: str, findings: Findings) -> bool:
    """manifest.yml is AWS Copilot's and Cloud Foundry's; app.yaml App Engine's and others'."""
    return deploy.detect_copilot(candidate, text, findings) or deploy.detect_paas_config(
        candidate, text, findings
    )
