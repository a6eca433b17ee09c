"""Every detector reads a file in time linear in its size: hostile files cannot hang a scan.

Patterns with nested or adjacent unbounded repeats (`^\\s*-?\\s*x` over blank lines, a lazy
scan to the end of a line from every word of it) backtrack quadratically or worse; a 3 KB
`.gitlab-ci.yml` of blank lines once took 105 s. Each file kind is fed long runs of the
characters and words its patterns look for, and must be read within a fixed time per file.
"""

from __future__ import annotations

import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from advisor.scan import MAX_BYTES
from advisor.scan.detect import detect_text
from advisor.scan.findings import Findings
from advisor.scan.names import classify
from advisor.scan.read import MAX_DOCUMENTS, MAX_YAML_VALUES, yaml_documents
from advisor.scan.walk import Candidate
from tests.scan.test_scan_fuzz import NAMES

# Generous for a busy two-core machine: the line and word readers take milliseconds on
# 64 KB; the YAML parser (pure Python, some tens of microseconds a value) up to half a
# second on a file dense with values, which the scan bounds per file (read.MAX_YAML_*).
# The patterns this guards against took from 7 to 105 seconds on files of 3 to 64 KB.
SECONDS_PER_64_KB = 2.0
SECONDS_FOR_THE_ISSUE_CASES = 1.0
SECONDS_PER_FILE = 6.0  # any file of any kind at the size limit, YAML parsing included

# What the patterns look for, and what makes them backtrack: runs of blank space, line
# starts, list dashes, words that open a match that never closes.
UNITS = [
    "\n", " \n", "\r\n", " ", "\t", "\t\n", "- ", "-\n", " - ", "-", "--", ":", ": ", "{", "}", '"', "'",
    "[", "]", "\\\n", "`\n", "#", "&&", ";", "|", "=", "<", ">", "/", ".", "a", "0",
    "apt ", "apt-get ", "apk add ", "install ", "add ", "FROM ", "FROM --a ", "AS ", "CMD [", "CMD ",
    "ENTRYPOINT [\"", "RUN ", 'resource "', 'resource "a" ', 'provider "', 'module "', 'source "',
    'job "', 'job "a" ', 'driver = "', "build {", "hosts:", "- hosts:", "tasks:", "win_", "class ",
    "node ", "define ", "package ", "depends ", "image", "image:", "services:", "docker ", "kind: ",
    "kind: Deployment\n", "apiVersion: v1\n", "apiVersion: apps/v1\n", "---\n", "type: ", "runtime: ",
    "app =", "app ", "applications:", "<TargetFramework>", "<TargetFrameworks>net4", "net4", "net10",
    "<UseWPF>", "AWS::", "Type: AWS::", "Microsoft.", "nvidia", "host: ", "gcloud run deploy ",
]  # fmt: skip


class TooSlow(Exception):
    pass


