"""Detectors for where a repository deploys: the cloud its infrastructure code and platform
files belong to, the hosted Kubernetes clusters it creates, the serverless platforms it uses.

A file counts for a cloud when it only makes sense there (a Terraform `google_*` resource,
a CloudFormation template, an `azure.yaml`); a file that merely suggests one (a Terraform
state backend, a CI step that logs in) is a hint, used only when nothing settles it.
"""

from __future__ import annotations

import re
from posixpath import basename
from typing import Any

from advisor.scan.findings import (
    CI_LABEL,
    CLOUD,
    CLOUD_HINT,
    LANGUAGE,
    MANAGED_KUBERNETES,
    OS,
    PLATFORM,
    SERVERLESS,
    Findings,
    is_incidental,
)
from advisor.scan.read import dig, mapping, yaml_documents
from advisor.scan.walk import Candidate

AWS, GCP, AZURE, OTHER_CLOUD, ON_PREM = "aws", "gcp", "azure", "other-cloud", "on-prem"

# Terraform providers (a provider block's name, or a resource type up to its first '_').
TERRAFORM_CLOUDS: dict[str, str] = {
    **dict.fromkeys(("aws", "awscc"), AWS),
    **dict.fromkeys(("google", "google-beta"), GCP),
    **dict.fromkeys(("azurerm", "azapi"), AZURE),
    **dict.fromkeys(
        str.split("digitalocean linode hcloud oci ibm alicloud scaleway vultr exoscale ovh upcloud"),
        OTHER_CLOUD,
    ),
    **dict.fromkeys(("heroku", "fly", "render"), OTHER_CLOUD),
    **dict.fromkeys(("vsphere", "proxmox", "nutanix", "libvirt"), ON_PREM),
}
HOSTED_CLUSTERS = {
    "aws_eks_cluster": "eks",
    "google_container_cluster": "gke",
    "azurerm_kubernetes_cluster": "aks",
    "digitalocean_kubernetes_cluster": "doks",
    "linode_lke_cluster": "lke",
    "oci_containerengine_cluster": "oke",
    "ibm_container_cluster": "iks",
    "ibm_container_vpc_cluster": "iks",
    "scaleway_k8s_cluster": "kapsule",
    "alicloud_cs_managed_kubernetes": "ack",
}
# Registry modules that create a hosted cluster: namespace/name.
_CLUSTER_MODULES = {
    "terraform-aws-modules/eks": "eks",
    "terraform-google-modules/kubernetes-engine": "gke",
    "azure/aks": "aks",
}
_SERVERLESS_RESOURCES = {
    "google_cloud_run_service": "cloud-run",
    "google_cloud_run_v2_service": "cloud-run",
    "google_cloud_run_v2_job": "cloud-run",
    "azurerm_container_app": "container-apps",
    "aws_apprunner_service": "app-runner",
    "aws_lambda_function": "lambda",
    "google_cloudfunctions_function": "cloud-functions",
    "google_cloudfunctions2_function": "cloud-functions",
    "azurerm_function_app": "azure-functions",
    "azurerm_linux_function_app": "azure-functions",
    "azurerm_windows_function_app": "azure-functions",
}
# Each serverless service the scan finds: how it is named, and the answer to
# hosting.existing_platform it means.
_SERVERLESS = {
    "cloud-run": ("Cloud Run", "serverless-containers"),
    "container-apps": ("Azure Container Apps", "serverless-containers"),
    "app-runner": ("AWS App Runner", "serverless-containers"),
    "lambda": ("AWS Lambda", "functions"),
    "cloud-functions": ("Cloud Functions", "functions"),
    "azure-functions": ("Azure Functions", "functions"),
}
SERVERLESS_LABELS = {key: label for key, (label, _) in _SERVERLESS.items()}
SERVERLESS_ANSWERS = {key: answer for key, (_, answer) in _SERVERLESS.items()}
_BACKENDS = {"s3": AWS, "gcs": GCP, "azurerm": AZURE}

