"""Links between the lessons, read where no server runs: the stored .ipynb as
nbviewer and GitHub show it, and the offline HTML export (`make html`).

The notebooks link to each other as relative ``NN_name.ipynb`` files; the
export points those links at its ``NN_name.html`` pages. (A click in Voila,
JupyterLab and the export: tests/browser/test_lesson_links.py.)
"""

from __future__ import annotations

import importlib.util
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from iliopsoas_lessons.content import lessons as ld

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
LESSONS = list(ld.lessons())
MD_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else (value or "")


def _stored(lesson) -> dict:
    return json.loads((NOTEBOOKS / lesson.file).read_text(encoding="utf-8"))


class _Hrefs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href") if tag == "a" else None
        if href:
            self.hrefs.append(href)


def _hrefs(html: str) -> list[str]:
    parser = _Hrefs()
    parser.feed(html)
    return parser.hrefs


def _relative(target: str) -> bool:
    p = urlparse(target)
    return not (p.scheme or p.netloc or target.startswith(("#", "/")))


def _notebook_links(nb: dict) -> list[str]:
    """Every link target a reader of the stored notebook can click: Markdown
    cells, Markdown outputs and links inside HTML outputs."""
    targets = []
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            targets += [t for _, t in MD_LINK.findall(_text(cell["source"]))]
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            targets += [t for _, t in MD_LINK.findall(_text(data.get("text/markdown")))]
            targets += _hrefs(_text(data.get("text/html")))
    return targets


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda l: l.key)
def test_stored_notebook_links_resolve_to_files_beside_it(lesson):
    """nbviewer and GitHub resolve a relative link against the notebook's own
    folder: each must name a file that is there."""
    targets = [t for t in _notebook_links(_stored(lesson)) if _relative(t)]
    assert targets, f"{lesson.key}: no link to another lesson"
    missing = [t for t in targets if not (NOTEBOOKS / unquote(t.split("#")[0])).is_file()]
    assert missing == [], f"{lesson.key}: links to files that do not exist: {missing}"


@pytest.mark.parametrize("position", range(len(LESSONS)), ids=[l.key for l in LESSONS])
def test_whats_next_links_follow_the_lesson_map(position):
    """The closing "What's next" cell links to the previous and the next lesson
    of lessons.json (the last one back to the start), by title."""
    lesson = LESSONS[position]
    cells = [
        _text(c["source"])
        for c in _stored(lesson)["cells"]
        if c["cell_type"] == "markdown" and _text(c["source"]).startswith("## What's next")
    ]
    assert len(cells) == 1, f"{lesson.key}: expected one '## What's next' cell"
    links = MD_LINK.findall(cells[0])
    expected = ([LESSONS[position - 1]] if position else []) + [LESSONS[(position + 1) % len(LESSONS)]]
    assert [t for _, t in links] == [l.file for l in expected]
    assert [name for name, _ in links][-1] in (expected[-1].title, "Start here")


def _export_module():
    spec = importlib.util.spec_from_file_location("export_html", ROOT / "scripts" / "export_html.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_export_points_notebook_links_at_the_exported_pages_only(tmp_path):
    links_to_html = _export_module().links_to_html
    (tmp_path / "01_a.ipynb").write_text("{}")
    body = (
        '<a href="01_a.ipynb">a</a> <a href="01_a.ipynb#Summary">b</a> <a href="missing.ipynb">c</a> '
        '<a href="https://mybinder.org/v2/gh/x/y/HEAD?labpath=notebooks%2F01_a.ipynb">d</a> '
        '<a href="/abs/01_a.ipynb">e</a> <a href="#01_a">f</a>'
    )
    assert _hrefs(links_to_html(body, tmp_path)) == [
        "01_a.html",
        "01_a.html#Summary",
        "missing.ipynb",
        "https://mybinder.org/v2/gh/x/y/HEAD?labpath=notebooks%2F01_a.ipynb",
        "/abs/01_a.ipynb",
        "#01_a",
    ]


@pytest.fixture(scope="module")
def exported(exported_html):
    """Every lesson exported by scripts/export_html.py (tests/conftest.py: once per run)."""
    assert sorted(p.stem for p in exported_html.glob("*.html")) == sorted(lesson.key for lesson in LESSONS)
    return exported_html


# The export runs scripts/export_html.py over every stored lesson in a new
# process (about 3.5 s of CPU): `make test` runs these, where the browser tests
# share the same export; `make test-fast` leaves them out.
@pytest.mark.slow
@pytest.mark.parametrize("lesson", LESSONS, ids=lambda l: l.key)
def test_every_link_in_the_export_opens_an_exported_page(exported, lesson):
    hrefs = [h for h in _hrefs((exported / f"{lesson.key}.html").read_text(encoding="utf-8")) if _relative(h)]
    pages = {h.split("#")[0] for h in hrefs}
    assert not [h for h in hrefs if ".ipynb" in h], f"{lesson.key}: links still point at notebooks"
    assert sorted(p for p in pages if not (exported / unquote(p)).is_file()) == []
    nxt = LESSONS[(LESSONS.index(lesson) + 1) % len(LESSONS)]
    assert f"{nxt.key}.html" in pages, f"{lesson.key}: no link to the next lesson's page"
