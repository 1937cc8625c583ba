"""Write the figure widgets' state tables as package data
(``iliopsoas_lessons/widgets/tables/<Widget>.json``) and each state's figure
as a small PNG (``<Widget>.pictures.json``, the stored snapshot for readers
without a kernel), so a lesson's Run All draws none of them: every state of
the widget's controls, drawn once here from the package's own course
(``widgets/state_player.py`` reads them).

    python scripts/make_state_tables.py            # write the tables
    python scripts/make_state_tables.py --check    # exit 1 if one differs from a fresh drawing

Output is deterministic (the same content and figures give the same bytes);
``tests/test_state_player.py`` checks the shipped tables equal fresh ones.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import matplotlib

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def table_widgets() -> list:
    """The widget classes whose tables are shipped."""
    from iliopsoas_lessons.widgets.state_player import TableWidget

    import iliopsoas_lessons.widgets.anatomy
    import iliopsoas_lessons.widgets.compare
    import iliopsoas_lessons.widgets.mechanisms
    import iliopsoas_lessons.widgets.symptoms  # noqa: F401

    return sorted(_subclasses(TableWidget), key=lambda c: c.__name__)


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def table_bytes(table: dict) -> bytes:
    return (json.dumps(table, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n").encode()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare, write nothing")
    args = parser.parse_args(argv)
    matplotlib.use("Agg")
    from iliopsoas_lessons.publish import write_public  # the one atomic writer
    from iliopsoas_lessons.widgets.state_player import pictures_path, table_path

    stale = []
    for cls in table_widgets():
        # the table the page plays, and each state's small PNG for readers without a kernel
        outputs = [(table_bytes(cls.build()), table_path(cls.__name__))]
        if cls.PICTURES:  # the maps compared are shown as their own vector drawings
            outputs.append((table_bytes(cls.build_pictures()), pictures_path(cls.__name__)))
        for data, path in outputs:
            if args.check:
                if not path.is_file() or path.read_bytes() != data:
                    stale.append(path.name)
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            write_public(path, data)
            print(f"wrote {path.relative_to(ROOT)} ({len(data) // 1024} KB)")
    if stale:
        print(f"stale: {', '.join(stale)}; run python scripts/make_state_tables.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
