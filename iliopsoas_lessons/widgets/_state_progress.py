"""State of the learner's controls in the review lesson: a pseudonym, a copy of
the results to download, and "Start over" behind a confirmation step
(see :mod:`iliopsoas_lessons.progress` for the file itself).

The words that depend on where the record lives are in :data:`PLACES`: the
lessons' data folder (a kernel), or the browser's own storage (the course
website, whose page script takes its texts from this state through
``iliopsoas_lessons.sitewidgets.progress``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from iliopsoas_lessons.progress import ProgressStore, default_store

__all__ = ["LearnerControlsState", "DOWNLOAD_NAME", "PLACES", "Place"]

DOWNLOAD_NAME = "my-iliopsoas-results.json"


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
        download_ready="Your results are ready to download as {name}.",
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
    ),
}


class LearnerControlsState:
    """What the controls do, without a browser. ``folder`` is where the copy to
    download is written: the notebook's own folder, so a relative link finds it."""

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
        """Write the copy to hand in next to the notebook; return its path."""
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
