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
PLATFORM = "platform"  # kubernetes | openshift | ecs | nomad | swarm | cloud-foundry | paas | vms
IMAGE_PIPELINE = "image-pipeline"  # packer | ansible | chef | puppet
CONTAINERS = "containers"  # dockerfile | compose | ci | devcontainer
OS = "os"  # windows | windows-weak | linux
SYSTEM_PACKAGES = "system-packages"  # package name
STATE = "state"  # workload running a database or queue image
NON_CONTAINER_JOBS = "non-container-jobs"  # scheduler driver
ACCELERATOR = "accelerator"  # gpu: GPU base images or GPU requests of workloads
IMAGE_RUNTIME = "image-runtime"  # '<folder>\0<runtime>': what a folder's image runs ('static': a web server)
CLOUD = "cloud"  # aws | gcp | azure | other-cloud | on-prem: files that only make sense there
CLOUD_HINT = "cloud-hint"  # the same keys, from files that suggest a cloud without settling it
MANAGED_KUBERNETES = "managed-kubernetes"  # eks | gke | aks | ...: a hosted cluster created in code
SERVERLESS = (
    "serverless"  # cloud-run | container-apps | lambda | ...: platforms with no existing_platform value
)
COMPONENT = "component:"  # + source; keys are '<repo>\0<name>'

# Where components are counted from: (one, several).
COMPONENT_SOURCES = {
    "kubernetes": ("Kubernetes workload", "Kubernetes workloads"),
    "ecs": ("ECS task definition or service", "ECS task definitions or services"),
    "nomad": ("Nomad job", "Nomad jobs"),
    "compose": ("Compose service built from source", "Compose services built from source"),
    "swarm": ("Swarm stack service", "Swarm stack services"),
    "procfile": ("Procfile process type", "Procfile process types"),
    "azd": ("service in azure.yaml", "services in azure.yaml"),
    "serverless": ("serverless application (SAM, Serverless Framework)", "serverless applications"),
    "vm-group": ("VM group (autoscaling group, scale set, instance group)", "VM groups"),
    "dockerfile": ("folder with a Dockerfile", "folders with a Dockerfile"),
    "service-folder": ("service folder with its own manifest", "service folders with their own manifest"),
}


def counted(count: int, source: str) -> str:
    """`1 Nomad job`, `3 Nomad jobs`."""
    one, several = COMPONENT_SOURCES[source]
    return f"{count} {one if count == 1 else several}"


# Folders whose contents describe examples, tests, documentation, developer tooling (`hack/`
# in Kubernetes-style repositories) or CI tooling (a GitHub Action's Dockerfile, say), not
# the system itself.
_INCIDENTAL = re.compile(
    r"(^|/)(docs?|examples?|samples?|demos?|tests?|__tests__|testdata|test-data|fixtures?|spec|hack"
    r"|\.github|\.gitlab|\.circleci|\.buildkite)(/|$)",
    re.IGNORECASE,
)


def printable(path: str) -> str:
    """A path safe to print and to put in a YAML comment: control characters, undecodable
    bytes (surrogates) and other unprintables become '?'."""
    return path if path.isprintable() else "".join(c if c.isprintable() else "?" for c in path)


SHOWN_FILES = 3


def files(paths: list[str], shown: int = SHOWN_FILES) -> str:
    """`a, b, c +4 more`: enough to find the evidence, short enough for one comment line."""
    text = ", ".join(printable(path) for path in paths[:shown])
    return text + (f" +{len(paths) - shown} more" if len(paths) > shown else "")


CI_LABEL = "CI: "  # the label of evidence from a CI step


def code_first(shown: list[str]) -> list[str]:
    """Files as evidence: infrastructure code and platform files before CI steps."""
    return sorted(shown, key=lambda file: f" ({CI_LABEL}" in file)


def is_incidental(path: str) -> bool:
    return _INCIDENTAL.search(dirname(path)) is not None


LABEL_CHARACTERS = 60


def label_text(text: str) -> str:
    """What a file showed, fit for one evidence comment: printable, and short."""
    text = printable(" ".join(text.split()))
    return text if len(text) <= LABEL_CHARACTERS else text[: LABEL_CHARACTERS - 1] + "…"


@dataclass
class Findings:
    """Signals keyed by topic and key, each with the files that showed it, in scan order.

    A file may carry a label: what in it showed the signal (`net48`, `FROM node:22`), shown
    beside the file name in the evidence.
    """

    signals: dict[str, dict[str, dict[str, str | None]]] = field(default_factory=dict)  # ordered
    warnings: list[str] = field(default_factory=list)
    files_read: int = 0

    def add(self, topic: str, key: str, path: str, label: str | None = None) -> None:
        found = self.signals.setdefault(topic, {}).setdefault(key, {})
        if found.get(path) is None:  # the first label a file gets is the one shown
            found[path] = None if label is None else label_text(label)

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

    def shown(self, topic: str, *keys: str) -> list[str]:
        """Like `paths`, each file with its label when it has one: `App.csproj (net48)`."""
        found = self.signals.get(topic, {})
        labelled: dict[str, str | None] = {}
        for key in keys or tuple(found):
            for path, label in found.get(key, {}).items():
                if labelled.get(path) is None:
                    labelled[path] = label
        return [f"{path} ({label})" if label else path for path, label in labelled.items()]

    def warn(self, path: str, message: str) -> None:
        self.warnings.append(f"{printable(path)}: {message}")
