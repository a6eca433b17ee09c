"""The Effort and cost section, its line in the summary, the ADR consequence and the diff."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from advisor.answers import Answers, load_answers
from advisor.diff import compare
from advisor.evaluate import evaluate
from advisor.facts import Facts
from advisor.pack.bundled import default_rules_dir
from advisor.pack.load import load_rule_pack
from advisor.render.adr import render_adr
from advisor.render.diff import render_diff_markdown
from advisor.render.markdown import render_markdown
from advisor.render.sections.estimates import (
    _how_much_less,
    _no_dearer,
    effort_and_cost,
    format_range,
    shown_range,
    summary_line,
)
from advisor.result import OptionEstimate, Result
from tests.conftest import DATA, ROOT

FIXTURE = load_rule_pack(DATA / "estimates-pack")
TEAM: Facts = {
    "app.components": 8,
    "hosting.provider": "aws",
    "hosting.regulated": False,
    "team.experience": "none",
    "scale.instances": 4,
    "cost.engineer_year": 100_000,
}


def result(**changes: object) -> Result:
    facts = {fact: value for fact, value in (TEAM | changes).items() if value is not None}
    return evaluate(FIXTURE, Answers(facts=facts))  # type: ignore[arg-type]


def test_ranges_read_as_people_weeks_and_dollars() -> None:
    assert format_range("people_fte", (0.8, 1.6)) == "0.8–1.6"
    assert format_range("weeks_to_production", (6, 6)) == "6"
    assert format_range("monthly_cost_usd", (1302, 2604)) == "$1,302–$2,604"
    assert format_range("monthly_cost_usd", None) == "—"


def test_the_overview_puts_the_recommendation_first_with_every_measure() -> None:
    text = effort_and_cost(result())
    assert text.startswith("## Effort and cost\n\nWhat each option would take for this team")
    assert (
        "| Option | People (FTE a year) | Weeks to production | Platform cost a month | "
        "A year, people included |" in text
    )
    rows = [line for line in text.splitlines() if line.startswith("| ") and "FTE" not in line]
    assert rows[1] == "| **Kubernetes** (recommended) | 1.3–2.6 | 6–12 | $300–$610 | $130,000–$270,000 |"
    assert "| Serverless containers | 0.1–0.2 | 3–6 | — | — |" in rows
    assert "*What the cost covers:* Fixture prices only." in text


def test_each_option_names_its_assumptions_and_prices_listed_once_with_source_and_date() -> None:
    text = effort_and_cost(result())
    kubernetes = text.split("### **Kubernetes** (recommended)", 1)[1].split("\n### ", 1)[0]
    assert "| People to run it | 1.3–2.6 FTE a year |   |" in kubernetes
    assert (
        "It rests on the assumptions `kubernetes-run`, `no-experience`, `aws-vms`, `aws-fee` "
        "and the list prices `vm`, `fee` (below)." in kubernetes
    )
    assumptions = text.split("### Assumptions\n", 1)[1].split("\n### ", 1)[0]
    assert (
        "- `kubernetes-run` (people +1.3–2.6; weeks +4–8): Running Kubernetes for 8 components. "
        "([source](https://example.com/why))" in assumptions
    )
    assert assumptions.count("- `light-run`") == 1  # once, though two options rest on it
    prices = text.split("### List prices\n", 1)[1]
    assert (
        "- `vm`: A VM: $0.1 an hour ($73.00 a month), as of 2026-11-01 ([source](https://example.com/vm))."
        in prices
    )
    assert (
        "- `fee`: A platform fee: $10–$20 a month, as of 2026-11-01; **not confirmed on the vendor's page** "
        "([source](https://example.com/fee)). A range." in prices
    )


def test_an_open_answer_says_what_it_widens_and_an_empty_range_which_question_fills_it() -> None:
    text = effort_and_cost(result(**{"hosting.regulated": None, "scale.instances": None}))
    assert (
        "| People to run it | 1.3–3.1 FTE a year | wider while `hosting.regulated` (unanswered) stays open |"
        in text
    )
    assert "| Platform cost | not estimated | answer `scale.instances` |" in text
    assert "A dash waits for an answer: `scale.instances` (How many instances at peak?)." in text
    assert "Applies only for some answers to `hosting.regulated` (unanswered)." in text


def test_where_no_list_price_applies_the_table_says_so() -> None:
    text = effort_and_cost(result(**{"hosting.provider": "on-prem"}))
    assert "| **Kubernetes** (recommended) | 1.3–2.6 | 6–12 | no cost band |\n" in text
    assert (
        "The rule pack has no list price for Kubernetes instances where hosting.provider = on-prem." in text
    )


def test_a_reason_the_pack_gives_for_no_cost_band_stands_in_the_cell_and_among_the_assumptions() -> None:
    pack = load_rule_pack(default_rules_dir())
    answers = load_answers(DATA / "azure-logistics-aks.yaml", pack.bank)
    text = effort_and_cost(evaluate(pack, answers))
    reason = "AKS Automatic, the product named here, bills a fixed cluster fee and a charge per vCPU"
    assert f"| Platform cost | not estimated | {reason}" in text
    assert f"- `aks-automatic-rates-unconfirmed`: {reason}" in text  # it adds nothing: no empty ()
    assert "no list price for Managed Kubernetes instances" not in text


def test_without_the_engineer_year_rate_the_year_column_goes_and_says_why() -> None:
    text = effort_and_cost(result(**{"cost.engineer_year": None}))
    assert "A year, people included |" not in text.split("\n### ", 1)[0]
    assert (
        "For a yearly total with the people in money, answer `cost.engineer_year` "
        "(What does an engineer-year cost?)." in text
    )


def test_the_summary_gives_the_recommended_options_estimate_in_one_line() -> None:
    # The fixture's recommendation is a close call whose runner-up takes fewer people and weeks.
    assert summary_line(result()) == (
        "**Effort and cost:** 1.3–2.6 people (full-time equivalents) to run it, 6–12 weeks until the "
        "system runs in production on it, $300–$610 a month of platform cost at list prices and "
        "$130,000–$270,000 a year with the people (see Effort and cost). Serverless containers, the "
        "runner-up in this close call, would take fewer people and weeks by the same estimates: "
        "0.1–0.2 people and 3–6 weeks. The recommendation rests on how much better it fits; weigh that "
        "against the difference."
    )
    assert "the cost estimate waits for `scale.instances`" in summary_line(
        result(**{"scale.instances": None})
    )
    summary = render_markdown(result()).split("\n## Summary\n", 1)[1].split("\n## ", 1)[0]
    assert summary.rstrip().endswith("weigh that against the difference.")


def test_the_adr_lists_the_effort_among_the_consequences() -> None:
    consequences = render_adr(result()).split("### Consequences\n", 1)[1].split("\n### ", 1)[0]
    assert (
        "- Neutral, because it takes 1.3–2.6 people (full-time equivalents) to run it, 6–12 weeks until the "
        "system runs in production on it, $300–$610 a month of platform cost at list prices and "
        "$130,000–$270,000 a year with the people (the report's Effort and cost section gives the "
        "assumptions and sources)." in consequences
    )


def test_a_pack_without_estimates_has_no_section() -> None:
    plain = load_rule_pack(DATA / "analysis-pack")
    report = render_markdown(evaluate(plain, Answers(facts={"app.components": 3})))
    assert "## Effort and cost" not in report and "**Effort and cost:**" not in report


def test_a_comparison_lists_the_estimates_that_moved() -> None:
    before, after = result(), result(**{"team.experience": "production", "scale.instances": 8})
    diff = compare(before, after, "before.yaml", "after.yaml")
    moved = {(c.option, c.measure) for c in diff.estimate_changes}
    assert ("kubernetes", "weeks_to_production") in moved and ("kubernetes", "monthly_cost_usd") in moved
    assert ("containers", "weeks_to_production") not in moved  # the platform's rows say it
    text = render_diff_markdown(diff)
    assert "| Kubernetes | Weeks until the system runs in production on it | 6–12 | 4–8 |" in text
    assert "| Kubernetes | Platform cost | $300–$610 | $590–$1,200 |" in text
    unchanged = render_diff_markdown(compare(before, before, "a", "b"))
    assert "## Effort and cost that changed\n\nNo estimate changed." in unchanged
    old = before.model_copy(update={"estimates": {}})
    assert "Not compared: one side has no estimates" in render_diff_markdown(compare(old, after, "a", "b"))


@given(st.floats(0, 5e7), st.floats(0, 5e7))
def test_money_is_shown_to_two_figures_and_the_shown_range_holds_the_computed_one(a: float, b: float) -> None:
    low, high = sorted((a, b))
    shown = shown_range("monthly_cost_usd", (low, high))
    ends = [float(part.lstrip("$").replace(",", "")) for part in shown.split("–")]
    if len(ends) == 1:  # a range that rounds to one amount, or one amount to begin with
        ends *= 2
    assert (ends[0] <= low + 0.5 and ends[1] >= high - 0.5) or low == high
    for end in ends:
        assert len(str(int(end)).rstrip("0")) <= 2  # two significant figures at most


def test_one_amount_stays_one_amount_and_people_and_weeks_are_untouched() -> None:
    assert shown_range("monthly_cost_usd", (1234.5, 1234.5)) == "$1,200"
    assert shown_range("yearly_total_usd", (87_596, 154_626)) == "$87,000–$160,000"
    assert shown_range("people_fte", (0.3, 0.7)) == format_range("people_fte", (0.3, 0.7)) == "0.3–0.7"
    assert shown_range("weeks_to_production", (8, 19)) == "8–19"


def test_an_assumption_that_takes_away_is_signed_once_and_units_of_a_price_are_not_dollars() -> None:
    from advisor.render.sections.estimates import _added, _amount
    from advisor.result import EstimateAmount

    assert _added("monthly_cost_usd", (-74.4, 0.0)) == "−$74 to $0"
    assert _added("monthly_cost_usd", (18.25, 18.25)) == "+$18"
    assert _added("weeks_to_production", (2.0, 4.0)) == "+2–4"
    assert _added("weeks_to_production", (-2.0, -1.0)) == "−2 to −1"  # a minus sign, as for money
    assert _added("people_fte", (-0.1, 0.0)) == "−0.1 to 0"
    assert format_range("people_fte", (-0.04, 0.5)) == "0.0–0.5"  # no "−0.0"
    per_instance = EstimateAmount(
        add=(0.0, 0.0), per={"scale.peak_instances": (2.0, 2.0)}, prices=["gcp-autopilot-vcpu"]
    )
    assert _amount("monthly_cost_usd", per_instance) == "+2 × `gcp-autopilot-vcpu` per `scale.peak_instances`"
    either = EstimateAmount(add=(0.0, 0.0), per={"scale.peak_instances": (1.1, 1.4)}, prices=["a", "b"])
    assert _amount("monthly_cost_usd", either) == "+1.1–1.4 × `a` or `b` per `scale.peak_instances`"


def test_excluded_options_are_named_not_estimated_and_people_beyond_the_team_are_flagged() -> None:
    """Two engineers on premises: ECS and the PaaS are excluded and left out of the table with
    a note; self-managed Kubernetes needs more people than the whole team, and the note says so."""
    pack = load_rule_pack(default_rules_dir())
    answers = load_answers(ROOT / "examples" / "bookings-rails-kamal.yaml", pack.bank)
    found = evaluate(pack, answers.with_facts({"hosting.provider": "on-prem", "team.engineers": 2}))
    section = effort_and_cost(found).split("\n### ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ") and "Option" not in line]
    assert not any("Amazon ECS" in row for row in rows)
    assert "Not estimated, since the answers exclude them: " in section
    assert "Amazon ECS" in section.split("Not estimated, since the answers exclude them: ", 1)[1]
    assert "**More people than the team has.** " in section
    assert "Beyond the team's 2 engineers: Self-managed Kubernetes (" in section


def test_people_beyond_the_team_are_graded_by_how_much_of_the_range_lies_beyond() -> None:
    """A render farm with three operations engineers: self-managed Kubernetes reaches past them
    over most of its range, Managed Kubernetes and Nomad only at the high end (named together,
    without their low ends); golden images stay within them. One operations engineer later,
    the whole of Nomad's range is beyond him."""
    pack = load_rule_pack(default_rules_dir())
    answers = load_answers(ROOT / "examples" / "render-farm-mixed.yaml", pack.bank)
    found = evaluate(pack, answers)
    people = {option: estimate.people_fte or (0.0, 0.0) for option, estimate in found.estimates.items()}
    assert people["self-managed-kubernetes"][0] <= 3 < sum(people["self-managed-kubernetes"]) / 2
    assert sum(people["managed-kubernetes"]) / 2 <= 3 < people["managed-kubernetes"][1]
    note = next(line for line in effort_and_cost(found).splitlines() if "More people than" in line)
    assert "Beyond the team's 3 operations engineers: Self-managed Kubernetes (" in note
    at_high = note.split(" over most of its range; ", 1)[1]
    assert "Managed Kubernetes (up to " in at_high and "HashiCorp Nomad (up to " in at_high
    assert "only at their high ends." in at_high and "Golden VM images" not in note
    assert "(more than the team's 3 operations engineers at its high end)" in summary_line(found)
    alone = evaluate(pack, answers.with_facts({"team.ops_engineers": 1}))
    assert (alone.estimates["nomad"].people_fte or (0.0, 0.0))[0] > 1
    note = next(line for line in effort_and_cost(alone).splitlines() if "More people than" in line)
    whole = note.split("Beyond the team's 1 operations engineer: ", 1)[1].split(
        " over their whole ranges", 1
    )[0]
    assert "HashiCorp Nomad (" in whole and "Self-managed Kubernetes (" in whole


