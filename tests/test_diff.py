"""`advisor diff OLD NEW`: what changed between two assessments, from answers or JSON results."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from advisor.cli import main
from tests.conftest import ROOT

CHECKOUT = ROOT / "examples" / "checkout-platform.yaml"
SHRUNK = {
    "components: 12": "components: 1",
    "architecture: microservices": "architecture: monolith",
    "ops_engineers: 3": "ops_engineers: 0",
    "languages: [python, go, node]": "languages: [python]",
    "system_dependencies: true": "system_dependencies: false",
}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def shrunk(tmp_path: Path) -> Path:
    text = CHECKOUT.read_text()
    for old, new in SHRUNK.items():
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "this-year.yaml"
    path.write_text(text)
    return path


def as_json(capsys: pytest.CaptureFixture[str], answers: Path, target: Path) -> Path:
    assert main(["report", "--answers", str(answers), "--format", "json", "-o", str(target)]) == 0
    capsys.readouterr()
    return target


def test_diff_lists_changed_facts_rules_and_recommendation(
    shrunk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "diff", str(CHECKOUT), str(shrunk), "--format", "json")
    assert code == 0
    diff = json.loads(out)
    assert [change["fact"] for change in diff["facts"]] == [
        "app.components",
        "app.architecture",
        "stack.languages",
        "stack.system_dependencies",
        "team.ops_engineers",
    ]
    assert diff["facts"][0] == {
        "fact": "app.components",
        "before": 12,
        "after": 1,
        "before_status": "answered",
        "after_status": "answered",
    }
    assert (diff["old"]["strategy"], diff["new"]["strategy"]) == ("containers", "paas")
    assert diff["recommendation_changed"] is True
    started = [rule["id"] for rule in diff["started_firing"]]
    stopped = [rule["id"] for rule in diff["stopped_firing"]]
    assert "single-deployable" in started and "no-operations-capacity" in started
    assert "many-components" in stopped and "small-operations-team" in stopped
    assert not set(started) & set(stopped)
    assert diff["confidence_change"] == round(diff["new"]["confidence"] - diff["old"]["confidence"], 2)


def test_markdown_names_before_and_after(shrunk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "diff", str(CHECKOUT), str(shrunk))
    assert code == 0
    assert (
        "**The recommendation changed**: **Containers** on **Serverless containers** "
        "→ **Platform as a service**." in out
    )
    assert "| `app.components` | 12 | 1 |" in out
    assert "## Rules that started firing" in out and "- `single-deployable` (" in out


def test_exit_code_flags_a_changed_recommendation(shrunk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "diff", str(CHECKOUT), str(shrunk), "--exit-code")[0] == 1
    assert run(capsys, "diff", str(CHECKOUT), str(CHECKOUT), "--exit-code")[0] == 0


def test_an_unchanged_assessment_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "diff", str(CHECKOUT), str(CHECKOUT))
    assert code == 0
    assert "The recommendation did not change" in out
    assert "No answer changed." in out and out.count("None.") == 2


def test_json_results_compare_like_their_answers(
    shrunk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old_json = as_json(capsys, CHECKOUT, tmp_path / "old.json")
    new_json = as_json(capsys, shrunk, tmp_path / "new.result")
    from_answers = json.loads(run(capsys, "diff", str(CHECKOUT), str(shrunk), "--format", "json")[1])
    from_results = json.loads(run(capsys, "diff", str(old_json), str(new_json), "--format", "json")[1])
    for key in ("facts", "started_firing", "stopped_firing", "recommendation_changed", "confidence_change"):
        assert from_answers[key] == from_results[key]


def test_a_result_written_before_rule_packs_existed_still_reads(
    shrunk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old_json = as_json(capsys, CHECKOUT, tmp_path / "old.json")
    data = json.loads(old_json.read_text())
    del data["rule_packs"]
    old_json.write_text(json.dumps(data))
    code, out, _ = run(capsys, "diff", str(old_json), str(shrunk), "--format", "json")
    assert code == 0
    assert json.loads(out)["old"]["rule_packs"] == [
        f"default {data['rule_pack']['version']} ({data['rule_pack']['sha256'][:12]})"
    ]


def test_a_yaml_flow_mapping_is_read_as_answers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    flow = tmp_path / "flow.yaml"
    flow.write_text("{format: advisor/v1, answers: {app: {components: 1}}}\n")
    code, out, _ = run(capsys, "diff", str(flow), str(CHECKOUT), "--format", "json")
    assert code == 0
    assert json.loads(out)["facts"][0]["fact"] == "app.components"


def test_broken_json_is_located(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "old.json"
    broken.write_text('{"format": "advisor/v1",\n  "project": }\n')
    code, _, err = run(capsys, "diff", str(broken), str(CHECKOUT))
    assert code == 2
    assert err.startswith(f"{broken}:2:14: not valid JSON: Expecting value")


def test_json_that_is_not_a_result_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "package.json"
    other.write_text('{"name": "web"}')
    code, _, err = run(capsys, "diff", str(other), str(CHECKOUT))
    assert code == 2 and "not an advisor result" in err


def test_bad_answers_are_located(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: advisor/v1\nanswers:\n  app:\n    components: zero\n")
    code, _, err = run(capsys, "diff", str(CHECKOUT), str(bad))
    assert code == 2 and err.startswith(f"{bad}:4:17: answers.app.components")


def test_user_text_is_inert_in_markdown(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    odd = tmp_path / "odd.yaml"
    odd.write_text(CHECKOUT.read_text().replace("name: Checkout platform", "name: 'A | <b>x</b>'"))
    out = run(capsys, "diff", str(CHECKOUT), str(odd))[1]
    assert "# Reassessment: A \\| &lt;b>x&lt;/b>" in out


def test_a_changed_rule_pack_shows_reweighted_rules(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = tmp_path / "acme"
    pack.mkdir()
    (pack / "pack.yaml").write_text("name: acme\nversion: '1'\n")
    (pack / "house.yaml").write_text("rules:\n  - override: many-components\n    effects: {containers: 20}\n")
    old_json = as_json(capsys, CHECKOUT, tmp_path / "old.json")
    code, out, _ = run(capsys, "diff", str(old_json), str(CHECKOUT), "--rules", str(pack), "--format", "json")
    diff = json.loads(out)
    assert code == 0 and diff["facts"] == [] and diff["started_firing"] == []
    assert [rule["id"] for rule in diff["reweighted"]] == ["many-components"]
    assert diff["reweighted"][0]["effects"]["containers"] == 20
    assert diff["new"]["rule_packs"][1].startswith("acme 1 (")


def test_a_result_with_markup_for_an_id_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = as_json(capsys, CHECKOUT, tmp_path / "old.json")
    data = json.loads(result.read_text())
    data["recommendation"]["strategy"] = "<script>alert(1)</script>"
    result.write_text(json.dumps(data))
    code, out, err = run(capsys, "diff", str(result), str(CHECKOUT))
    assert (code, out) == (2, "")
    assert err == (
        f"advisor: error: {result}: not an advisor result: recommendation: "
        "'<script>alert(1)</script>' is not an id\n"
    )


def test_a_device_or_deeply_nested_json_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "diff", "/dev/zero", str(CHECKOUT))
    assert code == 2 and "larger than 1,000,000 bytes" in err
    deep = tmp_path / "deep.json"
    deep.write_text('{"a":' + "[" * 100_000)
    code, _, err = run(capsys, "diff", str(deep), str(CHECKOUT))
    assert (code, err) == (2, f"advisor: error: {deep}: nesting is too deep to be an advisor result\n")


@pytest.mark.parametrize(
    ("spelt", "message"),
    [
        ("Infinity", "Infinity is not a number JSON allows (a result holds finite numbers only); "
         "was the file edited by hand?"),
        ("NaN", "NaN is not a number JSON allows (a result holds finite numbers only); "
         "was the file edited by hand?"),
        ("1e999", "scores.paas: Input should be a finite number"),
    ],
)  # fmt: skip
def test_a_result_with_a_number_json_has_not_is_refused_and_none_is_written(
    spelt: str, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old_json = as_json(capsys, CHECKOUT, tmp_path / "old.json")
    data = json.loads(old_json.read_text())
    data["scores"]["paas"] = 123456.5
    old_json.write_text(json.dumps(data).replace("123456.5", spelt))
    code, out, err = run(capsys, "diff", str(old_json), str(CHECKOUT), "--format", "json")
    assert (code, out) == (2, "")
    assert err == f"advisor: error: {old_json}: not an advisor result: {message}\n"
