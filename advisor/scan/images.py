"""Detectors for what an image ships: its base image and operating system, the runtime it
runs (through `dockerfile`), the OS packages it installs, and which images are someone
else's software (databases, queues, proxies) rather than the team's own.
"""

from __future__ import annotations

import re
from posixpath import basename, dirname

from advisor.scan import dockerfile
from advisor.scan.findings import (
    ACCELERATOR,
    CONTAINERS,
    IMAGE_RUNTIME,
    OS,
    SYSTEM_PACKAGES,
    Findings,
    is_incidental,
)
from advisor.scan.walk import Candidate

_WINDOWS_IMAGE = re.compile(
    r"mcr\.microsoft\.com/(windows|dotnet/framework)|servercore|nanoserver", re.IGNORECASE
)
# Shell commands, split where one command ends; each is read word by word from its start,
# so a line of a thousand `apt` words costs a thousand steps, not a million.
_COMMAND_END = re.compile(r"[&;|\n]")
_PACKAGE_MANAGERS = frozenset({"apt-get", "apt", "apk", "yum", "dnf", "microdnf", "zypper"})
_INSTALL_VERBS = frozenset({"install", "add"})
_PACKAGE_NAME = re.compile(r"[a-z0-9][a-z0-9+._-]*")
# Packages nearly every image installs for its own plumbing; they say nothing about the
# application needing native libraries.
_PLUMBING = frozenset(
    str.split(
        "curl wget ca-certificates tini dumb-init git bash tzdata gnupg gnupg2 unzip zip procps less "
        "vim nano jq apt-transport-https lsb-release software-properties-common locales netcat "
        "netcat-openbsd netcat-traditional iputils-ping dnsutils sudo gosu su-exec shadow busybox "
        "coreutils xz-utils tar gzip openssh-client tini-static"
    )
)
# The language runtime itself, installed from the distribution (`apk add nodejs`), and the
# C and C++ runtime libraries every compiled extension links against: not "beyond the runtime".
_RUNTIME_PACKAGES = frozenset(
    str.split(
        "nodejs npm yarn python3 python3-pip python3-venv python3-dev python3-setuptools python3-wheel "
        "python-is-python3 py3-pip pip ruby ruby-dev ruby-bundler php php-cli php-fpm default-jre "
        "default-jre-headless default-jdk default-jdk-headless libstdc++ libstdc++6 libgcc libgcc-s1 libgcc1"
    )
)
_RUNTIME_PREFIXES = ("openjdk", "java-", "temurin-", "dotnet-", "aspnetcore-", "python3.", "nodejs-")
_INFRA_IMAGES = (
    "postgres|postgis|mysql|mariadb|redis|valkey|mongo|rabbitmq|memcached|elasticsearch|opensearch"
    "|kafka|cp-kafka|zookeeper|cp-zookeeper|nats|minio|cassandra|couchdb|influxdb|clickhouse|etcd"
    "|consul|vault|traefik|nginx|haproxy|envoy|localstack|mailhog|mailpit|adminer|pgadmin|grafana"
    "|prometheus|jaeger|keycloak|busybox|alpine"
)
_STATE_IMAGES = (
    "postgres|postgis|mysql|mariadb|redis|valkey|mongo|rabbitmq|elasticsearch|opensearch|kafka"
    "|cp-kafka|zookeeper|cp-zookeeper|nats|minio|cassandra|couchdb|influxdb|clickhouse|etcd"
)
# The whole image name, allowing the usual spellings (postgresql, mongodb, redis-stack,
# pgadmin4) but not a team's own `kafka-consumer` or `mongo-sync` service.
_VARIANT = r"(?:ql|db|-server|-stack|-stack-server|-cluster)?\d*"
_INFRA_IMAGE = re.compile(f"(?:{_INFRA_IMAGES}){_VARIANT}")
_STATE_IMAGE = re.compile(f"(?:{_STATE_IMAGES}){_VARIANT}")


def image_name(image: str) -> str:
    """`docker.io/bitnami/postgresql:15@sha256:..` -> `postgresql`."""
    return image.split("@")[0].rsplit("/", 1)[-1].split(":")[0].lower()


def is_infrastructure_image(image: str) -> bool:
    return _INFRA_IMAGE.fullmatch(image_name(image)) is not None


def is_state_image(image: str) -> bool:
    return _STATE_IMAGE.fullmatch(image_name(image)) is not None


def component_folder(path: str) -> str:
    return dirname(path) or "."


def detect_dockerfile(candidate: Candidate, text: str, findings: Findings) -> None:
    path = candidate.path
    if ".devcontainer/" in f"/{path}":
        findings.add(CONTAINERS, "devcontainer", path)
        return
    if is_incidental(path):
        return
    findings.add(CONTAINERS, "dockerfile", path)
    folder = component_folder(path)
    findings.component("dockerfile", candidate.repo, folder, path)
    image = dockerfile.shipped(text)
    if image.base is not None and not image.base.startswith("$"):
        if _WINDOWS_IMAGE.search(image.base):
            findings.add(OS, "windows", path, f"FROM {image.base.split('@', 1)[0]}")
        else:
            findings.add(OS, "linux", path)
        if dockerfile.gpu_image(image.base):
            findings.add(ACCELERATOR, "gpu", path, f"FROM {image.base.split('@', 1)[0]}")
    runtime = dockerfile.shipped_runtime(image)
    if runtime is not None:
        findings.add(IMAGE_RUNTIME, f"{folder}\0{runtime[0]}", path, runtime[1])
    for package in installed_packages("\n".join(image.run)):
        findings.add(SYSTEM_PACKAGES, package, path)


def installed_packages(text: str) -> list[str]:
    """OS packages an image installs, minus plumbing; version pins and flags dropped."""
    joined = text.replace("\\\r\n", " ").replace("\\\n", " ")
    packages = []
    for command in _COMMAND_END.split(joined):
        words = command.split()
        manager = next((i for i, word in enumerate(words) if basename(word) in _PACKAGE_MANAGERS), None)
        if manager is None:
            continue
        verb = next((i for i in range(manager + 1, len(words)) if words[i] in _INSTALL_VERBS), None)
        if verb is None:
            continue
        for word in words[verb + 1 :]:
            name = word.split("=")[0].strip("'\"")
            if _PACKAGE_NAME.fullmatch(name) and not _is_plumbing_or_runtime(name):
                packages.append(name)
    return packages


def _is_plumbing_or_runtime(package: str) -> bool:
    return package in _PLUMBING or package in _RUNTIME_PACKAGES or package.startswith(_RUNTIME_PREFIXES)


def detect_aptfile(candidate: Candidate, text: str, findings: Findings) -> None:
    for line in text.splitlines():
        name = line.strip()
        if name and not name.startswith("#") and not _is_plumbing_or_runtime(name):
            findings.add(SYSTEM_PACKAGES, name, candidate.path)
