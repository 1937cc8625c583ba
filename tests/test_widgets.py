"""The lesson widgets, driven like a learner would (clicks, values), without a browser.

What is shown must always match the selection: titles, "k of n", the figure's
highlighted artists and alt text, and the PNG (which changes when the
selection changes). The figure object is updated in place, never replaced.
"""

from __future__ import annotations

import html

import re
from urllib.parse import unquote

import matplotlib
import pytest

matplotlib.use("Agg")

import anywidget
import ipywidgets as w

import iliopsoas_lessons as il
from iliopsoas_lessons.widgets import (
    AnatomyExplorer,
    HipAngleExplorer,
    MechanismStepper,
    MyResults,
    PainMapExercise,
    Quiz,
    RedFlagCases,
    SymptomExplorer,
    SymptomStepper,
    show_claims,
    show_disclaimer,
    show_lesson_map,
    show_mechanism_table,
    show_muscle_table,
    show_red_flags,
    show_references,
)
from iliopsoas_lessons.content import lessons as ld
from iliopsoas_lessons.content import text
from iliopsoas_lessons.content.roles import ROLE_STYLES
from iliopsoas_lessons.figures.mechanism_scenes import LESION_GIDS
from iliopsoas_lessons.widgets._base import html_to_text
from iliopsoas_lessons.widgets.compare import explorer_keys
from iliopsoas_lessons.widgets.state_player import TableWidget

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
ALL = [
    SymptomStepper,
    SymptomExplorer,
    AnatomyExplorer,
    HipAngleExplorer,
    MechanismStepper,
    RedFlagCases,
    Quiz,
    PainMapExercise,
    MyResults,
]


def _visible(patches):
    return {k for k, p in patches.items() if p.get_visible()}


@pytest.fixture
def stepper():
    s = SymptomStepper()
    yield s
    s.close()


# ------------------------------------------------------------------ composition


@pytest.mark.parametrize("cls", ALL, ids=lambda c: c.__name__)
def test_each_widget_displays_a_widget_view_with_html_and_text_fallbacks(cls):
    widget = cls()
    bundle = widget._repr_mimebundle_()
    # the displayed view is the lesson's one anywidget itself: no box around it
    assert isinstance(widget.widget, anywidget.AnyWidget) and not isinstance(widget.widget, w.Box)
    assert bundle[WIDGET_VIEW]["model_id"] == widget.widget.model_id
    assert "il-lesson" in widget.widget._dom_classes  # marks a live lesson view in the page
    html, text = bundle["text/html"], bundle["text/plain"]
    assert len(text) > 80 and "<" not in text
    if hasattr(widget, "panel") or (isinstance(widget, TableWidget) and widget.PICTURES):
        # a picture of the current state, with its alt text, readable without a kernel
        assert '<img src="data:image/png;base64,' in html and 'alt="' in html
        assert "[Figure: " in text
    widget.close()
    assert widget.widget.comm is None and widget.closed
    with pytest.raises(RuntimeError, match="closed"):
        widget._repr_mimebundle_()


@pytest.mark.parametrize("cls", ALL, ids=lambda c: c.__name__)
def test_each_module_brings_its_stylesheet_and_the_figures_get_the_lessons_rules(cls):
    """With no hidden stylesheet widget, a module's CSS reaches the page as its
    anywidget ``_css``; the figure widgets' carries lessons.css (background and
    overlay stacked in one cell) before the player's own rules."""
    from iliopsoas_lessons.widgets._base import LESSONS_CSS

    widget = cls()
    css = widget.widget._css
    assert isinstance(css, str) and "{" in css, cls.__name__
    if isinstance(widget, TableWidget):
        assert css.startswith(LESSONS_CSS) and ".il-figure > .il-figure-background" in css
        assert ".ilsp-figure-frame" in css  # then the player's own
    widget.close()