_TERRAFORM_BLOCK = re.compile(r'^[ \t]*(resource|data|provider|module|backend)[ \t]+"([\w.-]{1,100})"', re.M)
_TERRAFORM_SOURCE = re.compile(r'^[ \t]*source[ \t]*=[ \t]*"([^"\n]{1,300})"', re.MULTILINE)


def detect_terraform(candidate: Candidate, text: str, findings: Findings) -> None:
    """Providers, resources and registry modules of one Terraform file."""
    path = candidate.path
    if is_incidental(path):
        return
    for block, label in _TERRAFORM_BLOCK.findall(text):
        if block == "backend":
            if label in _BACKENDS:
                findings.add(CLOUD_HINT, _BACKENDS[label], path, f'backend "{label}"')
            continue
        if block == "module":
            continue
        provider = label if block == "provider" else label.split("_", 1)[0]
        cloud = TERRAFORM_CLOUDS.get(provider)
        if cloud is not None:
            findings.add(CLOUD, cloud, path, f'provider "{label}"' if block == "provider" else label)
        if block == "resource" and label in HOSTED_CLUSTERS:
            findings.add(MANAGED_KUBERNETES, HOSTED_CLUSTERS[label], path, label)
        if block == "resource" and label in _SERVERLESS_RESOURCES:
            findings.add(SERVERLESS, _SERVERLESS_RESOURCES[label], path, label)
    for source in _TERRAFORM_SOURCE.findall(text):
        _registry_source(source, path, findings)


def _registry_source(source: str, path: str, findings: Findings) -> None:
    """`hashicorp/google` (a provider) or `terraform-aws-modules/eks/aws//sub` (a module)."""
    if source.startswith((".", "/")) or "::" in source or "://" in source or source.startswith("git@"):
        return
    parts = source.split("//", 1)[0].split("?", 1)[0].split("/")
    if len(parts) > 2 and "." in parts[0]:
        parts = parts[1:]  # a registry host name
    if len(parts) not in (2, 3) or parts[0].lower() in ("github.com", "bitbucket.org", "gitlab.com"):
        return
    cloud = TERRAFORM_CLOUDS.get(parts[-1].lower())
    if cloud is not None:
        findings.add(CLOUD, cloud, path, source.split("//", 1)[0])
    if len(parts) == 3 and (product := _CLUSTER_MODULES.get(f"{parts[0]}/{parts[1]}".lower())):
        findings.add(MANAGED_KUBERNETES, product, path, source.split("//", 1)[0])


# --- CloudFormation, SAM, CDK, ARM, Bicep, azd ------------------------------------------

_CFN_RESOURCE = re.compile(r"""^[ \t]*["']?Type["']?[ \t]*:[ \t]*["']?AWS::""", re.MULTILINE)
_CFN_SIGNALS: dict[str, tuple[str, str]] = {
    "AWS::Serverless::Function": (SERVERLESS, "lambda"),
    "AWS::Lambda::Function": (SERVERLESS, "lambda"),
    "AWS::AppRunner::Service": (SERVERLESS, "app-runner"),
    "AWS::EKS::Cluster": (MANAGED_KUBERNETES, "eks"),
    "AWS::ElasticBeanstalk::Environment": (PLATFORM, "paas"),
}


def detect_cloudformation(candidate: Candidate, text: str, findings: Findings) -> None:
    """CloudFormation and SAM templates, YAML or JSON: AWS, whatever they create."""
    path = candidate.path
    template = "AWSTemplateFormatVersion" in text or ("AWS::" in text and _CFN_RESOURCE.search(text))
    if not template or is_incidental(path):
        return
    sam = "AWS::Serverless" in text
    findings.add(CLOUD, AWS, path, "SAM template" if sam else "CloudFormation template")
    for marker, (topic, key) in _CFN_SIGNALS.items():
        if marker in text:
            findings.add(topic, key, path, marker)
    if findings.has(SERVERLESS, "lambda") and path in findings.paths(SERVERLESS, "lambda"):
        findings.component("serverless", candidate.repo, path, path)
        for runtime in _LAMBDA_RUNTIME.findall(text):
            if runtime in LAMBDA_RUNTIMES:
                findings.add(LANGUAGE, LAMBDA_RUNTIMES[runtime], path, f"Lambda {runtime}")


