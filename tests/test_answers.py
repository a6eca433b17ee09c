"""Every malformed answers file: exit code 2 and one exact, located message per problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT, run_advisor

BAD = ROOT / "tests" / "data" / "bad"

EXPECTED = {
    "yaml-syntax.yaml": "4:1: YAML syntax error: expected ',' or '}', but got '<stream end>' "
    "(while parsing a flow mapping)",
    "tab-indent.yaml": "4:1: YAML syntax error: tab character; indent with spaces, not tabs",
    "duplicate-key.yaml": "5:5: answers.app.components: duplicate key (first defined at line 4); "
    "remove one of them",
    "wrong-type.yaml": "4:16: answers.team.engineers: expected an integer from 1 to 100000, "
    "or 'unknown'; got 'many'",
    "misspelt-fact.yaml": "4:5: answers.team.opps_engineers: unknown fact 'team.opps_engineers' "
    "(did you mean 'team.ops_engineers'?)",
    "misspelt-section.yaml": "3:3: answers.tem: unknown section 'tem' (did you mean 'team'?)",
    "unknown-choice.yaml": "4:15: answers.hosting.provider: expected one of aws, gcp, azure, other-cloud, "
    "on-prem, hybrid, undecided, or 'unknown'; got 'amazon'",
    "negative-int.yaml": "4:20: answers.team.ops_engineers: expected an integer from 0 to 10000, "
    "or 'unknown'; got -1",
    "huge-int.yaml": "4:17: answers.app.components: expected an integer from 1 to 10000, "
    "or 'unknown'; got 100000000000000000000000",
    "scalar-for-list.yaml": "4:16: answers.stack.languages: expected a list such as [python, node], "
    "or 'unknown'; got 'python'",
    "list-for-choice.yaml": "4:27: answers.team.container_experience: expected one of none, some, "
    "production, or 'unknown'; got a list",
    "empty.yaml": "1:1: file is empty; an answers file starts with 'format: advisor/v1' (`advisor scan` or "
    "`advisor assess` write one)",
    "binary-garbage.yaml": "1:1: not a UTF-8 text file; is it the right file?",
    "top-level-list.yaml": "1:1: expected a mapping with format, project and answers, got a list",
    "python-tag.yaml": "2:10: answers: YAML tag '!!python/object/apply:os.system' is not allowed here; "
    "remove it",
    "alias-bomb.yaml": "2:29: more than 50,000 values after expanding aliases; refusing to read further "
    "(alias bomb?)",
    "unknown-format.yaml": "1:9: format: unsupported format 'advisor/v2'; this version of advisor reads "
    "'advisor/v1'",
    "missing-format.yaml": "1:1: format: missing; start the file with 'format: advisor/v1'",
    "unknown-project-key.yaml": "4:3: project.owner: unknown key 'owner'; expected one of name, client, "
    "assessor, date",
    # YAML 1.1 integers that do not mean what they show
    "octal-int.yaml": "4:17: answers.app.components: '010' is not a plain decimal number (YAML 1.1 reads "
    "it as 8); write 10 without the leading zero (or 8, if octal was meant)",
    "sexagesimal-int.yaml": "4:17: answers.app.components: '1:30' is not a plain decimal number (YAML 1.1 "
    "reads it as 90); write it in decimal digits: 90",
    "hex-int.yaml": "4:16: answers.team.engineers: '0x3' is not a plain decimal number (YAML 1.1 reads it "
    "as 3); write it in decimal digits: 3",
    # list values that would become something else than meant
    "misspelt-list-value.yaml": "4:25: answers.stack.languages[1]: 'pyhton' is not a listed value "
    "(did you mean 'python'?); write the listed name",
    "blank-list-item.yaml": "4:17: answers.stack.languages[0]: an empty name; remove it, or write the name",
    "bidi-list-item.yaml": "4:17: answers.stack.languages[0]: 'go\\u202e' holds control or bidi "
    "characters; write the name alone",
    # active characters and long values are quoted escaped and short
    "escape-in-project.yaml": "3:9: project.name: control characters are not allowed here; remove them, "
    "got 'Acme\\x1b[8m'",
    "escape-in-key.yaml": "3:3: answers.'app\\x1b]0;owned\\x07': unknown section 'app\\x1b]0;owned\\x07'",
    "long-value.yaml": "4:19: answers.app.architecture: expected one of monolith, modular-monolith, "
    "service-oriented, microservices, or 'unknown'; got '" + "microservices" * 4 + "microser'... "
    "(520 characters)",
    "result-as-answers.yaml": "1:1: this is an advisor result (written by --format json), not an answers "
    "file; give the answers file it was made from (advisor diff reads results)",
}


def test_every_bad_file_has_an_expected_message() -> None:
    on_disk = {path.name for path in BAD.glob("*.yaml")} - {"several-errors.yaml"}
    assert on_disk == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_answers_file_exits_2_with_a_located_message(name: str) -> None:
    path = BAD / name
    result = run_advisor("report", "--answers", str(path))
    assert result.returncode == 2
    assert result.stderr == f"{path}:{EXPECTED[name]}\n"
    assert result.stdout == ""


def test_all_problems_of_a_file_are_reported_in_one_pass() -> None:
    path = BAD / "several-errors.yaml"
    result = run_advisor("report", "--answers", str(path))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"{path}:4:17: answers.app.components: expected an integer from 1 to 10000, or 'unknown'; got 2.5",
        f"{path}:5:9: answers.app.os: expected one of linux, windows, mixed, or 'unknown'; got 'Linux' "
        "(did you mean 'linux'?)",
        f"{path}:6:23: answers.app.host_level_needs: expected true or false, or 'unknown'; got 'yes' "
        "(write true without quotes)",
        "advisor: 3 problems found",
    ]


def test_missing_answers_file_is_a_clear_error(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    result = run_advisor("report", "--answers", str(missing))
    assert result.returncode == 2
    assert result.stderr == f"advisor: error: {missing}: no such file\n"


def test_oversize_file_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("format: advisor/v1\n" + "# padding\n" * 200_000)
    result = run_advisor("report", "--answers", str(big))
    assert result.returncode == 2
    assert (
        result.stderr
        == f"advisor: error: {big}: file is larger than 1,000,000 bytes; is it the right file?\n"
    )
