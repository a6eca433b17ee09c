"""What `scan` detects in typical repositories, and the evidence it gives for each fact."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from advisor.pack.questions import QuestionBank
from advisor.scan import scan
from tests.scan.scan_repos import (
    HEROKU_APP,
    KUBERNETES_SHOP,
    PACKER_ESTATE,
    POLYGLOT_COMPOSE,
    WINDOWS_DOTNET,
    Tree,
    deployment,
    write_tree,
)

Build = Callable[[Tree], Path]


def test_kubernetes_shop(repo: Build, bank: QuestionBank) -> None:
    report = scan(repo(KUBERNETES_SHOP), bank)
    assert report.answers.facts == {
        "app.components": 4,
        "app.os": "linux",
        "stack.languages": ("python", "node", "go"),
        "stack.system_dependencies": True,
        "hosting.existing_platform": "kubernetes",
        "team.container_experience": "some",
        "team.orchestrator_experience": "some",
    }
    assert report.evidence["app.components"].startswith("4 Kubernetes workloads (deploy/base/api.yaml")
    assert "also 3 folders with a Dockerfile" in report.evidence["app.components"]
    assert "go: services/api/go.mod" in report.evidence["stack.languages"]
    experience = report.evidence["team.container_experience"]
    assert "CI running in containers: .github/workflows/ci.yml" in experience


def test_only_the_final_image_stage_counts_for_system_packages(repo: Build, bank: QuestionBank) -> None:
    evidence = scan(repo(KUBERNETES_SHOP), bank).evidence["stack.system_dependencies"]
    assert evidence == "OS packages installed: libvips42 (services/worker/Dockerfile)"


def test_broken_manifest_is_a_warning_and_the_rest_still_counts(repo: Build, bank: QuestionBank) -> None:
    report = scan(repo(KUBERNETES_SHOP), bank)
    assert len(report.warnings) == 1
    assert report.warnings[0].startswith("deploy/broken.yaml: skipped a YAML document that does not parse")


def test_helm_templates_and_dependencies_are_not_read_as_manifests(repo: Build, bank: QuestionBank) -> None:
    report = scan(repo(KUBERNETES_SHOP), bank)
    assert "charts/web/templates" not in " ".join(report.evidence.values())
    assert "node_modules" not in " ".join(report.evidence.values())
    assert "docs/examples" not in " ".join(report.evidence.values())


def test_heroku_app(repo: Build, bank: QuestionBank) -> None:
    report = scan(repo(HEROKU_APP), bank)
    assert report.answers.facts == {
        "app.components": 2,
        "app.os": "linux",
        "stack.languages": ("ruby",),
        "hosting.provider": "other-cloud",
        "hosting.existing_platform": "paas",
    }
    assert report.evidence["app.components"] == "2 Procfile process types (Procfile)"
    assert report.evidence["hosting.provider"] == "another cloud: app.json (Heroku)"
    assert report.evidence["hosting.existing_platform"] == "PaaS configuration: Procfile, app.json"
    assert report.warnings == []


def test_packer_estate(repo: Build, bank: QuestionBank) -> None:
    report = scan(repo(PACKER_ESTATE), bank)
    assert report.answers.facts == {
        "app.components": 1,
        "app.os": "linux",
        "stack.languages": ("java",),
        "hosting.provider": "aws",
        "hosting.existing_platform": "vms",
        "team.image_pipeline": True,
    }
    assert report.evidence["hosting.provider"] == (
        "AWS: images/web.pkr.hcl (Packer amazon-ebs), terraform/main.tf (aws_autoscaling_group)"
    )
    assert report.evidence["team.image_pipeline"] == (
        "Packer: images/web.pkr.hcl; Ansible: ansible/roles/web/tasks/main.yml, ansible/site.yml"
    )


def test_polyglot_compose_project(repo: Build, bank: QuestionBank) -> None:
    report = scan(repo(POLYGLOT_COMPOSE), bank)
    assert report.answers.facts == {
        "app.components": 4,
        "app.os": "linux",
        "stack.languages": ("python", "node", "rust", "elixir"),
        "team.container_experience": "some",
    }
    assert report.evidence["app.components"].startswith(
        "4 Compose services built from source (docker-compose.yml)"
    )
    assert any("delivery.environment_drift" in note for note in report.notes)


def test_windows_dotnet_solution(repo: Build, bank: QuestionBank) -> None:
    report = scan(repo(WINDOWS_DOTNET), bank)
    assert report.answers.facts == {"app.os": "windows", "stack.languages": ("dotnet",)}
    assert report.evidence["app.os"] == (
        "Windows workloads: src/Billing.Web/Billing.Web.csproj (v4.8: .NET Framework 4.8)"
    )


def test_windows_and_linux_workloads_make_a_mixed_estate(repo: Build, bank: QuestionBank) -> None:
    report = scan(repo({**WINDOWS_DOTNET, "search/Dockerfile": "FROM eclipse-temurin:21\n"}), bank)
    assert report.answers.facts["app.os"] == "mixed"


def test_powershell_alone_says_windows_but_yields_to_linux_images(repo: Build, bank: QuestionBank) -> None:
    scripts = {"deploy/install.ps1": "Write-Host hi\n"}
    assert scan(repo(scripts), bank).answers.facts == {"app.os": "windows"}
    with_image = scan(repo({**scripts, "Dockerfile": "FROM debian:12\n"}), bank)
    assert with_image.answers.facts["app.os"] == "linux"


def test_windows_container_images_and_node_selectors(repo: Build, bank: QuestionBank) -> None:
    selector = "nodeSelector: {kubernetes.io/os: windows}\n        "
    report = scan(
        repo(
            {
                "k8s/legacy.yaml": deployment("legacy", "registry/legacy:1", extra=selector),
                "legacy/Dockerfile": "FROM mcr.microsoft.com/windows/servercore:ltsc2022\n",
            }
        ),
        bank,
    )
    assert report.answers.facts["app.os"] == "windows"


def test_ecs_task_definitions_and_copilot_services(repo: Build, bank: QuestionBank) -> None:
    report = scan(
        repo(
            {
                "ecs/orders-taskdef.json": '{"family": "orders", "containerDefinitions": [{"name": "o"}]}',
                "copilot/api/manifest.yml": "name: api\ntype: Load Balanced Web Service\n",
                "copilot/jobs/manifest.yml": "name: jobs\ntype: Scheduled Job\n",
            }
        ),
        bank,
    )
    assert report.answers.facts["app.components"] == 3
    assert report.answers.facts["hosting.existing_platform"] == "ecs"
    assert report.answers.facts["team.orchestrator_experience"] == "some"


def test_nomad_jobs_with_non_container_drivers(repo: Build, bank: QuestionBank) -> None:
    job = 'job "{name}" {{\n  group "g" {{\n    task "t" {{\n      driver = "{driver}"\n    }}\n  }}\n}}\n'
    report = scan(
        repo(
            {
                "nomad/api.nomad.hcl": job.format(name="api", driver="docker"),
                "nomad/batch.nomad": job.format(name="batch", driver="exec"),
            }
        ),
        bank,
    )
    facts = report.answers.facts
    assert (facts["app.components"], facts["hosting.existing_platform"]) == (2, "nomad")
    assert facts["hosting.mixed_workloads"] is True
    assert "exec driver (nomad/batch.nomad)" in report.evidence["hosting.mixed_workloads"]


def test_swarm_stack_file(repo: Build, bank: QuestionBank) -> None:
    stack = """
        services:
          api:
            image: registry.example.com/api:1
            deploy: {replicas: 3}
          proxy:
            image: traefik:3
            deploy: {mode: global}
    """
    report = scan(repo({"docker-stack.yml": stack}), bank)
    assert report.answers.facts["hosting.existing_platform"] == "swarm"
    assert report.answers.facts["app.components"] == 1


def test_conflicting_orchestrators_leave_the_platform_unanswered(repo: Build, bank: QuestionBank) -> None:
    report = scan(
        repo(
            {
                "k8s/api.yaml": deployment("api", "registry/api:1"),
                "nomad/batch.nomad": 'job "batch" {\n}\n',
            }
        ),
        bank,
    )
    assert "hosting.existing_platform" not in report.answers.facts
    assert report.answers.facts["team.orchestrator_experience"] == "some"
    assert any("several orchestrators detected (kubernetes: k8s/api.yaml; nomad" in n for n in report.notes)


def test_orchestrator_wins_over_a_procfile_and_says_so(repo: Build, bank: QuestionBank) -> None:
    report = scan(repo({"k8s/api.yaml": deployment("api", "r/api:1"), "Procfile": "web: x\n"}), bank)
    assert report.answers.facts["hosting.existing_platform"] == "kubernetes"
    assert report.evidence["hosting.existing_platform"].endswith("; also paas (Procfile)")


def test_database_workloads_are_state_not_components(repo: Build, bank: QuestionBank) -> None:
    report = scan(
        repo(
            {
                "k8s/api.yaml": deployment("api", "registry/api:1"),
                "k8s/db.yaml": deployment("db", "docker.io/bitnami/postgresql:16", kind="StatefulSet"),
            }
        ),
        bank,
    )
    assert report.answers.facts["app.components"] == 1
    assert report.answers.facts["app.self_hosted_state"] is True


def test_a_folder_of_repositories_sums_components_per_repository(tmp_path: Path, bank: QuestionBank) -> None:
    write_tree(tmp_path / "shop", {".git/": "", **HEROKU_APP})
    write_tree(tmp_path / "platform", {".git/": "", **KUBERNETES_SHOP})
    report = scan(tmp_path, bank)
    assert report.answers.facts["app.components"] == 6
    assert report.evidence["app.components"].startswith(
        "sum over 2 repositories: platform/: 4 Kubernetes workloads"
    )
    assert report.answers.facts["stack.languages"] == ("python", "node", "go", "ruby")


def test_weak_signals_are_left_out(repo: Build, bank: QuestionBank) -> None:
    report = scan(
        repo(
            {
                "package.json": '{"scripts": {"start": "react-scripts start"}, "dependencies": {}}',
                "pyproject.toml": "[tool.ruff]\nline-length = 100\n",
                "app.json": '{"expo": {"name": "mobile"}}',
                "app.yaml": "title: not App Engine\n",
                "Makefile": "all:\n\ttrue\n",
                "tests/fixtures/Procfile": "web: run\n",
                ".github/actions/lint/Dockerfile": "FROM alpine:3\n",
                "hack/mkdocs.Dockerfile": "FROM python:3.12\nRUN pip install mkdocs\n",
            }
        ),
        bank,
    )
    assert report.answers.facts == {}
    assert report.evidence == {}


def test_an_empty_folder_detects_nothing(tmp_path: Path, bank: QuestionBank) -> None:
    report = scan(tmp_path, bank)
    assert (report.answers.facts, report.warnings, report.files_seen) == ({}, [], 0)


def test_many_repositories_keep_the_evidence_to_one_short_line(tmp_path: Path, bank: QuestionBank) -> None:
    for index in range(6):
        write_tree(tmp_path / f"app{index}", {".git/": "", "Procfile": "web: run\nworker: work\n"})
    report = scan(tmp_path, bank)
    assert report.answers.facts["app.components"] == 12
    assert report.evidence["app.components"] == (
        "sum over 6 repositories: app0/: 2 Procfile process types (app0/Procfile); "
        "app1/: 2 Procfile process types (app1/Procfile); "
        "app2/: 2 Procfile process types (app2/Procfile); +3 more"
    )


def test_the_final_stage_decides_the_image_os_through_stage_names(repo: Build, bank: QuestionBank) -> None:
    dockerfile = (
        "FROM mcr.microsoft.com/dotnet/framework/aspnet:4.8 AS runtime\n"
        "FROM mcr.microsoft.com/dotnet/framework/sdk:4.8 AS build\n"
        "FROM runtime AS final\n"
    )
    assert scan(repo({"Dockerfile": dockerfile}), bank).answers.facts["app.os"] == "windows"


def test_an_image_chosen_by_build_argument_says_nothing_about_the_os(repo: Build, bank: QuestionBank) -> None:
    report = scan(repo({"Dockerfile": "ARG BASE=debian:12\nFROM ${BASE}\n"}), bank)
    assert "app.os" not in report.answers.facts
    assert report.answers.facts["app.components"] == 1


def test_own_services_named_after_infrastructure_are_components(repo: Build, bank: QuestionBank) -> None:
    report = scan(
        repo(
            {
                "k8s/consumer.yaml": deployment("orders-consumer", "registry/kafka-consumer:3"),
                "k8s/cache.yaml": deployment("cache", "redis:7"),
            }
        ),
        bank,
    )
    assert report.answers.facts["app.components"] == 1
    assert report.evidence["app.self_hosted_state"] == (
        "workloads running database or queue images: cache (k8s/cache.yaml)"
    )


def test_only_facts_and_values_the_bank_defines_are_answered(repo: Build, bank: QuestionBank) -> None:
    data = bank.model_dump()
    data["sections"] = [section for section in data["sections"] if section["id"] != "team"]
    for section in data["sections"]:
        for question in section["questions"]:
            if question["id"] == "existing_platform":
                del question["choices"]["kubernetes"]
    smaller = QuestionBank.model_validate(data)
    facts = scan(repo(KUBERNETES_SHOP), smaller).answers.facts
    assert not any(fact.startswith("team.") for fact in facts)
    assert "hosting.existing_platform" not in facts
    assert facts["app.components"] == 4


PAAS: dict[str, object] = {"hosting.existing_platform": "paas"}
CF_MANIFEST = "applications:\n- name: shop\n"
POD = "spec:\n  template:\n    spec:\n      containers:\n        - image: shop:1\n"
OPENSHIFT_DEPLOYMENT_CONFIG = (
    "apiVersion: apps.openshift.io/v1\nkind: DeploymentConfig\nmetadata:\n  name: shop\n" + POD
)
OPENSHIFT_ROUTE = "apiVersion: route.openshift.io/v1\nkind: Route\nmetadata:\n  name: shop\n"
PLAIN_DEPLOYMENT = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop\n" + POD
PLAIN_SERVICE = "apiVersion: v1\nkind: Service\nmetadata:\n  name: shop\n"
SIGNALS: list[tuple[str, Tree, dict[str, object]]] = [
    ("fly.io", {"fly.toml": 'app = "shop"\n'}, PAAS),
    ("render", {"render.yaml": "services:\n  - type: web\n"}, PAAS),
    ("heroku.yml", {"heroku.yml": "build:\n  docker:\n    web: Dockerfile\n"}, PAAS),
    ("app engine", {"app.yaml": "runtime: python312\n"}, PAAS),
    ("cloud foundry", {"manifest.yml": CF_MANIFEST},
     {"hosting.existing_platform": "cloud-foundry"}),
    ("cloud foundry reading a procfile", {"manifest.yml": CF_MANIFEST, "Procfile": "web: gunicorn app:app\n"},
     {"hosting.existing_platform": "cloud-foundry"}),
    ("openshift", {"deploy/app.yaml": OPENSHIFT_DEPLOYMENT_CONFIG, "deploy/service.yaml": PLAIN_SERVICE},
     {"hosting.existing_platform": "openshift", "app.components": 1}),
    ("openshift route", {"k8s/web.yaml": PLAIN_DEPLOYMENT, "k8s/route.yaml": OPENSHIFT_ROUTE},
     {"hosting.existing_platform": "openshift", "app.components": 1}),
    ("beanstalk", {".ebextensions/01.config": "option_settings: []\n"}, PAAS),
    ("heroku stack", {"app.json": '{"stack": "heroku-24"}'}, PAAS),
    ("terraform ecs", {"infra/ecs.tf": 'resource "aws_ecs_task_definition" "api" {\n}\n'},
     {"hosting.existing_platform": "ecs", "app.components": 1}),
    ("terraform eks", {"infra/eks.tf": 'resource "aws_eks_cluster" "main" {\n}\n'},
     {"hosting.existing_platform": "kubernetes"}),
    ("cloudformation", {"stack/template.yaml": "Resources:\n  Task:\n    Type: AWS::ECS::TaskDefinition\n"},
     {"hosting.existing_platform": "ecs", "app.components": 1}),
    ("chef", {"cookbooks/web/metadata.rb": "name 'web'\ndepends 'nginx'\n"}, {"team.image_pipeline": True}),
    ("puppet", {"manifests/site.pp": "node 'web01' {\n  include nginx\n}\n"}, {"team.image_pipeline": True}),
    ("ansible windows", {"site.yml": "- hosts: iis\n  tasks:\n    - win_feature: {name: Web-Server}\n"},
     {"team.image_pipeline": True, "app.os": "windows"}),
    ("packer winrm", {"win.pkr.hcl": 'source "amazon-ebs" "w" {\n  communicator = "winrm"\n}\n'},
     {"team.image_pipeline": True, "app.os": "windows"}),
    ("dev container", {".devcontainer/devcontainer.json": "{}"}, {"team.container_experience": "some"}),
    ("gitlab in containers", {".gitlab-ci.yml": "test:\n  image: python:3.12\n"},
     {"team.container_experience": "some"}),
    ("aptfile", {"Aptfile": "libvips-dev\ncurl\n"}, {"stack.system_dependencies": True}),
    ("vm groups", {"infra/web.tf": 'resource "google_compute_region_instance_group_manager" "web" {\n}\n'},
     {"app.components": 1, "hosting.existing_platform": "vms", "hosting.provider": "gcp"}),
    ("packer over ssh", {"base.pkr.hcl": 'source "qemu" "b" {\n  ssh_username = "root"\n}\nbuild {\n}\n'},
     {"app.os": "linux", "team.image_pipeline": True}),
    ("gpu requests", {"k8s/train.yaml": deployment("train", "r/train:1")
                      + "          resources: {limits: {nvidia.com/gpu: 2}}\n"},
     {"app.components": 1}),
    ("dotnet windows desktop", {"App/App.csproj": "<TargetFramework>net8.0-windows</TargetFramework>"},
     {"app.os": "windows", "stack.languages": ("dotnet",)}),
]  # fmt: skip


@pytest.mark.parametrize(("files", "expected"), [case[1:] for case in SIGNALS], ids=[c[0] for c in SIGNALS])
def test_each_signal_answers_its_fact(
    files: Tree, expected: dict[str, object], repo: Build, bank: QuestionBank
) -> None:
    facts = scan(repo(files), bank).answers.facts
    assert {fact: facts.get(fact) for fact in expected} == expected


def test_gpus_answer_accelerators_where_the_bank_asks_and_are_noted_where_not(
    repo: Build, bank: QuestionBank
) -> None:
    files = {"Dockerfile": "FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04\nCMD python3 serve.py\n"}
    data = bank.model_dump()
    app = next(section for section in data["sections"] if section["id"] == "app")
    app["questions"] = [question for question in app["questions"] if question["id"] != "accelerators"]
    without = scan(repo(files), QuestionBank.model_validate(data))
    assert "app.accelerators" not in without.answers.facts
    assert any(note.startswith("GPU images or GPU requests found (Dockerfile") for note in without.notes)
    report = scan(repo(files), bank)
    assert report.answers.facts["app.accelerators"] == "gpu"
    assert report.evidence["app.accelerators"] == (
        "GPU images or GPU requests: Dockerfile (FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04)"
    )
    assert not any(note.startswith("GPU") for note in report.notes)
