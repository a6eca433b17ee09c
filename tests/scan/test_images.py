"""What an image installs and runs, and which images are someone else's software."""

from __future__ import annotations

import pytest

from advisor.scan.findings import IMAGE_RUNTIME, OS, SYSTEM_PACKAGES, Findings
from advisor.scan.images import (
    detect_dockerfile,
    image_name,
    installed_packages,
    is_infrastructure_image,
    is_state_image,
)
from advisor.scan.walk import Candidate


def detected(path: str, text: str) -> Findings:
    findings = Findings()
    detect_dockerfile(Candidate(path, path, "dockerfile", ""), text, findings)
    return findings


@pytest.mark.parametrize(
    ("command", "packages"),
    [
        ("apt-get update && apt-get install -y --no-install-recommends libpq5=15.8 curl", ["libpq5"]),
        ("apk add --no-cache libvips 'imagemagick'", ["libvips", "imagemagick"]),
        ("DEBIAN_FRONTEND=noninteractive /usr/bin/apt-get -y install libxml2", ["libxml2"]),
        ("apt-get install --no-install-recommends install-info", ["install-info"]),
        ("yum -y install gcc; dnf install -y libffi", ["gcc", "libffi"]),
        ("pip install psycopg2 && npm install sharp", []),
        ("apt apt apt apt", []),
    ],
)
def test_installed_packages_are_read_word_by_word(command: str, packages: list[str]) -> None:
    assert installed_packages(command) == packages


def test_the_runtime_itself_and_plumbing_are_no_system_dependency() -> None:
    command = "apk add --no-cache nodejs libstdc++ python3 py3-pip openjdk21-jre tini ca-certificates"
    assert installed_packages(command) == []


def test_a_final_stage_built_on_an_earlier_one_ships_what_that_one_installed() -> None:
    found = detected(
        "api/Dockerfile",
        "FROM python:3.12-slim AS base\nRUN apt-get install -y libpq5\n"
        "FROM base AS build\nRUN apt-get install -y build-essential\nFROM base\nCMD gunicorn app:app\n",
    )
    assert found.keys(SYSTEM_PACKAGES) == ["libpq5"]
    assert found.shown(IMAGE_RUNTIME) == ["api/Dockerfile (runs gunicorn)"]
    assert found.keys(IMAGE_RUNTIME) == ["api\0python"]


def test_windows_images_are_named_in_the_evidence() -> None:
    found = detected("Dockerfile", "FROM mcr.microsoft.com/dotnet/framework/aspnet:4.8@sha256:abc\n")
    assert found.shown(OS, "windows") == ["Dockerfile (FROM mcr.microsoft.com/dotnet/framework/aspnet:4.8)"]


def test_a_dev_container_image_is_no_component() -> None:
    found = detected(".devcontainer/Dockerfile", "FROM mcr.microsoft.com/devcontainers/python:3.12\n")
    assert found.signals.keys() == {"containers"}


@pytest.mark.parametrize(
    ("image", "infrastructure", "state"),
    [
        ("docker.io/bitnami/postgresql:16@sha256:ab", True, True),
        ("redis:7-alpine", True, True),
        ("nginx:1.27", True, False),
        ("registry.example.com/team/kafka-consumer:3", False, False),
        ("ghcr.io/acme/api:1", False, False),
    ],
)
def test_other_peoples_software(image: str, infrastructure: bool, state: bool) -> None:
    assert (is_infrastructure_image(image), is_state_image(image)) == (infrastructure, state)


def test_image_names_drop_registry_tag_and_digest() -> None:
    assert image_name("docker.io/bitnami/postgresql:15@sha256:00") == "postgresql"
