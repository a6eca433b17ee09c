"""The Markdown report: its sections, and arguments that come from this team's fired rules."""

from __future__ import annotations

import re

import pytest

from advisor.answers import load_answers
from advisor.evaluate import evaluate
from advisor.pack.bundled import default_rules_dir
from advisor.pack.load import load_rule_pack
from advisor.pack.model import RulePack
from advisor.render.charts import bar_share, text_bar
from advisor.render.escape import md_text
from advisor.render.markdown import SECTIONS, render_markdown
from advisor.render.view import questions_that_matter
from advisor.result import Result
from tests.conftest import ROOT

EXAMPLES = ROOT / "examples"
SECTION_TITLES = [
    "Summary",
    "Scores",
    "Decision drivers",
    "What would change this recommendation",
    "Considered options",
    "Effort and cost",
    "Risks and mitigations",
    "Development environment and CI",
    "Next steps",
    "Open questions",
    "Appendix",
]


@pytest.fixture(scope="module")
def pack() -> RulePack:
    return load_rule_pack(default_rules_dir())


def result_for(pack: RulePack, example: str) -> Result:
    return evaluate(pack, load_answers(EXAMPLES / f"{example}.yaml", pack.bank))


def policy_exclusion(result: Result) -> str:
    return next(e.because for e in result.excluded if e.rule == "paas-not-allowed")


def section_of(report: str, title: str) -> str:
    return report.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def test_the_report_has_the_eleven_sections_in_reading_order(pack: RulePack) -> None:
    report = render_markdown(result_for(pack, "checkout-platform"))
    assert report.startswith("# Deployment strategy: Checkout platform\n")
    assert re.findall(r"^## (.+)$", report, re.M) == SECTION_TITLES
    assert len(SECTIONS) == 14


def test_the_title_names_the_people_and_the_rule_pack(pack: RulePack) -> None:
    result = result_for(pack, "checkout-platform")
    head = render_markdown(result).split("\n## ", 1)[0]
    pack_name = f"{result.rule_pack.name} {result.rule_pack.version}"
    for text in ("Acme Corp", "J. Doe", "2026-11-27", pack_name, result.rule_pack.sha256[:12]):
        assert text in head
    assert f"knowledge as of {result.rule_pack.knowledge_as_of}" in head


def test_summary_gives_the_choice_confidence_in_words_and_the_team_facts(pack: RulePack) -> None:
    summary = section_of(render_markdown(result_for(pack, "checkout-platform")), "Summary")
    assert "**Recommendation:** Serverless containers (Amazon ECS Express Mode)" in summary
    assert "**Confidence:** 0.99, high, for the strategy; 0.66, moderate, for the platform" in summary
    assert "`app.components` = 12" in summary
    assert "35 points ahead of Platform as a service" in summary


def test_scores_show_one_bar_each_and_exclusions_with_reasons(pack: RulePack) -> None:
    result = result_for(pack, "claims-windows-onprem")
    scores = section_of(render_markdown(result), "Scores")
    assert "| Platform as a service | " in scores and "*excluded*" in scores
    assert f"**Platform as a service**: {md_text(policy_exclusion(result))}" in scores
    assert "```mermaid" not in scores
    bars = [line for line in scores.splitlines() if "█" in line or "*excluded*" in line]
    assert len(bars) == len(result.scores) and bars[0].startswith("| **Golden VM images**")


def test_drivers_quote_the_facts_behind_each_rule(pack: RulePack) -> None:
    drivers = section_of(render_markdown(result_for(pack, "checkout-platform")), "Decision drivers")
    rows = [line for line in drivers.splitlines() if line.startswith("| `")]
    assert rows[0].startswith("| `many-components` |") and "`app.components` = 12" in rows[0]
    assert not any("dev-environment" in row for row in rows)