def test_more_cases_shows_the_sentence_then_each_player_as_its_own_output(monkeypatch):
    from IPython.core import display_functions
    from IPython.core.interactiveshell import InteractiveShell

    from iliopsoas_lessons.widgets import MoreCases

    shown = []
    monkeypatch.setattr(display_functions, "publish_display_data", lambda data, **kw: shown.append(data))
    more = MoreCases([c.key for c in il.course().cases][1:])
    assert len(more.players) == 1
    fresh = not InteractiveShell.initialized()
    InteractiveShell.instance()  # display() formats only inside a shell, as in a kernel
    try:
        display_functions.display(more)
    finally:
        if fresh:
            InteractiveShell.clear_instance()
    assert [sorted(d) for d in shown] == [["text/html", "text/plain"], [WIDGET_VIEW, "text/html", "text/plain"]]
    assert shown[1][WIDGET_VIEW]["model_id"] == more.players[0].widget.model_id
    every = MoreCases([c.key for c in il.course().cases])
    assert every._repr_mimebundle_() == {
        "text/html": every.snapshot_html(),
        "text/plain": "Every case of the course is above.",
    }
    more.close()
    assert more.players[0].closed and more.players[0].widget.comm is None


def test_every_control_is_labelled_for_keyboard_and_screen_reader_users():
    for cls in ALL:
        widget = cls()
        for control in getattr(widget, "controls", ()):  # a table's controls: the page's labels and tips
            assert control.label and len(control.options) == len(control.values), (cls.__name__, control)
            if control.type == "step":
                assert control.extra["previous_tip"] and control.extra["next_tip"], (cls.__name__, control)
            elif control.type == "radios":
                assert len(control.tips) == len(control.values) and all(control.tips), (cls.__name__, control)
        # no ipywidgets control is left to label: the module draws every control (node --test checks them)
        assert not getattr(widget.widget, "children", ()), cls.__name__
        widget.close()


# ------------------------------------------------------------------ symptom stepper


def _layers(markup):
    """(picture, alt) of a figure slot as the page gets it: a static background
    under an overlay of what changed, whose accessible name is the alt text."""
    background, overlay = re.search(
        r'<div class="il-figure-background">(.*?)</div><div class="il-figure-overlay">(.*?)</div></div>$', markup, re.S
    ).groups()
    assert background.startswith("<svg") and 'aria-hidden="true"' in background, background[:200]
    m = re.match(r'<svg [^>]*role="img" aria-label="([^"]*)"', overlay)
    assert m, overlay[:200]
    return background + overlay, m.group(1)


def test_stepper_shows_each_symptom_on_each_side(stepper):
    seen = set()
    for side in ("left", "right"):
        stepper.set(side=side)
        for k, sym in enumerate(il.symptoms()):
            stepper.go_to(k)
            title, details = stepper.shown("title"), stepper.shown("details")
            assert f"Symptom {k + 1} of 5" in title
            assert f"<h3>{sym.title}</h3>" in title
            assert stepper.state.key == sym.key and stepper.state.side == side
            svg, alt = _layers(stepper.shown("figure"))
            assert sym.title in alt and f"patient&#x27;s {side}" in alt
            # the drawing marks exactly the state's regions (each zone keeps its region id)
            for region in sym.regions_for(side):
                assert f'id="ilsp0-{region}' in svg or region in svg, (sym.key, region)
            assert sym.feel.text.split(".")[0] in html_to_text(details)
            for claim in sym.claims:
                assert f"Verdict: {il.claim(claim).verdict}" in details
            seen.add(svg)
    assert len(seen) == 10  # every symptom x side gives a different picture


def test_stepper_stays_consistent_over_many_changes(stepper):
    import random

    rng = random.Random(7)
    for _ in range(60):
        stepper.set(index=rng.randrange(5), side=rng.choice(("left", "right")), body=rng.choice(("male", "female")))
        v = stepper.values
        assert stepper.widget.position == [
            v["index"],
            ("left", "right").index(v["side"]),
            ("male", "female").index(v["body"]),
        ]
        assert (stepper.state.index, stepper.state.side, stepper.state.body) == (v["index"], v["side"], v["body"])
        _, alt = _layers(stepper.shown("figure"))
        assert stepper.state.symptom.title in alt and f"patient&#x27;s {v['side']}" in alt


def test_figure_changes_with_the_selection_and_repeats_for_the_same_selection(stepper):
    first, _ = _layers(stepper.shown("figure"))
    stepper.set(side="right")
    right, _ = _layers(stepper.shown("figure"))
    assert right != first
    stepper.set(side="left")
    again, _ = _layers(stepper.shown("figure"))
    assert again == first
    assert _layers(SymptomStepper().shown("figure"))[0] == first  # a second widget: the same drawing


def _svg_alts(widget):
    """The alt text of each map the comparison shows, as the page gets it."""
    return [html.unescape(m) for m in re.findall(r'<svg[^>]*aria-label="([^"]*)"', widget.row_html)]


