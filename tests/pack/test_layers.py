"""Rule packs layered over the default with `--rules DIR` (repeatable)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from advisor.cli import main
from advisor.errors import InputError
from advisor.pack.bundled import default_rules_dir
from advisor.pack.layers import load_pack_stack
from tests.conftest import ROOT

CHECKOUT = ROOT / "examples" / "checkout-platform.yaml"
DEFAULT_TEAM = default_rules_dir() / "team.yaml"


def write_pack(root: Path, files: dict[str, str]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def layer(root: Path, rules: str = "", *, pack: str = "name: acme\nversion: 1.0.0\n", **files: str) -> Path:
    contents = {"pack.yaml": pack, **files}
    if rules:
        contents["house.yaml"] = rules
    return write_pack(root, contents)


ON_CALL_QUESTIONS = """\
sections:
  - id: team
    questions:
      - id: on_call
        type: bool
        prompt: Does the team run a 24/7 on-call rotation?
        help: People on call can keep an orchestrator healthy at night.
  - id: acme
    title: Acme house rules
    questions:
      - id: data_centre
        type: choice
        prompt: Which data centre hosts the system?
        help: The north site has no Kubernetes.
        choices: {north: North site, south: South site}
"""


def result_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:  # type: ignore[type-arg]
    assert (
        main(["report", "--answers", str(CHECKOUT), "--format", "json", "--date", "2026-11-27", *args]) == 0
    )
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def load_error(*roots: Path) -> str:
    with pytest.raises(InputError) as error:
        load_pack_stack(list(roots))
    return str(error.value)


def test_a_layer_adds_questions_and_rules(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules = "rules:\n  - id: acme-on-call\n    when: team.on_call\n    effects: {containers: 3}\n"
    rules += "    because: On call.\n"
    pack = layer(tmp_path / "acme", rules, **{"questions.yaml": ON_CALL_QUESTIONS})
    stack = load_pack_stack([pack])
    assert {"team.on_call", "acme.data_centre"} <= set(stack.bank.facts)
    assert list(stack.bank.facts)[-1] == "acme.data_centre"
    before = result_json(capsys)
    after = result_json(capsys, "--rules", str(pack), "--set", "team.on_call=true")
    assert "acme-on-call" in [rule["id"] for rule in after["fired"]]
    assert after["scores"]["containers"] == before["scores"]["containers"] + 3


def test_answers_files_may_answer_a_layer_question(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = layer(tmp_path / "acme", **{"questions.yaml": ON_CALL_QUESTIONS})
    answers = tmp_path / "answers.yaml"
    answers.write_text(CHECKOUT.read_text() + "  acme:\n    data_centre: south\n")
    assert main(["report", "--answers", str(answers), "--rules", str(pack)]) == 0
    assert main(["report", "--answers", str(answers)]) == 2
    assert "unknown section 'acme'" in capsys.readouterr().err


def test_override_changes_only_the_weights_it_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = layer(
        tmp_path / "acme", "rules:\n  - override: small-operations-team\n    effects: {containers: 8}\n"
    )
    rule = next(rule for rule in load_pack_stack([pack]).rules if rule.id == "small-operations-team")
    assert rule.spec.effects == {"self-managed-kubernetes": -3, "nomad": -1, "containers": 8}
    assert "operations engineers can run a hosted orchestrator" in rule.spec.because
    before, after = result_json(capsys), result_json(capsys, "--rules", str(pack))
    assert after["scores"]["containers"] == before["scores"]["containers"] + 8


def test_override_may_replace_the_condition(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = layer(
        tmp_path / "acme", "rules:\n  - override: small-operations-team\n    when: team.ops_engineers >= 50\n"
    )
    fired = [rule["id"] for rule in result_json(capsys, "--rules", str(pack))["fired"]]
    assert "small-operations-team" not in fired


def test_disable_removes_a_rule(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = layer(tmp_path / "acme", pack="name: acme\nversion: '1'\ndisable: [many-components]\n")
    fired = [rule["id"] for rule in result_json(capsys, "--rules", str(pack))["fired"]]
    assert "many-components" not in fired
    assert "many-components" in [rule["id"] for rule in result_json(capsys)["fired"]]


def test_every_result_names_each_pack_with_its_digest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = layer(
        tmp_path / "acme", "rules:\n  - override: small-operations-team\n    effects: {containers: 5}\n"
    )
    second = layer(tmp_path / "beta", pack="name: beta\nversion: 2.0.0\nknowledge_as_of: 2027-01-15\n")
    plain = result_json(capsys)
    stacked = result_json(capsys, "--rules", str(first), "--rules", str(second))
    assert plain["rule_packs"] == [{key: plain["rule_pack"][key] for key in plain["rule_packs"][0]}]
    names = [(p["name"], p["version"]) for p in stacked["rule_packs"]]
    assert names == [("default", plain["rule_pack"]["version"]), ("acme", "1.0.0"), ("beta", "2.0.0")]
    assert stacked["rule_packs"][0]["sha256"] == plain["rule_pack"]["sha256"]
    assert stacked["rule_pack"]["name"] == "default+acme+beta"
    assert stacked["rule_pack"]["knowledge_as_of"] == "2027-01-15"
    (first / "house.yaml").write_text(
        "rules:\n  - override: small-operations-team\n    effects: {containers: 6}\n"
    )
    changed = result_json(capsys, "--rules", str(first), "--rules", str(second))
    assert changed["rule_packs"][1]["sha256"] != stacked["rule_packs"][1]["sha256"]
    assert changed["rule_packs"][2] == stacked["rule_packs"][2]
    assert changed["rule_pack"]["sha256"] != stacked["rule_pack"]["sha256"]


def test_reusing_a_rule_id_without_override_names_both_places(tmp_path: Path) -> None:
    pack = layer(
        tmp_path / "acme",
        "rules:\n  - id: small-operations-team\n    effects: {paas: 1}\n    because: Mine.\n",
    )
    line = next(
        n
        for n, text in enumerate(DEFAULT_TEAM.read_text().splitlines(), 1)
        if "id: small-operations-team" in text
    )
    assert load_error(pack) == (
        f"{pack / 'house.yaml'}:2:9: rule 'small-operations-team' is already defined at "
        f"{DEFAULT_TEAM}:{line}:9; write 'override: small-operations-team' to change it, or choose another id"
    )


def test_two_layers_defining_one_rule_is_a_conflict(tmp_path: Path) -> None:
    rule = "rules:\n  - id: house-rule\n    effects: {paas: 1}\n    because: Mine.\n"
    first, second = layer(tmp_path / "a", rule), layer(tmp_path / "b", rule, pack="name: b\nversion: '1'\n")
    assert load_error(first, second) == (
        f"{second / 'house.yaml'}:2:9: rule 'house-rule' is already defined at {first / 'house.yaml'}:2:9; "
        "write 'override: house-rule' to change it, or choose another id"
    )


def test_a_later_layer_may_override_an_earlier_one(tmp_path: Path) -> None:
    first = layer(tmp_path / "a", "rules:\n  - id: house-rule\n    effects: {paas: 1}\n    because: Mine.\n")
    second = layer(tmp_path / "b", "rules:\n  - override: house-rule\n    effects: {paas: 4}\n")
    rule = next(rule for rule in load_pack_stack([first, second]).rules if rule.id == "house-rule")
    assert rule.spec.effects == {"paas": 4}


def test_adding_an_existing_question_names_both_places(tmp_path: Path) -> None:
    questions = (
        "sections:\n  - id: team\n    questions:\n      - id: ops_engineers\n        type: bool\n"
        "        prompt: Ops?\n        help: Ops.\n"
    )
    pack = layer(tmp_path / "acme", **{"questions.yaml": questions})
    message = load_error(pack)
    assert message.startswith(
        f"{pack / 'questions.yaml'}:4:13: question 'team.ops_engineers' is already defined at "
    )
    assert f"{default_rules_dir() / 'questions.yaml'}:" in message


def test_layer_problems_are_all_located_in_one_pass(tmp_path: Path) -> None:
    rules = """\
