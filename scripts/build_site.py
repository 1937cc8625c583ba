#!/usr/bin/env python3
"""Build the course website: Sphinx with MyST-NB and sphinx-book-theme, offline.

    python scripts/build_site.py [--output-dir build/site] [--sphinx-build PATH]

The source is put together in build/site-src from the stored, executed
notebooks (one page per lesson, each widget in its kernel-free form from
iliopsoas_lessons.sitewidgets), the instructor guide, a home page with each
lesson's time and summary, and a page of every reference; then Sphinx (from
the venv of its own that `make site` makes, .venv/site) renders it. Nothing is
fetched while building, and the pages load nothing from outside the site.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import iliopsoas_lessons as il
from iliopsoas_lessons import links, sitewidgets
from iliopsoas_lessons.content import lessons as lesson_data
from iliopsoas_lessons.content.citations import citation_markdown
from iliopsoas_lessons.content.text import _web_addresses_as_code

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "docs" / "site"
ANNOUNCEMENT = (
    "These lessons teach; they do not diagnose. If you have pain, see a qualified clinician. "
    "In an emergency call your local emergency number."
)


def home_page() -> str:
    lessons = lesson_data.lesson_data().lessons
    rows = ["| Lesson | Time | What you will do |", "|---|---|---|"]
    for lesson in lessons:
        rows.append(f"| [{lesson.title}]({lesson.file}) | about {lesson.minutes} min | {lesson.summary} |")
    toc = "\n".join(lesson.key for lesson in lessons)
    return f"""# Iliopsoas lessons

Guided, interactive lessons on **iliopsoas muscle injury and its symptoms**: where the muscle lies, how
it gets hurt, where its pain is felt and why, and when back, hip or groin pain needs care without delay.
For physiotherapy, sports-science and medical teaching, and for anyone curious about their own pain.

:::{{admonition}} These lessons teach; they do not diagnose
:class: il-emergency
If you have pain, see a qualified clinician. In an emergency call your local emergency number
(112 in Europe, 999 in the UK, 911 in North America).
:::

{chr(10).join(rows)}

Each lesson page has buttons at the top to open it as a notebook on Binder, on your institution's
JupyterHub, or to download it. Teachers: see the [instructor guide](instructor_guide.md).

```{{toctree}}
:caption: Lessons
:maxdepth: 1

{toc}
```

