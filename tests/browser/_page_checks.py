"""What the lab harness (conftest.py) and the Voila helper (_voila.py) share:
what counts as a broken page, where failure artifacts go and how they are
named, and how a server gets a free port.

One definition, so the two harnesses can never disagree about what an error
looks like.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
import socket
from pathlib import Path

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


def safe_name(name: str) -> str:
    """A test or lesson name as a file name in ARTIFACTS."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", name)[:120]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# Texts that mean a widget or cell failed in the page.
ERROR_TEXTS = ["Error displaying widget", "Loading widget", "Traceback (most recent call last)"]
STDERR_SELECTOR = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'
ERROR_OUTPUT_SELECTOR = ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.error']"
ERROR_SELECTOR = ", ".join(
    [
        STDERR_SELECTOR,
        ERROR_OUTPUT_SELECTOR,
        ".jp-RenderedText[data-mime-type='application/vnd.jupyter.stderr']",
    ]
)


def page_errors(root) -> list[str]:
    """Error outputs and failure texts inside ``root`` (a Playwright Locator)."""
    out: list[str] = []
    loc = root.locator(ERROR_SELECTOR)
    for i in range(loc.count()):
        out.append(f"error output: {loc.nth(i).inner_text()[:500]}")
    text = root.inner_text()
    for needle in ERROR_TEXTS:
        if needle in text:
            i = text.index(needle)
            out.append(f"text {needle!r}: ...{text[max(0, i - 200) : i + 300]}...")
    return out


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)


def text_of(markup: str) -> str:
    """An HTML value's text, as the page's textContent reads it."""
    parser = _Text()
    parser.feed(markup)
    parser.close()
    return "".join(parser.parts)