rules:
  - override: small-operations-teem
    effects: {containers: 1}
  - id: house-rule
    when: team.opps_engineers > 2
    effects: {kontainers: 1}
    because: Mine.
  - id: both
    override: many-components
    because: Both.
"""
    pack = layer(tmp_path / "acme", rules, pack="name: acme\nversion: '1'\ndisable: [no-such-rule]\n")
    lines = load_error(pack).splitlines()
    house, meta = pack / "house.yaml", pack / "pack.yaml"
    assert lines[0].startswith(f"{house}:8:5: rules[2]: value error, give either 'id'")
    assert len(lines) == 1  # a schema error stops before the cross-pack checks
    (house).write_text(rules.rsplit("  - id: both", 1)[0])
    lines = load_error(pack).splitlines()
    assert lines == [
        f"{house}:2:15: override: no rule 'small-operations-teem' below this pack to change "
        "(did you mean 'small-operations-team'?)",
        f"{house}:5:11: unknown fact 'team.opps_engineers' (did you mean 'team.ops_engineers'?)",
        f"{house}:6:15: rule 'house-rule': unknown strategy or platform 'kontainers' "
        "(did you mean 'containers'?)",
        f"{meta}:3:11: disable: no rule 'no-such-rule' below this pack",
    ]


def test_a_layer_needs_a_name_and_version(tmp_path: Path) -> None:
    pack = layer(tmp_path / "acme", pack="name: acme\n")
    assert load_error(pack) == f"{pack / 'pack.yaml'}:1:1: version: missing; add the key 'version'"


def test_a_complete_pack_first_replaces_the_default(tmp_path: Path) -> None:
    complete = tmp_path / "mine"
    shutil.copytree(default_rules_dir(), complete, ignore=shutil.ignore_patterns("tests"))
    (complete / "pack.yaml").write_text(
        (complete / "pack.yaml").read_text().replace("name: default", "name: mine")
    )
    stack = load_pack_stack([complete])
    assert [ref.name for ref in stack.stack] == ["mine"]
    extra = layer(tmp_path / "acme")
    assert [ref.name for ref in load_pack_stack([complete, extra]).stack] == ["mine", "acme"]
    assert "can only be the first --rules" in load_error(extra, complete)


def test_the_default_pack_named_explicitly_is_not_layered_twice(tmp_path: Path) -> None:
    assert [ref.name for ref in load_pack_stack([default_rules_dir()]).stack] == ["default"]
    pack = layer(tmp_path / "acme")
    assert "already in the stack" in load_error(pack, pack)


def test_batch_uses_the_layered_pack_in_every_worker(tmp_path: Path) -> None:
    pack = layer(tmp_path / "acme", pack="name: acme\nversion: '1'\ndisable: [many-components]\n")
    source = tmp_path / "in"
    source.mkdir()
    for number in range(45):
        shutil.copy(CHECKOUT, source / f"c{number}.yaml")
    out = tmp_path / "out"
    assert (
        main(["batch", str(source), "-o", str(out), "--format", "json", "--jobs", "2", "--rules", str(pack)])
        == 0
    )
    results = [json.loads(path.read_text()) for path in sorted(out.glob("*.json"))]
    assert len(results) == 45
    assert all([p["name"] for p in r["rule_packs"]] == ["default", "acme"] for r in results)
    assert not any(rule["id"] == "many-components" for r in results for rule in r["fired"])
    assert "default 2026" in (out / "index.md").read_text() and "+ acme 1" in (out / "index.md").read_text()


LAYER_OPTIONS = """\
platforms:
  - id: acme-platform
    name: Acme internal platform
    strategy: containers
    summary: The client's own container platform.
  - id: ecs
    name: Duplicate
    summary: Clashes with the default.