def test_symptom_explorer_shows_its_maps_side_by_side_for_every_symptom_and_side():
    e = SymptomExplorer()
    maps = lambda: [e.shown(f"map{i + 1}") for i in range(3)]  # noqa: E731  (the page hides an empty one)
    for key in explorer_keys(e.course):
        e.set(symptom=key)
        for side in ("left", "right"):
            e.set(side=side)
            panels = e.panels
            shown = [m for m in maps() if m]
            assert len(shown) == len(panels) and maps()[len(panels) :] == [""] * (3 - len(panels))
            alts = _svg_alts(e)
            assert len(alts) == len(panels)
            for panel, m, alt in zip(panels, shown, alts):
                assert panel.title in m and alt.startswith(f"{panel.title}: ")
                assert f"patient's {side}" in alt
                for role in panel.legend_roles:  # each map has its own key
                    label = " ".join(panel.labels.get(role, ROLE_STYLES[role]["label"]).split())
                    assert html.escape(label) in m, (key, role)
            assert f"{html.escape(e.heading)}: " in e.shown("heading")
    e.set(symptom="back_pain", side="left")
    assert [p.view for p in e.panels] == ["evidence", "article", "contrast"]
    assert "three maps side by side" in e.shown("heading")
    claimed = {k for k, r in e.panels[1].marks.items() if r == "claimed"}
    assert {il.region(k).zone for k in claimed} == {"lateral_hip", "thoracic_paraspinal"}
    assert "claimed by the article, not supported by evidence" in " ".join(_svg_alts(e)[1].lower().split())
    # the contrast map: the S1 pattern beside the femoral one, each named in its key
    third = e.shown("map3")
    assert "S1 nerve-root pattern" in third and "femoral nerve pattern (L2-L4)" in third
    e.set(symptom="sciatic_pain")  # a contrast pattern already shows its contrast: one map
    assert [p.view for p in e.panels] == ["evidence"] and e.shown("map2") == ""
    assert "Not an iliopsoas pattern" in e.shown("heading")
    e.set(body="female")
    assert e.values["body"] == "female" and _svg_alts(e)[0].count("(female body)") == 1
    assert e.widget.position == [3, 0, 1]  # what the page is told
    e.close()


# ------------------------------------------------------------------ anatomy


def test_anatomy_explorer_highlights_what_is_selected():
    a = AnatomyExplorer()
    fig = a.figure_for_snapshot(a.values)
    pngs = set()
    features = a.controls[1].values
    for muscle in il.muscles():
        a.set(muscle=muscle.key)
        for feature in features:
            a.set(feature=feature)
            assert a.figure_for_snapshot(a.values) is fig  # one figure, switched in place
            assert fig.highlight == a.parts
            assert {k for k, p in fig.overlays.items() if p.get_visible()} == set(a.parts)
            assert a.fact.text.split(";")[0][:40] in html_to_text(a.shown("fact")).replace("\n", " ")
            png, alt = _layers(a.shown("figure"))
            pngs.add(png)
            assert "Highlighted:" in alt and html.unescape(alt) == fig.alt_text
    assert len(pngs) >= 6
    a.set(muscle="psoas_major")
    assert "(disputed)" in a.shown("fact")  # disputed actions are flagged in words
    a.close()


@pytest.mark.parametrize("angle", [-30, -15, 0, 5, 45, 90, 120])
def test_hip_angle_slider_moves_the_same_figure(angle):
    h = HipAngleExplorer()
    fig = h.figure_for_snapshot(h.values)
    h.set(angle=angle)
    assert h.figure_for_snapshot(h.values) is fig and fig.angle == angle == h.angle
    assert f"{100 * h.length_ratio:.0f} %" in h.shown("readout")
    _, alt = _layers(h.shown("figure"))
    assert "Side view across the hip" in alt
    h.close()


def test_hip_angle_extremes_and_rapid_changes():
    h = HipAngleExplorer()
    start, _ = _layers(h.shown("figure"))
    angles = h.controls[0].values
    assert (angles[0], angles[-1]) == (-30, 120)
    h.set(angle=angles[0])
    stretched = h.length_ratio
    h.set(angle=angles[-1])
    assert h.length_ratio < 1 < stretched
    for i in range(50):
        h.set(angle=-30 + (i * 35) % 150)
    assert h.figure_for_snapshot(h.values).angle == h.angle == h.controls[0].values[h.widget.position[0]]
    h.set(angle=0)
    assert _layers(h.shown("figure"))[0] == start
    h.close()