def test_the_platform_the_team_runs_and_a_team_with_nobody_in_operations_are_said_apart() -> None:
    """A trading firm running its own Kubernetes with two operations engineers: Kubernetes is
    the kind of platform it runs (it may be stretched), not a hire to make; the same firm with
    none in operations is told whose time every row is."""
    pack = load_rule_pack(default_rules_dir())
    answers = load_answers(ROOT / "examples" / "trading-regulated-onprem.yaml", pack.bank)
    found = evaluate(pack, answers.with_facts({"team.ops_engineers": 2}))
    assert found.estimates["self-managed-kubernetes"].runs_today and not found.estimates["nomad"].runs_today
    note = next(line for line in effort_and_cost(found).splitlines() if "More people than" in line)
    beyond, running = note.split("These would take hires, or time from product work. ")
    assert "Self-managed Kubernetes" not in beyond and "HashiCorp Nomad (" in beyond
    assert running.startswith(
        "The kind of platform the team already runs reaches past it: Self-managed Kubernetes ("
    )
    assert ") past its 2 operations engineers. The team may be stretched today" in running
    nobody = evaluate(pack, answers.with_facts({"team.ops_engineers": 0}))
    note = next(line for line in effort_and_cost(nobody).splitlines() if "More people than" in line)
    assert note.endswith(
        "The team has no operations engineers: the people in every row would be product engineers' "
        "time, or hires."
    )


