"""`rules test` cases that pin estimates: a pass, a failure explained by its terms, located typos."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.checks.test_cases import run, write_cases
from tests.conftest import DATA

ESTIMATE_BASELINE = """\
baseline:
  app: {components: 3}
  hosting: {provider: aws, regulated: false}
  team: {experience: none}
  scale: {instances: 4}
"""


@pytest.fixture
def estimates_pack(tmp_path: Path) -> Path:
    root = tmp_path / "fixture"
    shutil.copytree(DATA / "estimates-pack", root)
    shutil.rmtree(root / "tests")
    (root / "tests").mkdir()
    return root


def test_a_case_pins_estimates_and_a_null_for_what_is_not_estimated(
    estimates_pack: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_cases(
        estimates_pack,
        ESTIMATE_BASELINE
        + """cases:
  - name: pinned
    estimates:
      kubernetes: {people_fte: [0.8, 1.6], weeks_to_production: [6, 12], monthly_cost_usd: [302, 604]}
      serverless: {monthly_cost_usd: null, yearly_total_usd: null}
""",
    )
    code, out, _ = run(capsys, str(estimates_pack))
    assert code == 0, out
    assert out.splitlines()[-1] == "1 passed, 0 failed"


def test_a_moved_estimate_fails_with_the_terms_behind_it(
    estimates_pack: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_cases(
        estimates_pack,
        ESTIMATE_BASELINE
        + """cases:
  - name: drifted
    answers: {hosting: {regulated: unknown}}
    estimates:
      kubernetes: {people_fte: [0.8, 1.6]}
      golden-image: {monthly_cost_usd: null}
""",
    )
    code, out, _ = run(capsys, str(estimates_pack))
    assert code == 1
    lines = out.splitlines()
    failure = lines.index("  estimates.kubernetes.people_fte: expected [0.8, 1.6], got [0.8, 2.1]")
    assert lines[failure + 1 : failure + 4] == [
        "      kubernetes-run: +[0.8, 1.6]",
        "      regulated: +[0.5, 0.5] (if hosting.regulated)",
        "    open: hosting.regulated",
    ]
    assert "  estimates.golden-image.monthly_cost_usd: expected null (not estimated), got [292, 584]" in lines


def test_estimate_expectations_are_checked_like_the_rest_of_a_case(
    estimates_pack: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_cases(
        estimates_pack,
        ESTIMATE_BASELINE
        + """cases:
  - name: typos
    estimates:
      kubernets: {people_fte: [1, 2]}
      paas: {people_fte: [2, 1], weeks: [1, 2]}
""",
    )
    code, _, err = run(capsys, str(estimates_pack))
    assert code == 2
    assert err.splitlines()[0] == (
        f"{path}:10:34: cases[0].estimates.paas.weeks: unknown key 'weeks' "
        "(did you mean 'weeks_to_production'?)"
    )


def test_an_unknown_option_in_estimates_is_located(
    estimates_pack: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_cases(
        estimates_pack,
        ESTIMATE_BASELINE
        + """cases:
  - name: typo
    estimates:
      kubernets: {people_fte: [1, 2]}
      paas: {people_fte: [2, 1]}
""",
    )
    code, _, err = run(capsys, str(estimates_pack))
    assert code == 2
    assert err.splitlines() == [
        f"{path}:9:7: cases[0].estimates.kubernets: unknown option 'kubernets' (did you mean 'kubernetes'?); "
        "use a strategy or platform id",
        f"{path}:10:26: cases[0].estimates.paas.people_fte: write the low end of the range first",
        "advisor: 2 problems found",
    ]
