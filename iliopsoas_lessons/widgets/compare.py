"""The comparison of maps ("Compare the maps", lesson 03): for one symptom and
side, small body maps side by side (stacked on a narrow screen): what the
evidence says, what the article claimed (where it named extra areas), and a
nerve pattern for contrast.  Each map has its title and its key in HTML text
(never clipped, readable at any size) and is a vector drawing that keeps
its alt text.
"""

from __future__ import annotations

import html
import itertools

import ipywidgets as w

from iliopsoas_lessons.content.models import Content
from iliopsoas_lessons.content.roles import ROLE_STYLES, contrast_text
from iliopsoas_lessons.figures.bodymap_svg import marks_map_svg, role_swatch_svg
from iliopsoas_lessons.figures.bodymap_text import marks_alt_text

from ._base import STATIC_NOTE, LessonWidget, _snapshot, refs_html
from ._state_common import course_or_package
from .state import ComparePanel, SymptomExplorerState, contrast_note

__all__ = ["SymptomExplorer", "panel_html"]

_INSTANCES = itertools.count(1)
MAX_PANELS = 3


def _key_html(panel: ComparePanel, prefix: str) -> str:
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
    alt = marks_alt_text(panel.marks, body=body, title=f"{panel.title}: {panel.subtitle}", labels=panel.labels)
    svg = marks_map_svg(tuple(panel.marks.items()), body=body, alt=alt, id_prefix=prefix)
    return (
        f'<figure class="il-compare-map il-compare-{panel.view}" style="margin:0;min-width:0;line-height:1.4">'
        f'<figcaption><strong style="font-size:1.1em">{html.escape(panel.title)}</strong><br>'
        f"<span>{html.escape(panel.subtitle[0].upper() + panel.subtitle[1:])}</span></figcaption>"
        f"{ORIENTATION_HTML}{svg}{_key_html(panel, prefix)}"
        f'<div class="il-compare-note">{_note_html(panel, course_or_package(course))}</div></figure>'
    )


class SymptomExplorer(LessonWidget):
    """Pick a body-map symptom, side and body; its maps appear side by side:
    the evidence, the article's claimed areas (where there are any) and a
    nerve pattern for contrast."""

    def __init__(
        self, key: str = "back_pain", *, side: str = "left", body: str = "male", course: Content | None = None
    ):
        from .symptoms import body_toggle, side_toggle  # the shared controls

        self.state = SymptomExplorerState(key, side=side, body=body, course=course)
        self._prefix = f"cmp{next(_INSTANCES)}"
        self.symptom = w.Dropdown(
            options=[(self.state.course.symptoms[k].title, k) for k in self.state.keys],
            value=self.state.key,
            description="Symptom:",
            tooltip="Choose the symptom to map",
        )
        self.side = side_toggle(self.state.side)
        self.body = body_toggle(self.state.body)
        self.heading = w.HTML()
        self.maps = [
            w.HTML(layout=w.Layout(flex="1 1 180px", min_width="170px", max_width="440px")) for _ in range(MAX_PANELS)
        ]
        for m in self.maps:
            m.add_class("il-compare-panel")
        self.row = w.HBox(
            self.maps, layout=w.Layout(flex_flow="row wrap", align_items="flex-start", grid_gap="1em", width="100%")
        )
        self.symptom.observe(self._on_symptom, names="value")
        self.side.observe(self._on_side, names="value")
        self.body.observe(self._on_body, names="value")
        self.box = w.VBox(
            [
                w.HBox([self.symptom, self.side], layout=w.Layout(flex_flow="row wrap")),
                self.body,
                self.heading,
                self.row,
            ]
        )
        self.box.add_class("il-symptom-explorer")
        self._update()

    def _on_symptom(self, change) -> None:
        self.state.set_symptom(change["new"])
        self._update()

    def _on_side(self, change) -> None:
        self.state.set_side(change["new"])
        self._update()

    def _on_body(self, change) -> None:
        self.state.set_body(change["new"])
        self._update()

    def _update(self) -> None:
        s = self.state
        note = contrast_note(s.symptom, s.course)
        lead = f"<p><strong>{html.escape(note.partition('. ')[0])}.</strong></p>" if note else ""
        panels = s.panels
        count = {1: "one map", 2: "two maps", 3: "three maps"}[len(panels)]
        self.heading.value = f"<h4>{html.escape(s.heading)}: {count} side by side</h4>{lead}"
        for i, m in enumerate(self.maps):
            if i < len(panels):
                m.value = panel_html(panels[i], body=s.body, prefix=f"{self._prefix}{panels[i].view}-", course=s.course)
                m.layout.display = None
            else:
                m.value = ""
                m.layout.display = "none"

    @property
    def row_html(self) -> str:
        """The maps shown now, as the page gets them."""
        return "".join(m.value for m in self.maps if m.layout.display != "none")

    def snapshot_html(self) -> str:
        """The current state as static HTML: the controls, then the maps side
        by side where the page is wide enough (stacked where it is not)."""
        self._check_open()
        controls = "".join(_snapshot(c) for c in self.box.children[:3])
        panels = "".join(
            f'<div style="flex:1 1 180px;min-width:170px;max-width:440px">{m.value}</div>' for m in self.maps if m.value
        )
        return (
            f'<div class="il-lesson-widget">{controls}'
            f'<div style="display:flex;flex-wrap:wrap;gap:1em;align-items:flex-start">{panels}</div>'
            f"<p><em>{STATIC_NOTE}</em></p></div>"
        )
