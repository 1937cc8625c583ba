"""State of the learner's controls in the review lesson: a pseudonym, a copy of
the results to download, and "Start over" behind a confirmation step
(see :mod:`iliopsoas_lessons.progress` for the file itself)."""
from __future__ import annotations

from pathlib import Path

from iliopsoas_lessons.progress import ProgressStore, default_store

__all__ = ["LearnerControlsState", "DOWNLOAD_NAME"]

DOWNLOAD_NAME = "my-iliopsoas-results.json"


class LearnerControlsState:
    """What the controls do, without a browser. ``folder`` is where the copy to
    download is written: the notebook's own folder, so a relative link finds it."""

    def __init__(self, *, store: ProgressStore | None = None, folder: Path | str = "."):
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
        return (f"Saved on this computer only{who}: your answers to {n} item{'s' if n != 1 else ''}, "
                "in the lessons' data folder (the README says where).")

    def set_pseudonym(self, name: str) -> str:
        self.store.set_pseudonym(name)
        self.message = (f"Your pseudonym is now {self.store.pseudonym}." if self.store.pseudonym
                        else "No pseudonym: your file carries no name.")
        return self.message

    def make_download(self) -> Path:
        """Write the copy to hand in next to the notebook; return its path."""
        self.download = self.store.export(self.folder / DOWNLOAD_NAME)
        self.message = f"Your results are ready to download as {DOWNLOAD_NAME}."
        return self.download

    def ask_start_over(self) -> str:
        self.confirming = True
        self.message = ("Start over? This clears your answers in every lesson. "
                        "The old file is kept as a backup beside it.")
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
        kept = f" The old answers are kept in {backup.name}." if backup else ""
        self.message = f"You are starting over: run the lessons' exercise cells again to see them fresh.{kept}"
        return backup
