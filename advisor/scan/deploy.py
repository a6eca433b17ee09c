"""Detectors for how the system is deployed: process files, PaaS files, orchestrator manifests.

Each function reads one file's text and records signals; none of them decides a fact.
"""

from __future__ import annotations

import re
from posixpath import basename, dirname
from typing import Any

from advisor.scan import cloud, team
from advisor.scan.findings import (
    ACCELERATOR,
    CLOUD,
    CONTAINERS,
    NON_CONTAINER_JOBS,
    OS,
    PLATFORM,
    STATE,
    Findings,
    is_incidental,
)
from advisor.scan.images import component_folder, is_infrastructure_image, is_state_image
from advisor.scan.read import dig, json_object, mapping, yaml_documents
from advisor.scan.walk import Candidate

# --- Procfile and other PaaS configuration ------------------------------------------------

_PROCESS = re.compile(r"^([A-Za-z0-9_-]+)[ \t]*:[ \t]*\S", re.MULTILINE)
_HEROKU_KEYS = ("buildpacks", "formation", "addons")
# File name -> the line that makes it a PaaS configuration rather than a namesake.
_PAAS_MARKERS = {
    "fly.toml": re.compile(r"^[ \t]*app[ \t]*=", re.MULTILINE),
    "render.yaml": re.compile(r"^services:", re.MULTILINE),
    "heroku.yml": re.compile(r"^(build|run):", re.MULTILINE),
    "app.yaml": re.compile(r"^runtime:\s*\S", re.MULTILINE),  # App Engine
    "app.yml": re.compile(r"^runtime:\s*\S", re.MULTILINE),
    "manifest.yml": re.compile(r"^applications:", re.MULTILINE),  # Cloud Foundry
    "manifest.yaml": re.compile(r"^applications:", re.MULTILINE),
}


def detect_procfile(candidate: Candidate, text: str, findings: Findings) -> None:
    path = candidate.path
    if is_incidental(path):
        return
    kinds = [kind for kind in _PROCESS.findall(text) if kind != "release"]
    for kind in kinds:
        findings.component("procfile", candidate.repo, f"{component_folder(path)}:{kind}", path)
    if kinds:
        findings.add(PLATFORM, "paas", path)
        findings.add(OS, "linux", path)


def detect_paas_config(candidate: Candidate, text: str, findings: Findings) -> bool:
    """fly.toml, render.yaml, heroku.yml, App Engine app.yaml, Cloud Foundry manifests."""
    marker = _PAAS_MARKERS.get(basename(candidate.path))
    if marker is None or not marker.search(text):
        return False
    platform = "cloud-foundry" if basename(candidate.path).startswith("manifest.") else "paas"
    findings.add(PLATFORM, platform, candidate.path)
    findings.add(OS, "linux", candidate.path)
    cloud.paas_cloud(candidate.path, findings)
    return True


def detect_beanstalk(path: str, findings: Findings) -> None:
    """`.ebextensions/` or `.elasticbeanstalk/`: an Elastic Beanstalk application."""
    findings.add(PLATFORM, "paas", path)
    findings.add(CLOUD, cloud.AWS, path, "Elastic Beanstalk")


def detect_json(candidate: Candidate, text: str, findings: Findings) -> None:
    """app.json (Heroku), Dockerrun.aws.json (Elastic Beanstalk), ECS task definitions, and
    templates: Packer, CloudFormation, ARM."""
    path = candidate.path
    name = basename(path)
    data = json_object(text, path, findings)
    if data is None:
        return
    if name == "app.json":
        if any(key in data for key in _HEROKU_KEYS) or str(data.get("stack", "")).startswith("heroku"):
            findings.add(PLATFORM, "paas", path)
            cloud.paas_cloud(path, findings)
    elif name == "Dockerrun.aws.json":
        findings.add(PLATFORM, "paas", path)
        cloud.paas_cloud(path, findings)
    elif isinstance(data.get("containerDefinitions"), list) and isinstance(data.get("family"), str):
        findings.add(PLATFORM, "ecs", path)
        findings.add(CLOUD, cloud.AWS, path, "ECS task definition")
        findings.component("ecs", candidate.repo, data["family"], path)
        family = str(dig(data, "runtimePlatform", "operatingSystemFamily") or "LINUX")
        findings.add(OS, "windows" if family.upper().startswith("WINDOWS") else "linux", path)
    elif not team.detect_packer_template(candidate, data, text, findings):
        detect_cloudformation(candidate, text, findings)
        cloud.detect_arm_template(candidate, text, findings)


# --- Compose and Swarm -------------------------------------------------------------------

_SWARM_ONLY = ("placement", "update_config", "rollback_config")


_SERVICES = re.compile(r"^services:", re.MULTILINE)


def is_compose(name: str, text: str) -> bool:
    """A Compose or Swarm stack file: named like one, with top-level `services:`."""
    lower = name.lower()
    named = lower.startswith(("docker-compose", "compose.", "docker-stack")) or "stack" in lower
    return named and _SERVICES.search(text) is not None