```{{toctree}}
:caption: For teachers and reviewers
:maxdepth: 1

instructor_guide
authoring-cases
references
```
"""


def references_page() -> str:
    lines = [
        "# References",
        "",
        "Every source the lessons cite, with its evidence level. Each lesson lists the ones it uses.",
        "",
    ]
    for ref in sorted(il.references(), key=lambda r: r.key):
        lines.append(
            f"- **{ref.key}** ({ref.evidence_label}): "
            f"{citation_markdown(ref, plain=lambda t: _web_addresses_as_code(html.escape(t, quote=False)))}"
        )
    return "\n".join(lines) + "\n"


def assemble(src: Path) -> None:
    if src.exists():
        shutil.rmtree(src)
    shutil.copytree(SITE, src)
    # The launch buttons' addresses come from the one place the teachers' links
    # command reads them: iliopsoas_lessons/data/class_links.ini.
    where = links.defaults()
    settings = {
        "repository_url": where["repo"],
        "branch": where["branch"],
        "binderhub_url": where["binder"],
        "jupyterhub_url": where["hub"],
        "version": il.__version__,
        "announcement": ANNOUNCEMENT,
        "scripts": list(sitewidgets.SCRIPTS),
        "stylesheets": list(sitewidgets.STYLESHEETS),
        "script_settings": sitewidgets.script_settings(),
    }
    (src / "site_settings.json").write_text(json.dumps(settings, indent=1), encoding="utf-8")
    static = src / "_static"
    for name in (*sitewidgets.SCRIPTS, *sitewidgets.STYLESHEETS):
        (static / name).write_bytes(sitewidgets.site_file_bytes(name))  # ES modules made classic scripts
    with widget_environment():
        for notebook in sorted((ROOT / "notebooks").glob("*.ipynb")):
            page = json.loads(notebook.read_text(encoding="utf-8"))
            made = interactive_widgets(page, notebook.stem)
            # the saved ipywidgets state: no page uses it (nothing runs ipywidgets
            # on the site), and MyST-NB would copy it into the page
            page.get("metadata", {}).pop("widgets", None)
            (src / notebook.name).write_text(json.dumps(page, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            print(f"build_site: {notebook.name}: {made} widget(s) work without a kernel")
    shutil.copy2(ROOT / "docs" / "instructor_guide.md", src / "instructor_guide.md")
    # the guide links to it: clinicians writing a case read it on the site too
    shutil.copy2(ROOT / "docs" / "authoring-cases.md", src / "authoring-cases.md")
    (src / "index.md").write_text(home_page(), encoding="utf-8")
    (src / "references.md").write_text(references_page(), encoding="utf-8")


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


@contextlib.contextmanager
def widget_environment():
    """The widgets are built here as `make notebooks` builds them: the quiz's
    fixed seed, and a learner-data folder of their own (nobody's saved answers)."""
    saved = {k: os.environ.get(k) for k in ("ILIOPSOAS_QUIZ_SEED", "ILIOPSOAS_LESSONS_DATA")}
    with tempfile.TemporaryDirectory(prefix="il-site-") as data:
        os.environ["ILIOPSOAS_QUIZ_SEED"] = saved["ILIOPSOAS_QUIZ_SEED"] or "0"
        os.environ["ILIOPSOAS_LESSONS_DATA"] = data
        try:
            yield
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value


def run_cell(source: str, namespace: dict):
    """Run a lesson cell as the kernel would; the value of its last expression."""
    tree = ast.parse(source)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    exec(compile(tree, "<lesson cell>", "exec"), namespace)
    return eval(compile(ast.Expression(last.value), "<lesson cell>", "eval"), namespace) if last else None


def interactive_widgets(page: dict, lesson: str) -> int:
    """Put, in place of each widget's stored snapshot, its kernel-free form
    (iliopsoas_lessons.sitewidgets). The cells run in-process, with the same
    code the notebook ran; a widget without a site form keeps its snapshot."""
    namespace: dict = {}
    made = 0
    for number, cell in enumerate(page["cells"]):
        outputs = [o for o in cell.get("outputs", ()) if WIDGET_VIEW in o.get("data", {})]
        if cell["cell_type"] != "code" or not outputs:
            continue
        widget = run_cell("".join(cell["source"]), namespace)
        markup = sitewidgets.site_html(widget, element_id=f"il-{lesson}-{number}")
        if markup is not None:
            data = outputs[0]["data"]
            data["text/html"] = markup
            del data[WIDGET_VIEW]
            made += 1
        if hasattr(widget, "close"):
            widget.close()
    return made


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output-dir", type=Path, default=ROOT / "build" / "site")
    parser.add_argument("--source-dir", type=Path, default=ROOT / "build" / "site-src")
    parser.add_argument("--sphinx-build", default=str(ROOT / ".venv" / "site" / "bin" / "sphinx-build"))
    args = parser.parse_args(argv)
    if not Path(args.sphinx_build).exists():
        print(
            f"build_site: no sphinx-build at {args.sphinx_build} (`make site` installs requirements-site.txt)",
            file=sys.stderr,
        )
        return 2
    assemble(args.source_dir)
    if args.output_dir.exists():
        shutil.rmtree(args.output_dir)
    run = subprocess.run(
        [
            args.sphinx_build,
            "-b",
            "html",
            "-q",
            "-E",
            "--fail-on-warning",
            "--keep-going",
            str(args.source_dir),
            str(args.output_dir),
        ]
    )
    if run.returncode == 0:
        link_lessons(args.output_dir)
        drop_icon_script(args.output_dir)
        print(args.output_dir / "index.html")
    return run.returncode


def link_lessons(site: Path) -> None:
    """Point links to a lesson's notebook at its page. MyST resolves the links
    written in Markdown cells, not those in the Markdown a cell printed (the
    lesson map is built from the data)."""
    names = "|".join(re.escape(p.stem) for p in (ROOT / "notebooks").glob("*.ipynb"))
    pattern = re.compile(rf'href="(?:\./)?({names})\.ipynb(#[^"]*)?"')
    for page in site.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        fixed = pattern.sub(lambda m: f'href="{m.group(1)}.html{m.group(2) or ""}"', text)
        if fixed != text:
            page.write_text(fixed, encoding="utf-8")


# The theme draws its icons twice over: with Font Awesome's web fonts (its
# stylesheet) and with Font Awesome's 1.5 MB script, which swaps each icon
# for an SVG. The fonts alone draw the same icons, so the script is dropped:
# every page is 1.5 MB lighter, and it no longer holds up the widgets' start.
ICON_SCRIPT = re.compile(r'\s*<script defer src="_static/scripts/fontawesome\.js[^"]*"></script>')


def drop_icon_script(site: Path) -> None:
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        fixed = ICON_SCRIPT.sub("", text)
        if fixed != text:
            page.write_text(fixed, encoding="utf-8")
    for leftover in (site / "_static" / "scripts").glob("fontawesome.js*"):
        leftover.unlink()


if __name__ == "__main__":
    sys.exit(main())
