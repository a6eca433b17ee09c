"""From signals to facts: which fact each detection supports, and how much it may claim.

The rule throughout: a scan sees files, not production. It only answers what the files
establish (a Dockerfile proves *some* container experience, not production experience),
and leaves a fact out when the signals disagree or are weak.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from posixpath import dirname

from advisor.facts import Facts, FactValue
from advisor.pack.questions import QuestionBank
from advisor.scan.dockerfile import STATIC
from advisor.scan.findings import (
    ACCELERATOR,
    COMPONENT,
    COMPONENT_SOURCES,
    CONTAINERS,
    IMAGE_PIPELINE,
    IMAGE_RUNTIME,
    LANGUAGE,
    NON_CONTAINER_JOBS,
    OS,
    SERVERLESS,
    SHOWN_FILES,
    STATE,
    SYSTEM_PACKAGES,
    Findings,
    code_first,
    counted,
    files,
    printable,
)
from advisor.scan.hosting import Claim, hosting_facts

CONTAINER_LABELS = {
    "dockerfile": "Dockerfiles",
    "compose": "Compose files",
    "ci": "CI running in containers",
    "devcontainer": "dev containers",
}
# Serverless platforms that run Linux only (Azure Functions has Windows plans too).
LINUX_ONLY = frozenset({"cloud-run", "lambda", "app-runner", "container-apps", "cloud-functions"})
TOOL_LABELS = {"packer": "Packer", "ansible": "Ansible", "chef": "Chef", "puppet": "Puppet"}


@dataclass
class Mapped:
    facts: Facts = field(default_factory=dict)
    evidence: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def to_facts(findings: Findings, bank: QuestionBank) -> Mapped:
    mapped = Mapped()

    def claim(fact: str, value: FactValue, evidence: str) -> None:
        if _fits(bank, fact, value):
            mapped.facts[fact] = value
            mapped.evidence[fact] = evidence

    _components(findings, claim)
    _languages(findings, bank, claim, mapped.notes)
    _operating_system(findings, claim)
    hosting_facts(findings, claim, mapped.notes)
    _team(findings, claim)
    _runtime_needs(findings, claim)
    if findings.has(ACCELERATOR, "gpu") and "app.accelerators" not in bank.facts:
        gpus = files(findings.shown(ACCELERATOR, "gpu"), 2)
        mapped.notes.append(
            f"GPU images or GPU requests found ({gpus}); this question bank has no app.accelerators "
            "question, and a GPU is not a host-level need, so they answer nothing"
        )
    if findings.has(CONTAINERS, "compose"):
        mapped.notes.append(
            "Compose files found: the development environment is at least partly containerized; "
            "delivery.environment_drift asks whether drift still hurts, so it is left to you"
        )
    mapped.facts = {fact: mapped.facts[fact] for fact in bank.facts if fact in mapped.facts}
    return mapped


def _fits(bank: QuestionBank, fact: str, value: FactValue) -> bool:
    """A pack with its own question bank may lack a fact or a value; then the scan stays silent."""
    question = bank.facts.get(fact)
    if question is None:
        return False
    if question.type == "choice":
        return value in question.choices
    if question.type == "int":
        low = question.min if question.min is not None else 0
        high = question.max if question.max is not None else value
        return isinstance(value, int) and isinstance(high, int) and low <= value <= high
    return True


def _components(findings: Findings, claim: Claim) -> None:
    """Largest count among the sources of each repository, summed over repositories.

    One service usually shows up as a Dockerfile, a Compose service and a Kubernetes
    Deployment at once; adding the sources up would count it three times.
    """
    per_repo: dict[str, dict[str, list[str]]] = {}
    files_of: dict[tuple[str, str], dict[str, None]] = {}
    for source in COMPONENT_SOURCES:
        for key, paths in findings.signals.get(COMPONENT + source, {}).items():
            repo, name = key.split("\0", 1)
            per_repo.setdefault(repo, {}).setdefault(source, []).append(name)
            files_of.setdefault((repo, source), {}).update(dict.fromkeys(paths))
    if not per_repo:
        return
    total = 0
    parts = []
    for repo in sorted(per_repo):
        sources = per_repo[repo]
        best = max(COMPONENT_SOURCES, key=lambda source: len(sources.get(source, [])))
        count = len(sources[best])
        total += count
        where = f"{printable(repo or '.')}/: " if len(per_repo) > 1 else ""
        parts.append(f"{where}{counted(count, best)} ({files(list(files_of[(repo, best)]), 2)})")
        others = [counted(len(names), s) for s, names in sources.items() if s != best]
        if others and len(per_repo) == 1:
            parts[-1] += "; also " + ", ".join(others)
    if len(per_repo) == 1:
        claim("app.components", total, parts[0])
    else:
        more = f"; +{len(parts) - SHOWN_FILES} more" if len(parts) > SHOWN_FILES else ""
        claim(
            "app.components",
            total,
            f"sum over {len(per_repo)} repositories: " + "; ".join(parts[:SHOWN_FILES]) + more,
        )


def _languages(findings: Findings, bank: QuestionBank, claim: Claim, notes: list[str]) -> None:
    found = production_runtimes(findings, notes)
    if not found:
        return
    question = bank.facts.get("stack.languages")
    order = list(question.choices) if question is not None else []
    languages = sorted(found, key=lambda lang: (order.index(lang) if lang in order else len(order), lang))
    evidence = "; ".join(f"{lang}: {files(found[lang], 2)}" for lang in languages)
    claim("stack.languages", tuple(languages), evidence)


def production_runtimes(findings: Findings, notes: list[str]) -> dict[str, list[str]]:
    """Each runtime with the files that show it, once however many ways it was found.

    The image a folder builds says what that component ships: a manifest beside a
    Dockerfile whose final stage runs something else (a front end's package.json beside
    an nginx image) is a build tool, not a production runtime.
    """
    shipped: dict[str, set[str]] = {}
    images: dict[str, list[str]] = {}
    for key in findings.keys(IMAGE_RUNTIME):
        folder, runtime = key.split("\0", 1)
        shipped.setdefault(folder, set()).add(runtime)
        if runtime != STATIC:
            images.setdefault(runtime, []).extend(findings.shown(IMAGE_RUNTIME, key))
    found: dict[str, list[str]] = {}
    built_only: list[str] = []
    for language, paths in findings.signals.get(LANGUAGE, {}).items():
        for path, label in paths.items():
            shown = f"{path} ({label})" if label else path
            if language in shipped.get(dirname(path) or ".", {language}):
                found.setdefault(language, []).append(shown)
            else:
                built_only.append(f"{language} ({printable(shown)})")
    for runtime, dockerfiles in images.items():
        found.setdefault(runtime, []).extend(dockerfiles)
    if built_only:
        notes.append(
            "not counted as production runtimes, since the image built in the same folder runs "
            "something else: "
            + ", ".join(built_only[:SHOWN_FILES])
            + (f" +{len(built_only) - SHOWN_FILES} more" if len(built_only) > SHOWN_FILES else "")
        )
    return found


def _operating_system(findings: Findings, claim: Claim) -> None:
    windows = findings.shown(OS, "windows")
    weak = findings.shown(OS, "windows-weak")
    serverless = findings.shown(SERVERLESS, *(key for key in findings.keys(SERVERLESS) if key in LINUX_ONLY))
    linux = code_first(list(dict.fromkeys(findings.shown(OS, "linux") + serverless)))
    if windows and linux:
        claim("app.os", "mixed", f"Windows: {files(windows, 2)}; Linux: {files(linux, 2)}")
    elif windows or (weak and not linux):
        claim("app.os", "windows", f"Windows workloads: {files(windows or weak)}")
    elif linux:
        claim("app.os", "linux", f"Linux images or platforms: {files(linux)}")


def _team(findings: Findings, claim: Claim) -> None:
    signals = findings.keys(CONTAINERS)
    if signals:
        shown = "; ".join(
            f"{CONTAINER_LABELS[key]}: {files(findings.paths(CONTAINERS, key), 2)}"
            for key in CONTAINER_LABELS
            if key in signals
        )
        claim("team.container_experience", "some", f"at least some ({shown}); production if images run there")
    tools = findings.keys(IMAGE_PIPELINE)
    if tools:
        shown = "; ".join(
            f"{label}: {files(findings.paths(IMAGE_PIPELINE, tool), 2)}"
            for tool, label in TOOL_LABELS.items()
            if tool in tools
        )
        claim("team.image_pipeline", True, shown)


def _runtime_needs(findings: Findings, claim: Claim) -> None:
    packages = findings.keys(SYSTEM_PACKAGES)
    if packages:
        shown = printable(", ".join(sorted(packages)[:6])) + (" …" if len(packages) > 6 else "")
        claim(
            "stack.system_dependencies",
            True,
            f"OS packages installed: {shown} ({files(findings.paths(SYSTEM_PACKAGES), 2)})",
        )
    gpus = findings.shown(ACCELERATOR, "gpu")
    if gpus:
        claim("app.accelerators", "gpu", f"GPU images or GPU requests: {files(gpus, 2)}")
    state = findings.keys(STATE)
    if state:
        claim(
            "app.self_hosted_state",
            True,
            f"workloads running database or queue images: {printable(', '.join(state[:4]))} "
            f"({files(findings.paths(STATE), 2)})",
        )
    drivers = findings.keys(NON_CONTAINER_JOBS)
    if drivers:
        where = files(findings.paths(NON_CONTAINER_JOBS), 2)
        names = printable(", ".join(drivers))
        claim("hosting.mixed_workloads", True, f"Nomad tasks with the {names} driver ({where})")
