"""Compiling estimate data: every problem of a pack's estimates.yaml located, in one pass."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from advisor.cli import main
from advisor.errors import InputError
from advisor.pack.bundled import default_rules_dir
from advisor.pack.estimates import ESTIMATES_FILE
from advisor.pack.load import load_rule_pack

PRICES = """\
prices:
  - id: vm
    item: A VM
    usd: 0.1
    per: hour
    source: https://example.com/vm
    as_of: 2026-11-01
"""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """The default pack's files in a folder of their own, tests left out."""
    folder = tmp_path / "pack"
    folder.mkdir()
    for path in default_rules_dir().glob("*.yaml"):
        shutil.copy(path, folder / path.name)
    return folder


def with_estimates(root: Path, text: str) -> Path:
    (root / ESTIMATES_FILE).write_text(text, encoding="utf-8")
    return root


def problems(root: Path) -> list[str]:
    with pytest.raises(InputError) as error:
        load_rule_pack(root)
    return [str(problem) for problem in error.value.problems]


def test_every_problem_is_located_in_one_pass(root: Path) -> None:
    with_estimates(
        root,
        PRICES
        + """\
  - id: vm
    item: The same id again
    usd: [0.2, 0.1]
    per: hour
    source: example.com
    as_of: 2026-11-01
terms:
  - id: base
    options: [managed-kubernetes, serverless-container]
    when: team.opps_engineers == 0
    people_fte: {add: [1, 0.5], per: {app.architecture: [0.1, 0.2], app.components: [-0.1, 0.1]}, price: vm}
    monthly_cost_usd: {per: {scale.peak_instances: [1, 1]}, price: vmm}
    weeks_to_production: {add: [1, 2]}
    because: With {team.opps_engineers} people.
  - id: nothing
    options: [paas]
    because: It estimates nothing.
  - id: unpriced
    options: [paas]
    monthly_cost_usd: {add: [1, 1]}
    because: No price.
settings:
  engineer_year_fact: team.container_experience
  headcount: {team.ops_engineers: operations engineer, team.oops: engineer}
""",
    )
    found = problems(root)
    at = str(root / ESTIMATES_FILE)
    expected = [
        f"{at}:8:9: duplicate price id 'vm' (first defined at {at}:2:9)",
        f"{at}:16:35: term 'base': unknown option 'serverless-container' "
        "(did you mean 'serverless-containers'?)",
        f"{at}:17:11: unknown fact 'team.opps_engineers' (did you mean 'team.ops_engineers'?)",
        f"{at}:18:23: term 'base': people_fte.add: [1, 0.5] is not a range; write the low end first",
        f"{at}:18:39: term 'base': people_fte.per: 'app.architecture' is not an int fact of the bank",
        f"{at}:18:85: term 'base': people_fte.per.app.components: a per-unit amount cannot be negative; "
        "more units never need less",
        f"{at}:18:106: term 'base': only monthly_cost_usd names a price; people_fte is counted, not priced",
        f"{at}:19:68: term 'base': unknown price 'vmm' (did you mean 'vm'?)",
        f"{at}:21:14: term 'base': because names unknown fact '{{team.opps_engineers}}' "
        "(did you mean 'team.ops_engineers'?)",
        f"{at}:22:5: term 'nothing' estimates nothing: "
        "give people_fte, weeks_to_production or monthly_cost_usd, "
        "or unpriced: true with the reason in because",
        f"{at}:27:23: term 'unpriced': monthly_cost_usd needs a 'price' (an id from prices:), "
        "so every dollar has a source",
        f"{at}:30:23: settings.engineer_year_fact: 'team.container_experience' "
        "is not an int fact of the bank",
        f"{at}:31:67: settings.headcount: 'team.oops' is not an int fact of the bank",
    ]
    assert found == expected


