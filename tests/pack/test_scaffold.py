"""`advisor rules init DIR`: a pack that loads, layers and passes its own test case."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.cli import main
from advisor.pack.layers import load_pack_stack
from advisor.pack.scaffold import pack_name


def test_init_writes_a_pack_that_checks_clean(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "Acme Rules"
    assert main(["rules", "init", str(folder)]) == 0
    files = sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*.yaml"))
    assert files == ["pack.yaml", "questions.yaml", "rules.yaml", "tests/house.yaml"]
    assert main(["rules", "check", str(folder)]) == 0
    assert "default+acme-rules 2026" in capsys.readouterr().out
    pack = load_pack_stack([folder])
    assert "house.on_call_rotation" in pack.bank.facts
    assert [ref.name for ref in pack.stack] == ["default", "acme-rules"]


def test_init_refuses_a_folder_with_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "keep.txt").write_text("mine")
    assert main(["rules", "init", str(tmp_path)]) == 2
    assert "not an empty folder" in capsys.readouterr().err
    assert [path.name for path in tmp_path.iterdir()] == ["keep.txt"]


def test_the_scaffold_test_case_passes(tmp_path: Path) -> None:
    folder = tmp_path / "house"
    assert main(["rules", "init", str(folder)]) == 0
    assert main(["rules", "test", str(folder)]) == 0


def test_the_commented_examples_in_the_scaffold_work(tmp_path: Path) -> None:
    folder = tmp_path / "house"
    assert main(["rules", "init", str(folder)]) == 0
    for name, commented in (("pack.yaml", "# disable:"), ("pack.yaml", "# knowledge_as_of:")):
        path = folder / name
        path.write_text(path.read_text().replace(commented, commented.removeprefix("# ")))
    rules = folder / "rules.yaml"
    rules.write_text(
        rules.read_text().replace("  # - override", "  - override").replace("  #   effects", "    effects")
    )
    pack = load_pack_stack([folder])
    assert "dev-onboarding-at-scale" not in {rule.id for rule in pack.rules}
    assert next(rule for rule in pack.rules if rule.id == "platform-team").spec.effects["containers"] == 6


@pytest.mark.parametrize(
    ("folder", "name"), [("Acme Rules", "acme-rules"), ("2027", "pack-2027"), ("_", "pack")]
)
def test_pack_name_is_a_valid_id(tmp_path: Path, folder: str, name: str) -> None:
    assert pack_name(tmp_path / folder) == name


def test_init_refuses_a_folder_name_with_control_characters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "acme\nstatus: rejected"
    assert main(["rules", "init", str(folder)]) == 2
    assert "control characters" in capsys.readouterr().err
    assert not folder.exists()