# ------------------------------------------------------------------ mechanisms


def test_mechanism_stepper_draws_the_side_the_learner_picks():
    m = MechanismStepper(4)
    assert m.values["side"] == "right" and "patient's right side" in html_to_text(m.shown("title"))
    m.set(side="left")
    _, alt = _layers(m.shown("figure"))
    assert m.state.side == "left" and "patient's left side" in html.unescape(alt)
    assert "patient's left side" in html_to_text(m.shown("title"))
    m.go_to(5)
    _, alt = _layers(m.shown("figure"))
    assert "patient's left side" in html.unescape(alt)
    with pytest.raises(ValueError, match="choose one of: left, right"):
        MechanismStepper(side="both")
    m.close()


def test_mechanism_stepper_walks_every_mechanism_with_its_picture():
    m = MechanismStepper()
    n = len(il.mechanisms())
    seen = set()
    for k, mech in enumerate(il.mechanisms()):
        m.go_to(k)
        assert f"Mechanism {k + 1} of {n}" in m.shown("title")
        assert mech.title in m.shown("title")
        # its own lesion drawn, no other (the live figure the table was drawn with)
        fig = m.figure_for_snapshot(m.values)
        assert fig.mechanism == mech.key
        shown = {gid for gid, a in fig.lesions.items() if a.get_visible() and a.axes.get_visible()}
        assert shown == set(LESION_GIDS[mech.key])
        svg, alt = _layers(m.shown("figure"))
        assert alt.startswith(mech.title) and "patient's right side" in html.unescape(alt)
        seen.add(svg)
        if mech.grades:
            assert "Grade 3" in m.shown("details")
    assert len(seen) == n
    step = m.table["controls"][0]
    assert (step["type"], step["count"]) == ("step", n)
    assert (step["previous_tip"], step["next_tip"]) == ("Go to the previous mechanism", "Go to the next mechanism")
    m.close()


# ------------------------------------------------------------------ exercises


def _press(widget, position: int):
    """What the page sends when the learner presses the option shown at
    ``position`` of the current item (exercises.js): the answers so far plus
    that option's answer, unless it is the same wrong answer again before the
    reveal (the page sends nothing then)."""
    item = widget.widget.items[widget.widget.index]
    attempts = {k: list(v) for k, v in widget.widget.attempts.items()}
    answer = item["options"][position]["answer"]
    tried = attempts.get(item["key"], [])
    if answer in tried and not widget.state.revealed:
        return
    attempts[item["key"]] = [*tried, answer]
    widget.widget.attempts = attempts


def test_red_flag_cases_give_feedback_in_words_for_each_case():
    r = RedFlagCases()
    assert r.widget.kind == "cases" and r.widget.texts["prompt"] == "How urgent is it? Choose a level."
    assert r.widget.texts["counter"].format(k=1, n=len(ld.cases())) == f"Case 1 of {len(ld.cases())}"
    levels = [l.key for l in il.urgency_levels()]
    for k, case in enumerate(ld.cases()):
        item = r.widget.items[k]
        assert r.widget.index == k and item["prompt"] == case.story
        assert [o["label"] for o in item["options"]] == [l.label for l in il.urgency_levels()]
        # a faster level the case calls safe is accepted, not wrong (round 11 A M-2)
        wrong = [level for level in levels if not r.state._is_correct(case, level)]
        _press(r, levels.index(wrong[0]))
        fb = r.state.feedback.text
        assert fb.startswith("Not yet.") and "than it needs" in fb
        # the advice as the case's flag shows it (a flag that goes now has its own wording)
        advice = text.case_level(case).patient_advice
        assert "Try again" in fb and advice not in fb
        _press(r, levels.index(wrong[1]))  # the second answer shows the level and why
        assert advice in r.state.feedback.text
        _press(r, levels.index(case.urgency))
        assert r.state.feedback.text.startswith("Correct.")
        r.widget.index = min(k + 1, r.state.count - 1)  # the page's Next
    assert r.state.score_text == f"First try: 0 of {len(ld.cases())} correct ({len(ld.cases())} answered)"
    for _ in range(r.state.count):  # walk back over every case, however many there are
        r.answer("emergency")
        r.widget.index = max(r.widget.index - 1, 0)
    assert r.state.at_start
    r.close()


