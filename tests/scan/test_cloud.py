"""Where a repository deploys, as its infrastructure code and platform files say it."""

from __future__ import annotations

import pytest

from advisor.scan.cloud import packer_cloud
from advisor.scan.detect import detect_text
from advisor.scan.findings import (
    CLOUD,
    CLOUD_HINT,
    LANGUAGE,
    MANAGED_KUBERNETES,
    PLATFORM,
    SERVERLESS,
    Findings,
)
from advisor.scan.names import classify
from advisor.scan.walk import Candidate


def detected(path: str, text: str) -> Findings:
    kind = classify(path.rsplit("/", 1)[-1])
    assert kind is not None, path
    findings = Findings()
    detect_text(Candidate(path, path, kind, ""), text, findings)
    return findings


def topic(findings: Findings, name: str) -> dict[str, list[str]]:
    return {key: findings.shown(name, key) for key in findings.keys(name)}


TERRAFORM = """
terraform {
  required_providers {
    google = { source = "hashicorp/google", version = "~> 6.0" }
  }
  backend "s3" { bucket = "state" }
}
provider "google" {
  project = var.project
}
module "eks" {
  source  = "terraform-aws-modules/eks/aws"
  version = "~> 20.0"
}
resource "google_container_cluster" "main" {
  name = "main"
}
resource "kubernetes_namespace" "apps" {}
data "google_client_config" "current" {}
"""


def test_terraform_providers_resources_and_modules_name_their_cloud() -> None:
    found = detected("infra/main.tf", TERRAFORM)
    assert topic(found, CLOUD) == {
        "gcp": ['infra/main.tf (provider "google")'],
        "aws": ["infra/main.tf (terraform-aws-modules/eks/aws)"],
    }
    assert topic(found, CLOUD_HINT) == {"aws": ['infra/main.tf (backend "s3")']}
    assert topic(found, MANAGED_KUBERNETES) == {
        "gke": ["infra/main.tf (google_container_cluster)"],
        "eks": ["infra/main.tf (terraform-aws-modules/eks/aws)"],
    }


def test_terraform_for_tooling_is_no_cloud() -> None:
    text = 'provider "kubernetes" {}\nprovider "cloudflare" {}\nresource "random_id" "x" {}\n'
    assert topic(detected("main.tf", text), CLOUD) == {}


def test_terraform_modules_from_git_or_local_folders_are_not_read_as_registry_modules() -> None:
    text = 'module "a" {\n  source = "./modules/aws"\n}\nmodule "b" {\n  source = "git::https://x/y.git"\n}\n'
    assert topic(detected("main.tf", text), CLOUD) == {}


def test_serverless_resources_are_recorded_for_a_note() -> None:
    found = detected("run.tf", 'resource "google_cloud_run_v2_service" "api" {\n}\n')
    assert topic(found, SERVERLESS) == {"cloud-run": ["run.tf (google_cloud_run_v2_service)"]}
    assert topic(found, CLOUD) == {"gcp": ["run.tf (google_cloud_run_v2_service)"]}


SAM = """
AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: python3.12
Resources:
  Orders:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
"""


def test_a_sam_template_is_aws_lambda_and_names_its_runtime() -> None:
    found = detected("template.yaml", SAM)
    assert topic(found, CLOUD) == {"aws": ["template.yaml (SAM template)"]}
    assert topic(found, SERVERLESS) == {"lambda": ["template.yaml (AWS::Serverless::Function)"]}
    assert topic(found, LANGUAGE) == {"python": ["template.yaml (Lambda python)"]}


def test_a_yaml_file_that_only_mentions_aws_is_not_a_template() -> None:
    assert topic(detected("notes.yaml", "text: see AWS::S3::Bucket in the docs\n"), CLOUD) == {}


def test_azd_names_azure_and_each_service_host() -> None:
    azure_yaml = "name: shop\nservices:\n  web: {project: ./web, host: appservice}\n"
    azure_yaml += "  api: {project: ./api, host: containerapp}\n  k8s: {project: ./k, host: aks}\n"
    found = detected("azure.yaml", azure_yaml)
    assert topic(found, CLOUD) == {"azure": ["azure.yaml (azd)"]}
    assert topic(found, PLATFORM) == {
        "paas": ["azure.yaml (App Service: web)"],
        "kubernetes": ["azure.yaml (AKS: k8s)"],
    }
    assert topic(found, SERVERLESS) == {"container-apps": ["azure.yaml (Container Apps: api)"]}
    assert topic(found, MANAGED_KUBERNETES) == {"aks": ["azure.yaml (AKS)"]}


def test_bicep_app_service_and_container_apps() -> None:
    bicep = "resource web 'Microsoft.Web/sites@2023-01-01' = {\n  kind: 'app,linux'\n  properties: {\n"
    bicep += "    siteConfig: { linuxFxVersion: 'NODE|20-lts' }\n  }\n}\n"
    found = detected("infra/main.bicep", bicep)
    assert topic(found, CLOUD) == {"azure": ["infra/main.bicep (Bicep)"]}
    assert topic(found, PLATFORM) == {"paas": ["infra/main.bicep (App Service)"]}
    apps = detected("infra/apps.bicep", "module app 'br/public:avm/res/app/container-app:0.8.0' = {}\n")
    assert topic(apps, SERVERLESS) == {"container-apps": ["infra/apps.bicep (Container Apps)"]}
    assert topic(apps, PLATFORM) == {}


