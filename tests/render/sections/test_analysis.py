"""The Markdown sections about what would change the recommendation."""

from __future__ import annotations

from advisor.answers import load_answers
from advisor.evaluate import evaluate
from advisor.pack.load import load_rule_pack
from advisor.render.sections.analysis import (
    render_confidence,
    render_counterfactuals,
    render_value_of_information,
    render_what_would_change,
)
from advisor.result import Result, Sensitivity
from tests.conftest import DATA

FIXTURE = load_rule_pack(DATA / "analysis-pack")


def result(name: str) -> Result:
    return evaluate(FIXTURE, load_answers(DATA / f"analysis-{name}.yaml", FIXTURE.bank))


def test_what_would_change_reads_as_plain_sentences() -> None:
    text = render_what_would_change(result("full"))
    assert text.splitlines()[0] == "## What would change this recommendation"
    assert "- With `team.ops_engineers` at 0 (now 3), **Platform as a service** would lead." in text
    assert (
        "- With `hosting.provider` set to gcp (now aws), Containers would still lead, "
        "but on **Managed Kubernetes**." in text
    )
    assert "- With `hosting.provider` set to on-prem (now aws), Containers would still lead, " in text


def test_integer_ranges_read_as_or_fewer_and_or_more() -> None:
    text = render_what_would_change(result("ops-unknown"))
    assert "With `app.components` at 4 or fewer (now 8), **Platform as a service** would lead." in text


def test_counterfactuals_name_each_change_and_its_current_value() -> None:
    text = render_counterfactuals(result("full"))
    assert "- **Platform as a service** would lead with `team.ops_engineers` = 0 (now 3)." in text
    assert (
        "- **Golden images** would lead with `app.components` = 4 (now 8) and `app.windows` = yes (now no)."
        in text
    )


def test_value_of_information_merges_neighbouring_ranges_with_the_same_outcome() -> None:
    text = render_value_of_information(result("ops-unknown"))
    assert "- `team.ops_engineers` (unknown): 0 → Platform as a service; 1 or more → Amazon ECS" in text


def test_confidence_lines_show_each_step() -> None:
    text = render_confidence(result("ops-unknown"))
    assert "- **open: team.ops\\_engineers** (0.39): team.ops\\_engineers is unknown;" in text
    assert text.rstrip().endswith("½·e^(-1/4) = 0.39.")


def test_user_text_in_values_is_escaped() -> None:
    base = result("full")
    item = Sensitivity(
        fact="stack.languages",
        value=["*bold*", "a|b", "other-1"],
        strategy="paas",
        platform=None,
        was=["<script>"],
        steps=1,
    )
    text = render_what_would_change(base.model_copy(update={"sensitivity": [item]}))
    assert "set to \\*bold\\*, a\\|b + 1 other (now &lt;script>)" in text


def test_no_single_change_is_said_plainly() -> None:
    base = result("full").model_copy(update={"sensitivity": []})
    assert "No single change to an answer changes the recommendation." in render_what_would_change(base)


def test_a_counterfactual_search_stopped_at_its_bound_says_so() -> None:
    full = result("full")
    cut = [item.model_copy(update={"complete": False}) for item in full.counterfactuals]
    missing = cut[0].model_copy(update={"found": False, "changes": []})
    text = render_counterfactuals(full.model_copy(update={"counterfactuals": [missing, *cut[1:]]}))
    assert "(the search stopped at its bound: fewer changes may do)." in text
    assert (
        "no change to up to three answers was found before the search stopped at its bound "
        "(this rule pack has too many facts to try every combination); one may exist." in text
    )
    assert "makes it the recommendation" not in text
