"""Reading a Dockerfile: its stages, the image its final stage runs on, and what that runs.

The final stage is what ships: `FROM node:22 AS build ... FROM nginx` serves static files
and runs no Node.js in production, while `FROM alpine` with `ENTRYPOINT ["node", "server.js"]`
does. The file is read line by line in one pass, so its size bounds the work.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from posixpath import basename

STATIC = "static"  # the image serves files with a web server and runs no language runtime


@dataclass
class Stage:
    image: str  # as written after FROM, flags left out
    name: str  # the `AS` name in lower case, '' when there is none
    instructions: list[tuple[str, str]] = field(default_factory=list)  # (INSTRUCTION, arguments)


@dataclass(frozen=True)
class Shipped:
    """The final stage: the image it is built on (through earlier stages), what it runs and installs."""

    base: str | None  # None when there is no FROM
    entrypoint: list[str] | None
    command: list[str] | None
    run: list[str]  # RUN arguments of the final stage and the stages it builds on, in order


def instructions(text: str) -> Iterator[tuple[str, str]]:
    """(INSTRUCTION, arguments) for each instruction: continuation lines joined, comments and
    here-documents kept out of the way; `# escape=` is honoured."""
    escape = "\\"
    lines = text.splitlines()
    first = 0
    for line in lines:  # parser directives come first, as comments
        directive = line.strip().lower().replace(" ", "")
        if not directive.startswith("#") or "=" not in directive:
            break
        if directive.startswith("#escape="):
            escape = directive[len("#escape=") :][:1] or escape
        first += 1
    parts: list[str] = []
    heredoc: str | None = None
    for line in lines[first:]:
        if heredoc is not None:
            parts.append(line)
            if line.strip() == heredoc:
                heredoc = None
                yield _instruction(parts)
                parts = []
            continue
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.endswith(escape):
            parts.append(stripped[:-1].rstrip())
            continue
        parts.append(stripped)
        heredoc = _heredoc_end(stripped)
        if heredoc is None:
            yield _instruction(parts)
            parts = []
    if parts:
        yield _instruction(parts)


_HEREDOC = re.compile(r"<<-?[ \t]*[\"']?([A-Za-z_]\w*)")


def _heredoc_end(line: str) -> str | None:
    match = _HEREDOC.search(line) if "<<" in line else None
    return match.group(1) if match else None


def _instruction(parts: list[str]) -> tuple[str, str]:
    joined = " ".join(parts)
    word, _, arguments = joined.partition(" ")
    return word.upper(), arguments.strip()


def stages(text: str) -> list[Stage]:
    found: list[Stage] = []
    for instruction, arguments in instructions(text):
        if instruction == "FROM":
            words = [word for word in arguments.split() if not word.startswith("--")]
            if words:
                name = words[2].lower() if len(words) > 2 and words[1].lower() == "as" else ""
                found.append(Stage(words[0], name))
        elif found:
            found[-1].instructions.append((instruction, arguments))
    return found


def shipped(text: str) -> Shipped:
    """What the final stage ships, following `FROM <earlier stage>` to the image it starts from.

    ENTRYPOINT and CMD are inherited from the stage built upon, as Docker does.
    """
    built = stages(text)
    if not built:
        return Shipped(None, None, None, [])
    by_name = {stage.name: stage for stage in built if stage.name}
    chain = [built[-1]]
    followed = {built[-1].name}
    while (parent := chain[-1].image.lower()) in by_name and parent not in followed:
        followed.add(parent)
        chain.append(by_name[parent])
    entrypoint = command = None
    for stage in chain:  # the final stage first, then what it builds on
        for instruction, arguments in reversed(stage.instructions):
            if instruction == "ENTRYPOINT" and entrypoint is None:
                entrypoint = command_words(arguments)
            elif instruction == "CMD" and command is None:
                command = command_words(arguments)
    run = [
        arguments
        for stage in reversed(chain)
        for instruction, arguments in stage.instructions
        if instruction == "RUN"
    ]
    return Shipped(chain[-1].image, entrypoint, command, run)


def command_words(arguments: str) -> list[str]:
    """The words of a CMD or ENTRYPOINT, in exec form (a JSON list) or shell form."""
    if arguments.startswith("["):
        try:
            value = json.loads(arguments)
        except ValueError:
            value = None
        if isinstance(value, list):
            return " ".join(str(item) for item in value).split()
    return arguments.split()


# --- which runtime an image ships --------------------------------------------------------


def _table(rows: dict[str, str]) -> dict[str, str]:
    """`{runtime: "name name ..."}` -> `{name: runtime}`: tables that read as lists."""
    return {name: runtime for runtime, names in rows.items() for name in names.split()}


# Programs a command starts with that run through something else: the runtime is further on.
_WRAPPERS = frozenset(
    str.split("tini tini-static dumb-init catatonit exec env sh bash ash dash nice nohup time")
)
_SWITCH_USER = frozenset({"gosu", "su-exec", "chpst"})  # followed by a user name
_PROGRAMS = _table(
    {
        "node": "node nodejs npm npx yarn pnpm ts-node tsx pm2 pm2-runtime nodemon next nuxt nest",
        "python": "python python3 python2 gunicorn uvicorn hypercorn daphne uwsgi celery flask django-admin "
        "streamlit waitress-serve granian locust fastapi pipenv poetry uv",
        "java": "java catalina.sh jbang mvn gradle sbt lein clojure kotlin",
        "dotnet": "dotnet",
        "ruby": "ruby bundle rails puma unicorn rackup sidekiq thin",
        "php": "php php-fpm frankenphp apache2-foreground",
        "elixir": "elixir mix iex",
        "erlang": "erl",
        "deno": "deno",
        "bun": "bun",
        "go": "go",
        "rust": "cargo",
        "perl": "perl",
        STATIC: "nginx httpd httpd-foreground caddy lighttpd",
    }
)
_VERSIONED_PROGRAM = re.compile(r"(python|php-fpm|php|ruby|node)[0-9.]+")
# Image names (the last part of the repository) that are a runtime, or a web server.
_IMAGES = _table(
    {
        "node": "node nodejs",
        "python": "python pypy pytorch tensorflow",
        "java": "openjdk eclipse-temurin amazoncorretto ibm-semeru-runtimes ibmjava sapmachine zulu-openjdk "
        "microsoft-openjdk tomcat jetty maven gradle clojure jre jdk java",
        "ruby": "ruby",
        "php": "php",
        "go": "golang",
        "elixir": "elixir",
        "erlang": "erlang",
        "rust": "rust",
        "deno": "deno",
        "bun": "bun",
        "swift": "swift",
        "haskell": "haskell",
        "perl": "perl",
        STATIC: "nginx nginx-unprivileged httpd caddy lighttpd",
    }
)
_DISTROLESS = re.compile(r"(java|nodejs|python)\d*(?:-debian\d+)?")
_DISTROLESS_RUNTIMES = {"java": "java", "nodejs": "node", "python": "python"}


def repository(image: str) -> str:
    """`mcr.microsoft.com/dotnet/aspnet:8.0@sha256:..` -> `mcr.microsoft.com/dotnet/aspnet`."""
    without_digest = image.split("@", 1)[0]
    head, slash, last = without_digest.rpartition("/")
    return (head + slash + last.split(":", 1)[0]).lower()


def image_runtime(image: str) -> str | None:
    """The runtime an image is built to run, STATIC for a web server, None when it does not say."""
    name = repository(image)
    if "/dotnet/" in f"/{name}/" or name.startswith("mcr.microsoft.com/dotnet"):
        return "dotnet"
    last = basename(name)
    if "distroless" in name and (match := _DISTROLESS.fullmatch(last)):
        return _DISTROLESS_RUNTIMES[match.group(1)]
    return _IMAGES.get(last)


def command_runtime(words: list[str] | None) -> tuple[str, str] | None:
    """(runtime, program) for the program a command runs, skipping wrappers (`tini --`,
    `sh -c`, `gosu app`) and variable assignments; None when it runs something else."""
    position = 0
    while words is not None and position < len(words):
        word = words[position].strip("'\"")
        program = basename(word)
        position += 1
        if not program or word.startswith("-") or ("=" in word and not word.startswith("/")):
            continue
        if program in _WRAPPERS:
            continue
        if program in _SWITCH_USER:
            position += 1
            continue
        runtime = _PROGRAMS.get(program)
        if runtime is None and (match := _VERSIONED_PROGRAM.fullmatch(program)):
            runtime = _PROGRAMS.get(match.group(1))
        return (runtime, program) if runtime is not None else None
    return None


def shipped_runtime(image: Shipped) -> tuple[str, str] | None:
    """(runtime or STATIC, what shows it) for the final stage: the command it runs decides,
    then the image it is built on; None when neither says (a binary on a bare image)."""
    for words in (image.entrypoint, image.command):
        found = command_runtime(words)
        if found is not None:
            return found[0], f"runs {found[1]}"
    if image.base is not None and not image.base.startswith("$"):
        runtime = image_runtime(image.base)
        if runtime is not None:
            return runtime, f"FROM {image.base.split('@', 1)[0]}"
    return None


_GPU_IMAGE_NAMES = frozenset({"pytorch", "tensorflow", "vllm-openai", "tritonserver"})


def gpu_image(image: str) -> bool:
    """CUDA or ROCm base images, and framework images in their GPU variants."""
    name = repository(image)
    tag = image.split("@", 1)[0].rpartition("/")[2].partition(":")[2].lower()
    if name.endswith("nvidia/cuda") or name.startswith(("nvcr.io/nvidia/", "rocm/")):
        return True
    return basename(name) in _GPU_IMAGE_NAMES and any(word in tag for word in ("cuda", "gpu", "rocm"))
