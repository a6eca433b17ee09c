"""`advisor rules check --strict`: legal but mistaken rules, all in one pass, located."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from advisor.checks.lint import lint_pack
from advisor.cli import main
from advisor.pack.bundled import default_rules_dir
from advisor.pack.load import load_rule_pack


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    """A copy of the default pack, tests included, to add questionable rules to."""
    root = tmp_path / "pack"
    shutil.copytree(default_rules_dir(), root)
    return root


def add_rules(pack: Path, text: str) -> Path:
    path = pack / "zz-extra.yaml"
    path.write_text("rules:\n" + text, encoding="utf-8")
    return path


def findings(pack: Path) -> list[str]:
    return [str(problem) for problem in lint_pack(load_rule_pack(pack))]


RULE = """  - id: {id}
    when: {when}
    effects: {{paas: 1}}
    because: test
"""


@pytest.mark.parametrize(
    ("when", "message", "col"),
    [
        (
            "[app.os == linux, app.os == windows]",
            "'app.os == linux' and 'app.os == windows' cannot both hold in one 'all'",
            29,
        ),
        (
            "{all: [app.components < 2, app.components > 5]}",
            "'app.components < 2' and 'app.components > 5' cannot both hold in one 'all'",
            38,
        ),
        (
            '["app.os in [linux, mixed]", app.os == windows]',
            "'app.os in [linux, mixed]' and 'app.os == windows' cannot both hold in one 'all'",
            40,
        ),
        (
            "[hosting.regulated, {not: hosting.regulated}]",
            "'hosting.regulated' and 'not hosting.regulated' cannot both hold in one 'all'",
            37,
        ),
        (
            "{any: [[count(stack.languages) >= 3, count(stack.languages) <= 1]]}",
            "'count(stack.languages) >= 3' and 'count(stack.languages) <= 1' cannot both hold in one 'all'",
            48,
        ),
        (
            "app.components < 1",
            "'app.components < 1' never holds (app.components is an integer from 1 to 10000)",
            11,
        ),
    ],
)
def test_conditions_that_can_never_hold_are_found(pack: Path, when: str, message: str, col: int) -> None:
    """Reported at the last part of the contradiction, where the author went wrong."""
    path = add_rules(pack, RULE.format(id="never", when=when))
    found = findings(pack)
    assert f"{path}:3:{col}: rule 'never' can never fire: {message}" in found


@pytest.mark.parametrize(
    "when",
    [
        "[app.components >= 3, app.components <= 6]",
        "[app.os != linux, {not: app.os == mixed}]",
        '["app.components in [1, 5]", app.components > 4]',
        "{any: [app.os == linux, app.os == windows]}",
        "[stack.languages contains go, stack.languages contains rust]",
        "[team.ops_engineers == 0, team.engineers == 1]",
    ],
)
def test_satisfiable_conditions_are_not_flagged(pack: Path, when: str) -> None:
    add_rules(pack, RULE.format(id="fine", when=when))
    assert not [line for line in findings(pack) if "can never fire" in line]


@pytest.mark.parametrize(
    ("when", "col"),
    [
        ("{any: [app.os == linux, [app.components < 2, app.components > 5]]}", 56),
        ("{not: [app.components < 2, app.components > 5]}", 38),
    ],
)
def test_a_contradiction_below_any_or_not_makes_only_that_part_constant(
    pack: Path, when: str, col: int
) -> None:
    path = add_rules(pack, RULE.format(id="odd", when=when))
    assert (
        f"{path}:3:{col}: rule 'odd': 'app.components < 2' and 'app.components > 5' cannot both hold "
        "in one 'all', so that part of the condition never changes its outcome"
    ) in findings(pack)


def test_a_rule_whose_effects_are_all_zero_has_no_effect(pack: Path) -> None:
    idle = "  - id: idle\n    when: app.os == linux\n    effects: {paas: 0, containers: 0}\n    because: x\n"
    path = add_rules(pack, idle)
    message = "rule 'idle' has no effect: every effect is 0 and it excludes nothing"
    assert f"{path}:2:9: {message}" in findings(pack)


def test_a_rule_no_case_fires_is_reported_at_its_id(pack: Path) -> None:
    path = add_rules(pack, RULE.format(id="lonely", when="team.engineers == 77"))
    assert f"{path}:2:9: rule 'lonely' is fired by no test case" in findings(pack)


def test_problems_in_test_files_are_findings_too(pack: Path) -> None:
    bad = pack / "tests" / "bad.yaml"
    bad.write_text("cases:\n  - name: x\n    fires: [no-such-rule]\n", encoding="utf-8")
    assert f"{bad}:3:13: cases[0].fires[0]: unknown rule id 'no-such-rule'" in findings(pack)


def test_strict_check_reports_everything_in_one_pass(pack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = add_rules(
        pack,
        RULE.format(id="never", when="[app.os == linux, app.os == windows]")
        + "  - id: idle\n    when: app.os == linux\n    effects: {paas: 0}\n    because: x\n",
    )
    code = main(["rules", "check", "--strict", str(pack)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.splitlines() == [
        f"{path}:2:9: rule 'never' is fired by no test case",
        f"{path}:3:29: rule 'never' can never fire: 'app.os == linux' and 'app.os == windows' "
        "cannot both hold in one 'all'",
        f"{path}:6:9: rule 'idle' has no effect: every effect is 0 and it excludes nothing",
        "advisor: 3 problems found",
    ]


def test_a_duplicate_rule_id_is_an_error_even_without_strict(
    pack: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = add_rules(pack, RULE.format(id="small-team", when="app.os == linux"))
    assert main(["rules", "check", str(pack)]) == 2
    assert f"{path}:2:9: duplicate rule id 'small-team' (first defined at " in capsys.readouterr().err


def test_a_pack_without_tests_gets_one_finding(pack: Path) -> None:
    shutil.rmtree(pack / "tests")
    assert findings(pack) == [f"{pack / 'tests'}: no test cases: add tests/*.yaml (see docs/rule-pack.md)"]


def test_a_fact_no_rule_reads_is_reported_at_its_question(pack: Path) -> None:
    questions = pack / "questions.yaml"
    text = questions.read_text(encoding="utf-8")
    extra = """      - id: pets
        type: bool
        prompt: Do you keep servers as pets?
        help: Unused on purpose.
