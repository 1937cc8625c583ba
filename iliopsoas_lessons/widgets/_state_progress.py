"""The data of the learner's "My results" (review lesson), for its one front-end
module, ``static/results.js``, in every host (see :mod:`iliopsoas_lessons.progress`
for the file itself).

* :data:`PLACES`: the words that depend on where the record lives: the
  lessons' data folder (a kernel, JupyterLab and Voila), or the browser's own
  storage (the course website).
* :class:`LearnerControlsState`: what the controls do to a store, without a
  browser. It is the one source of the sentences: :func:`page_texts` drives it
  with markers (``{n}``, ``{pseudonym}``) in place of the learner's values,
  which the page fills in.
* :func:`lesson_items`: each lesson's exercise items, with the words of their
  answers, from the content; the page scores them (``lessonScores``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from iliopsoas_lessons.content import lessons as ld
from iliopsoas_lessons.progress import ProgressStore, default_store

__all__ = [
    "LearnerControlsState",
    "DOWNLOAD_NAME",
    "PLACES",
    "Place",
    "page_texts",
    "page_controls",
    "lesson_items",
]

DOWNLOAD_NAME = "my-iliopsoas-results.json"
N, PSEUDONYM = "{n}", "{pseudonym}"


@dataclass(frozen=True)
class Place:
    """Where a learner's record lives, in the words the controls use."""

    saved: str  # the summary's start, before " as <pseudonym>"
    where: str  # the summary's end, after the number of items
    start_over: tuple[str, str]  # the button: label, tooltip
    confirm: tuple[str, str]
    ask_start_over: str
    started_over: str
    kept: str  # after started_over when a backup was kept: {name}
    download_ready: str  # {name}
    unsaved_summary: str  # {n}: while the latest answers could not be saved


PLACES = {
    "folder": Place(
        saved="Saved on this computer only",
        where=", in the lessons' data folder (the README says where).",
        start_over=("Start over", "Clear your answers (asks first; keeps a backup)"),
        confirm=("Yes, start over", "Clear your answers; the old file is kept as a backup"),
        ask_start_over=(
            "Start over? This clears your answers in every lesson. The old file is kept as a backup beside it."
        ),
        started_over="You are starting over: run the lessons' exercise cells again to see them fresh.",
        kept=" The old answers are kept in {name}.",
        download_ready="Your browser saves your results as {name} (in your downloads folder, or where you choose).",
        unsaved_summary=(
            "Not saved: your answers to {n} item(s) are in this lesson only, because your results file "
            "could not be written. Download your results to keep them."
        ),
    ),
    "browser": Place(
        saved="Saved in this browser only",
        where=(
            ". Nothing is sent anywhere: your results leave this browser only if you download the file and hand it in."
        ),
        start_over=("Forget my results on this device", "Clear your answers from this browser (asks first)"),
        confirm=("Yes, forget them", "Clear your answers from this browser; this cannot be undone"),
        ask_start_over=(
            "Forget your results? This clears your answers to every lesson from this browser, "
            "and it cannot be undone. Download them first if you want to keep them."
        ),
        started_over="Your results are forgotten on this device. Reload a lesson to see its exercises fresh.",
        kept="",  # forgetting keeps no copy: that is what the learner asked for
        download_ready="Your browser saves your results as {name} (in your downloads folder, or where you choose).",
        unsaved_summary=(
            "Not saved: your answers to {n} item(s) are on this page only, because this browser's "
            "storage refused them. Download your results to keep them."
        ),
    ),
}

# the view's own sentences ({markers} filled by results.js)
_VIEW_TEXTS = {
    "score": "First try right: {right} of {total} ({answered} answered)",
    "first_right": "Right at the first try.",
    "later_right": "Right after {tries} tries.",
    "not_right": "Not right yet (tries: {tries}).",
    "latest": " Your latest answer: {answer}.",
    "nothing_marked": "nothing marked",
    "failed": "That did not work: {why}",
}


