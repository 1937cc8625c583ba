"""The comparison of maps ("Compare the maps", lesson 03): for one symptom and
side, small body maps side by side (stacked on a narrow screen): what the
evidence says, what the article claimed (where it named extra areas), and a
nerve pattern for contrast.  Each map has its title and its key in HTML text
(never clipped, readable at any size) and is a vector drawing that keeps
its alt text.  Every choice of symptom, side and body is drawn once into a
state table (:mod:`.state_player`) that ``static/state_player.js`` plays.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from iliopsoas_lessons.content.models import Content, Symptom
from iliopsoas_lessons.content.roles import ROLE_STYLES, contrast_kind, contrast_text, is_contrast_pattern
from iliopsoas_lessons.content.roles import role_labels, symptom_marks

from ._base import STATIC_NOTE, refs_html
from ._state_common import _check_body, _check_side, _legend_roles, contrast_note, course_or_package, side_label
from ._state_table import ID_TOKEN, Control, Slot
from .state_player import TableWidget

__all__ = [
    "SymptomExplorer",
    "ComparePanel",
    "PANEL_TITLES",
    "compare_panels",
    "explorer_keys",
    "explorer_heading",
    "panel_html",
]

MAX_PANELS = 3
PANEL_TITLES = {
    "evidence": "What the evidence says",
    "article": "What the article claimed",
    "contrast": "A nerve pattern, for contrast",
}


@dataclass(frozen=True)
class ComparePanel:
    """One of the maps the comparison shows side by side."""

    view: str  # evidence, article or contrast
    title: str
    subtitle: str
    symptom: str  # whose pattern the map shows
    marks: dict = field(hash=False)  # {region id: role}
    labels: dict = field(hash=False)  # {role: legend label} where the symptom names its own marks

    @property
    def legend_roles(self) -> tuple[str, ...]:
        return _legend_roles(self.marks)


def explorer_keys(course: Content) -> tuple[str, ...]:
    """The symptoms drawn on the body map (the ones the comparison offers)."""
    return tuple(s.key for s in course.symptoms if s.diagram == "body_map")


def check_symptom(course: Content, key) -> str:
    keys = explorer_keys(course)
    if not isinstance(key, str) or key not in keys:
        raise LookupError(f"unknown body-map symptom {key!r}; valid: {', '.join(keys)}")
    return key


def explorer_heading(symptom: Symptom, side: str) -> str:
    return f"{symptom.title} ({side_label(side)} side)"


def compare_panels(course: Content, key: str, side: str) -> tuple[ComparePanel, ...]:
    """The maps to compare, side by side: the evidence; the article's extra
    areas, where it named any; and a contrasting nerve pattern (the symptom's
    own contrast, or else the course's contrast pattern, the S1 one beside the
    femoral one).  A contrast pattern's own map already shows its contrast,
    so it is not repeated."""
    s = course.symptoms[check_symptom(course, key)]
    side = _check_side(side)
    own = "where the evidence places it"
    if is_contrast_pattern(s):
        own = f"{contrast_kind(s, course)} shown for contrast, not an iliopsoas pattern"
    labels = role_labels(s, course)
    out = [ComparePanel("evidence", PANEL_TITLES["evidence"], own, s.key, symptom_marks(s, side), labels)]
    if s.article_regions:
        out.append(
            ComparePanel(
                "article",
                PANEL_TITLES["article"],
                "the evidence, with the areas the article added",
                s.key,
                symptom_marks(s, side, claimed=True),
                labels,
            )
        )
    other = next((x for x in course.symptoms if is_contrast_pattern(x)), None)
    if s.contrast_regions and not is_contrast_pattern(s):
        out.append(
            ComparePanel(
                "contrast",
                PANEL_TITLES["contrast"],
                "beside a different condition's pattern",
                s.key,
                symptom_marks(s, side, contrast=True),
                labels,
            )
        )
    elif other is not None and not is_contrast_pattern(s):
        out.append(
            ComparePanel(
                "contrast",
                PANEL_TITLES["contrast"],
                f"{other.title}: {contrast_kind(other, course)}, not an iliopsoas pattern",
                other.key,
                symptom_marks(other, side),
                role_labels(other, course),
            )
        )
    return tuple(out)


def _key_html(panel: ComparePanel, prefix: str) -> str:
    from iliopsoas_lessons.figures.bodymap_svg import role_swatch_svg  # drawn only when no table is shipped

    items = []
    for role in panel.legend_roles:
        label = " ".join(panel.labels.get(role, ROLE_STYLES[role]["label"]).split())
        swatch = role_swatch_svg(role, id_prefix=f"{prefix}{role}-")
        items.append(
            f'<li style="display:flex;gap:0.4em;align-items:center;margin:0.15em 0">'
            f'<span style="flex:none;width:2.4em" aria-hidden="true">{swatch}</span>'
            f"<span>{html.escape(label)}</span></li>"
        )
    return f'<ul class="il-compare-key" style="list-style:none;margin:0.3em 0;padding:0">{"".join(items)}</ul>'


def _note_html(panel: ComparePanel, course: Content) -> str:
    sym = course.symptoms[panel.symptom]
    if panel.view == "article":
        claims = [course.claims[k] for k in sym.claims if course.claims[k].is_error]
        return "".join(
            f"<p><strong>Verdict: {html.escape(c.verdict)}.</strong> "
            f"{html.escape(c.evidence)}{refs_html(c.references)}</p>"
            for c in claims[-1:]
        )
    if panel.view == "contrast":
        femoral = course.figure_texts["femoral_pattern"]
        return f"<p>{html.escape(femoral.text)}{refs_html(femoral.references)}</p>"
    own = contrast_text(sym, course)
    if own is not None:
        return f"<p>{html.escape(own.text)}{refs_html(own.references)}</p>"
    return f"<p>{html.escape(sym.feel.text)}{refs_html(sym.feel.references)}</p>"


# The drawing's two halves, named in HTML above them (the patient's sides as
# they fall in each view: facing you, their right is on your left).
_ORIENTATION = "".join(
    f'<div><strong>{view}</strong><div style="display:flex;justify-content:space-between">'
    f"<span>{left}</span><span>{right}</span></div></div>"
    for view, left, right in (
        ("Front, facing you", "patient's right", "patient's left"),
        ("Back, from behind", "patient's left", "patient's right"),
    )
)
ORIENTATION_HTML = (
    f'<div class="il-compare-orientation" style="display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);'
    f'gap:0.6em;font-size:0.9em;text-align:center">{_ORIENTATION}</div>'
)


def panel_html(panel: ComparePanel, *, body: str, prefix: str, course: Content | None = None) -> str:
    """One map: its title and subtitle, the drawing (with alt text) and its key
    (the notes from ``course``, default: the package's)."""
    # imported here: the package's table is shipped, so a lesson draws no map
    from iliopsoas_lessons.figures.bodymap_svg import marks_map_svg
    from iliopsoas_lessons.figures.bodymap_text import marks_alt_text

    alt = marks_alt_text(panel.marks, body=body, title=f"{panel.title}: {panel.subtitle}", labels=panel.labels)
    svg = marks_map_svg(tuple(panel.marks.items()), body=body, alt=alt, id_prefix=prefix)
    return (
        f'<figure class="il-compare-map il-compare-{panel.view}" style="margin:0;min-width:0;line-height:1.4">'
        f'<figcaption><strong style="font-size:1.1em">{html.escape(panel.title)}</strong><br>'
        f"<span>{html.escape(panel.subtitle[0].upper() + panel.subtitle[1:])}</span></figcaption>"
        f"{ORIENTATION_HTML}{svg}{_key_html(panel, prefix)}"
        f'<div class="il-compare-note">{_note_html(panel, course_or_package(course))}</div></figure>'
    )


class SymptomExplorer(TableWidget):
    """Pick a body-map symptom, side and body; its maps appear side by side:
    the evidence, the article's claimed areas (where there are any) and a
    nerve pattern for contrast. One anywidget (``static/state_player.js``)
    plays the table of every state."""

    SLOTS = (Slot("heading", "head"), *(Slot(f"map{i + 1}", "figure") for i in range(MAX_PANELS)))
    CSS = "il-symptom-explorer"
    PICTURES = False

    def __init__(
        self, key: str = "back_pain", *, side: str = "left", body: str = "male", course: Content | None = None
    ):
        check_symptom(course_or_package(course), key)
        super().__init__(course, {"symptom": key, "side": _check_side(side), "body": _check_body(body)})

    @classmethod
    def table_controls(cls, course: Content) -> list[Control]:
        from .symptoms import body_control, side_control  # the steppers' own controls

        keys = explorer_keys(course)
        return [
            Control(
                "select",
                "symptom",
                "Symptom",
                keys,
                tuple(course.symptoms[k].title for k in keys),
                extra={"tip": "Choose the symptom to map"},
            ),
            side_control(),
            body_control(),
        ]

    def set(self, **values):
        """Set controls by name; an unknown symptom, side or body names the valid ones."""
        if "symptom" in values:
            check_symptom(self.course, values["symptom"])
        if "side" in values:
            _check_side(values["side"])
        if "body" in values:
            _check_body(values["body"])
        return super().set(**values)

    @classmethod
    def render(cls, course: Content, values: dict) -> dict:
        s, side, body = course.symptoms[values["symptom"]], values["side"], values["body"]
        note = contrast_note(s, course)
        lead = f"<p><strong>{html.escape(note.partition('. ')[0])}.</strong></p>" if note else ""
        panels = compare_panels(course, s.key, side)
        count = {1: "one map", 2: "two maps", 3: "three maps"}[len(panels)]
        out = {"heading": f"<h4>{html.escape(explorer_heading(s, side))}: {count} side by side</h4>{lead}"}
        for i in range(MAX_PANELS):
            out[f"map{i + 1}"] = (
                panel_html(panels[i], body=body, prefix=f"{ID_TOKEN}{panels[i].view}-", course=course)
                if i < len(panels)
                else ""
            )
        return out

    # -- what it shows now ------------------------------------------------------------
    @property
    def symptom(self) -> Symptom:
        return self.course.symptoms[self.values["symptom"]]

    @property
    def panels(self) -> tuple[ComparePanel, ...]:
        return compare_panels(self.course, self.values["symptom"], self.values["side"])

    @property
    def heading(self) -> str:
        return explorer_heading(self.symptom, self.values["side"])

    @property
    def row_html(self) -> str:
        """The maps shown now, as the page gets them."""
        return "".join(self.shown(f"map{i + 1}") for i in range(MAX_PANELS))

    def snapshot_html(self) -> str:
        """The current state as static HTML: the controls, the heading, then the
        maps (vector drawings with their alt text) side by side where the page
        is wide enough, stacked where it is not."""
        self._check_open()
        panels = "".join(
            f'<div style="flex:1 1 180px;min-width:170px;max-width:440px">{m}</div>'
            for m in (self.shown(f"map{i + 1}") for i in range(MAX_PANELS))
            if m
        )
        return (
            f'<div class="il-lesson-widget">{self._controls_html()}{self.shown("heading")}'
            f'<div style="display:flex;flex-wrap:wrap;gap:1em;align-items:flex-start">{panels}</div>'
            f"<p><em>{STATIC_NOTE}</em></p></div>"
        )

    def picture(self, positions) -> str:
        raise TypeError("the maps compared are vector drawings; the snapshot shows them as they are")
