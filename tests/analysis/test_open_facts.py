"""Value of information: the recommendation under each value of an open fact."""

from __future__ import annotations

from advisor.analysis.open_facts import open_facts, value_of_information
from advisor.answers import load_answers
from advisor.engine.baseline import Baseline
from advisor.facts import FactValue
from advisor.pack.bundled import default_rules_dir
from advisor.pack.load import load_rule_pack
from advisor.words import list_label
from tests.conftest import DATA, ROOT

FIXTURE = load_rule_pack(DATA / "analysis-pack")
DEFAULT = load_rule_pack(default_rules_dir())
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def fixture(name: str) -> dict[str, FactValue]:
    return load_answers(DATA / f"analysis-{name}.yaml", FIXTURE.bank).facts


def test_value_of_information_gives_the_recommendation_under_each_value() -> None:
    facts = fixture("ops-unknown")
    (ops,) = value_of_information(Baseline(FIXTURE, facts), open_facts(FIXTURE, facts))
    assert ops.fact == "team.ops_engineers" and ops.status == "unknown" and ops.decisive
    assert [(o.label, o.strategy, o.platform) for o in ops.outcomes] == [
        ("0", "paas", None),
        ("1", "containers", "ecs"),
        ("2 or more", "containers", "ecs"),
    ]


def test_value_of_information_labels_list_values_by_name_and_count() -> None:
    facts = {k: v for k, v in fixture("full").items() if k != "stack.languages"}
    (languages,) = value_of_information(Baseline(FIXTURE, facts), open_facts(FIXTURE, facts))
    assert [o.label for o in languages.outcomes] == ["none", "3 others", "go", "go + 2 others"]
    assert list_label(["python", "other-1", "other-2"]) == "python + 2 others"


def test_value_of_information_lists_facts_no_rule_reads_as_not_decisive() -> None:
    facts = {k: v for k, v in fixture("full").items() if k != "stack.notes"}
    (notes,) = value_of_information(Baseline(FIXTURE, facts), open_facts(FIXTURE, facts))
    assert (notes.fact, notes.status, notes.decisive, notes.outcomes) == (
        "stack.notes",
        "unanswered",
        False,
        [],
    )
