"""Fixture repositories for the scan tests, built file by file in temporary folders."""

from __future__ import annotations

import textwrap
from pathlib import Path

Tree = dict[str, str]


def write_tree(root: Path, files: Tree) -> Path:
    """Create `files` (relative path -> text, dedented) under `root`; '/'-ending paths are folders."""
    for relative, text in files.items():
        path = root / relative
        if relative.endswith("/"):
            path.mkdir(parents=True, exist_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


def deployment(name: str, image: str, kind: str = "Deployment", extra: str = "") -> str:
    """A Kubernetes workload manifest; CronJobs nest the pod one level deeper."""
    pod = f"""\
      spec:
        {extra}containers:
          - name: {name}
            image: {image}"""
    if kind == "CronJob":
        body = "spec:\n  schedule: '0 3 * * *'\n  jobTemplate:\n    spec:\n      template:\n"
        body += textwrap.indent(textwrap.dedent(pod), "        ")
    else:
        body = "spec:\n  template:\n" + textwrap.indent(textwrap.dedent(pod), "    ")
    api = "batch/v1" if kind == "CronJob" else "apps/v1"
    return f"apiVersion: {api}\nkind: {kind}\nmetadata:\n  name: {name}\n{body}\n"


KUBERNETES_SHOP: Tree = {
    "services/api/Dockerfile": """
        FROM golang:1.23 AS build
        RUN apt-get update && apt-get install -y build-essential
        FROM gcr.io/distroless/base
        COPY --from=build /app /app
    """,
    "services/api/go.mod": "module example.com/api\n",
    "services/worker/Dockerfile": """
        FROM python:3.12-slim
        RUN apt-get update \\
         && apt-get install -y --no-install-recommends libvips42=8.14 curl ca-certificates \\
         && rm -rf /var/lib/apt/lists/*
    """,
    "services/worker/pyproject.toml": "[project]\nname = 'worker'\n",
    "services/web/Dockerfile": 'FROM node:22-alpine\nCMD ["node", "server.js"]\n',
    "services/web/package.json": '{"name": "web", "dependencies": {"express": "^4"}}',
    "deploy/base/api.yaml": deployment("api", "registry.example.com/api:1")
    + "---\napiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  ports: [{port: 80}]\n",
    "deploy/base/apps.yaml": deployment("worker", "registry.example.com/worker:1")
    + "---\n"
    + deployment("web", "registry.example.com/web:1")
    + "---\n"
    + deployment("nightly-report", "registry.example.com/worker:1", kind="CronJob"),
    "deploy/base/kustomization.yaml": "resources: [api.yaml, apps.yaml]\n",
    "deploy/overlays/prod/api.yaml": deployment("api", "registry.example.com/api:2"),
    "deploy/broken.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: [unclosed\n",
    "charts/web/Chart.yaml": "apiVersion: v2\nname: web\nversion: 0.1.0\n",
    "charts/web/templates/deployment.yaml": "apiVersion: apps/v1\nkind: Deployment\n"
    "metadata:\n  name: {{ .Release.Name }}\n",
    ".github/workflows/ci.yml": """
        on: push
        jobs:
          build:
            runs-on: ubuntu-latest
            steps:
              - uses: docker/build-push-action@v6
    """,
    "docs/examples/Dockerfile": "FROM scratch\n",
    "node_modules/express/package.json": '{"name": "express", "dependencies": {"koa": "1"}}',
}

HEROKU_APP: Tree = {
    "Procfile": "web: bundle exec puma -C config/puma.rb\nworker: bundle exec sidekiq\n"
    "release: bundle exec rails db:migrate\n",
    "Gemfile": "source 'https://rubygems.org'\ngem 'rails'\n",
    "app.json": '{"name": "shop", "buildpacks": [{"url": "heroku/ruby"}], "addons": ["heroku-postgresql"]}',
    "package.json": '{"scripts": {"build": "webpack"}, "devDependencies": {"webpack": "5"}}',
    "bin/rails": "#!/usr/bin/env ruby\n",
}

PACKER_ESTATE: Tree = {
    "images/web.pkr.hcl": """
        source "amazon-ebs" "web" {
          ami_name = "web-{{timestamp}}"
          communicator = "ssh"
        }
        build {
          sources = ["source.amazon-ebs.web"]
          provisioner "ansible" { playbook_file = "../ansible/site.yml" }
        }
    """,
    "ansible/site.yml": """
        - hosts: web
          become: true
          roles:
            - web
    """,
    "ansible/roles/web/tasks/main.yml": "- name: install java\n  package: {name: openjdk-17-jre}\n",
    "app/pom.xml": "<project><artifactId>orders</artifactId></project>\n",
    "terraform/main.tf": 'resource "aws_autoscaling_group" "web" {\n  min_size = 2\n}\n',
}

POLYGLOT_COMPOSE: Tree = {
    "docker-compose.yml": """
        services:
          api:
            build: ./api
            depends_on: [db, cache]
          web:
            build:
              context: ./web
          mailer:
            build: ./mailer
          notifier:
            build: ./notifier
          db:
            image: postgres:16
          cache:
            image: redis:7
    """,
    "api/requirements.txt": "flask\n",
    "api/Dockerfile": "FROM python:3.12\n",
    "web/package.json": '{"name": "web", "scripts": {"start": "next start"}}',
    "web/Dockerfile": "FROM node:22\n",
    "mailer/Cargo.toml": "[package]\nname = 'mailer'\n",
    "notifier/mix.exs": "defmodule Notifier.MixProject do\nend\n",
    "notifier/deps/jason/mix.exs": "defmodule Jason.MixProject do\nend\n",
    "notifier/_build/prod/Dockerfile": "FROM scratch\n",
}

WINDOWS_DOTNET: Tree = {
    "Billing.sln": "Microsoft Visual Studio Solution File, Format Version 12.00\n",
    "src/Billing.Web/Billing.Web.csproj": """
        <Project ToolsVersion="15.0">
          <PropertyGroup>
            <TargetFrameworkVersion>v4.8</TargetFrameworkVersion>
          </PropertyGroup>
        </Project>
    """,
    "src/Billing.Web/bin/Release/Billing.Web.dll.config": "<configuration/>\n",
    "src/Billing.Web/bin/Release/package.json": '{"dependencies": {"express": "4"}}',
    "src/Billing.Core/Billing.Core.csproj": """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup><TargetFramework>netstandard2.0</TargetFramework></PropertyGroup>
        </Project>
    """,
    "deploy/Deploy-Billing.ps1": "Import-Module WebAdministration\n",
}
