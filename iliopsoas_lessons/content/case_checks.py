"""Case checks that read the story: a case whose text meets a risky context must consider
every warning sign that context brings (clinical review round 27, C PS1).

The abscess case of a woman who injects into her groin named the false aneurysm, the
iliofemoral clot and the bleed, but never the necrotising infection that injecting there
also causes, an emergency one step above the case's answer. A flag counts as considered
when it is the answer's flag, or a history or examination item lists it in 'flags_shown'
(the finding reveals its sign) or 'flags_checked' (the item looks for its sign and may
find it absent). Standard library only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .cases import Case
from .collection import ContentError

__all__ = ["CONTEXTS", "Context", "check_contexts"]


@dataclass(frozen=True)
class Context:
    key: str
    pattern: re.Pattern[str]  # matched, case-blind, on the story and every finding
    flags: tuple[str, ...]  # red flags every case meeting the context must consider
    why: str


CONTEXTS = (
    Context(
        key="injecting_into_the_groin",
        # 'injects ... into her right groin', 'injected into the groin', 'groin injecting'
        pattern=re.compile(r"\binject\w*\b[^.;]{0,60}\bgroin\b|\bgroin\s+inject", re.IGNORECASE),
        flags=("infection", "necrotising_infection", "groin_pseudoaneurysm", "iliofemoral_dvt", "bleeding"),
        why="injecting into the groin can cause each of these",
    ),
)


def _texts(case: Case):
    yield "presenting", case.presenting
    for si, step in enumerate(case.steps):
        if step.text:
            yield f"steps[{si}].text", step.text
        for i, item in enumerate(step.items):
            yield f"steps[{si}].items[{i}].finding", item.finding


def _considered(case: Case) -> set[str]:
    found = {case.answer.red_flag} - {None}
    for item in case.items:
        found.update(item.flags_shown, item.flags_checked)
    return found


def check_contexts(case: Case, course: Any, contexts: tuple[Context, ...] = CONTEXTS) -> None:
    """Raise ContentError naming the file and where the context is met, if a flag it brings is
    not considered; and if any item's 'flags_checked' names no red flag."""
    flags = course.red_flags.keys()
    for si, step in enumerate(case.steps):
        for i, item in enumerate(step.items):
            for k, key in enumerate(item.flags_checked):
                if key not in flags:
                    raise ContentError(
                        f"{case.file}: steps[{si}].items[{i}].flags_checked[{k}]: {key!r} is not a red flag; "
                        f"valid: {', '.join(flags)}"
                    )
    considered = _considered(case)
    for context in contexts:
        where = next((w for w, text in _texts(case) if context.pattern.search(text)), None)
        if where is None:
            continue
        missing = [f for f in context.flags if f not in considered]
        if missing:
            raise ContentError(
                f"{case.file}: {where}: meets {context.key!r} ({context.why}), but no item considers red "
                f"flag(s) {', '.join(missing)}: list each in an item's 'flags_checked' (looked for) or "
                f"'flags_shown' (found)"
            )
