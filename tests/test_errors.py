"""One error vocabulary: exit codes, located problems sorted by place, did-you-mean hints."""

from __future__ import annotations

from advisor.errors import (
    MAX_MESSAGE_LINE,
    ExitCode,
    InputError,
    Interrupted,
    Location,
    Problem,
    did_you_mean,
)


def test_exit_codes_are_the_documented_numbers() -> None:
    assert [int(code) for code in ExitCode] == [0, 1, 2, 130]
    assert InputError("x").exit_code == ExitCode.BAD_INPUT
    assert Interrupted("x").exit_code == ExitCode.INTERRUPTED


def test_located_problems_come_sorted_and_unlocated_ones_keep_their_order() -> None:
    problems = [
        Problem(Location("--set b"), "second"),
        Problem(Location("f.yaml", 9, 1), "late"),
        Problem(Location("--set a"), "first"),
        Problem(Location("f.yaml", 2, 5), "early"),
    ]
    assert str(InputError(problems)).splitlines() == [
        "f.yaml:2:5: early",
        "f.yaml:9:1: late",
        "--set b: second",
        "--set a: first",
    ]


def test_did_you_mean_suggests_the_closest_candidate_or_nothing() -> None:
    assert did_you_mean("team.opps_engineers", ["team.ops_engineers", "team.engineers"]) == (
        " (did you mean 'team.ops_engineers'?)"
    )
    assert did_you_mean("AWS", ["aws", "gcp"]) == " (did you mean 'aws'?)"
    assert did_you_mean("zzz", ["aws", "gcp"]) == ""


def test_no_line_of_a_message_is_longer_than_the_bound() -> None:
    huge = "x" * 990_000
    problem = Problem(Location("f.yaml", 1, 1), f"value {huge}")
    assert len(problem.message) < MAX_MESSAGE_LINE + 20 and problem.message.endswith("... (cut)")
    lines = str(InputError(f"first\n{huge}\nlast")).splitlines()
    assert lines[0] == "first" and lines[2] == "last" and len(lines[1]) < MAX_MESSAGE_LINE + 20
