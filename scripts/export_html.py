#!/usr/bin/env python3
"""Export the stored lessons to self-contained HTML pages that work offline.

    python scripts/export_html.py [--output-dir build/html] [NOTEBOOK ...]

nbconvert's default HTML shows each widget through the widget manager, which
it loads from a CDN: offline, or years later, those outputs are blank. Every
lesson widget also stores a static picture of its state (an ``<img alt>`` and
its text; for a stepper every step, the exercises' answers folded away, see
``iliopsoas_lessons/widgets/_snapshot.py``) beside the widget view, so this
export prefers that static HTML:
the page needs no network, no JavaScript and no kernel, and a screen reader
gets the figures' alt text.

The lessons link to each other as relative ``NN_name.ipynb`` files (right for
JupyterLab, the Voila app, nbviewer and GitHub); in the export those links are
rewritten to the exported ``NN_name.html`` pages beside them.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from nbconvert import HTMLExporter
from traitlets.config import Config

ROOT = Path(__file__).resolve().parents[1]

# text/html before the widget view: the static picture of the widget's state.
STATIC_FIRST = [
    "text/html",
    "text/markdown",
    "image/svg+xml",
    "image/png",
    "image/jpeg",
    "text/plain",
]


def exporter() -> HTMLExporter:
    config = Config()
    config.NbConvertBase.display_data_priority = STATIC_FIRST
    config.HTMLExporter.embed_images = True
    config.HTMLExporter.extra_template_basedirs = [str(ROOT / "scripts" / "templates")]
    config.HTMLExporter.template_name = "offline"
    return HTMLExporter(config=config)


# href="NN_name.ipynb" or "NN_name.ipynb#section": a relative link to a notebook
# (no scheme, no leading slash); group 1 is the file, group 2 the #fragment.
_NOTEBOOK_HREF = re.compile(r'href="((?![a-zA-Z][a-zA-Z0-9+.-]*:|/)[^"#?]+)\.ipynb(#[^"]*)?"')


def links_to_html(body: str, notebook_dir: Path) -> str:
    """Point relative links to notebooks that exist beside the exported one at
    their ``.html`` pages; every other link is left as it is."""

    def swap(m: re.Match) -> str:
        target = m.group(1)
        if not (notebook_dir / f"{target}.ipynb").is_file():
            return m.group(0)
        return f'href="{target}.html{m.group(2) or ""}"'

    return _NOTEBOOK_HREF.sub(swap, body)


def export(notebook: Path, output_dir: Path) -> Path:
    body, _ = exporter().from_filename(str(notebook))
    body = links_to_html(body, notebook.parent)
    target = output_dir / (notebook.stem + ".html")
    target.write_text(body, encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--output-dir", type=Path, default=ROOT / "build" / "html")
    args = parser.parse_args(argv)
    notebooks = args.notebooks or sorted((ROOT / "notebooks").glob("*.ipynb"))
    args.output_dir.mkdir(parents=True, exist_ok=True)
    for nb in notebooks:
        print(export(nb, args.output_dir))
    return 0


if __name__ == "__main__":
    sys.exit(main())
