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


# --- what moved the recommendation: the answers, the rule pack, or both --------------------

BOOKINGS = ROOT / "examples" / "bookings-rails-kamal.yaml"
ONE_WEIGHT = "rules:\n  - override: rails-with-kamal\n    effects: {docker-hosts: -2}\n"


def _house(tmp_path: Path, weight: int = -2) -> Path:
    house = tmp_path / "house"
    house.mkdir(parents=True)
    (house / "pack.yaml").write_text("name: house\nversion: 1.0.0\n")
    (house / "rules.yaml").write_text(ONE_WEIGHT.replace("-2", str(weight)))
    return house


def _diff(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    code, out, _ = run(capsys, "diff", *args, "--format", "json")
    assert code == 0
    data: dict[str, object] = json.loads(out)
    return data


def test_a_change_of_answers_alone_is_put_down_to_the_answers(
    shrunk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _diff(capsys, str(CHECKOUT), str(shrunk))
    assert (data["answers_changed"], data["pack_changed"], data["changed_by"]) == (True, False, ["answers"])
    _, out, _ = run(capsys, "diff", str(CHECKOUT), str(shrunk))
    assert "The answers differ. It moved because of the answers." in out


def test_a_change_of_pack_alone_is_put_down_to_the_pack(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = as_json(capsys, BOOKINGS, tmp_path / "old.json")
    data = _diff(capsys, str(old), str(BOOKINGS), "--rules", str(_house(tmp_path)))
    assert (data["answers_changed"], data["pack_changed"], data["changed_by"]) == (False, True, ["pack"])
    _, out, _ = run(capsys, "diff", str(old), str(BOOKINGS), "--rules", str(_house(tmp_path / "again")))
    assert "The rule pack differs. It moved because of the rule pack." in out


def test_both_moved_the_old_answers_under_todays_pack_tell_which(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = as_json(capsys, BOOKINGS, tmp_path / "old.json")
    new = tmp_path / "bookings.yaml"
    new.write_text(BOOKINGS.read_text().replace("deploys_per_week: 10", "deploys_per_week: 12"))
    data = _diff(capsys, str(old), str(new), "--rules", str(_house(tmp_path)))
    assert (data["answers_changed"], data["pack_changed"], data["changed_by"], data["separated"]) == (
        True,
        True,
        ["pack"],
        True,
    )


def test_two_results_from_other_packs_than_todays_cannot_be_told_apart(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = as_json(capsys, BOOKINGS, tmp_path / "old.json")
    new = tmp_path / "bookings.yaml"
    new.write_text(BOOKINGS.read_text().replace("deploys_per_week: 10", "deploys_per_week: 12"))
    house = _house(tmp_path)
    assert (
        main(
            [
                "report",
                "--answers",
                str(new),
                "--rules",
                str(house),
                "--format",
                "json",
                "-o",
                str(tmp_path / "new.json"),
            ]
        )
        == 0
    )
    capsys.readouterr()
    today = _house(tmp_path / "today", weight=-3)
    data = _diff(capsys, str(old), str(tmp_path / "new.json"), "--rules", str(today))
    assert (data["changed_by"], data["separated"]) == (["answers", "pack"], False)
