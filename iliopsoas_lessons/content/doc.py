"""The Markdown document the lesson builders return, and the escaping every
builder applies to content text (text.py and warning_text.py share them).

Every value taken from the content is escaped: markup in a data file is shown
as text, never run.
"""

from __future__ import annotations

import html


class Doc:
    """Markdown text with a rich display."""

    def __init__(self, markdown: str):
        self.markdown = markdown

    def _repr_markdown_(self) -> str:
        return self.markdown

    def __repr__(self) -> str:
        return self.markdown

    def __str__(self) -> str:
        return self.markdown


def _md(text: str) -> str:
    """Content text made inert in Markdown: HTML markup is shown, never run."""
    return html.escape(text, quote=False)


def _cell(text: str) -> str:
    return _md(text).replace("|", "\\|").replace("\n", " ")


def _refs(keys) -> str:
    return f" [{_md(', '.join(keys))}]" if keys else ""
