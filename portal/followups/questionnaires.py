"""Follow-up question sets, kept as versioned data files.

A kommun changes the questions by adding a new file (a new version id such
as `quality-2027.1`) and pointing `questions/index.json` at it; no code
changes. A follow-up pins the version it was answered with, and every
answer row stores it too, so old answers are always read with the words the
person saw. Old files must therefore never be edited or deleted.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

QUESTIONS_DIR = Path(__file__).resolve().parent / "questions"
QUESTIONNAIRES = ("quality", "life")
_VERSION = re.compile(r"[a-z]+-\d{4}\.\d+")


class UnknownQuestionSet(KeyError):
    """No file for this version id (or a malformed id)."""


@dataclass(frozen=True)
class ScaleStep:
    value: int  # 5 is always the most positive answer
    face: str  # very_happy, happy, neutral, sad, very_sad
    label_sv: str
    label_en: str

    def label(self, english: bool = False) -> str:
        return self.label_en if english else self.label_sv


@dataclass(frozen=True)
class Question:
    key: str
    text_sv: str
    text_en: str
    hint_sv: str
    hint_en: str
    steps: tuple[ScaleStep, ...]

    def text(self, english: bool = False) -> str:
        return self.text_en if english else self.text_sv

    def hint(self, english: bool = False) -> str:
        return self.hint_en if english else self.hint_sv

    def step_label(self, value: int | None, english: bool = False) -> str | None:
        """The words for a stored value; None for "vet inte" or an unknown value."""
        for step in self.steps:
            if step.value == value:
                return step.label(english)
        return None


@dataclass(frozen=True)
class QuestionSet:
    questionnaire: str  # quality or life
    version: str
    title_sv: str
    title_en: str
    intro_sv: str
    intro_en: str
    questions: tuple[Question, ...]

    def title(self, english: bool = False) -> str:
        return self.title_en if english else self.title_sv

    def intro(self, english: bool = False) -> str:
        return self.intro_en if english else self.intro_sv

    def question(self, key: str) -> Question | None:
        return next((q for q in self.questions if q.key == key), None)


def _read(name: str) -> dict:
    if not _VERSION.fullmatch(name) and name != "index":
        raise UnknownQuestionSet(name)
    path = QUESTIONS_DIR / f"{name}.json"
    if not path.is_file():
        raise UnknownQuestionSet(name)
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=32)
def load_question_set(version: str) -> QuestionSet:
    """The question set with this version id; UnknownQuestionSet if there is none."""
    if not isinstance(version, str) or version.split("-")[0] not in QUESTIONNAIRES:
        raise UnknownQuestionSet(version)
    data = _read(version)
    scales = _read(data["scales"])
    questions = tuple(
        Question(
            key=q["key"], text_sv=q["sv"], text_en=q["en"],
            hint_sv=q.get("hint_sv", ""), hint_en=q.get("hint_en", ""),
            steps=tuple(ScaleStep(s["value"], s["face"], s["sv"], s["en"]) for s in scales[q["scale"]]),
        )
        for q in data["questions"]
    )
    return QuestionSet(
        questionnaire=data["questionnaire"], version=data["version"],
        title_sv=data["title"]["sv"], title_en=data["title"]["en"],
        intro_sv=data["intro"]["sv"], intro_en=data["intro"]["en"], questions=questions,
    )


def current_version(questionnaire: str) -> str:
    """The version id new follow-ups use for `questionnaire` (quality or life)."""
    if questionnaire not in QUESTIONNAIRES:
        raise UnknownQuestionSet(questionnaire)
    return _read("index")[questionnaire]


def all_versions() -> list[str]:
    """Every question-set file on disk, for checks."""
    return sorted(p.stem for p in QUESTIONS_DIR.glob("*.json")
                  if _VERSION.fullmatch(p.stem) and not p.stem.startswith("scales"))