def test_considered_options_argue_from_the_rules_that_fired(pack: RulePack) -> None:
    result = result_for(pack, "checkout-platform")
    options = section_of(render_markdown(result), "Considered options")
    containers = options.split("### Containers (", 1)[1].split("\n### ", 1)[0]
    pros = containers.split("**Pros for this team**", 1)[1].split("**Cons for this team**", 1)[0]
    cons = containers.split("**Cons for this team**", 1)[1]
    assert "(`many-components`, +5)" in pros and "(`polyglot-stack`, +5)" in pros
    assert "(`some-container-experience`, −1)" in cons
    assert "#### Serverless containers (recommended" in options  # platforms when containers lead
    platform = options.split("#### Managed Kubernetes (", 1)[1].split("\n#### ", 1)[0]
    assert "(`no-orchestrator-experience`, −4)" in platform and "(`time-pressure`, −2)" in platform


def test_an_excluded_option_says_why_among_its_cons(pack: RulePack) -> None:
    result = result_for(pack, "claims-windows-onprem")
    options = section_of(render_markdown(result), "Considered options")
    paas = options.split("### Platform as a service (excluded", 1)[1].split("\n### ", 1)[0]
    assert f"- Excluded: {md_text(policy_exclusion(result))} (`paas-not-allowed`)" in paas
    assert "The platforms of a strategy are compared here when it leads" in options


def test_risks_are_the_packs_risks_of_the_choice_that_apply_with_their_mitigations(pack: RulePack) -> None:
    result = result_for(pack, "checkout-platform")
    risks = section_of(render_markdown(result), "Risks and mitigations")
    assert "| Base images go stale and collect known vulnerabilities unless they are rebuilt. |" in risks
    # On AWS, serverless containers are Fargate tasks: no cold starts to warn of, and this team
    # needs neither host access nor GPUs, which Fargate does not give
    assert "Fargate gives no host access" not in risks and "cold starts" not in risks
    assert "Windows" not in risks  # an all-Linux estate gets no Windows-host risk
    assert "None in the rule pack" not in risks
    # what the answers hold against the path, the rule's mitigation beside it when it has one
    assert "Also against it, with no ready mitigation:" in risks
    assert "- The team has built images in development but not run them in production yet." in risks
    on_premises = section_of(
        render_markdown(result_for(pack, "trading-regulated-onprem")), "Risks and mitigations"
    )
    # the trading firm already runs its own Kubernetes: no hosted one is no new burden for it
    assert "Kubernetes would mean running the control plane" not in on_premises


def test_a_windows_estate_gets_the_windows_host_risk_when_containers_lead(pack: RulePack) -> None:
    result = result_for(pack, "checkout-platform")
    answers = load_answers(ROOT / "examples" / "checkout-platform.yaml", pack.bank)
    windows = evaluate(pack, answers.with_facts({"app.os": "mixed"}))
    assert not any(risk.id == "containers-windows-hosts" for risk in result.risks)
    assert any(risk.id == "containers-windows-hosts" for risk in windows.risks)


def test_a_paas_recommendation_names_product_status_and_alternatives(pack: RulePack) -> None:
    result = result_for(pack, "storefront-startup")
    report = render_markdown(result)
    options = section_of(report, "Considered options")
    assert "**Candidates:** " in options or "**On your provider" in options
    assert "Heroku (Another cloud provider; sustaining; [docs](https://devcenter.heroku.com/))" in options


def test_next_steps_are_the_recommended_options_own(pack: RulePack) -> None:
    result = result_for(pack, "render-farm-mixed")
    steps = section_of(render_markdown(result), "Next steps")
    assert result.recommendation.status == "undecided"
    assert steps.strip().startswith(
        "These steps assume Managed Kubernetes, which ties with HashiCorp Nomad; "
        "they change with the choice between them:"
    )
    # no recommendation yet: settling the open questions comes first
    assert steps.split("\n\n")[1].startswith("1. Answer the 2 open questions below")
    assert f"2. {result.next_steps[0]}" in steps
    # 11 open, of which only the 2 that could break the tie alone are asked for (whether a
    # hosted Kubernetes is approved, the orchestrator experience); the unanswered ones break it
    # by less than the other open answers could take back (questions_that_matter)
    assert "Answer the 2 open questions below" in steps
    assert "(s)" not in steps