# `Runtime: python3.12` of a Lambda function -> the language it runs.
_LAMBDA_RUNTIME = re.compile(r"""^[ \t]*["']?Runtime["']?[ \t]*:[ \t]*["']?([a-z]+)""", re.MULTILINE)
LAMBDA_RUNTIMES = {
    "nodejs": "node",
    "python": "python",
    "java": "java",
    "dotnet": "dotnet",
    "ruby": "ruby",
    "go": "go",
}


def detect_arm_template(candidate: Candidate, text: str, findings: Findings) -> None:
    arm = "schema.management.azure.com" in text and "deploymentTemplate" in text
    if arm and not is_incidental(candidate.path):
        findings.add(CLOUD, AZURE, candidate.path, "ARM template")


# Bicep resource types, or the Azure Verified Modules that create them.
_BICEP_SIGNALS: dict[str, tuple[str, str, str]] = {
    "Microsoft.ContainerService/managedClusters": (MANAGED_KUBERNETES, "aks", "AKS"),
    "avm/res/container-service/managed-cluster": (MANAGED_KUBERNETES, "aks", "AKS"),
    "Microsoft.App/containerApps": (SERVERLESS, "container-apps", "Container Apps"),
    "avm/res/app/container-app": (SERVERLESS, "container-apps", "Container Apps"),
}
_APP_SERVICE = ("Microsoft.Web/sites", "avm/res/web/site")


def detect_bicep(candidate: Candidate, text: str, findings: Findings) -> None:
    path = candidate.path
    if is_incidental(path):
        return
    findings.add(CLOUD, AZURE, path, "Bicep")
    for marker, (topic, key, label) in _BICEP_SIGNALS.items():
        if marker in text:
            findings.add(topic, key, path, label)
            if key == "aks":
                findings.add(PLATFORM, "kubernetes", path, label)
    if any(marker in text for marker in _APP_SERVICE):  # web apps and function apps alike
        functions = "'functionapp" in text  # kind: 'functionapp' or 'functionapp,linux'
        if functions:
            findings.add(SERVERLESS, "azure-functions", path, "Function App")
        if not functions or "'app'" in text or "'app,linux'" in text:
            findings.add(PLATFORM, "paas", path, "App Service")
    if "linuxFxVersion" in text:
        findings.add(OS, "linux", path, "App Service on Linux")
    elif "windowsFxVersion" in text:
        findings.add(OS, "windows", path, "App Service on Windows")


# azure.yaml `host:` -> what the service runs on.
_AZD_HOSTS: dict[str, tuple[str, str, str]] = {
    "appservice": (PLATFORM, "paas", "App Service"),
    "springapp": (PLATFORM, "paas", "Azure Spring Apps"),
    "aks": (PLATFORM, "kubernetes", "AKS"),
    "containerapp": (SERVERLESS, "container-apps", "Container Apps"),
    "function": (SERVERLESS, "azure-functions", "Azure Functions"),
}


def detect_azd(candidate: Candidate, text: str, findings: Findings) -> None:
    """`azure.yaml` of the Azure Developer CLI: Azure, and each service's host."""
    path = candidate.path
    if is_incidental(path):
        return
    for document in yaml_documents(text, path, findings):
        services = mapping(mapping(document).get("services"))
        if not services and "name" not in mapping(document):
            continue
        findings.add(CLOUD, AZURE, path, "azd")
        for name, service in services.items():
            host = str(mapping(service).get("host", "")).lower()
            if host in _AZD_HOSTS:
                topic, key, label = _AZD_HOSTS[host]
                findings.add(topic, key, path, f"{label}: {name}")
                if host == "aks":
                    findings.add(MANAGED_KUBERNETES, "aks", path, "AKS")
            findings.component("azd", candidate.repo, str(name), path)


