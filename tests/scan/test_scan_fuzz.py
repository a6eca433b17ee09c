"""Whatever a client's file holds, its detector records signals or warnings and never raises."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from advisor.scan.detect import detect_text
from advisor.scan.findings import Findings
from advisor.scan.names import classify
from advisor.scan.walk import Candidate

NAMES = [
    "Dockerfile",
    "Procfile",
    "Aptfile",
    "Jenkinsfile",
    "app.json",
    "orders-taskdef.json",
    "packer.json",
    "fly.toml",
    "metadata.rb",
    "site.pp",
    "job.nomad",
    "main.tf",
    "docker-compose.yml",
    "docker-stack.yml",
    "deploy.yaml",
    "Chart.yaml",
    "app.yaml",
    "copilot/api/manifest.yml",
    ".github/workflows/ci.yml",
    "roles/web/tasks/main.yml",
    "web.pkr.hcl",
    "package.json",
    "pyproject.toml",
    "src/App/App.csproj",
    "azure.yaml",
    "infra/main.bicep",
    "serverless.yml",
    "templates/template.json",
    "cloudbuild.yaml",
    ".elasticbeanstalk/config.yml",
]
FRAGMENTS = [
    "apiVersion: apps/v1\n", "kind: Deployment\n", "kind: CronJob\n", "metadata:\n", "  name: x\n",
    "spec:\n", "  template:\n", "    spec:\n", "      containers:\n", "        - image: postgres\n",
    "services:\n", "  api:\n", "    build: .\n", "    deploy:\n", "      mode: global\n", "---\n",
    "- hosts: all\n", "  tasks:\n", "type: Backend Service\n", "runtime: python312\n",
    'job "a" {\n', 'driver = "exec"\n', 'resource "aws_ecs_task_definition" "t" {\n', "}\n",
    "FROM mcr.microsoft.com/windows/servercore\n", "RUN apt-get install -y libpq5 \\\n",
    '{"family": "f", "containerDefinitions": [', "]}", "web: run\n", "&a [*a, *a]\n", "!!python/object\n",
    "\t", "{{ .Values }}\n", ": : :\n", "\x00", "\ufeff",
    "<TargetFramework>net48</TargetFramework>", "<TargetFrameworks>net8.0;net472", "<UseWPF>true</UseWPF>",
    "services:\n  web:\n    host: appservice\n", "provider:\n  name: aws\n",
    "Type: AWS::Serverless::Function\n",
    'provider "google" {\n', 'source = "terraform-aws-modules/eks/aws"\n', "Microsoft.Web/sites@2023\n",
    '{"builders": [{"type": "amazon-ebs"}]}', "gcloud run deploy x\n", "CMD [\"node\", \"server.js\"]\n",
    "FROM node:22 AS build\n", "FROM nginx\n", '{"dependencies": {"@grpc/grpc-js": "1"}}',
    "[project]\n",
]  # fmt: skip
texts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=20)), max_size=25).map("".join)


@settings(max_examples=200, deadline=None)
@given(name=st.sampled_from(NAMES), text=texts)
def test_detectors_never_raise(name: str, text: str) -> None:
    kind = classify(name.rsplit("/", 1)[-1])
    assert kind is not None
    findings = Findings()
    detect_text(Candidate(name, name, kind, ""), text, findings)
    assert all(isinstance(warning, str) for warning in findings.warnings)