def test_quiz_feedback_words_order_second_try_and_first_try_score():
    q = Quiz(seed=0)
    assert [x.key for x in q.state.items] == [x.key for x in ld.questions()]
    assert q.widget.texts["prompt"].startswith("Choose an answer")
    for k, question in enumerate(ld.questions()):
        q.go_to(k)
        item = q.widget.items[k]
        assert [o["label"][3:] for o in item["options"]] == [question.options[i].text for i in q.state.order]
        wrong = (question.answer + 1) % len(question.options)
        fb = q.choose(wrong)
        assert fb.verdict == "Not yet" and "Try again" in fb.explanation and not q.state.revealed
        assert question.correct_option not in fb.explanation
        fb = q.choose(question.answer)
        assert fb.correct and question.explanation in fb.explanation
    assert q.state.score_text == f"First try: 0 of {len(ld.questions())} correct ({len(ld.questions())} answered)"
    assert q.widget.attempts == {x.key: [(x.answer + 1) % len(x.options), x.answer] for x in ld.questions()}
    assert len(Quiz("01_anatomy").state.items) < len(ld.questions())
    q.close()


def test_quiz_options_pressed_on_the_page_answer_the_option_they_show():
    q = Quiz("03_symptoms", seed=0)
    question = q.state.question
    right = q.state.order.index(question.answer)
    wrong = [p for p in range(len(question.options)) if p != right]
    _press(q, wrong[0])
    assert q.state.tried == (q.state.order[wrong[0]],) and "Try again" in q.state.feedback.text
    assert question.options[q.state.order[wrong[0]]].feedback in q.state.feedback.text
    _press(q, wrong[0])  # the same wrong answer again: nothing is sent, no try is used
    _press(q, wrong[1])
    assert q.state.revealed and f"The answer is: {question.correct_option}." in q.state.feedback.text
    assert q.state.score_text.startswith("First try: 0 of")
    q.widget.index = 1
    _press(q, q.state.order.index(q.state.question.answer))
    assert q.state.feedback.correct and q.state.score_text.startswith("First try: 1 of")
    q.close()


# (the pain map, a custom front-end widget, is tested in tests/test_painmap.py)


# ------------------------------------------------------------------ text helpers


def test_text_helpers_render_from_the_content():
    for lesson in ld.lessons():
        refs = show_references(lesson.key).markdown
        for key in ld.lesson_references(lesson.key):
            ref = il.reference(key)
            # each identifier is a link with its label as shown in the citation (DOI, PMID, page)
            # (each link in italics: *[label](address)*)
            shown_plain = html.unescape(re.sub(r"\\(.)", r"\1", re.sub(r"\*\[([^\]]*)\]\([^)\s]+\)\*", r"\1", refs)))
            assert ref.citation in shown_plain.replace("`", "") and f"**{key}** ({ref.evidence_label})" in refs
            targets = {unquote(t) for t in re.findall(r"\]\((https?://[^)\s]+)\)", refs)}
            if ref.doi:
                assert f"https://doi.org/{ref.doi}" in targets, key
            if ref.pmid:
                assert f"https://pubmed.ncbi.nlm.nih.gov/{ref.pmid}/" in targets, key
            if ref.url:
                assert unquote(ref.url) in targets, key  # targets are unquoted above
        # no bare address outside a link's destination (a renderer would make it a link on its own)
        assert "http" not in re.sub(r"\[[^\]]*\]\(https?://[^)\s]+\)", "", refs).replace("`http", "")
    lesson_map = show_lesson_map("03_symptoms").markdown
    assert all(f"({l.file})" in lesson_map for l in ld.lessons()) and "you are here" in lesson_map
    assert "(disputed)" in show_muscle_table().markdown
    assert "grade 3" in show_mechanism_table().markdown
    assert "cauda equina" in show_red_flags().markdown
    assert "**wrong**" in show_claims(["inserts_on_vertebrae"]).markdown
    assert il.DISCLAIMER in show_disclaimer().markdown
    assert repr(show_disclaimer()) == show_disclaimer()._repr_markdown_()