def test_caveats_follow_the_table_only_where_some_option_has_a_cost() -> None:
    """Checkout in two regions: the note says the cost is for one. The same answers on premises,
    where no option has a list price, say nothing about a cost there is none of."""
    pack = load_rule_pack(default_rules_dir())
    answers = load_answers(ROOT / "examples" / "checkout-platform.yaml", pack.bank)
    regions = answers.with_facts({"hosting.multi_region": True, "scale.peak_instances": 10})
    assert "**For these answers:** Production runs in several regions" in effort_and_cost(
        evaluate(pack, regions)
    )
    on_prem = evaluate(pack, regions.with_facts({"hosting.provider": "on-prem"}))
    assert "several-regions" in on_prem.estimate_basis.caveats
    assert "For these answers" not in effort_and_cost(on_prem)


TRIP_PLANNER: Facts = {  # nine engineers, six services on a PaaS of another cloud, staying there
    "app.components": 6,
    "app.architecture": "service-oriented",
    "app.os": "linux",
    "app.host_level_needs": False,
    "app.accelerators": "none",
    "app.workload_kind": "both",
    "app.self_hosted_state": False,
    "app.long_connections": False,
    "app.load_profile": "seasonal",
    "stack.languages": ("node", "python"),
    "stack.system_dependencies": False,
    "stack.runtimes_supported": True,
    "hosting.provider": "other-cloud",
    "hosting.paas_allowed": True,
    "hosting.managed_kubernetes": True,
    "hosting.existing_platform": "paas",
    "hosting.changing_provider": False,
    "hosting.mixed_workloads": False,
    "hosting.regulated": False,
    "hosting.exit_plan_required": False,
    "hosting.multi_region": False,
    "org.large_enterprise": False,
    "team.engineers": 9,
    "team.ops_engineers": 0,
    "team.container_experience": "some",
    "team.orchestrator_experience": "none",
    "team.image_pipeline": False,
    "delivery.deploys_per_week": 15,
    "delivery.time_pressure": "medium",
    "delivery.environment_drift": False,
    "delivery.conflicting_versions": False,
    "cost.sensitivity": "high",
    "cost.engineer_year_usd": 120_000,
    "scale.growth": "medium",
    "scale.peak_instances": 8,
}