products:
  - {name: Heroku, status: retired-here, note: "Not used at Acme."}
"""


def test_a_layer_adds_platforms_and_refreshes_product_status(tmp_path: Path) -> None:
    options = LAYER_OPTIONS.split("  - id: ecs")[0] + LAYER_OPTIONS.split("Clashes with the default.\n")[1]
    rules = (
        "rules:\n  - id: acme-house-platform\n    effects: {acme-platform: 30}\n    because: House rule.\n"
    )
    pack = load_pack_stack([layer(tmp_path / "acme", rules, **{"options.yaml": options})])
    assert pack.platforms[-1].id == "acme-platform"
    heroku = [entry.item for entry in pack.products if entry.item.name == "Heroku"]
    assert [(p.status, p.note) for p in heroku] == [("retired-here", "Not used at Acme.")]


def test_a_layer_platform_may_not_reuse_an_id(tmp_path: Path) -> None:
    pack = layer(tmp_path / "acme", **{"options.yaml": LAYER_OPTIONS})
    message = load_error(pack)
    assert message.startswith(f"{pack / 'options.yaml'}:6:9: option 'ecs' is already defined at ")
    assert str(default_rules_dir() / "options.yaml") in message


def test_a_layer_platform_in_the_old_shape_gets_the_fix(tmp_path: Path) -> None:
    options = "platforms:\n  - {id: acme-platform, name: Acme, summary: Ours., base: 50}\n"
    pack = layer(tmp_path / "acme", **{"options.yaml": options})
    assert load_error(pack) == (
        f"{pack / 'options.yaml'}:2:10: platform 'acme-platform' names no strategy: a "
        "platform now carries one strategy and adds to its score; add 'strategy: STRATEGY' (one of "
        "paas, containers, golden-image) and give 'base' as the platform's offset from that "
        "strategy's base (a base equal to the strategy's becomes 0)"
    )


def test_a_layer_question_may_ask_only_when_it_applies(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    questions = ON_CALL_QUESTIONS.replace(
        "        help: The north site has no Kubernetes.\n",
        "        help: The north site has no Kubernetes.\n        when: hosting.provider == on-prem\n",
    )
    pack = layer(tmp_path / "acme", **{"questions.yaml": questions})
    result = result_json(capsys, "--rules", str(pack))
    lines = {line["fact"]: line["status"] for line in result["answers"]}
    assert lines["acme.data_centre"] == "not-applicable"
    assert lines["team.on_call"] == "unanswered"
    bad = layer(tmp_path / "bad", **{"questions.yaml": questions.replace("on-prem", "on-prim")})
    assert "'on-prim'" in load_error(bad) and "did you mean 'on-prem'" in load_error(bad)


def test_own_rules_are_those_the_top_layer_defines_or_overrides(tmp_path: Path) -> None:
    rules = "rules:\n  - id: house-rule\n    effects: {paas: 1}\n    because: Mine.\n"
    rules += "  - override: many-components\n    effects: {containers: 9}\n"
    pack = load_pack_stack([layer(tmp_path / "acme", rules)])
    assert [rule.id for rule in pack.own_rules] == ["many-components", "house-rule"]
    default = load_pack_stack([])
    assert default.own_rules == default.rules


def test_a_layer_rule_offsetting_an_unknown_rule_is_located_with_did_you_mean(tmp_path: Path) -> None:
    rules = "rules:\n  - id: acme-take-back\n    effects: {containers: -1}\n    offsets: many-component\n"
    rules += "    because: Taken back.\n  - override: few-services\n    offsets: acme-take-bak\n"
    pack = layer(tmp_path / "acme", rules)
    house = pack / "house.yaml"
    assert load_error(pack).splitlines() == [
        f"{house}:4:14: rule 'acme-take-back' offsets unknown rule 'many-component' "
        "(did you mean 'many-components'?)",
        f"{house}:7:14: rule 'few-services' offsets unknown rule 'acme-take-bak' "
        "(did you mean 'acme-take-back'?)",
    ]


def test_a_layer_rule_may_offset_a_rule_below_it_or_its_own(tmp_path: Path) -> None:
    rules = "rules:\n  - id: acme-take-back\n    effects: {containers: -1}\n    offsets: many-components\n"
    rules += "    because: Taken back.\n  - override: few-services\n    offsets: acme-take-back\n"
    stack = load_pack_stack([layer(tmp_path / "acme", rules)])
    offsets = {rule.id: rule.spec.offsets for rule in stack.rules}
    assert offsets["acme-take-back"] == "many-components"
    assert offsets["few-services"] == "acme-take-back"


def test_a_layer_rule_may_not_offset_a_rule_the_layer_disables(tmp_path: Path) -> None:
    rules = "rules:\n  - id: acme-take-back\n    effects: {containers: -1}\n    offsets: many-components\n"
    rules += "    because: Taken back.\n"
    pack = layer(tmp_path / "acme", rules, pack="name: acme\nversion: 1.0.0\ndisable: [many-components]\n")
    assert load_error(pack).splitlines() == [
        f"{pack / 'house.yaml'}:4:14: rule 'acme-take-back' offsets 'many-components', which this pack "
        "disables; keep one of the two"
    ]