def test_widget_text_reports_the_articles_claims_only_with_attribution():
    from iliopsoas_lessons.content.checks import article_errors

    s = SymptomStepper()
    for k in range(5):
        assert article_errors(html_to_text(s.go_to(k).snapshot_html())) == [], s.state.key
    s.close()
    e = SymptomExplorer()
    for key in explorer_keys(e.course):
        e.set(symptom=key)
        assert article_errors(html_to_text(e.snapshot_html())) == []
    e.close()


# ------------------------------------------------------------------ bad input and closed widgets


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), -float("inf")])
def test_hip_angle_explorer_refuses_nan_and_inf_naming_the_range(bad):
    with pytest.raises(ValueError, match=r"hip angle must be a finite number from -30 to 120 degrees"):
        HipAngleExplorer(bad)


def test_hip_angle_explorer_starts_at_the_offered_angle_nearest_the_one_asked():
    """The slider offers every 5 degrees (each drawn once into the table)."""
    h = HipAngleExplorer(7.4)
    assert h.angle == h.figure_for_snapshot(h.values).angle == 5 and h.widget.position == [7]
    assert "hip flexed 5°" in h.shown("readout")
    h.close()
    h = HipAngleExplorer(500)  # outside the range: pulled to the nearest end, as the slider is
    assert h.angle == 120 and h.widget.position == [30]
    h.close()


def test_symptom_explorer_has_no_view_switch_any_more():
    """All its maps are shown side by side (issue 11): there is no view to choose."""
    with pytest.raises(TypeError):
        SymptomExplorer("sciatic_pain", view="contrast")
    with pytest.raises(LookupError, match="unknown body-map symptom 'knee'; valid: back_pain"):
        SymptomExplorer("knee")


@pytest.mark.parametrize("cls", ALL, ids=lambda c: c.__name__)
def test_a_closed_widget_says_so_when_displayed(cls):
    widget = cls()
    assert not widget.closed
    widget.close()
    widget.close()  # a second close does nothing more
    assert widget.closed
    for show in (widget._repr_mimebundle_, widget.snapshot_html):
        with pytest.raises(RuntimeError, match=rf"this {cls.__name__} was closed; create a new one"):
            show()


@pytest.mark.parametrize(
    "cls, key, index",
    [
        (RedFlagCases, ld.cases()[3].key, 3),
        (Quiz, ld.questions()[4].key, 4),
    ],
    ids=lambda x: getattr(x, "__name__", None),
)
def test_stepper_widgets_go_to_a_key_or_index_and_refuse_bad_ones(cls, key, index):
    widget = cls()
    # the exercises' page draws its own bar from the index (exercises.js)
    shown = (lambda: widget.widget.index) if hasattr(widget, "widget") else (lambda: widget.progress.value)
    at = (
        (lambda i: i)
        if hasattr(widget, "widget")
        else (lambda i: widget.nav.progress_text.replace(f"{widget.state.index + 1} of", f"{i + 1} of"))
    )
    widget.go_to(key)
    assert widget.state.index == index and shown() == at(index)
    widget.go_to(0)
    assert widget.state.at_start
    for bad in (True, 1.0, widget.state.count, -1, None):
        with pytest.raises(ValueError, match=rf"0 to {widget.state.count - 1}"):
            widget.go_to(bad)
    with pytest.raises(LookupError, match="choose one of: "):
        widget.go_to("nope")
    assert widget.state.index == 0 and shown() == at(0)
    widget.close()


@pytest.mark.parametrize(
    "cls, noun", [(RedFlagCases, "case"), (Quiz, "question")], ids=lambda x: getattr(x, "__name__", None)
)
def test_the_exercises_bar_names_its_items(cls, noun):
    texts = cls().widget.texts
    assert (texts["previous"], texts["next"]) == ("Previous", "Next")
    assert (texts["previous_tip"], texts["next_tip"]) == (f"Go to the previous {noun}", f"Go to the next {noun}")
    assert texts["counter"] == f"{noun.capitalize()} {{k}} of {{n}}"


def test_quiz_choose_refuses_options_that_do_not_exist():
    q = Quiz("03_symptoms")
    n = len(q.state.question.options)
    for bad in (n, -1, True, "1", None):
        with pytest.raises(ValueError, match=rf"option must be 0-{n - 1}"):
            q.choose(bad)
    assert q.state.answers == {} and q.widget.attempts == {}
    assert q.choose(q.state.question.answer).correct
    assert q.widget.attempts == {q.state.question.key: [q.state.question.answer]}
    q.close()


