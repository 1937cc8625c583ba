"""make site: the course website, built with no network, loading nothing from
outside itself, with every internal link resolving."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
LESSONS = sorted(p.stem for p in (ROOT / "notebooks").glob("*.ipynb"))


class _Refs(HTMLParser):
    """Every URL a page loads (scripts, stylesheets, images, icons) or links to, and its ids."""

    def __init__(self):
        super().__init__()
        self.loads: list[str] = []
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag in ("script", "img", "iframe", "source", "video", "audio") and a.get("src"):
            self.loads.append(a["src"])
        if tag == "link" and a.get("href"):
            (self.links if a.get("rel") in ("canonical", "next", "prev", "index", "search") else self.loads).append(
                a["href"]
            )
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])


def _pages(site: Path):
    for page in sorted(site.rglob("*.html")):
        if "_static" in page.parts or "_sources" in page.parts:
            continue
        refs = _Refs()
        refs.feed(page.read_text(encoding="utf-8"))
        yield page, refs


@pytest.fixture(scope="module")
def site(built_site):
    return built_site


@pytest.mark.slow
def test_every_lesson_has_a_page_and_the_site_has_search(site):
    for lesson in LESSONS:
        assert (site / f"{lesson}.html").exists(), lesson
    assert (site / "search.html").exists()
    index = (site / "searchindex.js").read_text(encoding="utf-8")
    assert "iliopsoa" in index.lower() and "referr" in index.lower()


@pytest.mark.slow
def test_no_page_loads_anything_from_outside_the_site(site):
    for page, refs in _pages(site):
        outside = [u for u in refs.loads if urlsplit(u).scheme in ("http", "https") or u.startswith("//")]
        assert not outside, f"{page.name} loads {outside}"


@pytest.mark.slow
def test_every_internal_link_resolves(site):
    ids_by_page = {page: refs.ids for page, refs in _pages(site)}
    broken = []
    for page, refs in _pages(site):
        for url in refs.links + refs.loads:
            parts = urlsplit(url)
            if parts.scheme or url.startswith("//") or url.startswith("mailto:"):
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append((page.name, url))
            elif parts.fragment and target.suffix == ".html" and parts.fragment not in ids_by_page.get(target, set()):
                broken.append((page.name, url))
    assert not broken, broken[:20]


@pytest.mark.slow
@pytest.mark.parametrize("lesson", LESSONS)
def test_each_lesson_page_has_its_time_launch_buttons_and_the_emergency_note(site, lesson):
    html = (site / f"{lesson}.html").read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert "These lessons teach; they do not diagnose." in text
    assert "In an emergency call your local emergency number" in text
    assert re.search(r"Time:\s*about \d+ minutes", text)
    from iliopsoas_lessons.links import defaults

    assert f"{defaults()['binder']}/v2/gh/" in html and f"notebooks/{lesson}.ipynb" in html
    assert f"_sources/{lesson}.ipynb" in html  # the download of the notebook itself


@pytest.mark.slow
def test_the_references_and_the_guide_are_on_the_site(site):
    import iliopsoas_lessons as il

    refs = (site / "references.html").read_text(encoding="utf-8")
    for ref in il.references():
        assert ref.key in refs
    guide = (site / "instructor_guide.html").read_text(encoding="utf-8")
    assert "Lesson 05" in guide and "90-minute" in guide


def test_make_site_runs_the_script_and_is_in_the_help():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^site:.*\n\t(.*)$", makefile, re.M)
    # through the console command, which runs this script (tests/test_cli.py runs it so)
    assert recipe and "$(CLI) site" in recipe.group(1)
    from iliopsoas_lessons.cli import COMMANDS

    assert COMMANDS["site"].script == "build_site"
    assert re.search(r"^#\s+make site\b", makefile, re.M)


@pytest.mark.slow
@pytest.mark.parametrize("lesson", LESSONS)
def test_each_widget_is_in_its_kernel_free_form_and_nothing_stale_rides_along(site, lesson):
    """Every lesson widget with a site form is there as one (with its states
    inside), no page carries the notebook's saved ipywidgets state, and each
    loads the site's widget scripts from the site itself."""
    text = (site / f"{lesson}.html").read_text(encoding="utf-8")
    import json

    from iliopsoas_lessons import sitewidgets

    cells = json.loads((ROOT / "notebooks" / f"{lesson}.ipynb").read_text(encoding="utf-8"))["cells"]
    calls = [
        re.match(r"(\w+)\(", line.strip())
        for c in cells
        if c["cell_type"] == "code"
        for line in "".join(c["source"]).splitlines()
    ]
    expected = sum(1 for m in calls if m and m.group(1) in sitewidgets.KINDS)
    assert text.count('class="il-site-data"') == expected
    assert "application/vnd.jupyter.widget-state+json" not in text
    for script in sitewidgets.SCRIPTS:
        assert f'src="_static/{script}' in text


# Issue 22: a lesson page, with all it loads, weighs at most 2.41 MB (the goal
# benchmarks/bench_site.py judges in a browser; this counts the same files on
# disk, so it cannot flake).
PAGE_GOAL_BYTES = 2_410_000


def _what_the_page_loads(page: Path) -> set[Path]:
    """The page, its scripts, stylesheets and images, and the fonts and images
    its stylesheets name (every one, used or not: an upper bound)."""
    refs = _Refs()
    refs.feed(page.read_text(encoding="utf-8"))
    files: set[Path] = set()
    todo = [(page, ref) for ref in refs.loads]
    while todo:
        base, ref = todo.pop()
        parts = urlsplit(ref)
        if parts.scheme or parts.netloc or not parts.path:
            continue
        file = (base.parent / unquote(parts.path)).resolve()
        if file in files or not file.is_file():
            continue
        files.add(file)
        if file.suffix == ".css":
            css = file.read_text(encoding="utf-8", errors="replace")
            todo += [(file, u) for u in re.findall(r"""url\(\s*["']?([^"')]+)""", css) if not u.startswith("data:")]
    return files | {page.resolve()}


@pytest.mark.slow
@pytest.mark.parametrize("lesson", LESSONS)
def test_each_lesson_page_with_what_it_loads_is_within_the_weight_goal(site, lesson):
    files = _what_the_page_loads(site / f"{lesson}.html")
    total = sum(f.stat().st_size for f in files)
    largest = sorted(files, key=lambda f: f.stat().st_size, reverse=True)[:3]
    assert total <= PAGE_GOAL_BYTES, (
        f"{lesson}: {total / 1e6:.2f} MB > {PAGE_GOAL_BYTES / 1e6:g} MB; largest: "
        + ", ".join(f"{f.name} {f.stat().st_size / 1e6:.2f} MB" for f in largest)
    )