def test_open_questions_name_the_rules_an_answer_would_settle(pack: RulePack) -> None:
    questions = section_of(render_markdown(result_for(pack, "render-farm-mixed")), "Open questions")
    assert (
        "| `cost.sensitivity` | unanswered, skipped | How sensitive is the budget to hosting cost? |"
        in questions
    )
    assert "`cost-at-scale` (containers +2, paas −2)" in questions


def test_the_appendix_lists_every_answer_rule_and_the_confidence_arithmetic(pack: RulePack) -> None:
    result = result_for(pack, "render-farm-mixed")
    appendix = section_of(render_markdown(result), "Appendix")
    for line in result.answers:
        assert f"| `{line.fact}` |" in appendix
    for rule in result.fired:
        assert f"| `{rule.id}` |" in appendix
    confidence = result.recommendation.confidence
    assert f"- **confidence** ({confidence:.2f}): " in appendix


def test_a_text_bar_reads_back_as_its_share() -> None:
    assert bar_share(text_bar(85, 100)) == 0.85
    assert bar_share(text_bar(-4, 100)) == 0.0
    assert bar_share("█·█") is None and bar_share("abc") is None


def test_a_platform_that_barely_leads_is_called_a_close_call(pack: RulePack) -> None:
    for name in ("checkout-platform", "trading-regulated-onprem"):
        result = result_for(pack, name)
        summary = section_of(render_markdown(result), "Summary")
        close = result.recommendation.status == "close-call"
        assert ("**Recommendation (a close call):**" in summary) is close, name
        assert ("weigh the two platforms against each other" in summary) is close, name


def test_a_tie_opens_with_no_recommendation_yet_and_never_zero_points_ahead() -> None:
    fixture = load_rule_pack(ROOT / "tests" / "data" / "analysis-pack")
    answers = load_answers(ROOT / "tests" / "data" / "analysis-full.yaml", fixture.bank)
    tied = evaluate(fixture, answers.with_facts({"stack.languages": ("python", "go"), "app.components": 2}))
    report = render_markdown(tied)
    summary = section_of(report, "Summary")
    assert summary.strip().startswith(
        "**No recommendation yet.** Platform as a service and Containers tie at 10 points"
    )
    assert "0 points ahead" not in report and "by only 0 points" not in report
    scores = section_of(report, "Scores")
    assert "**Platform as a service** (tied)" in scores and "**Containers** (tied)" in scores
    assert "(leads)" not in scores and "(recommended)" not in scores


def test_platforms_that_tie_are_both_marked_tied_and_the_steps_say_the_choice_is_open(pack: RulePack) -> None:
    result = result_for(pack, "render-farm-mixed")
    assert result.recommendation.status == "undecided"
    report = render_markdown(result)
    scores = section_of(report, "Scores")
    assert "**Managed Kubernetes** (tied)" in scores and "**HashiCorp Nomad** (tied)" in scores
    assert "**Containers** (leads)" in scores  # the strategy is not in doubt, only its platform
    assert "#### HashiCorp Nomad (tied, 80 points)" in report
    steps = section_of(report, "Next steps")
    assert "which ties with HashiCorp Nomad; they change with the choice between them:" in steps
    assert "leads but is not decided yet" not in report


def test_strategies_that_tie_get_the_effort_of_each_from_their_leading_platform(pack: RulePack) -> None:
    """A PaaS and containers tied: each row reads the estimate the option stands for (for
    containers, its leading platform's), not only the one with an estimate of its own."""
    result = result_for(pack, "storefront-startup")
    paas = result.estimates["paas"]
    tied = result.model_copy(
        update={
            "recommendation": result.recommendation.model_copy(update={"status": "undecided"}),
            "scores": {**result.scores, "containers": result.scores["paas"]},
        }
    )
    client = section_of(render_markdown(tied, audience="client"), "Executive summary")
    effort = client.split("**Effort and cost of each** (see Effort and cost):\n\n", 1)[1].split("\n\n", 1)[0]
    rows = effort.splitlines()
    assert [row.split(":**", 1)[0] for row in rows] == ["- **Platform as a service", "- **Containers"]
    assert paas.people_fte is not None and f"{paas.people_fte[0]:.1f}" in rows[0]
    assert "not estimated" not in effort and "is chosen" not in client
    assert "**Main risk of each:**" in client


