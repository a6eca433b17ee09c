"""The interview draft: every answer so far, on disk after each one, so none is lost.

A draft is an ordinary advisor/v1 answers file (so `advisor report --answers DRAFT`
works on it too), written atomically. Where it lives follows from the answers file:
`NAME.answers.yaml` has its draft in `NAME.advisor-draft.yaml` beside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from advisor.answers import Answers, answers_to_yaml
from advisor.output import write_atomic, write_new
from advisor.pack.questions import QuestionBank

ANSWERS_SUFFIX = ".answers.yaml"
DRAFT_SUFFIX = ".advisor-draft.yaml"
DEFAULT_ANSWERS = Path("assessment" + ANSWERS_SUFFIX)


def default_answers_path(report: str, draft: Path | None = None) -> Path:
    """Beside the report (`wiki/page.md` -> `wiki/page.answers.yaml`), else beside the draft
    being resumed (`x.advisor-draft.yaml` -> `x.answers.yaml`), else `./assessment.answers.yaml`."""
    if report != "-" and Path(report).stem:
        path = Path(report)
        return path.with_name(path.stem + ANSWERS_SUFFIX)
    if draft is not None and draft.name.endswith(DRAFT_SUFFIX) and draft.name != DRAFT_SUFFIX:
        return draft.with_name(draft.name.removesuffix(DRAFT_SUFFIX) + ANSWERS_SUFFIX)
    return DEFAULT_ANSWERS


def draft_path_for(answers_path: Path) -> Path:
    name = answers_path.name
    for suffix in (ANSWERS_SUFFIX, ".yaml", ".yml"):
        if name.endswith(suffix) and len(name) > len(suffix):
            name = name.removesuffix(suffix)
            break
    return answers_path.with_name(name + DRAFT_SUFFIX)


@dataclass(frozen=True)
class DraftStore:
    """Saves the answers so far to one file; `resume_hint` goes into the file's header."""

    path: Path
    bank: QuestionBank
    resume_hint: str

    def create(self, answers: Answers) -> None:
        """Start a new draft; FileExistsError when one is there (an interrupted interview, or
        one running now: two interviews must never share a draft)."""
        write_new(self.path, self._text(answers))

    def save(self, answers: Answers) -> None:
        write_atomic(self.path, self._text(answers))

    def _text(self, answers: Answers) -> str:
        header = f"Draft of an advisor interview: the answers given so far.\nResume with: {self.resume_hint}"
        return answers_to_yaml(answers, self.bank, header=header)

    def discard(self) -> None:
        self.path.unlink(missing_ok=True)
