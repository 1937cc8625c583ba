"""Body-map alt text: plain-language descriptions built from the same data
and the same role table (``_style.ROLE_STYLES``) as the drawings.

Part of :mod:`iliopsoas_lessons.figures.bodymap`, which re-exports the public names.
"""

from __future__ import annotations

from . import style as st
from .bodymap_geometry import (
    ROLE_STYLES,
    SIDES,
    VIEWS,
    check_body,
    check_marks,
    check_regions,
    contrast_kind,
    is_contrast_pattern,
    region_info,
    role_labels,
    split_marks,
    symptom,
    symptom_marks,
)

ORIENT = {
    "front": "front view, the patient facing you (their right side is on your left)",
    "back": "back view, the patient seen from behind (their left side is on your left)",
}


def side_words(side: str) -> str:
    return "midline" if side == "midline" else f"patient's {side}"


def region_phrase(keys) -> str:
    parts = []
    for k in keys:
        info = region_info(k)
        parts.append(info.name if info.side == "midline" else f"{info.name} ({side_words(info.side)})")
    return "; ".join(parts)


def role_sentence(role: str, keys, label: str | None = None) -> str:
    """E.g. 'Claimed by the article, not supported by evidence, shown with a
    dotted outline and diagonal lines: outer (lateral) hip (patient's left).'
    ``label`` (a legend label) replaces the table's words for the role."""
    s = ROLE_STYLES[role]
    words = s["alt"] if label is None else " ".join(label.split())
    return f"{words[0].upper()}{words[1:]}, shown with {s['look']}: {region_phrase(keys)}."


def _view_sentences(by_role: dict, labels=None) -> list:
    labels = labels or {}
    return [role_sentence(role, keys, labels.get(role)) for role, keys in by_role.items() if keys]


def body_words(body: str) -> str:
    return f"{check_body(body)} body"


def body_map_alt_text(
    highlight=(),
    *,
    view: str = "front",
    referred=(),
    other_view: str = "error",
    claimed=(),
    contrast=(),
    red_flag=(),
    body: str = "male",
) -> str:
    """Plain-language description of :func:`plot_body_map` with the same input."""
    st.check_choice("view", view, VIEWS)
    groups = {
        role: check_regions(st.as_tuple(keys), view, other_view, role)
        for role, keys in (
            ("source", highlight),
            ("referred", referred),
            ("claimed", claimed),
            ("contrast", contrast),
            ("red_flag", red_flag),
        )
    }
    check_marks(groups)
    text = f"Body map ({body_words(body)}), {ORIENT[view]}."
    sentences = _view_sentences(groups)
    return " ".join([text, *sentences] if sentences else [text, "No region is marked."])


def marks_alt_text(marks: dict, *, body: str = "male", title: str = "", labels=None) -> str:
    """Description of a two-view map with ``marks`` ({region id: role});
    ``labels`` ({role: legend label}) as in the figure's legend."""
    lines = [ln.strip().rstrip(".") for ln in title.splitlines() if ln.strip()]
    parts = [". ".join(lines) + "."] if lines else []
    parts.append(f"Body map ({body_words(body)}), front and back view.")
    for view in VIEWS:
        sentences = _view_sentences(split_marks(marks, view), labels)
        parts.append(
            f"{ORIENT[view][0].upper()}{ORIENT[view][1:]}: " + (" ".join(sentences) if sentences else "nothing marked.")
        )
    return " ".join(parts)


def pattern_heading(symptom_key: str, side: str) -> str:
    """The title of a symptom's map; a contrast pattern says what it is."""
    sym = symptom(symptom_key)
    if is_contrast_pattern(sym):  # said first, so that a skimming reader cannot miss it
        return (
            f"{sym.title}: not an iliopsoas pattern\n"
            f"{contrast_kind(sym)[0].upper()}{contrast_kind(sym)[1:]} (patient's {side} side), "
            "shown for contrast"
        )
    return f"{sym.title}: problem on the patient's {side} side"


def referred_pain_alt_text(symptom_key: str, *, side: str = "left", extras: bool = False, body: str = "male") -> str:
    """Plain-language description of :func:`plot_referred_pain`."""
    st.check_choice("side", side, SIDES)
    sym = symptom(symptom_key)
    marks = symptom_marks(symptom_key, side, claimed=extras, contrast=extras)
    if sym.diagram == "lumbar_curve" or not marks:
        return (
            f"{sym.title}: there is no area of pain to map. The drawing shows the "
            f"lower spine seen from behind, leaning toward the patient's {side} as "
            f"the {side} psoas tightens: a functional, reversible lean, not "
            f"structural scoliosis."
        )
    return marks_alt_text(marks, body=body, title=pattern_heading(symptom_key, side), labels=role_labels(sym))