def test_platforms_that_tie_get_the_main_risk_and_effort_of_each_in_the_client_summary(
    pack: RulePack,
) -> None:
    """Neither tied platform is singled out: the client reads each one's main risk and effort,
    and that the choice between them is open (the summary had spoken of the first as the
    choice: "if Managed Kubernetes is chosen")."""
    result = result_for(pack, "render-farm-mixed")
    client = section_of(render_markdown(result, audience="client"), "Executive summary")
    assert "is chosen" not in client
    risks = client.split("**Main risk of each:**\n\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert [line.split(":**", 1)[0] for line in risks] == ["- **Managed Kubernetes", "- **HashiCorp Nomad"]
    assert all("*Mitigation:*" in line for line in risks)
    effort = client.split("**Effort and cost of each** (see Effort and cost):\n\n", 1)[1].split("\n\n", 1)[0]
    lines = effort.splitlines()
    assert [line.split(":**", 1)[0] for line in lines] == ["- **Managed Kubernetes", "- **HashiCorp Nomad"]
    for option, line in zip(("managed-kubernetes", "nomad"), lines, strict=True):
        people = result.estimates[option].people_fte
        assert people is not None and f"{people[0]:.1f}" in line
    assert "The choice between Managed Kubernetes and HashiCorp Nomad among the platforms" in client


def test_a_tie_in_the_engineers_summary_lists_the_effort_of_each(pack: RulePack) -> None:
    result = result_for(pack, "render-farm-mixed")
    summary = section_of(render_markdown(result), "Summary")
    effort = summary.split("**Effort and cost of each** (see Effort and cost):\n\n", 1)[1].split("\n\n", 1)[0]
    assert [line.split(":**", 1)[0] for line in effort.splitlines()] == [
        "- **Managed Kubernetes",
        "- **HashiCorp Nomad",
    ]
    # neither takes no more than the other on both people and weeks: nothing is singled out
    assert "the estimates separate them" not in summary


def test_a_tie_that_the_estimates_separate_names_the_option_that_takes_least(pack: RulePack) -> None:
    """Tied scores, and one option no dearer than the other at both ends of every range and
    below on some: the summary says so, in the engineer's and the client's report; the moment
    it is dearer on one measure, it says nothing."""
    result = result_for(pack, "render-farm-mixed")
    kubernetes = result.estimates["managed-kubernetes"]
    assert kubernetes.people_fte is not None and kubernetes.weeks_to_production is not None
    low, high = kubernetes.people_fte
    lighter = kubernetes.model_copy(update={"people_fte": (low / 2, high / 2)})
    separated = result.model_copy(update={"estimates": {**result.estimates, "nomad": lighter}})
    for report, heading in (
        (render_markdown(separated), "Summary"),
        (render_markdown(separated, audience="client"), "Executive summary"),
    ):
        assert (
            "With the scores tied, the estimates separate them: HashiCorp Nomad would take fewer people, "
            "and no more weeks than Managed Kubernetes." in section_of(report, heading)
        )
    weeks = kubernetes.weeks_to_production
    slower = lighter.model_copy(update={"weeks_to_production": (weeks[0], weeks[1] + 1)})
    mixed = result.model_copy(update={"estimates": {**result.estimates, "nomad": slower}})
    assert "the estimates separate them" not in render_markdown(mixed)


def test_three_options_tied_are_told_apart_by_the_margin_against_each(pack: RulePack) -> None:
    """Three platforms tie; the one the estimates separate takes fewer people than one of the
    others and fewer weeks than the other: the sentence gives the margin against each."""
    result = result_for(pack, "render-farm-mixed")
    kubernetes = result.estimates["managed-kubernetes"]
    assert kubernetes.people_fte is not None and kubernetes.weeks_to_production is not None
    (people_low, people_high), (weeks_low, weeks_high) = kubernetes.people_fte, kubernetes.weeks_to_production
    swarm = kubernetes.model_copy(update={"people_fte": (people_low + 1, people_high + 1)})
    nomad = kubernetes.model_copy(update={"weeks_to_production": (weeks_low + 5, weeks_high + 5)})
    points = result.platform_scores["managed-kubernetes"]
    tied = result.model_copy(
        update={
            "estimates": {**result.estimates, "swarm": swarm, "nomad": nomad},
            "platform_scores": {**result.platform_scores, "swarm": points, "nomad": points},
        }
    )
    summary = section_of(render_markdown(tied), "Summary")
    assert "the platforms Managed Kubernetes, HashiCorp Nomad and Docker Swarm tie" in summary
    assert (
        "the estimates separate them: Managed Kubernetes would take fewer weeks, and no more people than "
        "HashiCorp Nomad; fewer people, and no more weeks than Docker Swarm." in summary
    )


def test_a_batch_service_beside_the_named_product_is_said_in_every_audience(pack: RulePack) -> None:
    """Web and batch work on AWS: the summary names Express Mode with AWS Batch beside it, in the
    engineer's report, the client's summary and the options, never "the chosen service"."""
    answers = load_answers(EXAMPLES / "checkout-platform.yaml", pack.bank)
    result = evaluate(pack, answers.with_facts({"app.workload_kind": "both"}))
    beside = "with AWS Batch on Fargate for the batch work"
    engineer = render_markdown(result)
    assert f"(Amazon ECS Express Mode, {beside})" in section_of(engineer, "Summary")
    options = section_of(engineer, "Considered options")
    assert "**On your provider:** Amazon ECS Express Mode (" in options
    assert "; **for the batch work:** AWS Batch on Fargate (" in options
    assert "the chosen service" not in engineer
    client = section_of(render_markdown(result, audience="client"), "Executive summary")
    assert f"run as **Amazon ECS Express Mode** on Amazon Web Services, {beside}." in client


def test_a_tie_tells_the_client_what_counts_for_each_option_and_the_drivers_say_none_leads() -> None:
    fixture = load_rule_pack(ROOT / "tests" / "data" / "analysis-pack")
    answers = load_answers(ROOT / "tests" / "data" / "analysis-full.yaml", fixture.bank)
    tied = evaluate(fixture, answers.with_facts({"stack.languages": ("python", "go"), "app.components": 2}))
    client = section_of(render_markdown(tied, audience="client"), "Executive summary")
    assert "**Why:**" not in client
    each = client.split("**What counts for each:**\n\n", 1)[1].split("\n\n", 1)[0]
    assert each.startswith("- **Platform as a service:** ") and "\n- **Containers:** " in each
    drivers = section_of(render_markdown(tied), "Decision drivers")
    assert "No option leads clearly yet" in drivers and "runner-up" not in drivers


@pytest.mark.parametrize("name", sorted(path.stem for path in EXAMPLES.glob("*.yaml")))
def test_the_open_questions_table_and_the_summary_count_the_same_questions_that_matter(
    pack: RulePack, name: str
) -> None:
    """The client summary's "N of which could change the recommendation" and the table's "yes"
    rows are the same questions (the table said "no, not on its own" of a question the summary
    counted, one that could change it together with other answers)."""
    result = result_for(pack, name)
    report = render_markdown(result, audience="client")
    rows = section_of(report, "Open questions").splitlines()
    yes = [row for row in rows if row.endswith("| yes: settle it first |") or "| yes, together" in row]
    assert len(yes) == len(questions_that_matter(result))