@contextmanager
def give_up_after(seconds: float) -> Iterator[None]:
    """Fail a runaway case at once instead of waiting out a backtracking pattern (the regex
    engine checks for signals while it matches)."""

    def stop(signum: int, frame: object) -> None:
        raise TooSlow(f"still reading after {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def read_time(name: str, text: str, bound: float = SECONDS_PER_64_KB) -> float:
    """Seconds to read `text` as a file called `name`; fails when that is over twice `bound`."""
    kind = classify(name.rsplit("/", 1)[-1])
    assert kind is not None
    findings = Findings()
    started = time.perf_counter()
    with give_up_after(2 * bound):
        detect_text(Candidate(name, name, kind, ""), text, findings)
    return time.perf_counter() - started


def repeated(pattern: str, size: int) -> str:
    return (pattern * (size // max(1, len(pattern)) + 1))[:size]


runs = st.lists(
    st.tuples(st.one_of(st.sampled_from(UNITS), st.text(max_size=6)), st.integers(1, 5000)),
    min_size=1,
    max_size=4,
).map(lambda parts: "".join(unit * count for unit, count in parts))


@settings(max_examples=120, deadline=None)
@given(name=st.sampled_from(NAMES), pattern=runs)
def test_any_64_kb_file_is_read_within_the_bound(name: str, pattern: str) -> None:
    text = repeated(pattern or "\n", 64 * 1024)
    assert read_time(name, text) < SECONDS_PER_64_KB


ISSUE_CASES = [
    (".gitlab-ci.yml", "\n", 3 * 1024),
    ("site.pp", " \n", 64 * 1024),
    ("main.tf", " \n", 64 * 1024),
    ("Dockerfile", "apt ", 64 * 1024),
]


@pytest.mark.parametrize(("name", "unit", "size"), ISSUE_CASES, ids=[case[0] for case in ISSUE_CASES])
def test_the_files_that_once_hung_a_scan_are_read_at_once(name: str, unit: str, size: int) -> None:
    assert read_time(name, repeated(unit, size)) < SECONDS_FOR_THE_ISSUE_CASES


WORST_UNITS = [
    "\n", " \n", "- ", "-\n", "a: 1\n", "apt ", 'resource "a" ',
    "kind: Deployment\napiVersion: apps/v1\n---\n", "-\n" * 9_000 + "---\n",
]  # fmt: skip


@pytest.mark.parametrize("name", NAMES)
def test_a_file_at_the_size_limit_is_read_within_the_per_file_bound(name: str) -> None:
    slowest = max(read_time(name, repeated(unit, MAX_BYTES), SECONDS_PER_FILE) for unit in WORST_UNITS)
    assert slowest < SECONDS_PER_FILE


BOUND = "only: a file may hold up to 1,000 documents, 256 KB of them and about 20,000 values"


def test_at_most_a_thousand_yaml_documents_of_a_file_are_parsed() -> None:
    findings = Findings()
    documents = yaml_documents("---\nkind: Service\n" * (MAX_DOCUMENTS + 5), "k8s/many.yaml", findings)
    assert len(documents) == MAX_DOCUMENTS
    assert findings.warnings == [f"k8s/many.yaml: read the first 1,000 YAML documents {BOUND}"]


def test_documents_dense_with_values_are_not_parsed_past_the_bound() -> None:
    findings = Findings()
    dense = "-\n" * 15_000
    assert len(yaml_documents(f"{dense}---\n{dense}", "x.yaml", findings)) == 1
    assert findings.warnings == [f"x.yaml: read the first YAML document {BOUND}"]
    findings = Findings()
    assert yaml_documents("a: 1\n" * (MAX_YAML_VALUES + 1), "y.yaml", findings) == []
    assert findings.warnings == [f"y.yaml: read no YAML document {BOUND}"]


def test_at_most_256_kb_of_yaml_documents_of_a_file_are_parsed() -> None:
    findings = Findings()
    long_value = "note " + "x" * 100_000 + "\n"
    assert (
        len(yaml_documents(f"a: {long_value}---\nb: {long_value}---\nc: {long_value}", "z.yaml", findings))
        == 2
    )
    assert findings.warnings == [f"z.yaml: read the first 2 YAML documents {BOUND}"]


def test_documents_that_do_not_parse_make_one_warning_per_file() -> None:
    findings = Findings()
    assert yaml_documents("a: [\n---\nb: {\n---\nc: 1\n", "x.yaml", findings) == [{"c": 1}]
    assert len(findings.warnings) == 1
    assert findings.warnings[0].startswith("x.yaml: skipped 2 YAML documents that do not parse (the first: ")


def test_a_dockerfile_of_stages_each_built_on_the_last_is_read_at_once() -> None:
    chain = "FROM base AS s0\n" + "".join(f"FROM s{i} AS s{i + 1}\n" for i in range(60_000))
    assert len(chain) > MAX_BYTES // 2
    assert read_time("Dockerfile", chain, SECONDS_PER_FILE) < SECONDS_PER_FILE
