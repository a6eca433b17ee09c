"""Detectors for what the code is written in, and what it needs from the operating system."""

from __future__ import annotations

import re
from posixpath import basename, dirname

from advisor.scan import dotnet
from advisor.scan.findings import LANGUAGE, OS, Findings, is_incidental
from advisor.scan.names import manifest_language
from advisor.scan.read import json_object, mapping
from advisor.scan.walk import Candidate

# A folder with its own manifest directly under one of these is a deployable of its own.
SERVICE_PARENTS = frozenset({"services", "apps", "svc", "microservices", "servers", "workers"})

# package.json is also the build file of every front end; Node counts as a production
# runtime only when the package serves something itself (HTTP, gRPC, WebSockets), or when
# the image built beside it runs node (see the Dockerfile detector).
_NODE_SERVERS = frozenset(
    str.split(
        "express fastify koa @nestjs/core next nuxt @hapi/hapi hapi @remix-run/serve @remix-run/node "
        "hono @hono/node-server restify @adonisjs/core sails loopback @loopback/core @feathersjs/feathers "
        "socket.io graphql-yoga apollo-server @apollo/server pm2 @grpc/grpc-js grpc ws"
    )
)
_NODE_START = re.compile(r"\b(node|ts-node|tsx|pm2|pm2-runtime|nodemon|nest start|next start|nuxt start)\b")
_PYPROJECT_PROJECT = re.compile(r"^\[(project|tool\.poetry|build-system)\]", re.MULTILINE)
_SETUP_CFG_PROJECT = re.compile(r"^\[(metadata|options)\]", re.MULTILINE)
_DEPLOY_SCRIPT = re.compile(r"deploy|install|release|provision|setup|bootstrap|publish", re.IGNORECASE)

_DOTNET_PROJECTS = (".csproj", ".fsproj", ".vbproj")
# Manifests whose content decides whether they describe a runtime at all.
_CONTENT_CHECKS = ("package.json", "pyproject.toml", "setup.cfg")


def needs_content(name: str) -> bool:
    return name in _CONTENT_CHECKS or name.endswith(_DOTNET_PROJECTS)


def detect_manifest(candidate: Candidate, text: str | None, findings: Findings) -> None:
    """A language manifest; `text` is given only for the names `needs_content` asks for."""
    path, name = candidate.path, basename(candidate.path)
    language = manifest_language(name)
    if language is None or is_incidental(path):
        return
    label = None
    if name.endswith(_DOTNET_PROJECTS) and text is not None:
        targets = dotnet.targets(text)
        label = dotnet.describe(targets)
        reason = dotnet.windows_reason(text, targets)
        if reason is not None:
            findings.add(OS, "windows", path, reason)
    if not _is_runtime(name, text, path, findings):
        return
    findings.add(LANGUAGE, language, path, label)
    folder = dirname(path)
    if basename(dirname(folder)) in SERVICE_PARENTS and not name.endswith(".sln"):
        findings.component("service-folder", candidate.repo, folder, path)


def _is_runtime(name: str, text: str | None, path: str, findings: Findings) -> bool:
    if text is None:
        return True
    if name == "package.json":
        package = json_object(text, path, findings)
        return package is not None and _node_serves(package)
    if name == "pyproject.toml":
        return _PYPROJECT_PROJECT.search(text) is not None
    if name == "setup.cfg":
        return _SETUP_CFG_PROJECT.search(text) is not None
    return True


def _node_serves(package: dict[str, object]) -> bool:
    dependencies = {**mapping(package.get("dependencies"))}
    if any(name in _NODE_SERVERS for name in dependencies):
        return True
    start = mapping(package.get("scripts")).get("start")
    return isinstance(start, str) and _NODE_START.search(start) is not None


def detect_powershell(candidate: Candidate, findings: Findings) -> None:
    """PowerShell deployment scripts: a hint of Windows hosts, weak on its own."""
    path = candidate.path
    if not is_incidental(path) and _DEPLOY_SCRIPT.search(path):
        findings.add(OS, "windows-weak", path)
