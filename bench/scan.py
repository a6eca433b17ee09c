"""Benchmark `advisor scan` on a generated 100,000-file tree.

Prints files per second of the full scan (walk, read the candidate files, map to facts)
and its ratio to a bare recursive `os.scandir` listing of the same tree, measured side by
side in this run (best of several alternating rounds, warm file cache for both).

    python bench/scan.py [--files 100000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

from advisor.pack.bundled import default_rules_dir
from advisor.pack.load import load_rule_pack
from advisor.scan import scan

MANIFEST = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: svc-{index}
spec:
  template:
    spec:
      containers:
        - name: app
          image: registry.example.com/svc-{index}:1
"""
MANIFESTS = {
    0: ("package.json", '{"dependencies": {"express": "4"}}'),
    1: ("pyproject.toml", "[project]\nname = 'svc'\n"),
    2: ("go.mod", "module example.com/svc\n"),
    3: (
        "svc.csproj",
        '<Project Sdk="Microsoft.NET.Sdk.Web"><PropertyGroup>\n'
        "<TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>\n",
    ),
}
DOCKERFILE = """\
FROM debian:12 AS build
RUN apt-get update && apt-get install -y build-essential
COPY . /src
RUN make -C /src

FROM debian:12-slim
RUN apt-get update \\
 && apt-get install -y --no-install-recommends libpq5 ca-certificates \\
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /src/app /usr/local/bin/app
ENTRYPOINT ["tini", "--"]
CMD ["/usr/local/bin/app"]
"""
# Infrastructure code and CI files, once per tree: the cloud, the cluster, the deploy steps.
INFRASTRUCTURE = {
    "terraform/providers.tf": 'provider "google" {\n  project = var.project\n}\n',
    "terraform/main.tf": 'resource "google_container_cluster" "main" {\n  name = "main"\n}\n'
    'module "network" {\n  source = "terraform-google-modules/network/google"\n}\n',
    "cloudbuild.yaml": "steps:\n- name: gcr.io/cloud-builders/gcloud\n"
    "  args: [container, clusters, get-credentials, main]\n",
    ".github/workflows/ci.yml": "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n"
    "    steps:\n      - uses: docker/build-push-action@v6\n",
}
SOURCE_EXTENSIONS = (".py", ".js", ".go", ".md", ".txt", ".html", ".css", ".json", ".yaml", ".sql")


def build_tree(root: Path, total: int) -> int:
    """About `total` files: services with source folders, manifests, multi-stage images and
    deployments, infrastructure code and CI files.

    One tenth of the files sit in a node_modules folder the scan skips and the bare
    listing walks, as in a real checkout.
    """
    services = max(1, total // 1000)
    written = 0
    for relative, text in INFRASTRUCTURE.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text)
        written += 1
    for index in range(services):
        service = root / "services" / f"svc-{index}"
        service.mkdir(parents=True)
        name, text = MANIFESTS[index % len(MANIFESTS)]
        (service / name).write_text(text)
        (service / "Dockerfile").write_text(DOCKERFILE)
        deploy = root / "deploy" / f"svc-{index}.yaml"
        deploy.parent.mkdir(exist_ok=True)
        deploy.write_text(MANIFEST.format(index=index))
        written += 3
        for folder in range(9):
            package = service / "src" / f"pkg{folder}"
            package.mkdir(parents=True)
            for number in range(100):
                extension = SOURCE_EXTENSIONS[number % len(SOURCE_EXTENSIONS)]
                (package / f"file{number}{extension}").write_text("x = 1\n")
                written += 1
    dependencies = root / "node_modules"
    while written < total:
        package = dependencies / f"dep{written // 500}"
        package.mkdir(parents=True, exist_ok=True)
        (package / f"index{written % 500}.js").write_text("module.exports = 1\n")
        written += 1
    return written


def bare_listing(root: str) -> int:
    """Every file under `root`, listed with os.scandir and nothing else: the floor."""
    count = 0
    stack = [root]
    while stack:
        with os.scandir(stack.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                elif entry.is_file(follow_symlinks=False):
                    count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    bank = load_rule_pack(default_rules_dir()).bank
    folder = Path(tempfile.mkdtemp(prefix="advisor-scan-bench-"))
    try:
        started = time.perf_counter()
        files = build_tree(folder, args.files)
        print(f"tree: {files:,} files built in {time.perf_counter() - started:.1f} s")
        bare_times, scan_times = [], []
        for _ in range(args.rounds):
            started = time.perf_counter()
            listed = bare_listing(str(folder))
            bare_times.append(time.perf_counter() - started)
            started = time.perf_counter()
            report = scan(folder, bank)
            scan_times.append(time.perf_counter() - started)
        bare, full = min(bare_times), min(scan_times)
        print(f"bare os.scandir listing: {listed:,} files in {bare:.3f} s ({listed / bare:,.0f} files/s)")
        print(
            f"advisor scan:            {files:,} files in {full:.3f} s ({files / full:,.0f} files/s); "
            f"{report.files_seen:,} listed after skipping, {report.files_read:,} opened"
        )
        print(f"ratio scan / bare listing: {full / bare:.2f}x (best of {args.rounds} rounds each)")
        print(f"facts detected: {dict(sorted(report.answers.facts.items()))}")
        print(f"budget: 100,000 files in <= 5 s -> {'met' if full * 100_000 / files <= 5 else 'MISSED'}")
    finally:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
