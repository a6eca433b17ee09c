"""From signals to the hosting facts: the platform in use, the cloud, a hosted Kubernetes.

Each answer needs files that agree. Two orchestrators, or two clouds, leave the fact for
the user with a note naming what was found: only the user knows which one is production.
"""

from __future__ import annotations

from collections.abc import Callable
from posixpath import basename

from advisor.facts import FactValue
from advisor.scan.cloud import GCP, ON_PREM, SERVERLESS_ANSWERS, SERVERLESS_LABELS
from advisor.scan.findings import (
    CLOUD,
    CLOUD_HINT,
    MANAGED_KUBERNETES,
    PLATFORM,
    SERVERLESS,
    Findings,
    code_first,
    files,
)

Claim = Callable[[str, FactValue, str], None]

ORCHESTRATORS = ("kubernetes", "openshift", "ecs", "nomad", "swarm")
PAAS_AND_VMS = ("cloud-foundry", "paas", "vms")
PLATFORM_LABELS = {
    "kubernetes": "Kubernetes manifests, charts or clusters",
    "openshift": "OpenShift objects (DeploymentConfigs, Routes)",
    "ecs": "ECS task definitions, Copilot or ECS resources",
    "nomad": "Nomad jobs",
    "swarm": "Swarm stack files",
    "cloud-foundry": "Cloud Foundry manifests",
    "paas": "PaaS configuration",
    "vms": "VM image or configuration management files",
}
CLOUDS = ("aws", "gcp", "azure", "other-cloud", ON_PREM)
CLOUD_LABELS = {
    "aws": "AWS",
    "gcp": "Google Cloud",
    "azure": "Azure",
    "other-cloud": "another cloud",
    ON_PREM: "own data centre",
}
CLUSTER_LABELS = {
    "eks": "EKS",
    "gke": "GKE",
    "aks": "AKS",
    "doks": "DigitalOcean Kubernetes",
    "lke": "Linode Kubernetes Engine",
    "oke": "OCI Kubernetes Engine",
    "iks": "IBM Cloud Kubernetes Service",
    "kapsule": "Scaleway Kapsule",
    "ack": "Alibaba Cloud ACK",
}


def hosting_facts(findings: Findings, claim: Claim, notes: list[str]) -> None:
    _platform(findings, claim, notes)
    _provider(findings, claim, notes)
    clusters = findings.keys(MANAGED_KUBERNETES)
    if clusters:
        shown = "; ".join(
            f"{CLUSTER_LABELS.get(key, key)}: {files(code_first(findings.shown(MANAGED_KUBERNETES, key)), 2)}"
            for key in clusters
        )
        claim("hosting.managed_kubernetes", True, f"hosted Kubernetes created or used in code ({shown})")


def _platform(findings: Findings, claim: Claim, notes: list[str]) -> None:
    platforms = {key: code_first(findings.shown(PLATFORM, key)) for key in (*ORCHESTRATORS, *PAAS_AND_VMS)}
    platforms = {key: shown for key, shown in platforms.items() if shown}
    if "openshift" in platforms:
        platforms.pop("kubernetes", None)  # plain Kubernetes objects run on OpenShift too
    if "paas" in platforms and _procfiles_for_google_buildpacks(findings):
        notes.append(
            f"Procfile found ({files(platforms.pop('paas'), 2)}) beside Google Cloud files and no Heroku "
            "ones: Google Cloud's buildpacks read it for Cloud Run, so it does not show a PaaS"
        )
    orchestrators = [key for key in ORCHESTRATORS if key in platforms]
    chosen = None
    if len(orchestrators) > 1:
        notes.append(
            "several orchestrators detected ("
            + "; ".join(f"{key}: {files(platforms[key], 2)}" for key in orchestrators)
            + "); hosting.existing_platform is left for you to answer"
        )
    elif orchestrators:
        chosen = orchestrators[0]
    else:
        chosen = next((key for key in PAAS_AND_VMS if key in platforms), None)
    if chosen is not None:
        evidence = f"{PLATFORM_LABELS[chosen]}: {files(platforms[chosen])}"
        also = [key for key in PAAS_AND_VMS if key != chosen and key in platforms]
        if also:
            evidence += "; also " + ", ".join(f"{key} ({files(platforms[key], 1)})" for key in also)
        claim("hosting.existing_platform", chosen, evidence)
    serverless = findings.keys(SERVERLESS)
    if serverless:
        shown = ", ".join(
            f"{SERVERLESS_LABELS[key]} ({files(code_first(findings.shown(SERVERLESS, key)), 1)})"
            for key in serverless
        )
        kinds = list(dict.fromkeys(SERVERLESS_ANSWERS[key] for key in serverless))
        if chosen is not None or len(orchestrators) > 1:
            notes.append(f"{shown} found too: hosting.existing_platform comes from the other files")
        elif len(kinds) == 1:
            claim("hosting.existing_platform", kinds[0], shown)
        else:
            notes.append(
                f"{shown} found: both serverless containers and functions; hosting.existing_platform "
                "is left for you"
            )
    if orchestrators:
        paths = findings.paths(PLATFORM, *orchestrators)
        claim(
            "team.orchestrator_experience",
            "some",
            f"at least some; the team writes orchestrator configuration ({files(paths)}); "
            "production if it runs there",
        )


def _procfiles_for_google_buildpacks(findings: Findings) -> bool:
    """A Procfile is Heroku's, but Cloud Native Buildpacks read it too: on Google Cloud, with
    no other PaaS file, it names the processes of a Cloud Run service."""
    paas = findings.paths(PLATFORM, "paas")
    clouds = set(findings.keys(CLOUD)) or set(findings.keys(CLOUD_HINT))
    return clouds == {GCP} and all(basename(path) == "Procfile" for path in paas)


def _provider(findings: Findings, claim: Claim, notes: list[str]) -> None:
    strong = [cloud for cloud in CLOUDS if findings.has(CLOUD, cloud)]
    hints = [cloud for cloud in CLOUDS if findings.has(CLOUD_HINT, cloud)]
    found, topic = (strong, CLOUD) if strong else (hints, CLOUD_HINT)
    if not found:
        return

    def shown(cloud: str, where: str = topic) -> str:
        return f"{CLOUD_LABELS[cloud]}: {files(code_first(findings.shown(where, cloud)), 2)}"

    public = [cloud for cloud in found if cloud != ON_PREM]
    if ON_PREM in found and public:
        claim("hosting.provider", "hybrid", "own data centre and cloud: " + "; ".join(map(shown, found)))
    elif len(public) > 1:
        notes.append(
            f"several clouds detected ({'; '.join(map(shown, found))}); hosting.provider is left for you "
            "to answer: the one production runs on, or hybrid if one of them is your own data centre"
        )
    else:
        cloud = found[0]
        evidence = shown(cloud)
        if topic == CLOUD_HINT:
            evidence += " (hints only: a login or a state backend, no infrastructure code)"
        elif others := [hint for hint in hints if hint != cloud]:
            evidence += "; also hints of " + ", ".join(shown(hint, CLOUD_HINT) for hint in others)
        claim("hosting.provider", cloud, evidence)
