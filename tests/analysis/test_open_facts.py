"""Value of information: the recommendation under each value of an open fact."""

from __future__ import annotations

from advisor.analysis.open_facts import open_facts, value_of_information
from advisor.answers import Answers, load_answers
from advisor.engine.baseline import Baseline
from advisor.evaluate import evaluate
from advisor.facts import FactValue
from advisor.pack.bundled import default_rules_dir
from advisor.pack.load import load_rule_pack
from advisor.render.markdown import render_markdown
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


def test_an_answer_that_settles_a_tie_is_decisive_and_one_that_leaves_it_says_so() -> None:
    """An insurer on premises whose containers and golden images tie until it knows whether
    an exit plan is required: `yes` settles the tie, `no` leaves it. Both name the tied option
    listed first, so the outcome says whether the options still tie, and the fact is decisive."""
    facts = load_answers(DATA / "insurer-on-premises.yaml", DEFAULT.bank).facts
    baseline = Baseline(DEFAULT, facts)
    (exit_plan,) = value_of_information(baseline, open_facts(DEFAULT, facts))
    assert exit_plan.fact == "hosting.exit_plan_required" and exit_plan.decisive
    assert [(o.label, o.strategy, o.tied) for o in exit_plan.outcomes] == [
        ("yes", "containers", False),
        ("no", "containers", True),
    ]
    text = render_markdown(evaluate(DEFAULT, Answers(facts=facts)))
    assert "**Settle first:** `hosting.exit_plan_required`" in text
    assert "- `hosting.exit_plan_required` (unknown): yes → HashiCorp Nomad; no → still a tie" in text
    assert "No open question settles it" not in text


def test_whether_the_paas_fits_is_what_a_paas_team_is_asked_first() -> None:
    """A SaaS of twelve engineers with eight services on Render, nobody on operations, that
    has not said how its PaaS holds up: the number of its services alone does not say it is
    outgrowing it. The report asks that first, and the answer decides: a PaaS that fits keeps
    it, one whose limits hold the team back sends it to managed Kubernetes."""
    facts = load_answers(DATA / "render-saas-unsaid.yaml", DEFAULT.bank).facts
    baseline = Baseline(DEFAULT, facts)
    assert [rule.id for rule in baseline.scoring.undetermined if rule.id.startswith("outgrowing")] == [
        "outgrowing-paas-elsewhere"
    ]
    found = {o.fact: o for o in value_of_information(baseline, open_facts(DEFAULT, facts))}
    fit = found["hosting.paas_fit"]
    assert fit.decisive
    outcomes = {o.label: (o.strategy, o.platform) for o in fit.outcomes}
    assert outcomes["fits"] == ("paas", None)
    assert outcomes["limits"] == ("containers", "managed-kubernetes")
    assert "**Settle first:** `hosting.paas_fit`" in render_markdown(evaluate(DEFAULT, Answers(facts=facts)))
