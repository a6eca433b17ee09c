"""`advisor rules test`: running a pack's cases, explaining failures, coverage, exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from advisor.cli import main
from advisor.pack.bundled import default_rules_dir

BASELINE = """\
baseline:
  app: {components: 1, architecture: monolith, os: linux}
  stack: {languages: [ruby]}
  hosting: {provider: gcp}
  team: {engineers: 4, ops_engineers: 0}
"""


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    """The default pack's rules without its tests, so each test writes its own cases."""
    root = tmp_path / "pack"
    root.mkdir()
    for path in default_rules_dir().glob("*.yaml"):
        shutil.copy(path, root / path.name)
    (root / "tests").mkdir()
    return root


def write_cases(pack: Path, text: str, name: str = "cases.yaml") -> Path:
    path = pack / "tests" / name
    path.write_text(text, encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["rules", "test", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_passing_case_prints_pass_and_the_summary_is_the_last_line(
    pack: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_cases(
        pack,
        BASELINE
        + """cases:
  - name: one ruby app
    strategy: paas
    platform: none
    fires: [single-deployable]
    not_fires: [many-components]
""",
    )
    code, out, _ = run(capsys, str(pack))
    assert code == 0
    assert f"PASS {path}:7 one ruby app" in out
    assert out.splitlines()[-1] == "1 passed, 0 failed"


def test_a_failure_shows_the_traced_condition_with_the_values_read(
    pack: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_cases(
        pack,
        BASELINE
        + """cases:
  - name: expects too much
    answers: {app: {components: 4}}
    strategy: containers
    fires: [serverless-fits-stateless, many-components]
    not_fires: [several-components]
""",
    )
    code, out, _ = run(capsys, str(pack))
    assert code == 1
    assert "FAIL " in out
    assert "strategy: expected containers, got paas" in out
    assert "rule 'many-components' did not fire: its condition is false" in out
    assert "false        app.components >= 7   [app.components = 4]" in out
    assert "rule 'several-components' fired: its condition is true" in out
    assert "true         app.components >= 3   [app.components = 4]" in out
    assert "rule 'serverless-fits-stateless'" not in out  # it fired as expected
    assert out.splitlines()[-1] == "0 passed, 1 failed"


def test_a_strategy_failure_lists_the_rules_that_moved_both_options(
    pack: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_cases(pack, BASELINE + "cases:\n  - name: wrong\n    strategy: golden-image\n")
    _, out, _ = run(capsys, str(pack))
    assert "scores: paas " in out
    assert "single-deployable: golden-image +0, paas +4" in out  # expected first, then the winner
    assert "no-image-pipeline: golden-image -5, paas +0" in out


def test_todo_cases_run_but_count_as_skipped(pack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_cases(
        pack,
        BASELINE
        + """cases:
  - name: ok
    strategy: paas
  - name: known gap
    strategy: containers
    todo: not modelled yet
  - name: fixed gap
    strategy: paas
    todo: was a gap
""",
    )
    code, out, _ = run(capsys, str(pack))
    assert code == 0
    assert "SKIP " in out and "known gap (todo: not modelled yet)" in out
    assert "fixed gap (todo: was a gap; it passes now: remove the todo)" in out
    assert "expected containers" not in out  # a skipped case's failure is not detailed
    assert out.splitlines()[-1] == "1 passed, 0 failed, 2 skipped"


def test_unanswered_and_unknown_facts_leave_rules_undetermined(
    pack: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_cases(
        pack,
        BASELINE
        + """cases:
  - name: unanswered ops
    unanswered: [team.ops_engineers]
    fires: [no-operations-capacity]
  - name: unknown components
    answers: {app: {components: unknown}}
    fires: [single-deployable]
""",
    )
    code, out, _ = run(capsys, str(pack))
    assert code == 1
    assert "rule 'no-operations-capacity' did not fire: its condition is undetermined" in out
    assert "undetermined team.ops_engineers == 0   [team.ops_engineers = unanswered]" in out
    assert "undetermined app.components <= 2   [app.components = unknown]" in out


def test_dev_environment_expectation(pack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_cases(
        pack,
        BASELINE
        + """cases:
  - name: drift
    answers: {delivery: {environment_drift: true}}
    dev_environment: false
""",
    )
    code, out, _ = run(capsys, str(pack))
    assert code == 1
    assert "dev_environment: expected keep native, got a score of 3 (containerize when > 0)" in out
    assert "dev-environment-drift: dev-environment +3" in out


def test_json_output_carries_every_case_and_the_summary(
    pack: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_cases(
        pack,
        BASELINE
        + "cases:\n  - name: ok\n    strategy: paas\n  - name: bad\n    fires: [several-components]\n",
    )
    code, out, _ = run(capsys, str(pack), "--format", "json")
    data = json.loads(out)
    assert code == 1
    assert [case["status"] for case in data["cases"]] == ["pass", "fail"]
    assert data["cases"][0]["strategy"] == "paas"
    failure = data["cases"][1]["failures"][0]
    assert failure["trace"] == {
        "text": "app.components >= 3",
        "outcome": False,
        "value": "app.components = 1",
        "parts": [],
    }
    assert data["summary"]["text"] == "1 passed, 1 failed"
    assert "many-components" in {rule["id"] for rule in data["uncovered"]}


def test_uncovered_rules_are_listed_and_fail_only_when_asked(
    pack: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_cases(pack, BASELINE + "cases:\n  - name: ok\n    strategy: paas\n")
    code, out, _ = run(capsys, str(pack))
    assert code == 0
    assert "rule fired by no case:" in out or "rules fired by no case:" in out
    assert "  many-components (" in out
    code, _, _ = run(capsys, str(pack), "--fail-on-uncovered")
    assert code == 1


def test_bad_test_files_are_located_errors_in_one_pass(
    pack: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_cases(
        pack,
        """baseline:
  team: {opps_engineers: 2}
cases:
  - name: one
    answers:
      app: {components: zero}
    strategy: pass
    platform: eks
    fires: [many-component]
    unanswered: [team.engineer]
  - name: two
    expect: paas
""",
    )
    code, out, err = run(capsys, str(pack))
    assert code == 2
    assert out == ""
    assert err.splitlines() == [
        f"{path}:2:10: baseline.team.opps_engineers: unknown fact 'team.opps_engineers' "
        "(did you mean 'team.ops_engineers'?)",
        f"{path}:6:25: cases[0].answers.app.components: expected an integer from 1 to 10000, "
        "or 'unknown'; got 'zero'",
        f"{path}:7:15: cases[0].strategy: unknown strategy 'pass' (did you mean 'paas'?); "
        "use one of paas, containers, golden-image",
        f"{path}:8:15: cases[0].platform: unknown platform 'eks' (did you mean 'ecs'?); use one of "
        "managed-kubernetes, self-managed-kubernetes, ecs, serverless-containers, nomad, swarm, "
        "docker-hosts, or none",
        f"{path}:9:13: cases[0].fires[0]: unknown rule id 'many-component' (did you mean 'many-components'?)",
        f"{path}:10:18: cases[0].unanswered[0]: unknown fact 'team.engineer' "
        "(did you mean 'team.engineers'?)",
        f"{path}:12:5: cases[1].expect: unknown key 'expect'; expected one of name, answers, "
        "unanswered, strategy, platform, product, dev_environment, fires, not_fires, estimates, todo",
        "advisor: 7 problems found",
    ]


def test_a_rule_both_expected_and_forbidden_is_an_error(
    pack: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_cases(
        pack, "cases:\n  - name: x\n    fires: [small-team]\n    not_fires: [small-team]\n  - name: x\n"
    )
    code, _, err = run(capsys, str(pack))
    assert code == 2
    assert f"{path}:4:17: cases[0].not_fires[0]: rule 'small-team' is in both fires and not_fires" in err
    assert f"{path}:5:11: cases[1].name: duplicate case name 'x' (first at line 2)" in err


def test_a_pack_without_tests_is_an_input_error(pack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, str(pack))
    assert code == 2
    assert "tests: no test files (*.yaml with a 'cases:' list)" in err


def test_an_empty_cases_list_is_an_error(pack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_cases(pack, "cases: []\n")
    code, _, err = run(capsys, str(pack))
    assert code == 2
    assert err.startswith(f"{path}:1:8: cases: list should have at least 1 item")
