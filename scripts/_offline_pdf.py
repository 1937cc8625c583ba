"""One offline printer for the build scripts: a local HTML page to PDF in
Debian's Chromium (through Playwright), with every request for anything but a
local file blocked and reported.

The review sheet (``build_review.py``) and the handouts (``build_handouts.py``)
print through it.  Each script imports :func:`write_pdf` into its own
namespace and calls it by that name, so a test can wrap the script's
``write_pdf`` to see what a page asked for.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path

__all__ = ["CHROMIUM_FLAGS", "chromium_path", "chromium_missing", "printer", "write_pdf", "blocked_requests"]

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path() -> str:
    return os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium"


def chromium_missing(tool: str) -> bool:
    """True (and the reason said on stderr, as ``tool``) when there is no Chromium to print with."""
    exe = chromium_path()
    if os.access(exe, os.X_OK):
        return False
    print(f"{tool}: no Chromium at {exe} (apt-get install chromium, or set CHROMIUM_PATH)", file=sys.stderr)
    return True


@contextmanager
def printer():
    """One headless Chromium for a run of :func:`write_pdf` calls (``browser=``).

    Starting Playwright's driver and Chromium cost more than printing a page, and
    the handouts print over twenty pages; each page still gets a browser context
    of its own (its own request log and blocking route)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()


def write_pdf(
    html_path: Path,
    pdf_path: Path,
    footer: str = "",
    *,
    landscape: bool = True,
    margins: tuple[str, str, str, str] = ("12mm", "14mm", "10mm", "10mm"),
    browser=None,
) -> list[str]:
    """Print ``html_path`` to ``pdf_path`` in Chromium; return every URL the page requested.

    Requests for anything but ``file:`` URLs are blocked, so the build never
    reaches the network; the caller decides what a blocked request means
    (:func:`blocked_requests`).  *margins*: top, bottom, left, right.
    *browser*: a Chromium from :func:`printer` to print in (default: one of its own).
    """
    if browser is None:
        with printer() as own:
            return write_pdf(html_path, pdf_path, footer, landscape=landscape, margins=margins, browser=own)
    requested: list[str] = []
    context = browser.new_context()
    try:
        page = context.new_page()
        page.on("request", lambda request: requested.append(request.url))
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
        page.goto(html_path.resolve().as_uri(), wait_until="load")
        page.emulate_media(media="print")
        page.pdf(
            path=str(pdf_path),
            format="A4",
            landscape=landscape,
            print_background=True,
            prefer_css_page_size=True,
            display_header_footer=bool(footer),
            header_template="<span></span>",
            footer_template=footer or "<span></span>",
            margin=dict(zip(("top", "bottom", "left", "right"), margins)),
        )
    finally:
        context.close()
    return requested


def blocked_requests(tool: str, what: str, requested: list[str]) -> bool:
    """True (and the URLs said on stderr) when ``what`` asked for anything but a local file."""
    outside = [url for url in requested if not url.startswith("file:")]
    if outside:
        print(f"{tool}: {what} asked for non-local URLs (blocked):\n  " + "\n  ".join(outside), file=sys.stderr)
    return bool(outside)
