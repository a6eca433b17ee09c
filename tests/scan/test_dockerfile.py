"""What a Dockerfile ships: the final stage's base image, what it runs, what it installs."""

from __future__ import annotations

import textwrap

import pytest

from advisor.scan.dockerfile import (
    STATIC,
    command_runtime,
    gpu_image,
    image_runtime,
    instructions,
    shipped,
    shipped_runtime,
)


def runtime_of(text: str) -> tuple[str, str] | None:
    return shipped_runtime(shipped(textwrap.dedent(text)))


def test_continuation_lines_are_joined_and_comments_dropped() -> None:
    text = "FROM debian:12\n# a comment\nRUN apt-get update \\\n  # inside\n  && apt-get install -y libpq5\n"
    assert list(instructions(text)) == [
        ("FROM", "debian:12"),
        ("RUN", "apt-get update && apt-get install -y libpq5"),
    ]


def test_the_escape_directive_is_honoured() -> None:
    text = "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN a `\n  b\n"
    assert list(instructions(text))[-1] == ("RUN", "a b")


def test_a_here_document_is_one_instruction() -> None:
    text = 'FROM debian\nRUN <<EOF\napt-get install -y libvips42\nFROM nope\nEOF\nCMD ["node"]\n'
    assert [name for name, _ in instructions(text)] == ["FROM", "RUN", "CMD"]


def test_the_final_stage_follows_stage_names_to_its_base_image() -> None:
    image = shipped(
        "FROM python:3.12-slim AS base\nRUN apt-get install -y libpq5\nFROM base AS build\n"
        "RUN pip install x\nFROM base\nCMD gunicorn app:app\n"
    )
    assert image.base == "python:3.12-slim"
    assert image.command == ["gunicorn", "app:app"]
    assert image.run == ["apt-get install -y libpq5"]


def test_entrypoint_and_cmd_are_inherited_from_the_stage_built_upon() -> None:
    image = shipped('FROM node:22 AS app\nENTRYPOINT ["node", "server.js"]\nFROM app\nENV A=1\n')
    assert image.entrypoint == ["node", "server.js"]


@pytest.mark.parametrize(
    ("dockerfile", "expected"),
    [
        ('FROM alpine:3\nRUN apk add nodejs\nENTRYPOINT [ "node", "server.js" ]', ("node", "runs node")),
        ("FROM node:22 AS build\nRUN npm run build\nFROM nginx:alpine\n", (STATIC, "FROM nginx:alpine")),
        ('FROM eclipse-temurin:21-jre\nENTRYPOINT ["/app/bin/ads"]', ("java", "FROM eclipse-temurin:21-jre")),
        ("FROM mcr.microsoft.com/dotnet/aspnet:8.0\n",
         ("dotnet", "FROM mcr.microsoft.com/dotnet/aspnet:8.0")),
        ('FROM golang:1.23 AS b\nFROM gcr.io/distroless/static\nENTRYPOINT ["/srv"]', None),
        ("FROM gcr.io/distroless/java21-debian12\n", ("java", "FROM gcr.io/distroless/java21-debian12")),
        ("FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04\nCMD python3 -m uvicorn app:app",
         ("python", "runs python3")),
        ('FROM ubuntu:24.04\nENTRYPOINT ["tini", "--"]\nCMD ["gosu", "app", "bundle", "exec", "puma"]',
         ("ruby", "runs bundle")),
        ('FROM python:3.12\nCMD ["sh", "-c", "exec gunicorn app:app"]', ("python", "runs gunicorn")),
        ("FROM php:8.3-fpm\n", ("php", "FROM php:8.3-fpm")),
        ("ARG BASE=node:22\nFROM ${BASE}\n", None),
        ('FROM scratch\nCOPY app /app\nENTRYPOINT ["/app"]', None),
        ("RUN echo no stage\n", None),
    ],
    ids=[
        "node on alpine", "nginx front end", "jre image", "aspnet", "distroless static", "distroless java",
        "cuda image running python", "wrappers", "shell in exec form", "php-fpm", "build argument", "scratch",
        "no FROM",
    ],
)  # fmt: skip
def test_the_runtime_an_image_ships(dockerfile: str, expected: tuple[str, str] | None) -> None:
    assert runtime_of(dockerfile) == expected


def test_a_command_names_its_runtime_past_versions_and_paths() -> None:
    assert command_runtime(["/usr/local/bin/python3.12", "-m", "app"]) == ("python", "python3.12")
    assert command_runtime(["/app/entrypoint.sh"]) is None
    assert command_runtime(["LANG=C", "node", "x.js"]) == ("node", "node")


def test_image_names_are_read_without_tags_or_digests() -> None:
    assert image_runtime("node:20.20.2-alpine@sha256:fb4c") == "node"
    assert image_runtime("docker.io/library/python") == "python"
    assert image_runtime("mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled") == "dotnet"
    assert image_runtime("registry.example.com/team/node-exporter:1") is None


@pytest.mark.parametrize(
    ("image", "gpu"),
    [
        ("nvidia/cuda:12.4.1-cudnn-runtime-ubuntu22.04", True),
        ("nvcr.io/nvidia/pytorch:24.10-py3", True),
        ("pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime", True),
        ("tensorflow/tensorflow:2.18.0-gpu", True),
        ("rocm/pytorch:latest", True),
        ("pytorch/pytorch:2.5.1-cpu", False),
        ("python:3.12-slim", False),
    ],
)
def test_gpu_images(image: str, gpu: bool) -> None:
    assert gpu_image(image) is gpu