def detect_compose(candidate: Candidate, text: str, findings: Findings) -> None:
    path = candidate.path
    if is_incidental(path):
        return
    findings.add(CONTAINERS, "compose", path)
    stack_file = "stack" in basename(path).lower()
    for document in yaml_documents(text, path, findings):
        for service, spec in mapping(mapping(document).get("services")).items():
            spec = mapping(spec)
            deploy = spec.get("deploy")
            swarm = isinstance(deploy, dict) and (
                stack_file or any(key in deploy for key in _SWARM_ONLY) or deploy.get("mode") == "global"
            )
            if swarm:
                findings.add(PLATFORM, "swarm", path)
            if "build" in spec:
                findings.component("compose", candidate.repo, service, path)
            elif swarm and not is_infrastructure_image(str(spec.get("image", ""))):
                findings.component("swarm", candidate.repo, service, path)


# --- Kubernetes, ECS (CloudFormation, Copilot), Nomad, Terraform -------------------------

_K8S_API = re.compile(
    r"^(v1|apps/|batch/|extensions/|networking\.k8s\.io/|autoscaling/|(apps|route)\.openshift\.io/)"
)
_OPENSHIFT_API = re.compile(r"^(apps|route)\.openshift\.io/")
_K8S_WORKLOADS = {"Deployment", "StatefulSet", "CronJob", "DeploymentConfig"}
_K8S_OTHERS = {
    "DaemonSet",
    "Job",
    "Pod",
    "ReplicaSet",
    "Service",
    "Ingress",
    "HorizontalPodAutoscaler",
    "Route",
}
_GPU_RESOURCES = frozenset({"nvidia.com/gpu", "amd.com/gpu", "gpu.intel.com/i915"})
KUBERNETES_TOOLS = frozenset(
    {"kustomization.yaml", "kustomization.yml", "Kustomization", "Chart.yaml", "skaffold.yaml"}
)
_COPILOT_TYPE = re.compile(
    r"^type:\s*['\"]?(Load Balanced Web Service|Backend Service|Worker Service|"
    r"Request-Driven Web Service|Scheduled Job|Static Site)",
    re.MULTILINE,
)
_MANIFEST_HINT = re.compile(r"^kind:\s*\w", re.MULTILINE)
_TOP_LEVEL_KIND = re.compile(r"^kind:[ \t]*['\"]?(\w+)", re.MULTILINE)


def detect_kubernetes_tool(candidate: Candidate, text: str, findings: Findings) -> None:
    """Helm charts, Kustomize and Skaffold configurations: Kubernetes is the platform."""
    if re.search(r"^(apiVersion|name|resources|bases|build|deploy):", text, re.MULTILINE):
        findings.add(PLATFORM, "kubernetes", candidate.path)


def detect_kubernetes(candidate: Candidate, text: str, findings: Findings) -> None:
    path = candidate.path
    if "{{" in text or not _MANIFEST_HINT.search(text) or "apiVersion:" not in text:
        return  # Helm templates are Go templates, not YAML; the chart is detected by Chart.yaml
    for document in yaml_documents(text, path, findings, wanted=_may_be_kubernetes_object):
        _kubernetes_object(candidate, mapping(document), findings)


def _may_be_kubernetes_object(document: str) -> bool:
    """Only the kinds the scan reads are parsed; a bundle of CRDs costs a text search."""
    kind = _TOP_LEVEL_KIND.search(document)
    return kind is not None and (kind.group(1) in _K8S_WORKLOADS or kind.group(1) in _K8S_OTHERS)


def _kubernetes_object(candidate: Candidate, document: dict[str, Any], findings: Findings) -> None:
    kind, api = document.get("kind"), document.get("apiVersion")
    if not isinstance(kind, str) or not isinstance(api, str) or not _K8S_API.match(api):
        return
    if kind not in _K8S_WORKLOADS and kind not in _K8S_OTHERS:
        return
    path = candidate.path
    if is_incidental(path):
        return
    findings.add(PLATFORM, "openshift" if _OPENSHIFT_API.match(api) else "kubernetes", path)
    if kind not in _K8S_WORKLOADS:
        return
    name = str(dig(document, "metadata", "name") or basename(path))
    pod = dig(document, "spec", "jobTemplate", "spec", "template", "spec") or dig(
        document, "spec", "template", "spec"
    )
    containers = dig(pod, "containers")
    images = [str(mapping(c).get("image", "")) for c in containers] if isinstance(containers, list) else []
    if any(is_state_image(image) for image in images):
        findings.add(STATE, name, path)
    if not images or not all(is_infrastructure_image(image) for image in images):
        findings.component("kubernetes", candidate.repo, name, path)
    for container in containers if isinstance(containers, list) else []:
        resources = mapping(mapping(container).get("resources"))
        if any(
            key in _GPU_RESOURCES for part in ("limits", "requests") for key in mapping(resources.get(part))
        ):
            findings.add(ACCELERATOR, "gpu", path, f"{name} requests a GPU")
    selector = mapping(dig(pod, "nodeSelector"))
    node_os = selector.get("kubernetes.io/os") or selector.get("beta.kubernetes.io/os") or "linux"
    findings.add(OS, "windows" if str(node_os).lower() == "windows" else "linux", path)


