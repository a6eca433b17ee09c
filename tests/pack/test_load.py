"""A broken rule pack: every problem of every file in one pass, each FILE:LINE:COL."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from advisor.errors import InputError
from advisor.pack.bundled import default_rules_dir
from advisor.pack.load import load_rule_pack
from tests.conftest import run_advisor


@pytest.fixture
def pack_dir(tmp_path: Path) -> Path:
    target = tmp_path / "pack"
    shutil.copytree(default_rules_dir(), target, ignore=shutil.ignore_patterns("tests"))
    return target


def write_rules(pack_dir: Path, text: str) -> Path:
    path = pack_dir / "zz-extra.yaml"
    path.write_text(text)
    return path


def problems_of(pack_dir: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_rule_pack(pack_dir)
    return [str(problem) for problem in caught.value.problems]


def test_the_default_pack_loads(pack_dir: Path) -> None:
    assert load_rule_pack(pack_dir).rules


def test_unknown_fact_in_a_condition_is_located_with_did_you_mean(pack_dir: Path) -> None:
    path = write_rules(
        pack_dir,
        "rules:\n  - id: x\n    when: team.opps_engineers < 2\n    effects: {paas: 1}\n    because: b\n",
    )
    assert problems_of(pack_dir) == [
        f"{path}:3:11: unknown fact 'team.opps_engineers' (did you mean 'team.ops_engineers'?)"
    ]


def test_a_rule_offsetting_an_unknown_rule_is_located_with_did_you_mean(pack_dir: Path) -> None:
    path = write_rules(
        pack_dir,
        "rules:\n  - id: x\n    effects: {paas: -1}\n    offsets: many-component\n    because: b\n",
    )
    assert problems_of(pack_dir) == [
        f"{path}:4:14: rule 'x' offsets unknown rule 'many-component' (did you mean 'many-components'?)"
    ]


def test_schema_problems_of_every_file_come_in_one_pass(pack_dir: Path) -> None:
    path = write_rules(
        pack_dir,
        """rules:
  - id: many-components
    when: app.components > 3
    effects: {paas: 1}
    because: duplicate of an existing id
  - id: bad-target
    effects: {kubernetes: 1}
    because: "{team.size} people"
  - id: no-effect
    because: does nothing
  - id: Bad_Id
    effects: {paas: 1}
    because: x
""",
    )
    (pack_dir / "pack.yaml").write_text("name: default\nversion: 1\nknowledge_as_of: soon\n")
    problems = problems_of(pack_dir)
    assert problems == [
        f"{pack_dir}/pack.yaml:2:10: version: input should be a valid string, got 1",
        f"{pack_dir}/pack.yaml:3:18: knowledge_as_of: expected a date as YYYY-MM-DD, got 'soon'",
        f"{path}:11:9: rules[3].id: string should match pattern '^[a-z][a-z0-9-]*$', got 'Bad_Id'",
    ]


def test_semantic_problems_are_all_reported(pack_dir: Path) -> None:
    path = write_rules(
        pack_dir,
        """rules:
  - id: many-components
    when: app.components > 3
    effects: {paas: 1}
    because: duplicate of an existing id
  - id: bad-target
    effects: {kubernetes: 1}
    exclude: [pass]
    because: "{team.size} people"
  - id: no-effect
    because: does nothing
