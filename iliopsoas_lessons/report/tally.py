"""The class report's numbers, from the learners' records and the content.

Answers are scored again from the content (quiz.json's key, the urgency
scale's order), never taken from the files' own ``correct`` flags. First
attempts are what each learner thought before any feedback, so every share
here is of first attempts.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import iliopsoas_lessons as il
from iliopsoas_lessons.content import lessons as ld
from iliopsoas_lessons.content.reader import read_json

__all__ = ["QuestionRow", "CaseRow", "PainMapRow", "question_rows", "case_rows", "pain_map_rows", "quiz_items"]


@dataclass(frozen=True)
class QuestionRow:
    key: str
    prompt: str
    answered: int
    correct_first: int
    common_wrong: str | None        # the option's text
    common_wrong_count: int
    misconception: str | None       # what that option suggests (quiz.json), if recorded

    @property
    def share_correct(self) -> float | None:
        return self.correct_first / self.answered if self.answered else None


@dataclass(frozen=True)
class CaseRow:
    key: str
    story: str
    level: str                      # the level the case needs (its label)
    answered: int
    right: int
    under: int
    over: int


@dataclass(frozen=True)
class PainMapRow:
    exercise: str
    region: str
    label: str
    in_pattern: bool
    marked: int


def _option(raw) -> tuple[str, str | None]:
    """(text, misconception) of one option of quiz.json: a text, or an object with them."""
    if isinstance(raw, dict):
        text = raw.get("text", raw.get("label", ""))
        misconception = raw.get("misconception")
        return str(text), (str(misconception) if misconception else None)
    return str(raw), None


def quiz_items() -> list[dict]:
    """quiz.json's questions as {key, prompt, answer, options: [(text, misconception)]}."""
    raw = read_json(ld.data_directory() / "quiz.json", "lessons/quiz.json")
    return [{"key": q["key"], "prompt": q["prompt"], "answer": q["answer"],
             "options": [_option(o) for o in q["options"]]} for q in raw["questions"]]


def _firsts(records, exercise: str) -> dict[str, list]:
    """{item: [each learner's first answer]} for one exercise."""
    out: dict[str, list] = {}
    for _, data in records:
        for item, rec in data["exercises"].get(exercise, {}).items():
            out.setdefault(item, []).append(rec["first"]["answer"])
    return out


def question_rows(records) -> list[QuestionRow]:
    firsts = _firsts(records, "quiz")
    rows = []
    for q in quiz_items():
        answers = [a for a in firsts.get(q["key"], []) if a < len(q["options"])]
        wrong = Counter(a for a in answers if a != q["answer"])
        # the most common wrong option; a tie goes to the option listed first in quiz.json
        top = min(wrong, key=lambda a: (-wrong[a], a)) if wrong else None
        text, misconception = q["options"][top] if top is not None else (None, None)
        rows.append(QuestionRow(q["key"], q["prompt"], len(answers), sum(a == q["answer"] for a in answers),
                                text, wrong[top] if top is not None else 0, misconception))
    return rows


def case_rows(records) -> list[CaseRow]:
    firsts = _firsts(records, "red_flag_cases")
    levels = il.urgency_levels()
    rows = []
    for case in ld.cases():
        needed = levels[case.urgency].rank
        chosen = [levels[a].rank for a in firsts.get(case.key, []) if a in levels.keys()]
        rows.append(CaseRow(case.key, case.story, levels[case.urgency].label, len(chosen),
                            sum(c == needed for c in chosen),
                            sum(c > needed for c in chosen),   # a less urgent level than needed
                            sum(c < needed for c in chosen)))
    return rows


def pain_map_rows(records) -> list[PainMapRow]:
    firsts = _firsts(records, "pain_map")
    rows = []
    for exercise in ld.lesson_data().pain_maps:
        marked = Counter(k for answer in firsts.get(exercise.key, []) for k in set(answer))
        rows += [PainMapRow(exercise.key, k, il.region(k).label, k in exercise.answer, marked[k])
                 for k in exercise.choices]
    return rows