def detect_copilot(candidate: Candidate, text: str, findings: Findings) -> bool:
    """`copilot/<service>/manifest.yml` of AWS Copilot: one ECS service or job each."""
    if "copilot/" not in f"/{candidate.path}" or not _COPILOT_TYPE.search(text):
        return False
    service = basename(dirname(candidate.path))
    findings.add(PLATFORM, "ecs", candidate.path)
    findings.add(CLOUD, cloud.AWS, candidate.path, "Copilot")
    findings.component("ecs", candidate.repo, service, candidate.path)
    return True


_CFN_TASK = re.compile(r"AWS::ECS::TaskDefinition")


def detect_cloudformation(candidate: Candidate, text: str, findings: Findings) -> None:
    cloud.detect_cloudformation(candidate, text, findings)
    if "AWS::ECS::" in text:
        findings.add(PLATFORM, "ecs", candidate.path)
        for index, _ in enumerate(_CFN_TASK.finditer(text)):
            findings.component("ecs", candidate.repo, f"{candidate.path}#{index}", candidate.path)
    if "AWS::EKS::Cluster" in text:
        findings.add(PLATFORM, "kubernetes", candidate.path)


_NOMAD_JOB = re.compile(r'^[ \t]*job[ \t]+"([^"\n]+)"[ \t]*\{', re.MULTILINE)
_NOMAD_DRIVER = re.compile(r'\bdriver\s*=\s*"([\w-]+)"')
_CONTAINER_DRIVERS = {"docker", "podman", "containerd-driver", "containerd"}


def detect_nomad(candidate: Candidate, text: str, findings: Findings) -> None:
    jobs = _NOMAD_JOB.findall(text)
    if not jobs or is_incidental(candidate.path):
        return
    findings.add(PLATFORM, "nomad", candidate.path)
    for job in jobs:
        findings.component("nomad", candidate.repo, job, candidate.path)
    for driver in _NOMAD_DRIVER.findall(text):
        if driver not in _CONTAINER_DRIVERS:
            findings.add(NON_CONTAINER_JOBS, driver, candidate.path)


_RESOURCE = re.compile(r'^[ \t]*resource[ \t]+"(\w+)"[ \t]+"([\w-]+)"', re.MULTILINE)
_TERRAFORM_COMPONENTS = {
    "aws_ecs_task_definition": "ecs",
    "kubernetes_deployment": "kubernetes",
    "kubernetes_deployment_v1": "kubernetes",
    "kubernetes_stateful_set": "kubernetes",
    "kubernetes_stateful_set_v1": "kubernetes",
    "kubernetes_cron_job": "kubernetes",
    "kubernetes_cron_job_v1": "kubernetes",
    "nomad_job": "nomad",
}
_TERRAFORM_PLATFORMS = {
    "aws_ecs_service": "ecs",
    "aws_ecs_cluster": "ecs",
    "aws_eks_cluster": "kubernetes",
    "google_container_cluster": "kubernetes",
    "azurerm_kubernetes_cluster": "kubernetes",
    "digitalocean_kubernetes_cluster": "kubernetes",
    "heroku_app": "paas",
    "aws_elastic_beanstalk_environment": "paas",
    "google_app_engine_application": "paas",
    "azurerm_linux_web_app": "paas",
    "azurerm_windows_web_app": "paas",
    "azurerm_app_service": "paas",
    "aws_launch_template": "vms",
    "aws_autoscaling_group": "vms",
    "google_compute_instance_group_manager": "vms",
    "azurerm_linux_virtual_machine_scale_set": "vms",
    "azurerm_windows_virtual_machine_scale_set": "vms",
    "azurerm_windows_virtual_machine": "vms",
    "google_compute_region_instance_group_manager": "vms",
}
# Groups of identical VMs, each running one application from a baked image: the unit of
# deployment of a golden-image estate, as a Deployment is of a Kubernetes one.
_VM_GROUPS = frozenset(
    {
        "aws_autoscaling_group",
        "google_compute_instance_group_manager",
        "google_compute_region_instance_group_manager",
        "azurerm_linux_virtual_machine_scale_set",
        "azurerm_windows_virtual_machine_scale_set",
    }
)


def detect_terraform(candidate: Candidate, text: str, findings: Findings) -> None:
    path = candidate.path
    if is_incidental(path):
        return
    for resource, name in _RESOURCE.findall(text):
        source = _TERRAFORM_COMPONENTS.get(resource)
        if source is not None:
            findings.add(PLATFORM, source, path)
            findings.component(source, candidate.repo, name, path)
        platform = _TERRAFORM_PLATFORMS.get(resource)
        if platform is not None:
            findings.add(PLATFORM, platform, path)
        if resource in _VM_GROUPS:
            findings.component("vm-group", candidate.repo, name, path)
        if resource.startswith("azurerm_windows_"):
            findings.add(OS, "windows", path)
        elif resource.startswith("azurerm_linux_"):
            findings.add(OS, "linux", path)
