"""Which file names can carry a fact: the only files a scan ever opens.

Classification looks at the name alone (no stat, no read), because it runs once for every
file of the tree; the detectors look at content afterwards, for the few that match.
"""

from __future__ import annotations

# Language manifests by exact name -> the language's short name (the question bank's
# choices where it has one; JVM languages count as `java`, the runtime that is operated).
MANIFESTS: dict[str, str] = {
    "package.json": "node",
    "pyproject.toml": "python",
    "setup.py": "python",
    "setup.cfg": "python",
    "Pipfile": "python",
    "go.mod": "go",
    "pom.xml": "java",
    "build.gradle": "java",
    "build.gradle.kts": "java",
    "build.sbt": "java",
    "project.clj": "java",
    "deps.edn": "java",
    "Gemfile": "ruby",
    "composer.json": "php",
    "Cargo.toml": "rust",
    "mix.exs": "elixir",
    "CMakeLists.txt": "cpp",
    "meson.build": "cpp",
    "conanfile.txt": "cpp",
    "conanfile.py": "cpp",
    "vcpkg.json": "cpp",
    "deno.json": "deno",
    "deno.jsonc": "deno",
    "rebar.config": "erlang",
    "gleam.toml": "gleam",
    "dune-project": "ocaml",
    "cpanfile": "perl",
    "Package.swift": "swift",
}
MANIFEST_SUFFIXES: dict[str, str] = {
    ".csproj": "dotnet",
    ".fsproj": "dotnet",
    ".vbproj": "dotnet",
    ".sln": "dotnet",
    ".gemspec": "ruby",
    ".cabal": "haskell",
    ".vcxproj": "cpp",
}

_EXACT: dict[str, str] = {
    "Dockerfile": "dockerfile",
    "Containerfile": "dockerfile",
    "Procfile": "procfile",
    "Aptfile": "aptfile",
    "Jenkinsfile": "ci",
    "app.json": "json",
    "Dockerrun.aws.json": "json",
    "fly.toml": "paas-config",
    "ansible.cfg": "ansible",
    "Berksfile": "chef",
    "Policyfile.rb": "chef",
    "metadata.rb": "chef",
    "Puppetfile": "puppet",
    "Kustomization": "yaml",
    "devcontainer.json": "devcontainer",
    ".devcontainer.json": "devcontainer",
}
_SUFFIXES: tuple[tuple[str, str], ...] = (
    (".dockerfile", "dockerfile"),
    (".yml", "yaml"),
    (".yaml", "yaml"),
    (".pkr.hcl", "packer"),
    (".pkr.json", "packer"),
    (".nomad", "hcl"),
    (".nomad.hcl", "hcl"),
    (".hcl", "hcl"),
    (".tf", "terraform"),
    (".pp", "puppet"),
    (".ps1", "powershell"),
    (".psm1", "powershell"),
)


def classify(name: str) -> str | None:
    """The kind of file `name` is, or None when no detector needs to read it."""
    kind = _EXACT.get(name)
    if kind is not None:
        return kind
    if name in MANIFESTS:
        return "manifest"
    lower = name.lower()
    if name.startswith(("Dockerfile.", "Containerfile.")):
        return "dockerfile"
    if lower.startswith("requirements") and lower.endswith(".txt"):
        return "manifest"
    dot = name.rfind(".")
    if dot > 0 and name[dot:] in MANIFEST_SUFFIXES:
        return "manifest"
    for suffix, suffix_kind in _SUFFIXES:
        if lower.endswith(suffix):
            return suffix_kind
    if lower.endswith(".json") and _is_interesting_json(lower):
        return "json"
    return None


def manifest_language(name: str) -> str | None:
    if name in MANIFESTS:
        return MANIFESTS[name]
    lower = name.lower()
    if lower.startswith("requirements") and lower.endswith(".txt"):
        return "python"
    dot = name.rfind(".")
    return MANIFEST_SUFFIXES.get(name[dot:]) if dot > 0 else None


def _is_interesting_json(lower: str) -> bool:
    """ECS task definitions and old Packer templates; other JSON is never opened."""
    return ("task" in lower and "def" in lower) or "packer" in lower