""",
    )
    problems = problems_of(pack_dir)
    first = next(p for p in problems if "duplicate rule id" in p)
    assert first.startswith(f"{path}:2:9: duplicate rule id 'many-components' (first defined at ")
    assert any(
        p.startswith(f"{path}:7:15: rule 'bad-target': unknown strategy or platform 'kubernetes'")
        for p in problems
    )
    assert (
        f"{path}:8:15: rule 'bad-target': cannot exclude unknown option 'pass' (did you mean 'paas'?)"
        in problems
    )
    assert f"{path}:9:14: rule 'bad-target': because names unknown fact '{{team.size}}'" in problems
    assert f"{path}:10:5: rule 'no-effect' has no effects and excludes nothing" in problems


def test_rules_check_reports_through_the_command_line(pack_dir: Path) -> None:
    write_rules(
        pack_dir,
        "rules:\n  - id: x\n    when: hosting.provider == amazon\n    effects: {paas: 1}\n    because: b\n",
    )
    result = run_advisor("rules", "check", str(pack_dir))
    assert result.returncode == 2
    assert result.stderr == (
        f"{pack_dir}/zz-extra.yaml:3:11: hosting.provider == amazon: 'amazon' is not a "
        "choice of hosting.provider (aws, gcp, azure, other-cloud, on-prem, hybrid, "
        "undecided)\n"
    )


def test_rules_check_on_the_default_pack_is_clean() -> None:
    result = run_advisor("rules", "check")
    assert result.returncode == 0, result.stderr
    assert ": ok: rule pack default " in result.stdout


def test_effects_must_be_finite_numbers(pack_dir: Path) -> None:
    path = write_rules(
        pack_dir, "rules:\n  - id: x\n    effects: {paas: .nan, containers: .inf}\n    because: b\n"
    )
    assert problems_of(pack_dir) == [
        f"{path}:3:21: rules[0].effects.paas: input should be a finite number, got nan",
        f"{path}:3:39: rules[0].effects.containers: input should be a finite number, got inf",
    ]


def test_a_counted_placeholder_reads_singular_or_plural_and_needs_an_int_fact(pack_dir: Path) -> None:
    from advisor.words import interpolate

    assert interpolate("{app.components|component} here", {"app.components": 1}) == "1 component here"
    assert interpolate("{app.components|component} here", {"app.components": 12}) == "12 components here"
    path = write_rules(
        pack_dir, "rules:\n  - id: x\n    effects: {paas: 1}\n    because: '{hosting.provider|cloud}'\n"
    )
    assert problems_of(pack_dir) == [
        f"{path}:4:14: rule 'x': because: '{{hosting.provider|cloud}}' counts with a noun, "
        "so hosting.provider must be an int fact, not choice"
    ]


def test_a_choice_reads_in_rule_text_as_the_bank_says(pack_dir: Path) -> None:
    from advisor.words import interpolate

    pack = load_rule_pack(pack_dir)
    said = pack.bank.said
    assert interpolate("on {hosting.provider}", {"hosting.provider": "azure"}, said) == "on Azure"
    assert (
        interpolate("on {hosting.provider}", {"hosting.provider": "other-cloud"}, said)
        == "on your cloud provider"
    )
    assert (
        interpolate("a {app.architecture} system", {"app.architecture": "monolith"}, said)
        == "a monolith system"
    )
    questions = pack_dir / "questions.yaml"
    said_block = "said:\n          aws: AWS\n          gcp:"
    text = questions.read_text()
    assert said_block in text
    questions.write_text(text.replace(said_block, said_block.replace("gcp", "gpc")))
    found = problems_of(pack_dir)
    assert len(found) == 1 and "hosting.provider: said names gpc, which is not a choice" in found[0]


def test_said_reads_list_items_and_is_refused_where_there_are_no_choices(pack_dir: Path) -> None:
    pack = load_rule_pack(pack_dir)
    assert pack.bank.said["stack.languages"]["dotnet"] == ".NET"
    questions = pack_dir / "questions.yaml"
    text = questions.read_text()
    anchor = "      - id: long_connections\n        type: bool\n"
    assert anchor in text
    questions.write_text(text.replace(anchor, anchor + "        said: {true: always}\n"))
    found = problems_of(pack_dir)
    assert len(found) == 1 and "said applies to choice and list questions only" in found[0]


def test_provider_settings_name_known_platforms_and_providers(pack_dir: Path) -> None:
    path = pack_dir / "pack.yaml"
    text = path.read_text()
    text = text.replace("  platforms: [managed-kubernetes,", "  platforms: [managed-kubernetis, containers,")
    text = text.replace("  to: [aws, gcp, azure, other-cloud]", "  to: [aws, gpc]")
    text = text.replace("      - hosting.existing_paas == other", "      - hosting.existing_pass == other")
    text = text.replace("many_vendors: [other-cloud]", "many_vendors: [other-clowd]")
    path.write_text(text)
    lines = {line: number for number, line in enumerate(text.splitlines(), 1)}
    platforms = next(n for line, n in lines.items() if line.startswith("  platforms:"))
    to = next(n for line, n in lines.items() if line.startswith("  to:"))
    when = next(n for line, n in lines.items() if "existing_pass" in line)
    vendors = next(n for line, n in lines.items() if line.startswith("many_vendors:"))
    assert problems_of(pack_dir) == [
        f"{path}:{vendors}:16: 'other-clowd' is not a choice of hosting.provider "
        "(did you mean 'other-cloud'?)",
        f"{path}:{when}:9: unknown fact 'hosting.existing_pass' (did you mean 'hosting.existing_paas'?)",
        f"{path}:{platforms}:15: unknown platform 'managed-kubernetis' (did you mean 'managed-kubernetes'?)",
        f"{path}:{platforms}:35: unknown platform 'containers' (did you mean 'serverless-containers'?)",
        f"{path}:{to}:13: 'gpc' is not a choice of hosting.provider (did you mean 'gcp'?)",
    ]
