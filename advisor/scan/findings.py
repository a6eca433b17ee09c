"""What the detectors found, before it becomes facts: signals with the files behind them.

Detectors only record observations (`language: go in svc/go.mod`); deciding what they mean
for a fact, and how sure that is, is the mapping's job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from posixpath import dirname

# Topics, each a family of keys with the files that showed them.
LANGUAGE = "language"
PLATFORM = "platform"  # kubernetes | ecs | nomad | swarm | paas | vms
IMAGE_PIPELINE = "image-pipeline"  # packer | ansible | chef | puppet
CONTAINERS = "containers"  # dockerfile | compose | ci | devcontainer
OS = "os"  # windows | windows-weak | linux
SYSTEM_PACKAGES = "system-packages"  # package name
STATE = "state"  # workload running a database or queue image
NON_CONTAINER_JOBS = "non-container-jobs"  # scheduler driver
COMPONENT = "component:"  # + source; keys are '<repo>\0<name>'

COMPONENT_SOURCES = {
    "kubernetes": "Kubernetes workloads",
    "ecs": "ECS task definitions or services",
    "nomad": "Nomad jobs",
    "compose": "Compose services built from source",
    "swarm": "Swarm stack services",
    "procfile": "Procfile process types",
    "dockerfile": "folders with a Dockerfile",
    "service-folder": "service folders with their own manifest",
}

# Folders whose contents describe examples, tests, documentation or CI tooling (a GitHub
# Action's Dockerfile, say), not the system itself.
_INCIDENTAL = re.compile(
    r"(^|/)(docs?|examples?|samples?|demos?|tests?|__tests__|testdata|test-data|fixtures?|spec"
    r"|\.github|\.gitlab|\.circleci|\.buildkite)(/|$)",
    re.IGNORECASE,
)


def printable(path: str) -> str:
    """A path safe to print and to put in a YAML comment: control characters, undecodable
    bytes (surrogates) and other unprintables become '?'."""
    return path if path.isprintable() else "".join(c if c.isprintable() else "?" for c in path)


def is_incidental(path: str) -> bool:
    return _INCIDENTAL.search(dirname(path)) is not None


@dataclass
class Findings:
    """Signals keyed by topic and key, each with the files that showed it, in scan order."""

    signals: dict[str, dict[str, dict[str, None]]] = field(default_factory=dict)  # ordered sets
    warnings: list[str] = field(default_factory=list)
    files_read: int = 0

    def add(self, topic: str, key: str, path: str) -> None:
        self.signals.setdefault(topic, {}).setdefault(key, {})[path] = None

    def component(self, source: str, repo: str, name: str, path: str) -> None:
        self.add(COMPONENT + source, f"{repo}\0{name}", path)

    def keys(self, topic: str) -> list[str]:
        return list(self.signals.get(topic, {}))

    def has(self, topic: str, key: str) -> bool:
        return key in self.signals.get(topic, {})

    def paths(self, topic: str, *keys: str) -> list[str]:
        """Files behind the topic (only `keys` when given), each once, in scan order."""
        found = self.signals.get(topic, {})
        chosen = keys or tuple(found)
        return list(dict.fromkeys(path for key in chosen for path in found.get(key, [])))

    def warn(self, path: str, message: str) -> None:
        self.warnings.append(f"{printable(path)}: {message}")
