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
    "cdk.json": "cloud-marker",
    "samconfig.toml": "cloud-marker",
    ".gcloudignore": "cloud-marker",
}
# Extension (lower case) -> kind; the few names whose kind depends on more than the
# last extension are refined in `_refine`.
_EXTENSIONS: dict[str, str] = {
    ".dockerfile": "dockerfile",
    ".yml": "yaml",
    ".yaml": "yaml",
    ".hcl": "hcl",
    ".nomad": "hcl",
    ".tf": "terraform",
    ".pp": "puppet",
    ".bicep": "bicep",
    ".ps1": "powershell",
    ".psm1": "powershell",
    ".json": "json",
    ".txt": "requirements",
    **{suffix: "manifest" for suffix in MANIFEST_SUFFIXES},
}
_EXACT_OR_MANIFEST = {**{name: "manifest" for name in MANIFESTS}, **_EXACT}


def classify(name: str) -> str | None:
    """The kind of file `name` is, or None when no detector needs to read it.

    Runs for every file in the tree, so the common case (a source file) costs two dict
    misses and one string search.
    """
    kind = _EXACT_OR_MANIFEST.get(name)
    if kind is not None:
        return kind
    dot = name.rfind(".")
    kind = _EXTENSIONS.get(name[dot:].lower()) if dot > 0 else None
    if kind is None:
        return "dockerfile" if name.startswith(("Dockerfile.", "Containerfile.")) else None
    return _refine(name.lower(), kind)


def _refine(lower: str, kind: str) -> str | None:
    if kind == "hcl" and lower.endswith(".pkr.hcl"):
        return "packer"
    if kind == "json":
        if lower.endswith(".pkr.json") or "packer" in lower:
            return "packer"
        if "task" in lower and "def" in lower:  # ECS task definitions
            return "json"
        return "json" if "template" in lower or lower == "azuredeploy.json" else None  # IaC, Packer
    if kind == "requirements":
        return "manifest" if lower.startswith("requirements") else None
    return kind


def manifest_language(name: str) -> str | None:
    if name in MANIFESTS:
        return MANIFESTS[name]
    lower = name.lower()
    if lower.startswith("requirements") and lower.endswith(".txt"):
        return "python"
    dot = name.rfind(".")
    return MANIFEST_SUFFIXES.get(name[dot:]) if dot > 0 else None