def test_the_summary_says_when_staying_where_the_team_runs_would_take_no_more() -> None:
    """A four-person team on Railway whose bill grows faster than the product, five services,
    costs watched closely: it is recommended a few Docker hosts, which by the tool's own
    estimates take more people and weeks and more a year with the people than staying. The
    summary says so, with the figures, and that the recommendation rests on fit. Without the
    people priced only the monthly bills compare, and the PaaS's is the larger: nothing to say.
    A team whose production moves provider runs nothing there yet: no staying to compare with."""
    pack = load_rule_pack(default_rules_dir())
    railway = TRIP_PLANNER | {
        "app.components": 5,
        "app.load_profile": "steady",
        "hosting.existing_paas": "other",
        "hosting.paas_fit": "cost",
        "team.engineers": 4,
        "delivery.deploys_per_week": 30,
        "delivery.time_pressure": "high",
        "scale.growth": "high",
    }
    found = evaluate(pack, Answers(facts=railway))
    assert found.recommendation.platform == "docker-hosts"
    assert found.estimates["paas"].runs_today
    line = summary_line(found)
    assert (
        "Staying on Platform as a service, which the team runs today, would take fewer people and weeks, "
        "and a smaller yearly total by the same estimates: 0.2–0.4 people, 0–1 weeks and "
        "$25,000–$66,000 a year with the people. "
        "The recommendation rests on how much better it fits; weigh that against the move."
    ) in line
    assert "Staying on Platform as a service" in render_markdown(found, audience="client")
    unpriced = evaluate(
        pack, Answers(facts={k: v for k, v in railway.items() if k != "cost.engineer_year_usd"})
    )
    assert "Staying on" not in summary_line(unpriced)
    moving = evaluate(pack, Answers(facts=railway | {"hosting.changing_provider": True}))
    assert not moving.estimates["paas"].runs_today
    assert "Staying on" not in summary_line(moving)