def test_widget_options_are_keyword_only_after_the_data():
    import inspect

    for cls in ALL:
        params = [p for p in inspect.signature(cls).parameters.values()]
        positional = [p.name for p in params if p.kind is p.POSITIONAL_OR_KEYWORD]
        assert len(positional) <= 1, (cls.__name__, positional)
        assert all(p.kind is p.KEYWORD_ONLY for p in params[len(positional) :]), cls.__name__
    with pytest.raises(TypeError):
        SymptomExplorer("back_pain", "right")
    with pytest.raises(ValueError, match="not the single string"):
        PainMapExercise(marked="groin_left")


def test_widget_attributes_use_no_show_prefix():
    """``show_*`` names are kept for functions that produce something to display
    (the content layer's Markdown builders); a control is named for what it is."""
    for cls in ALL:
        widget = cls()
        assert [a for a in vars(widget) if a.startswith("show")] == [], cls.__name__
        widget.close()


def test_the_rarer_conditions_table_shows_each_ones_level_from_the_data():
    # review round 23, B minor 2: the side-by-side table had no urgency row
    import dataclasses
    from types import SimpleNamespace

    keys = ("avulsion", "abscess", "haematoma")
    course = il.course()
    row = show_mechanism_table(keys).markdown.splitlines()[-1]
    assert row.startswith("| **How urgent** |")
    cells = [c.strip() for c in row.strip("|").split("|")[1:]]
    for cell, key in zip(cells, keys, strict=True):
        assert cell.startswith(course.urgency[course.mechanisms[key].urgency].label), (key, cell)
    # round 39 D minor 4: the top of the scale cannot be raised, so the haematoma's
    # cell names what steps up instead: the ambulance, from the bleeding flag's signs
    # round 41 D minor 2: the level stands alone (the flags' destination first); the shock
    # signs are the reason for the ambulance, not a condition of the emergency
    # the groin false-aneurysm sign, also on the haematoma page, adds its own ambulance line for a
    # swelling that bleeds past firm pressure or with signs of shock
    # each ambulance line names its own sign: the cell shows no line before it for "such" to point to
    # round 62 B m-3: the page shows the children's signs too, so their children's emergency
    # department joins the adult one
    assert cells[2] == (
        "Emergency now (an emergency department now or a children's emergency department now; for a "
        "possible bleed into the muscle with feeling faint, "
        "pale, sweaty or confused, a fast pulse or collapse: call 999 for an ambulance, do not drive; for a "
        "groin swelling after a needle or catheter there, or a pulsing groin lump, that bleeds and will not "
        "stop with firm pressure, or with feeling faint, pale, sweaty or confused, a fast pulse or collapse: "
        "call 999 for an ambulance, do not drive; for hip or groin pain after a fall in someone over about 65 "
        "or with weak bones, even if they can walk; or, with no fall, sudden or recent (days) hip pain with a "
        "new limp or pain on standing or walking, in someone over about 65 or with weak bones: call 999 for an "
        "ambulance, do not drive)"
    )
    assert "such " not in cells[2]
    # the destination's opening comes from the flags' data, not a literal
    flags = dict(course.red_flags)
    for k in course.mechanisms["haematoma"].red_flags:
        flags[k] = dataclasses.replace(flags[k], destination="A vascular unit now, for a scan")
    moved = SimpleNamespace(mechanisms=course.mechanisms, urgency=course.urgency, red_flags=flags)
    moved_row = show_mechanism_table(keys, moved).markdown.splitlines()[-1]
    assert "(a vascular unit now; for a possible bleed into the muscle with feeling faint" in moved_row
    assert "emergency department" not in moved_row.split("|")[4]
    # round 30 B PS1: their defining flags go now, so the row says so
    assert all(c.startswith(course.urgency["same_day"].now.label) for c in cells[:2]), cells
    # a changed level in the data changes the row (it is not written by hand)
    mechs = {k: course.mechanisms[k] for k in keys}
    mechs["avulsion"] = dataclasses.replace(mechs["avulsion"], urgency="emergency")
    changed = SimpleNamespace(mechanisms=mechs, urgency=course.urgency, red_flags=course.red_flags)
    assert show_mechanism_table(keys, changed).markdown.splitlines()[-1].split("|")[2].strip().startswith("Emergency")