def detect_serverless_framework(candidate: Candidate, text: str, findings: Findings) -> None:
    """serverless.yml of the Serverless Framework: the provider its functions deploy to."""
    path = candidate.path
    if is_incidental(path):
        return
    for document in yaml_documents(text, path, findings, wanted=lambda chunk: "provider" in chunk):
        provider = mapping(document).get("provider")
        name = str(dig(provider, "name") if isinstance(provider, dict) else provider or "").lower()
        cloud = {"aws": AWS, "google": GCP, "azure": AZURE}.get(name)
        if cloud is not None:
            findings.add(CLOUD, cloud, path, "Serverless Framework")
            product = {"aws": "lambda", "google": "cloud-functions", "azure": "azure-functions"}[name]
            findings.add(SERVERLESS, product, path, "Serverless Framework")
            findings.component("serverless", candidate.repo, path, path)
            runtime = str(dig(provider, "runtime") or "")
            language = LAMBDA_RUNTIMES.get(runtime.rstrip("0123456789.x"))
            if language is not None:
                findings.add(LANGUAGE, language, path, f"runtime {runtime}")


def detect_cloud_run_service(candidate: Candidate, text: str, findings: Findings) -> None:
    """A Cloud Run service in YAML: a Knative Service with Cloud Run's annotations."""
    if "serving.knative.dev" in text and "run.googleapis.com" in text and not is_incidental(candidate.path):
        findings.add(CLOUD, GCP, candidate.path, "Cloud Run service")
        findings.add(SERVERLESS, "cloud-run", candidate.path, "Cloud Run service")


# Files whose name alone says where they deploy: (topic, key, label).
MARKER_FILES: dict[str, tuple[str, str, str]] = {
    "cdk.json": (CLOUD, AWS, "AWS CDK"),
    "samconfig.toml": (CLOUD, AWS, "AWS SAM"),
    ".gcloudignore": (CLOUD_HINT, GCP, "gcloud"),
}


def detect_marker(candidate: Candidate, findings: Findings) -> None:
    if not is_incidental(candidate.path):
        topic, key, label = MARKER_FILES[basename(candidate.path)]
        findings.add(topic, key, candidate.path, label)


# --- CI and platform configuration -------------------------------------------------------