def test_staying_is_compared_only_where_it_is_nowhere_dearer() -> None:
    """Graded on both ends of every range: the platform run today must be no higher at either
    end on people and weeks (and on cost where both are priced), and below on one of them."""
    chosen = OptionEstimate(people_fte=(0.2, 0.5), weeks_to_production=(2, 7), monthly_cost_usd=(640, 2000))
    same = chosen.model_copy()
    assert _no_dearer(same, chosen) == []  # nothing below: no reason to speak
    quicker = chosen.model_copy(update={"weeks_to_production": (0, 1)})
    assert [word for _, word, _ in _no_dearer(quicker, chosen)] == ["people", "weeks", "platform cost"]
    dearer_at_the_top = quicker.model_copy(update={"monthly_cost_usd": (500, 2100)})
    assert _no_dearer(dearer_at_the_top, chosen) == []
    unpriced = quicker.model_copy(update={"monthly_cost_usd": None})
    assert [word for _, word, _ in _no_dearer(unpriced, chosen)] == ["people", "weeks"]
    no_people = quicker.model_copy(update={"people_fte": None})
    assert _no_dearer(no_people, chosen) == []
    # With the people priced on both sides, a year in all is compared, not the platform's bill:
    # a PaaS dearer a month than a cluster can still cost less a year than the people to run it.
    a_year = chosen.model_copy(
        update={"monthly_cost_usd": (430, 1200), "yearly_total_usd": (120_000, 290_000)}
    )
    paas = quicker.model_copy(
        update={"monthly_cost_usd": (1200, 4000), "yearly_total_usd": (44_000, 120_000)}
    )
    assert [word for _, word, _ in _no_dearer(paas, a_year)] == ["people", "weeks", "yearly total"]
    dearer_a_year = paas.model_copy(update={"yearly_total_usd": (44_000, 300_000)})
    assert _no_dearer(dearer_a_year, a_year) == []
    # What the sentence says: fewer where below at both ends, no more where not; a range
    # lower at one end only is "no more", and alone it is all the sentence says.
    one_end = chosen.model_copy(update={"weeks_to_production": (2, 5)})
    assert (
        _how_much_less(one_end, chosen, _no_dearer(one_end, chosen))
        == "no more people, weeks or platform cost"
    )
    assert _how_much_less(quicker, chosen, _no_dearer(quicker, chosen)) == (
        "fewer weeks, and no more people or platform cost"
    )
    assert (
        _how_much_less(paas, a_year, _no_dearer(paas, a_year))
        == "fewer weeks and a smaller yearly total, and no more people"
    )


