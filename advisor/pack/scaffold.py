"""`advisor rules init`: a small working pack to start a consultant's own judgement from.

The scaffold is a layer over the default pack with one question, one rule and one test
case, each commented with what to change; it loads, and its test case passes, as written.
"""

from __future__ import annotations

from pathlib import Path

from advisor.errors import InputError
from advisor.output import write_atomic
from advisor.words import slug

PACK_YAML = """\
# A rule pack layered over advisor's default pack. Use it with
#   advisor report --answers team.yaml --rules {folder}
# and check it with `advisor rules check {folder}` and `advisor rules test {folder}`.
name: {name}
version: 0.1.0
description: House rules layered over the default pack; say here whose judgement this is.
# The date your product knowledge is current to (shown in every report):
# knowledge_as_of: 2026-11-27
# Rules of the packs below this one to switch off, by id (`advisor rules check` lists them):
# disable: [dev-onboarding-at-scale]
"""

QUESTIONS_YAML = """\
# Questions this pack adds. A new section adds facts named section.question (here
# house.on_call_rotation); a section with an existing id (app, team, ...) adds its
# questions to that section and needs no title.
sections:
  - id: house
    title: House rules
    questions:
      - id: on_call_rotation
        type: bool
        default: false
        prompt: Does the team run a 24/7 on-call rotation for production?
        help: >-
          People on call can keep an orchestrator healthy at night; without them, prefer a
          platform that someone else operates.
"""

RULES_YAML = """\
# Rules this pack adds (`id:`) or changes (`override:`). A new rule needs an id that no
# pack below uses; to change a default rule, name it with `override:` and give only the
# fields to change (effects are changed per target, the others kept).
rules:
  - id: house-on-call-rotation
    when: house.on_call_rotation
    effects: {{containers: 3, managed-kubernetes: 1}}
    because: >-
      The team runs a 24/7 on-call rotation, so someone can keep an orchestrator healthy
      at night.
  # - override: platform-team
  #   effects: {{containers: 6}}
"""

TEST_YAML = """\
# Test cases for this pack, run by `advisor rules test {folder}`. Each case lays its
# answers over the question defaults (and this file's `baseline:`) and states what must
# come out: strategy, platform, the rules that fire and the rules that must not.
cases:
  - name: an on-call team running a distributed system gets containers
    answers:
      house: {{on_call_rotation: true}}
      app: {{components: 12, architecture: microservices}}
      team: {{ops_engineers: 3, container_experience: production}}
    strategy: containers
    fires: [house-on-call-rotation]
"""


def pack_name(folder: Path) -> str:
    """A valid pack id from the folder name: `Acme Rules` -> `acme-rules`."""
    name = slug(folder.resolve().name, fallback="pack")
    return name if name[0].isalpha() else f"pack-{name}"


def scaffold_files(folder: Path) -> dict[str, str]:
    """The files of a new pack in `folder`, by relative path."""
    values = {"name": pack_name(folder), "folder": folder.as_posix()}
    return {
        "pack.yaml": PACK_YAML.format(**values),
        "questions.yaml": QUESTIONS_YAML,
        "rules.yaml": RULES_YAML.format(**values),
        "tests/house.yaml": TEST_YAML.format(**values),
    }


def init_pack(folder: Path) -> list[Path]:
    """Write the scaffold into `folder`, which must not exist or be empty; the files written."""
    if any(not character.isprintable() for character in str(folder)):
        raise InputError(f"{str(folder)!r}: the folder name has control characters; choose a plain name")
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise InputError(f"{folder}: already exists and is not an empty folder; choose a new folder")
    written = []
    for name, text in scaffold_files(folder).items():
        path = folder / name
        write_atomic(path, text)
        written.append(path)
    return written
