"""Voila's start page (`make voila`, the classic tree): the lessons by title in
teaching order, from the content's lesson list, then any other notebook by its
file name. Rendered through Jinja with the template's own files and the
settings etc/jupyter/voila.py gives Voila's server."""

from __future__ import annotations

import re
import runpy
from pathlib import Path

import jinja2
from traitlets.config import Config

from iliopsoas_lessons.content.lessons import lessons

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "share" / "jupyter" / "voila" / "templates" / "iliopsoas"


def _template_vars() -> dict:
    c = Config()
    runpy.run_path(str(ROOT / "etc" / "jupyter" / "voila.py"), init_globals={"get_config": lambda: c})
    return c.Voila.tornado_settings["jinja_template_vars"]


def _render(names: list[str], **extra) -> str:
    # as Voila builds its environment (voila/app.py): autoescape, and the i18n extension page.html uses
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(TEMPLATE)]), autoescape=True, extensions=["jinja2.ext.i18n"]
    )
    env.install_null_translations(newstyle=False)
    # an iterator, as Voila's tree handler passes it (it can be read once)
    contents = {
        "content": iter([{"type": "directory" if "." not in n else "notebook", "name": n, "path": n} for n in names])
    }
    return env.get_template("tree.html").render(
        contents=contents, base_url="/", breadcrumbs=[("/voila/tree", "")], query="", **extra
    )


def _links(page: str) -> list[tuple[str, str]]:
    return re.findall(r'<li><a href="([^"]+)">([^<]+)</a></li>', page)


def test_the_settings_carry_each_lesson_title_in_teaching_order():
    assert _template_vars()["iliopsoas_lessons"] == [{"file": l.file, "title": l.title} for l in lessons()]


def test_the_start_page_lists_lesson_titles_in_lesson_order():
    files = [l.file for l in lessons()]
    # the server lists files by name; here shuffled, with a notebook of the teacher's and a folder
    page = _render(["extra.ipynb", *reversed(files), "images"], **_template_vars())
    links = _links(page)
    assert [title for _, title in links[: len(files)]] == [l.title for l in lessons()]
    assert [href for href, _ in links[: len(files)]] == [f"/voila/render/{f}" for f in files]
    assert links[len(files) :] == [("/voila/render/extra.ipynb", "extra.ipynb"), ("/voila/tree/images", "images/")]
    assert all(f not in (t for _, t in links) for f in files)  # no file name where a title exists


def test_a_lesson_missing_from_the_folder_is_not_listed():
    files = [l.file for l in lessons()]
    page = _render(files[1:], **_template_vars())
    first = next(iter(lessons()))
    assert first.title not in page and len(_links(page)) == len(files) - 1


def test_without_the_settings_the_page_lists_file_names():
    files = [l.file for l in lessons()]
    assert [t for _, t in _links(_render(files))] == files


def test_titles_are_escaped():
    page = _render(["a.ipynb"], iliopsoas_lessons=[{"file": "a.ipynb", "title": "<script>x</script>"}])
    assert "<script>x" not in page and "&lt;script&gt;x" in page
