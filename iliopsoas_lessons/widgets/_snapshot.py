"""The pieces of the stored snapshot, for readers without a kernel.

A stored notebook is read where no widget can run (the HTML export, nbviewer,
GitHub). Each lesson widget makes its ``text/html`` from the data its module
plays (:class:`~._base.LessonWidget`): a stepper's state table gives every
step in a ``<details>`` of its own, the first one open, with its figure as a
small PNG (:func:`figure_picture`: :data:`STEP_FIGURE_WIDTH` px wide at most,
96 colours, from :mod:`iliopsoas_lessons.figures.thumbnail`: a few tens of
KB; the package's are shipped in ``tables/*.pictures.json``). The quiz and
the red-flag cases store every item themselves, their answers folded in
``<details>`` (:mod:`.exercises`).
"""

from __future__ import annotations

import base64
import html

__all__ = ["figure_picture", "details", "img_tag", "STEP_FIGURE_WIDTH", "STEPS_NOTE"]

STEP_FIGURE_WIDTH = 600  # px: the size the widgets show; labels stay readable

STEPS_NOTE = (
    "Every step, stored as a picture: open the lesson in JupyterLab (or on Binder) and run it to use the controls."
)


def img_tag(png: bytes, alt: str, width: int | None = None) -> str:
    data = base64.b64encode(png).decode("ascii")
    size = f' width="{int(width)}"' if width else ""
    return (
        f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt, quote=True)}"{size} '
        f'style="max-width:100%;height:auto">'
    )


def figure_picture(figure) -> str:
    """A live figure's current state as a small palette PNG, with its alt text."""
    # imported here: a lesson plays shipped pictures, so only a drawing needs numpy
    import numpy as np

    from iliopsoas_lessons.figures.thumbnail import small_png

    figure.to_png()  # draws the current state into the canvas
    pixels = np.asarray(figure.figure.canvas.buffer_rgba())
    width = min(STEP_FIGURE_WIDTH, pixels.shape[1])
    return img_tag(small_png(pixels, width, colours=96), figure.alt_text, width)


def details(summary: str, body: str, *, open_: bool, cls: str) -> str:
    return f'<details class="{cls}"{" open" if open_ else ""}><summary>{html.escape(summary)}</summary>{body}</details>'