def test_a_term_that_says_why_an_option_is_unpriced_cannot_price_it(root: Path) -> None:
    text = PRICES + (
        "terms:\n  - id: rates-unknown\n    options: [paas]\n    unpriced: true\n"
        "    monthly_cost_usd: {add: [1, 1], price: vm}\n    because: Rates unconfirmed.\n"
        "  - id: reason-only\n    options: [paas]\n    unpriced: true\n    because: Rates unconfirmed.\n"
    )
    with_estimates(root, text)
    assert problems(root) == [
        f"{root / ESTIMATES_FILE}:11:15: term 'rates-unknown': unpriced says why an option has no cost "
        "band, so the term cannot give monthly_cost_usd; remove one of them (a layer that prices it sets "
        "unpriced: false)"
    ]


def test_a_bad_range_in_a_unique_price_is_located(root: Path) -> None:
    with_estimates(
        root, PRICES.replace("usd: 0.1", "usd: [0.2, 0.1]").replace("https://example.com/vm", "vm.html")
    )
    at = str(root / ESTIMATES_FILE)
    assert problems(root) == [
        f"{at}:4:10: price 'vm': usd: [0.2, 0.1] is not a range; write the low end first",
        f"{at}:6:13: price 'vm': source must be the public page (http or https) the price comes from",
    ]


def test_a_credit_cannot_be_counted_per_unit(root: Path) -> None:
    text = PRICES.replace("usd: 0.1", "usd: -5") + (
        "terms:\n  - id: credit\n    options: [paas]\n"
        "    monthly_cost_usd: {per: {scale.peak_instances: [1, 1]}, price: vm}\n    because: A credit.\n"
    )
    with_estimates(root, text)
    assert problems(root) == [
        f"{root / ESTIMATES_FILE}:11:68: term 'credit': price 'vm' is negative (a credit); "
        "per-unit amounts need prices of 0 or more"
    ]


def test_validation_errors_name_the_key_like_any_pack_file(root: Path) -> None:
    with_estimates(root, PRICES.replace("per: hour", "per: minute").replace("item: A VM", "itme: A VM"))
    found = problems(root)
    at = root / ESTIMATES_FILE
    assert found == [
        f"{at}:2:5: prices[0].item: missing; add the key 'item'",
        f"{at}:3:5: prices[0].itme: unknown key 'itme' (did you mean 'item'?)",
        f"{at}:5:10: prices[0].per: 'minute' is not one of 'hour' or 'month'",
    ]


