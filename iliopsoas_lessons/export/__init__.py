"""Every quiz question and red-flag practice case, written for a learning platform.

    python -m iliopsoas_lessons.export --format moodle -o iliopsoas.xml

Formats (``FORMATS``): ``moodle`` (Moodle XML), ``gift`` (Moodle's GIFT text)
and ``qti`` (an IMS QTI 2.1 content package, a zip, for Canvas and other
platforms). Each keeps every option with its own feedback, shuffles the
options and maps the lessons' second try onto the platform's own mechanism
(see each format's module). From Python::

    import iliopsoas_lessons as il
    from iliopsoas_lessons.export import write_export
    write_export(il.course(), "qti", "iliopsoas-qti.zip")

The file is written atomically and readable by others (0o666 less the umask,
e.g. -rw-r--r--), since it is made to be uploaded and shared. This sits beside
the content layer: standard library only.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from iliopsoas_lessons.content.lessons import LessonData
from iliopsoas_lessons.content.models import Content

from .gift import gift_text
from .items import Item, items
from .moodle import moodle_xml
from .qti import qti_zip
from iliopsoas_lessons.publish import write_public

__all__ = ["FORMATS", "SUFFIXES", "Item", "items", "export_bytes", "write_export", "main"]

FORMATS = ("moodle", "qti", "gift")
SUFFIXES = {"moodle": ".xml", "qti": ".zip", "gift": ".gift.txt"}


def _check_format(fmt) -> str:
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    return fmt


def export_bytes(course: Content | None, fmt: str, *, data: LessonData | None = None) -> bytes:
    """The export of ``course`` (None: the package's) in ``fmt``, as bytes."""
    fmt = _check_format(fmt)
    every = items(course, data)
    if fmt == "moodle":
        return moodle_xml(every)
    if fmt == "gift":
        return gift_text(every).encode("utf-8")
    return qti_zip(every)


def _output_problem(path: Path) -> str | None:
    if path.is_dir():
        return f"cannot write {path}: it is a folder"
    if not path.parent.is_dir():
        return f"cannot write {path}: the folder {path.parent} does not exist"
    if path.exists() and not path.is_file():
        return f"cannot write {path}: it is not a regular file"
    return None


def write_export(course: Content | None, fmt: str, output_path, *, data: LessonData | None = None) -> Path:
    """Write ``course``'s quiz questions and red-flag cases in ``fmt`` (one of
    ``FORMATS``) to ``output_path``; return the path. ``course`` None is the
    package's course; ``data``, the lesson data, defaults to the course's.
    ``ValueError`` names the valid formats, or why the path cannot be written."""
    _check_format(fmt)
    path = Path(output_path)
    problem = _output_problem(path)
    if problem:
        raise ValueError(problem)
    write_public(path, export_bytes(course, fmt, data=data))
    return path


EXAMPLES = """examples:
  python -m iliopsoas_lessons.export --format moodle -o iliopsoas-moodle.xml
  python -m iliopsoas_lessons.export --format qti -o iliopsoas-qti.zip     (Canvas: Import existing content, QTI .zip file)
  python -m iliopsoas_lessons.export --format gift -o iliopsoas.gift.txt
"""


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m iliopsoas_lessons.export",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Write every quiz question and red-flag practice case for a learning platform: "
        "Moodle XML, GIFT or an IMS QTI 2.1 package.",
        epilog=EXAMPLES,
    )
    parser.add_argument("--format", required=True, choices=FORMATS, help="moodle, qti or gift")
    parser.add_argument("-o", "--output", required=True, help="the file to write, e.g. iliopsoas-moodle.xml")
    args = parser.parse_args(argv)
    try:
        path = write_export(None, args.format, args.output)
    except ValueError as e:
        parser.error(str(e))
    except OSError as e:
        parser.error(f"cannot write {args.output}: {e.strerror or e}")
    print(f"wrote {path} ({args.format})")
    return 0