def test_a_function_app_mentioned_in_a_description_is_no_function_app() -> None:
    bicep = (
        "@description('Required if app of kind functionapp.')\nmodule api 'br/public:avm/res/web/site:0.6.0'"
    )
    found = detected("api.bicep", bicep)
    assert topic(found, SERVERLESS) == {}
    assert topic(found, PLATFORM) == {"paas": ["api.bicep (App Service)"]}


@pytest.mark.parametrize(
    ("path", "text", "expected"),
    [
        (".github/workflows/deploy.yml", "steps:\n  - uses: google-github-actions/deploy-cloudrun@v2\n",
         {CLOUD: {"gcp"}, SERVERLESS: {"cloud-run"}}),
        (".gitlab-ci.yml", "deploy:\n  script: gcloud run deploy api --source .\n",
         {CLOUD: {"gcp"}, SERVERLESS: {"cloud-run"}}),
        ("cloudbuild.yaml", "steps:\n- name: gcr.io/cloud-builders/gcloud\n  args: [app, deploy]\n",
         {CLOUD: {"gcp"}}),
        (".github/workflows/ci.yml", "- uses: aws-actions/configure-aws-credentials@v4\n",
         {CLOUD_HINT: {"aws"}}),
        (".github/workflows/ci.yml", "- uses: aws-actions/amazon-ecs-deploy-task-definition@v2\n",
         {CLOUD: {"aws"}, PLATFORM: {"ecs"}}),
        (".github/workflows/ci.yml", "- uses: azure/webapps-deploy@v3\n",
         {CLOUD: {"azure"}, PLATFORM: {"paas"}}),
        (".github/workflows/ci.yml", "- run: aws eks update-kubeconfig --name prod\n",
         {CLOUD: {"aws"}, MANAGED_KUBERNETES: {"eks"}}),
        (".github/workflows/ci.yml", "- run: eb deploy production\n", {CLOUD: {"aws"}, PLATFORM: {"paas"}}),
        (".github/workflows/ci.yml", "- run: echo web deploy\n", {}),
    ],
    ids=["deploy-cloudrun action", "gcloud run deploy", "cloud build", "aws login is a hint", "ecs deploy",
         "app service deploy", "eks credentials", "beanstalk", "no deploy"],
)  # fmt: skip
def test_ci_steps_that_deploy(path: str, text: str, expected: dict[str, set[str]]) -> None:
    found = detected(path, text)
    shown = {name: set(findings) for name in (CLOUD, CLOUD_HINT, PLATFORM, SERVERLESS, MANAGED_KUBERNETES)
             if (findings := found.keys(name))}  # fmt: skip
    assert shown == expected


@pytest.mark.parametrize(
    ("path", "text", "cloud"),
    [
        ("app.yaml", "runtime: python312\n", "gcp"),
        ("fly.toml", 'app = "shop"\n', "other-cloud"),
        ("render.yaml", "services:\n  - type: web\n", "other-cloud"),
        ("heroku.yml", "build:\n  docker: {web: Dockerfile}\n", "other-cloud"),
        ("app.json", '{"buildpacks": [{"url": "heroku/ruby"}]}', "other-cloud"),
        ("Dockerrun.aws.json", '{"AWSEBDockerrunVersion": 2}', "aws"),
        ("ecs/api-taskdef.json", '{"family": "api", "containerDefinitions": []}', "aws"),
        ("copilot/api/manifest.yml", "name: api\ntype: Backend Service\n", "aws"),
        ("service.yaml", "apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata:\n  annotations:\n"
         "    run.googleapis.com/ingress: all\n", "gcp"),
        ("serverless.yml", "service: orders\nprovider:\n  name: aws\n  runtime: nodejs20.x\n", "aws"),
        ("templates/template.json", '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {}}', "aws"),
        ("azuredeploy.json", '{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/'
         'deploymentTemplate.json#"}', "azure"),
        ("images/al2023/template.json", '{"builders": [{"type": "amazon-ebs"}]}', "aws"),
        (".elasticbeanstalk/config.yml", "global:\n  application_name: shop\n", "aws"),
    ],
    ids=lambda value: value if "/" in value or "." in value[:20] else None,
)  # fmt: skip
def test_platform_files_name_their_cloud(path: str, text: str, cloud: str) -> None:
    assert detected(path, text).keys(CLOUD) == [cloud]


def test_cloud_foundry_runs_anywhere() -> None:
    found = detected("manifest.yml", "applications:\n- name: shop\n")
    assert found.keys(PLATFORM) == ["cloud-foundry"]
    assert found.keys(CLOUD) == []


@pytest.mark.parametrize(
    ("builder", "cloud"),
    [("amazon-ebs", "aws"), ("googlecompute", "gcp"), ("azure-arm", "azure"), ("vsphere-iso", "on-prem"),
     ("proxmox-clone", "on-prem"), ("hcloud", "other-cloud"), ("qemu", None), ("docker", None)],
)  # fmt: skip
def test_packer_builders(builder: str, cloud: str | None) -> None:
    assert packer_cloud(builder) == cloud


def test_every_serverless_platform_found_means_an_answer() -> None:
    from advisor.scan.cloud import SERVERLESS_ANSWERS, SERVERLESS_LABELS

    assert SERVERLESS_ANSWERS.keys() == SERVERLESS_LABELS.keys()