def test_rules_check_reports_estimate_problems_like_rule_problems(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with_estimates(
        root, "terms:\n  - id: x\n    options: [pass]\n    people_fte: {add: [1, 2]}\n    because: X.\n"
    )
    assert main(["rules", "check", str(root)]) == 2
    err = capsys.readouterr().err
    assert f"{root / ESTIMATES_FILE}:3:15: term 'x': unknown option 'pass' (did you mean 'paas'?)" in err


def test_what_the_team_runs_names_a_choice_fact_its_answers_and_options(root: Path) -> None:
    with_estimates(
        root,
        """\
terms:
  - id: evidence
    options: [nomad]
    unless_running: true
    weeks_to_production: {add: [1, 2]}
    because: Evidence before a first go-live.
settings:
  running:
    fact: hosting.existing_platform
    options: {nomadd: [nomad], swarm: [swarmm]}
""",
    )
    at = str(root / ESTIMATES_FILE)
    assert problems(root) == [
        f"{at}:10:15: settings.running: 'nomadd' is not a choice of hosting.existing_platform "
        "(none, paas, vms, kubernetes, ecs, serverless-containers, functions, nomad, swarm, dcos, openshift, "
        "cloud-foundry, other) "
        "(did you mean 'nomad'?)",
        f"{at}:10:40: settings.running: unknown option 'swarmm' (did you mean 'swarm'?)",
    ]
    with_estimates(
        root,
        (root / ESTIMATES_FILE)
        .read_text(encoding="utf-8")
        .replace("hosting.existing_platform", "team.engineers"),
    )
    assert problems(root) == [
        f"{at}:9:11: settings.running: 'team.engineers' is not a choice fact of the bank"
    ]
    with_estimates(root, (root / ESTIMATES_FILE).read_text(encoding="utf-8").split("settings:")[0])
    assert problems(root) == [
        f"{at}:2:9: term 'evidence': unless_running needs settings.running (the fact that says what the "
        "team already runs, and the options each answer means); add it, or drop unless_running"
    ]


def test_a_condition_on_running_an_option_names_one_the_map_names_and_reads_known_facts(
    root: Path,
) -> None:
    with_estimates(
        root,
        """\
terms:
  - id: evidence
    options: [nomad]
    unless_running: true
    weeks_to_production: {add: [1, 2]}
    because: Evidence before a first go-live.
settings:
  running:
    fact: hosting.existing_platform
    options: {nomad: [nomad]}
    only_when:
      nomad: hosting.control_plan == self-managed
      swarm: hosting.provider == on-prem
    when: hosting.changing_providers == false
""",
    )
    at = str(root / ESTIMATES_FILE)
    found = problems(root)
    assert len(found) == 3
    assert found[2].startswith(
        f"{at}:14:11: settings.running.when: unknown fact 'hosting.changing_providers'"
    )
    assert found[0] == (
        f"{at}:12:14: settings.running.only_when.nomad: unknown fact 'hosting.control_plan' "
        "(did you mean 'hosting.control_plane'?)"
    )
    assert found[1] == (
        f"{at}:13:7: settings.running.only_when: 'swarm' is not an option of settings.running's "
        "options; name it under an answer there, or remove it"
    )


def test_work_in_parallel_is_weeks_per_unit_and_needs_the_streams(root: Path) -> None:
    with_estimates(
        root,
        """\
terms:
  - id: move
    options: [nomad]
    weeks_to_production: {add: [1, 2], per: {app.components: [0.5, 1]}, in_parallel: true}
    people_fte: {add: [1, 2], in_parallel: true}
    because: Each component moves.
settings:
  streams: {fact: team.engineerz, engineers_each: [12, 6], at_most: 4}
""",
    )
    at = str(root / ESTIMATES_FILE)
    assert problems(root) == [
        f"{at}:5:44: term 'move': in_parallel shares out a per-unit amount of weeks_to_production "
        "among the team's streams; give it there, with 'per'",
        f"{at}:8:19: settings.streams: 'team.engineerz' is not an int fact of the bank "
        "(did you mean 'team.engineers'?)",
        f"{at}:8:51: settings.streams.engineers_each: [12, 6] is not a range; write the low end first",
    ]
    with_estimates(
        root,
        (root / ESTIMATES_FILE).read_text(encoding="utf-8").split("    people_fte")[0] + "    because: x.\n",
    )
    assert problems(root) == [
        f"{at}:2:9: term 'move': in_parallel needs settings.streams (the int fact counting the "
        "engineers, engineers_each stream, at_most streams at once); add it, or drop in_parallel"
    ]


def test_copies_name_two_int_facts_and_a_fraction_low_end_first(root: Path) -> None:
    with_estimates(
        root,
        """\
settings:
  copies: {fact: app.build, of: app.os, each: [0.25, 0.1]}
""",
    )
    at = str(root / ESTIMATES_FILE)
    assert problems(root) == [
        f"{at}:2:18: settings.copies: 'app.build' is not an int fact of the bank "
        "(did you mean 'app.builds'?)",
        f"{at}:2:33: settings.copies: 'app.os' is not an int fact of the bank",
        f"{at}:2:47: settings.copies.each: [0.25, 0.1] is not a range; write the low end first",
    ]


def test_caveats_are_located_like_terms(root: Path) -> None:
    with_estimates(
        root,
        """\
caveats:
  - id: regions
    when: hosting.multi_regoin
    text: The cost is for one region.
  - id: regions
    when: hosting.multi_region
    text: Again.
""",
    )
    at = str(root / ESTIMATES_FILE)
    assert problems(root) == [
        f"{at}:3:11: unknown fact 'hosting.multi_regoin' (did you mean 'hosting.multi_region'?)",
        f"{at}:5:9: duplicate caveat id 'regions' (first defined at {at}:2:9)",
    ]