# Steps of a CI configuration that deploy somewhere, or log in to a cloud (hints only).
_CI_STEPS: list[tuple[str, list[tuple[str, str]]]] = [
    ("gcloud run deploy", [(CLOUD, GCP), (SERVERLESS, "cloud-run")]),
    ("gcloud run services replace", [(CLOUD, GCP), (SERVERLESS, "cloud-run")]),
    ("google-github-actions/deploy-cloudrun", [(CLOUD, GCP), (SERVERLESS, "cloud-run")]),
    ("gcloud app deploy", [(CLOUD, GCP), (PLATFORM, "paas")]),
    ("google-github-actions/deploy-appengine", [(CLOUD, GCP), (PLATFORM, "paas")]),
    ("gcloud container clusters get-credentials", [(CLOUD, GCP), (MANAGED_KUBERNETES, "gke")]),
    ("google-github-actions/get-gke-credentials", [(CLOUD, GCP), (MANAGED_KUBERNETES, "gke")]),
    ("aws eks update-kubeconfig", [(CLOUD, AWS), (MANAGED_KUBERNETES, "eks")]),
    ("aws-actions/amazon-ecs-deploy-task-definition", [(CLOUD, AWS), (PLATFORM, "ecs")]),
    ("aws ecs update-service", [(CLOUD, AWS), (PLATFORM, "ecs")]),
    ("copilot deploy", [(CLOUD, AWS), (PLATFORM, "ecs")]),
    ("sam deploy", [(CLOUD, AWS), (SERVERLESS, "lambda")]),
    ("cdk deploy", [(CLOUD, AWS)]),
    ("azure/webapps-deploy", [(CLOUD, AZURE), (PLATFORM, "paas")]),
    ("az webapp ", [(CLOUD, AZURE), (PLATFORM, "paas")]),
    ("azure/aks-set-context", [(CLOUD, AZURE), (MANAGED_KUBERNETES, "aks")]),
    ("az aks get-credentials", [(CLOUD, AZURE), (MANAGED_KUBERNETES, "aks")]),
    ("azure/container-apps-deploy-action", [(CLOUD, AZURE), (SERVERLESS, "container-apps")]),
    ("az containerapp ", [(CLOUD, AZURE), (SERVERLESS, "container-apps")]),
    ("azd deploy", [(CLOUD, AZURE)]),
    ("superfly/flyctl-actions", [(CLOUD, OTHER_CLOUD), (PLATFORM, "paas")]),
    ("flyctl deploy", [(CLOUD, OTHER_CLOUD), (PLATFORM, "paas")]),
    ("aws-actions/configure-aws-credentials", [(CLOUD_HINT, AWS)]),
    ("google-github-actions/auth", [(CLOUD_HINT, GCP)]),
    ("azure/login", [(CLOUD_HINT, AZURE)]),
]
_EB_DEPLOY = re.compile(r"\beb deploy\b")


def detect_ci_deploys(candidate: Candidate, text: str, findings: Findings) -> None:
    """What a CI configuration deploys to; Cloud Build itself is Google Cloud's."""
    path = candidate.path
    if basename(path) in ("cloudbuild.yaml", "cloudbuild.yml") and not is_incidental(path):
        findings.add(CLOUD, GCP, path, "Cloud Build")
    for step, signals in _CI_STEPS:
        if step in text:
            for topic, key in signals:
                findings.add(topic, key, path, f"{CI_LABEL}{step.strip()}")
    if _EB_DEPLOY.search(text):
        findings.add(CLOUD, AWS, path, f"{CI_LABEL}eb deploy")
        findings.add(PLATFORM, "paas", path, f"{CI_LABEL}eb deploy")


# PaaS configuration files -> the cloud they belong to (Cloud Foundry runs anywhere).
PAAS_CLOUDS: dict[str, tuple[str, str]] = {
    "app.yaml": (GCP, "App Engine"),
    "app.yml": (GCP, "App Engine"),
    "fly.toml": (OTHER_CLOUD, "Fly.io"),
    "render.yaml": (OTHER_CLOUD, "Render"),
    "heroku.yml": (OTHER_CLOUD, "Heroku"),
    "app.json": (OTHER_CLOUD, "Heroku"),
    "Dockerrun.aws.json": (AWS, "Elastic Beanstalk"),
}


def paas_cloud(path: str, findings: Findings) -> None:
    found = PAAS_CLOUDS.get(basename(path))
    if found is not None:
        findings.add(CLOUD, found[0], path, found[1])


def packer_cloud(builder: str) -> str | None:
    """Where a Packer builder (`amazon-ebs`, `googlecompute`, `vsphere-iso`) builds images."""
    lower = builder.lower()
    if lower.startswith("amazon-"):
        return AWS
    if lower.startswith("googlecompute"):
        return GCP
    if lower.startswith("azure-"):
        return AZURE
    if lower.startswith(("vsphere", "proxmox", "nutanix", "hyperv")):
        return ON_PREM
    if lower.split("-", 1)[0] in ("digitalocean", "hcloud", "oracle", "linode", "scaleway", "alicloud"):
        return OTHER_CLOUD
    return None


def packer_builders(template: dict[str, Any]) -> list[str]:
    builders = template.get("builders")
    if not isinstance(builders, list):
        return []
    return [str(mapping(builder).get("type", "")) for builder in builders]