"""
    questions.write_text(text.replace("  - id: stack\n", extra + "  - id: stack\n", 1), encoding="utf-8")
    line = text[: text.index("  - id: stack\n")].count("\n") + 1
    unused = (
        f"{questions}:{line}:13: unused fact 'app.pets': "
        "no rule, estimate, product, risk or next step reads it"
    )
    assert unused in findings(pack)
    risks = pack / "risks.yaml"
    risks.write_text(
        risks.read_text(encoding="utf-8")
        + "  - id: pets-need-care\n    option: golden-image\n    when: app.pets\n"
        "    risk: Pets need care.\n    mitigation: Make them cattle.\n",
        encoding="utf-8",
    )
    assert unused not in findings(pack)  # a risk that reads it uses it


def test_facts_read_only_by_estimates_are_used_and_unused_prices_are_reported(tmp_path: Path) -> None:
    from advisor.checks.lint import unused_facts, unused_prices
    from tests.conftest import DATA

    root = tmp_path / "fixture"
    shutil.copytree(DATA / "estimates-pack", root)
    assert unused_facts(load_rule_pack(root)) == []  # scale.instances and cost.engineer_year: estimates only
    estimates = root / "estimates.yaml"
    text = estimates.read_text().replace(
        "terms:\n",
        "  - {id: spare, item: Unused, usd: 1, per: month, source: https://example.com/spare, "
        "as_of: 2026-11-01}\nterms:\n",
    )
    estimates.write_text(text)
    line = text.splitlines().index(next(li for li in text.splitlines() if "id: spare" in li)) + 1
    assert [str(p) for p in unused_prices(load_rule_pack(root))] == [
        f"{estimates}:{line}:10: unused price 'spare': no estimate term counts it"
    ]


def test_a_price_checked_more_than_a_year_before_the_packs_knowledge_date_is_stale(tmp_path: Path) -> None:
    from advisor.checks.lint import stale_prices
    from tests.conftest import DATA

    root = tmp_path / "fixture"
    shutil.copytree(DATA / "estimates-pack", root)
    assert stale_prices(load_rule_pack(root)) == []  # checked 2026-11-01, knowledge as of 2026-11-27
    estimates = root / "estimates.yaml"
    estimates.write_text(
        estimates.read_text().replace(
            "as_of: 2026-11-01, verified: true", "as_of: 2025-11-26, verified: true"
        )
    )
    assert [p.message for p in stale_prices(load_rule_pack(root))] == [
        "price 'vm' was checked on 2025-11-26, more than 12 months before the pack's knowledge date "
        "(2026-11-27); check it again and update as_of"
    ]


def test_a_product_status_without_source_or_older_than_a_year_is_flagged(tmp_path: Path) -> None:
    from advisor.checks.lint import stale_product_claims
    from advisor.pack.bundled import default_rules_dir
    from advisor.pack.load import load_rule_pack

    pack_dir = tmp_path / "pack"
    shutil.copytree(default_rules_dir(), pack_dir)
    options = pack_dir / "options.yaml"
    text = options.read_text(encoding="utf-8")
    text = text.replace(
        "    source: https://github.com/dcos/dcos\n    as_of: 2026-11-29\n", "    as_of: 2025-06-01\n"
    )
    text = text.replace("    as_of: 2026-11-29\n", "    as_of: 2025-11-01\n", 1)
    options.write_text(text, encoding="utf-8")
    findings = [str(problem) for problem in stale_product_claims(load_rule_pack(pack_dir))]
    assert any("product 'Azure App Service': its status was checked on 2025-11-01" in f for f in findings)
    assert any("product 'DC/OS': its status claim needs source" in f for f in findings)
    assert all(f.startswith(f"{options}:") for f in findings)
