"""How two packs, or two sets of answers, differ in what decides results."""

from __future__ import annotations

from pathlib import Path

from advisor.facts import UNKNOWN
from advisor.pack.layers import load_pack_stack
from advisor.recheck.compare import answer_changes, concerning, pack_move
from advisor.result import AnswerChange, Decision, RuleMove
from tests.recheck.conftest import layer

EDITS = """rules:
  - override: rails-with-kamal
    effects: {docker-hosts: -2}
  - override: spiky-load
    because: Reworded, which decides nothing.
  - override: low-growth
    when: scale.growth in [low, medium]
  - id: house-gpu
    when: app.accelerators == gpu
    effects: {managed-kubernetes: 1}
    because: The house likes GPUs on Kubernetes.
"""


def test_rules_added_removed_and_changed_in_what_decides(tmp_path: Path) -> None:
    base = load_pack_stack([])
    house = layer(tmp_path / "house", rules=EDITS)
    (house / "pack.yaml").write_text("name: house\nversion: 1.0.0\ndisable: [dev-simple-setup]\n")
    move = pack_move(base, load_pack_stack([house]))
    assert sorted(move.rules, key=lambda rule: rule.id) == [
        RuleMove(id="dev-simple-setup", change=["removed"]),
        RuleMove(id="house-gpu", change=["added"]),
        RuleMove(id="low-growth", change=["condition"]),
        RuleMove(id="rails-with-kamal", change=["effects"]),
    ]
    assert move.rules[-1].id == "house-gpu"  # the base pack's order, then what was added
    assert move.products == [] and move.other == []
    assert move.before.startswith("default ") and " + house 1.0.0 (sha256 " in move.after


def test_products_settings_and_questions(tmp_path: Path) -> None:
    options = "products:\n  - {name: Render, platform: paas, providers: [other-cloud], status: acquired}\n"
    house = layer(tmp_path / "house", options=options)
    (house / "questions.yaml").write_text(
        "sections:\n  - id: house\n    title: House\n    questions:\n"
        "      - {id: on_call, type: bool, prompt: 'On call?', help: Who is on call.}\n"
    )
    move = pack_move(load_pack_stack([]), load_pack_stack([house]))
    assert [(p.name, p.before_status, p.after_status, p.after_as_of) for p in move.products] == [
        ("Render", "active", "acquired", None)
    ]
    assert move.other == ["the questions"]


def test_what_concerns_one_assessment() -> None:
    move = pack_move(load_pack_stack([]), load_pack_stack([]))
    move = move.model_copy(
        update={"rules": [RuleMove(id="a", change=["effects"]), RuleMove(id="b", change=["added"])]}
    )
    decision = Decision(strategy="paas", platform=None, status="clear", confidence=1, undetermined=["b"])
    assert [rule.id for rule in concerning(move, [decision, None]).rules] == ["b"]


def test_answer_changes_name_values_unknowns_and_facts_left_out() -> None:
    old = {"team.engineers": 5, "stack.languages": ("ruby",), "team.ops_engineers": 0}
    new = {
        "team.engineers": 5,
        "stack.languages": ("ruby", "go"),
        "team.ops_engineers": UNKNOWN,
        "app.os": "linux",
    }
    assert answer_changes(old, new) == [
        AnswerChange(
            fact="stack.languages",
            before=["ruby"],
            after=["ruby", "go"],
            before_status="answered",
            after_status="answered",
        ),
        AnswerChange(
            fact="team.ops_engineers",
            before=0,
            after="unknown",
            before_status="answered",
            after_status="unknown",
        ),
        AnswerChange(
            fact="app.os", before=None, after="linux", before_status="unanswered", after_status="answered"
        ),
    ]