def test_in_a_close_call_the_summary_says_when_the_runner_up_would_take_no_more() -> None:
    """A consultancy's two-service app on Azure, nothing running yet: Container Apps leads App
    Service by a point, and App Service would take fewer people and weeks and less money; the
    summary says so. With a clear lead there is nothing to weigh it against."""
    pack = load_rule_pack(default_rules_dir())
    facts = TRIP_PLANNER | {
        "app.components": 2,
        "app.workload_kind": "services",
        "app.load_profile": "steady",
        "stack.languages": ("dotnet", "node"),
        "hosting.provider": "azure",
        "hosting.existing_platform": "none",
        "team.engineers": 6,
        "delivery.deploys_per_week": 5,
        "delivery.time_pressure": "high",
        "cost.sensitivity": "medium",
        "scale.growth": "low",
        "scale.peak_instances": 4,
    }
    del facts["hosting.changing_provider"]  # asked only of a team that runs something
    found = evaluate(pack, Answers(facts=facts))
    assert found.recommendation.status == "close-call"
    assert found.recommendation.platform == "serverless-containers"
    line = summary_line(found)
    assert (
        "Platform as a service, the runner-up in this close call, would take fewer people and weeks, "
        "and a smaller yearly total" in line
    )
    assert line.endswith("weigh that against the difference.")
    clear = evaluate(pack, Answers(facts=facts | {"stack.languages": ("dotnet", "node", "python")}))
    assert clear.recommendation.status == "clear" and "runner-up" not in summary_line(clear)