class LearnerControlsState:
    """What the controls do, without a browser. ``folder`` is where
    :meth:`make_download` writes a copy to hand in (the page itself downloads
    the record it is sent)."""

    def __init__(self, *, store: ProgressStore | None = None, folder: Path | str = ".", place: str = "folder"):
        if place not in PLACES:
            raise ValueError(f"unknown place {place!r}; choose one of: {', '.join(PLACES)}")
        self.place = PLACES[place]
        self.store = store if store is not None else default_store()
        self.folder = Path(folder)
        self.confirming = False
        self.message = ""
        self.download: Path | None = None

    @property
    def summary(self) -> str:
        n = self.store.answered
        who = f" as {self.store.pseudonym}" if self.store.pseudonym else ""
        # the folder itself is not shown: it differs per machine, and stored lessons must repeat
        return f"{self.place.saved}{who}: your answers to {n} item{'s' if n != 1 else ''}{self.place.where}"

    def set_pseudonym(self, name: str) -> str:
        self.store.set_pseudonym(name)
        self.message = (
            f"Your pseudonym is now {self.store.pseudonym}."
            if self.store.pseudonym
            else "No pseudonym: your file carries no name."
        )
        return self.message

    def make_download(self) -> Path:
        """Write a copy to hand in into ``folder``; return its path."""
        self.download = self.store.export(self.folder / DOWNLOAD_NAME)
        self.message = self.place.download_ready.format(name=DOWNLOAD_NAME)
        return self.download

    def ask_start_over(self) -> str:
        self.confirming = True
        self.message = self.place.ask_start_over
        return self.message

    def cancel(self) -> str:
        self.confirming = False
        self.message = "Nothing was changed."
        return self.message

    def confirm_start_over(self) -> Path | None:
        """Only after :meth:`ask_start_over`; returns the backup (None if nothing was saved)."""
        if not self.confirming:
            raise RuntimeError("press Start over first, then confirm")
        self.confirming = False
        backup = self.store.start_over()
        kept = self.place.kept.format(name=backup.name) if backup else ""
        self.message = f"{self.place.started_over}{kept}"
        return backup


class _Markers:
    """A stand-in store whose values are the page's markers."""

    def __init__(self, answered, pseudonym):
        self.answered = answered
        self.pseudonym = pseudonym

    def set_pseudonym(self, name):
        self.pseudonym = name or None

    def start_over(self):
        return None


def page_texts(place: str = "folder") -> dict:
    """Every sentence of the view for ``place``, with markers for the page to fill."""
    if place not in PLACES:
        raise ValueError(f"unknown place {place!r}; choose one of: {', '.join(PLACES)}")

    def state(answered=N, pseudonym=None) -> LearnerControlsState:
        return LearnerControlsState(store=_Markers(answered, pseudonym), place=place)

    where = PLACES[place]
    controls = state()
    return {
        "summary": {
            f"{count}{'_named' if named else ''}": state(
                1 if count == "one" else N, PSEUDONYM if named else None
            ).summary
            for count in ("one", "many")
            for named in (False, True)
        },
        "unsaved_summary": where.unsaved_summary,
        "pseudonym_set": controls.set_pseudonym(PSEUDONYM),
        "pseudonym_none": controls.set_pseudonym(""),
        "ask_clear": controls.ask_start_over(),
        "cancelled": controls.cancel(),
        "started_over": where.started_over,
        "kept": where.kept,
        "download_ready": where.download_ready.format(name=DOWNLOAD_NAME),
        **_VIEW_TEXTS,
    }


def page_controls(place: str = "folder") -> dict:
    """Each control's label and tooltip."""
    where = PLACES[place]

    def control(label: str, title: str) -> dict:
        return {"label": label, "title": title}

    return {
        "pseudonym": {
            "label": "Pseudonym",
            "placeholder": "optional, e.g. Heron-7",
            "title": "Optional: any name you like, or none",
        },
        "save": control("Save pseudonym", "Keep this pseudonym in your results file"),
        "download": control("Download my results", "Make a copy of your results to save and hand in"),
        "clear": control(*where.start_over),
        "confirm": control(*where.confirm),
        "cancel": control("Cancel", "Keep your answers"),
    }


def _item(exercise: str, key: str, label: str, answers: dict | None = None) -> dict:
    return {"exercise": exercise, "key": key, "label": label, "answers": answers or {}}


def _use_items(use: str, course, data: ld.LessonData) -> list[dict]:
    """The exercise items a lesson's ``kind:key`` entry names ('*': all of that kind)."""
    kind, _, key = use.partition(":")

    def wanted(k: str) -> bool:
        return key in ("*", k)

    if kind == "quiz":
        return [
            _item("quiz", q.key, q.prompt, {str(i): o.text for i, o in enumerate(q.options)})
            for q in data.questions
            if q.lesson == key
        ]
    if kind == "case":
        levels = {u.key: u.label for u in course.urgency}
        cases = [(n, c) for n, c in enumerate(data.cases, 1) if wanted(c.key)]
        return [_item("red_flag_cases", c.key, f"Case {n}: {c.story}", levels) for n, c in cases]
    if kind == "pain_map":
        regions = {r.key: r.label for r in course.regions}
        return [
            _item("pain_map", pm.key, pm.prompt, {r: regions[r] for r in pm.choices})
            for pm in data.pain_maps
            if wanted(pm.key)
        ]
    if kind == "virtual_case":
        return [_item("virtual_cases", c.key, c.title) for c in course.cases if wanted(c.key)]
    return []


def lesson_items(course, data: ld.LessonData | None = None) -> list[dict]:
    """Each lesson that has exercises: its key, title and items (the exercise and
    item key the learner's record uses, what the item asks, and the words of each
    answer), in the lesson map's order."""
    data = ld.load(course=course) if data is None else data
    out = []
    for lesson in data.lessons:
        items = [item for use in lesson.uses for item in _use_items(use, course, data)]
        if items:
            out.append({"key": lesson.key, "title": lesson.title, "items": items})
    return out
