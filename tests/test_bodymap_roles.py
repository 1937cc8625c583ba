"""Body-map roles: one table for every mark, legends and alt text that say
what each mark is, the explorer's views, and the sciatic contrast pattern."""

import html
import itertools
import re

import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

import iliopsoas_lessons as il
from iliopsoas_lessons.content import roles as _roles
from iliopsoas_lessons.figures import style as st
from iliopsoas_lessons.figures import bodymap as bm
from iliopsoas_lessons.widgets import SymptomExplorer
from iliopsoas_lessons.widgets._state_common import course_or_package
from iliopsoas_lessons.widgets.compare import compare_panels, explorer_keys
from iliopsoas_lessons.widgets.state import SymptomStepperState

FIVE = ("source", "referred", "claimed", "contrast", "red_flag")
CLAIMED_WORDS = "claimed by the article, not supported by evidence"
CONTRAST_WORDS = "a different condition's pattern, for comparison"
# one region per role, all on the back view
ONE_EACH = {
    "source": "nerve_root_left",
    "referred": "calf_left",
    "claimed": "lateral_hip_left",
    "contrast": "back_thigh_right",
    "red_flag": "saddle",
}


def _flat(text: str) -> str:
    return " ".join(text.split()).lower()


def _ax():
    return Figure(figsize=(3, 6)).add_subplot()


# ------------------------------------------------------------- the table
def test_one_role_table_with_the_five_roles():
    assert bm.ROLES == FIVE == tuple(_roles.ROLE_STYLES)
    # every name is a view of the same table, not a copy
    assert st.ROLE_STYLES is _roles.ROLE_STYLES is bm.ROLE_STYLES
    assert st.SOURCE is st.ROLE_STYLES["source"] and st.CONTRAST is st.ROLE_STYLES["contrast"]
    okabe = {c.lower() for c in st.PALETTE}
    for role, s in st.ROLE_STYLES.items():
        assert to_hex(s["facecolor"]) in okabe, role
        for key in ("hatch", "linestyle", "label", "alt", "look"):
            assert s[key], (role, key)


def test_every_role_renders_with_its_own_hatch_and_outline():
    ax = _ax()
    out = bm.plot_body_map(
        ax,
        ONE_EACH["source"],
        view="back",
        referred=ONE_EACH["referred"],
        claimed=ONE_EACH["claimed"],
        contrast=ONE_EACH["contrast"],
        red_flag=ONE_EACH["red_flag"],
    )
    drawn = {}
    for role, rid in ONE_EACH.items():
        p = out["regions"][rid]
        assert p.get_visible() and p.get_gid() == rid
        drawn[role] = (p.get_hatch(), str(p.get_linestyle()), to_hex(p.get_facecolor()))
    for a, b in itertools.combinations(FIVE, 2):
        ha, la, ca = drawn[a]
        hb, lb, cb = drawn[b]
        assert ha != hb, f"{a} and {b} share the hatch {ha!r}"
        assert la != lb, f"{a} and {b} share the outline {la!r}"
        assert ca != cb, f"{a} and {b} share the fill {ca}"


def test_every_role_in_place_on_the_live_figure():
    live = bm.BodyMapFigure(title="all five marks")
    children = [list(ax.get_children()) for ax in live.figure.axes]
    live.set_highlight(
        ONE_EACH["source"],
        ONE_EACH["referred"],
        claimed=ONE_EACH["claimed"],
        contrast=ONE_EACH["contrast"],
        red_flag=ONE_EACH["red_flag"],
    )
    assert live.marks == {rid: role for role, rid in ONE_EACH.items()}
    for role, rid in ONE_EACH.items():
        assert live.patches[rid].get_hatch() == st.ROLE_STYLES[role]["hatch"]
        assert live.patches[rid].get_linestyle() == st.ROLE_STYLES[role]["linestyle"]
    assert live.legend_roles == FIVE
    live.set_marks({"groin_left": "claimed"})
    assert live.legend_roles == ("claimed",)
    assert [r for r, leg in live.legends.items() if leg.get_visible()] == ["claimed"]
    assert [list(ax.get_children()) for ax in live.figure.axes] == children
    with pytest.raises(ValueError, match="choose one of: source, referred, claimed"):
        live.set_marks({"groin_left": "rumour"})


# ------------------------------------------------------- legend and alt
def test_legend_says_what_claimed_and_contrast_marks_are():
    labels = {h.get_gid(): _flat(h.get_label()) for h in bm.legend_handles(FIVE)}
    assert CLAIMED_WORDS in labels["legend_claimed"]
    assert CONTRAST_WORDS in labels["legend_contrast"]
    assert "source" in labels["legend_source"] and "referred" in labels["legend_referred"]
    assert "red flag" in labels["legend_red_flag"]
    # the live figure's legend entries come from the same table
    live = bm.BodyMapFigure().set_highlight(claimed=["lateral_hip_left"], contrast=["front_thigh_left"])
    shown = [_flat(leg.get_texts()[0].get_text()) for r, leg in live.legends.items() if leg.get_visible()]
    assert shown == [_flat(st.CLAIMED["label"]), _flat(st.CONTRAST["label"])]
    fig = Figure(figsize=(6, 5))
    out = bm.plot_referred_pain((fig.add_subplot(121), fig.add_subplot(122)), "sciatic_pain")
    texts = [_flat(t.get_text()) for t in out["legend"].get_texts()]
    # a contrast pattern names its own marks: the S1 pattern beside the femoral one
    assert texts[1] == "s1 nerve-root pattern: where its pain is felt"
    assert texts[-1].startswith("femoral nerve pattern (l2-l4)") and texts[-1].endswith("for comparison")


def test_alt_text_says_what_claimed_and_contrast_areas_are():
    text = _flat(
        bm.body_map_alt_text(
            view="back", claimed=["lateral_hip_left"], contrast=["back_thigh_left"], red_flag=["saddle"]
        )
    )
    assert f"{CLAIMED_WORDS}, shown with a dotted outline" in text
    assert "outer (lateral) hip (patient's left)" in text
    assert f"{CONTRAST_WORDS}, shown with a dash-dot outline" in text
    assert "red flag" in text and "saddle" in text
    assert "where its pain is felt" not in text  # nothing is called referred
    live = bm.BodyMapFigure().set_highlight(["groin_left"], claimed=["thoracic_paraspinal_left"])
    alt = _flat(live.alt_text)
    assert f"{CLAIMED_WORDS}, shown with" in alt and "where the problem is (source)" in alt
    alt = _flat(bm.referred_pain_alt_text("back_pain", extras=True))
    assert CLAIMED_WORDS in alt and "outer (lateral) hip" in alt


def test_alt_text_rejects_a_region_marked_twice():
    with pytest.raises(ValueError, match="both source and claimed"):
        bm.body_map_alt_text(["groin_left"], claimed=["groin_left"])


# ------------------------------------------------------------ explorer
def _roles_of(marks):
    return set(marks.values())


def _alt_of(markup):
    return html.unescape(re.search(r'role="img" aria-label="([^"]*)"', markup).group(1))


def test_explorer_maps_use_their_roles():
    e = SymptomExplorer("back_pain", side="right")
    evidence, article, _ = e.panels
    assert _roles_of(evidence.marks) == {"source", "referred"}
    assert evidence.legend_roles == ("source", "referred")
    claimed = sorted(k for k, r in article.marks.items() if r == "claimed")
    assert claimed == ["lateral_hip_right", "thoracic_paraspinal_right"]
    assert "referred" not in {article.marks[k] for k in claimed}
    assert article.legend_roles == ("source", "referred", "claimed")
    said = _flat(_alt_of(e.shown("map2")))
    assert "claimed" in said and "not supported by evidence" in said
    e.set(symptom="sciatic_pain")  # a contrast pattern: its one map shows its contrast
    (only,) = e.panels
    contrast = sorted(k for k, r in only.marks.items() if r == "contrast")
    assert contrast == ["front_thigh_right", "l4_leg_right"]
    assert only.legend_roles == ("source", "referred", "contrast")
    assert "for comparison" in _alt_of(e.shown("map1")) and "shown for contrast" in e.shown("heading")
    e.close()


def test_explorer_never_calls_a_claim_or_contrast_referred():
    course = course_or_package(None)
    for key in explorer_keys(course):
        for side in ("left", "right"):
            for panel in compare_panels(course, key, side):
                sym, marks = il.symptom(panel.symptom), panel.marks  # a contrast map shows another symptom
                for k in sym.article_regions_for(side):
                    if k in marks:
                        assert marks[k] == "claimed", (key, panel.view, k)
                for k in sym.contrast_regions_for(side):
                    if k in marks:
                        assert marks[k] == "contrast", (key, panel.view, k)


# ------------------------------------------------------------ sciatic
def test_sciatic_source_is_the_nerve_root_and_the_buttock_is_referred():
    sym = il.symptom("sciatic_pain")
    assert sym.regions_for("left", "source") == ("nerve_root_left",)
    assert sym.regions_for("right", "source") == ("nerve_root_right",)
    assert "buttock_left" in sym.regions_for("left", "referred")
    root = il.region("nerve_root_left")
    assert root.view == "back" and root.side == "left"
    # round 13: cited to sources that were read (the unread NICE CKS topic is gone)
    assert "STANDRING2020" in root.references and "CKS-SCIATICA" not in root.references
    assert "L5-S1" in root.name


@pytest.mark.parametrize("body", bm.BODIES)
def test_nerve_root_lies_beside_the_spine_at_the_lumbosacral_level(body):
    shapes = bm.region_shapes("back", body=body)
    mid = bm.midline_x("back", body=body)
    root = shapes["nerve_root_left"].vertices
    lumbar = shapes["lumbar_paraspinal_left"].vertices
    sacro = shapes["sacroiliac_left"].vertices
    # patient's left is the picture's left from behind; close beside the midline
    assert (root[:, 0] < mid).all() and (mid - root[:, 0]).max() < 15
    # centred where the lumbar strip ends and the sacroiliac area begins (L5-S1)
    junction = (lumbar[:, 1].min() + sacro[:, 1].max()) / 2
    assert abs(root[:, 1].mean() - junction) < 10


def test_sciatic_step_says_it_is_a_contrast_pattern():
    live = bm.ReferredPainFigure().show("sciatic_pain", "left")
    title = _flat(live.title.get_text())
    assert "shown for contrast" in title and "a nerve-root pattern" in title
    assert "not an iliopsoas pattern" in title
    assert title.startswith("sciatic-type leg pain: not an iliopsoas pattern")  # said first
    alt = _flat(live.alt_text)
    assert alt.startswith(
        "sciatic-type leg pain: not an iliopsoas pattern. "
        "a nerve-root pattern (patient's left side), shown for contrast."
    )
    assert (
        "irritated s1 nerve root beside the spine: the source of this pain, shown with a solid "
        "outline and cross-hatching: lower lumbar / sacral nerve root (l5-s1) (patient's left)"
    ) in alt
    assert (
        "femoral nerve pattern (l2-l4), the nerve that forms inside the psoas: for comparison, "
        "shown with a dash-dot outline"
    ) in alt
    # the legend names the same three marks as the alt text
    shown = [_flat(leg.get_texts()[0].get_text()) for leg in live.legends.values() if leg.get_visible()]
    assert shown == [_flat(il.figure_text(f"legend_sciatic_pain_{r}")) for r in ("source", "referred", "contrast")]
    # the femoral pattern beside it, on the front view, as a contrast
    for k in ("front_thigh_left", "l4_leg_left"):
        p = live.patches[k]
        assert p.get_visible() and p.axes is live.axes[0]
        assert p.get_hatch() == st.CONTRAST["hatch"]
    assert live.marks["nerve_root_left"] == "source"
    assert live.marks["buttock_left"] == "referred"
    assert "contrast" in live.legend_roles
    # an iliopsoas pattern says nothing of the kind
    live.show("back_pain", "left")
    assert "contrast" not in _flat(live.title.get_text() + live.alt_text)


def test_stepper_and_explorer_state_name_the_contrast_pattern():
    s = SymptomStepperState().go_to("sciatic_pain")
    assert s.is_contrast and s.caption.startswith("Not an iliopsoas pattern: it is shown for contrast.")
    # the text beside the map names only what the map marks: the S1 root and pattern, the femoral one
    assert "S1 nerve root" in s.caption and "femoral nerve pattern (L2-L4)" in s.caption
    assert s.marks["nerve_root_left"] == "source" and s.marks["front_thigh_left"] == "contrast"
    assert not SymptomStepperState().go_to("hip_pain").caption
    e = SymptomExplorer("sciatic_pain")
    assert "nerve-root pattern shown for contrast, not an iliopsoas pattern" in html.unescape(e.shown("map1"))
    assert e.panels[0].marks["l4_leg_left"] == "contrast"
    e.close()


# ------------------------------------------------------------- bodies
def test_body_choice_in_the_states_is_checked():
    state = SymptomStepperState()
    assert state.body == "male"
    assert state.set_body("female").body == "female"
    with pytest.raises(ValueError, match="unknown body 'child'; choose one of: male, female"):
        state.set_body("child")
    assert state.body == "female"  # unchanged by the bad choice
    e = SymptomExplorer()  # the maps compared keep no state object: the widget checks its controls
    assert e.values["body"] == "male"
    assert e.set(body="female").values["body"] == "female"
    with pytest.raises(ValueError, match="unknown body 'child'; choose one of: male, female"):
        e.set(body="child")
    assert e.values["body"] == "female"  # unchanged by the bad choice
    e.close()
    with pytest.raises(ValueError, match="choose one of: male, female"):
        SymptomExplorer(body="child")


def test_live_figures_switch_body_in_place():
    live = bm.BodyMapFigure().set_highlight(["groin_left"], ["front_thigh_upper_left"])
    male_patches = dict(live.patches)
    live.set_body("female")
    assert live.body == "female" and live.patches is not male_patches
    assert {k for k, p in live.patches.items() if p.get_visible()} == {"groin_left", "front_thigh_upper_left"}
    assert not any(p.get_visible() and p.axes.get_visible() for p in male_patches.values())
    assert "(female body)" in live.alt_text
    axes_after_first_switch = list(live.figure.axes)
    live.set_body("male").set_body("female")  # built once, then switched
    assert list(live.figure.axes) == axes_after_first_switch
    rp = bm.ReferredPainFigure().show("sciatic_pain", "right")
    male_png = rp.to_png()
    female_png = rp.set_body("female").to_png()
    assert female_png != male_png and rp.symptom_key == "sciatic_pain" and rp.side == "right"
    assert rp.patches["nerve_root_right"].get_visible()
    fresh = bm.ReferredPainFigure(body="female").show("sciatic_pain", "right").to_png()
    assert fresh == female_png  # the in-place switch draws what a fresh figure draws
    assert rp.set_body("male").to_png() == male_png


def test_symptom_widgets_offer_the_body_choice():
    from iliopsoas_lessons.widgets import SymptomStepper

    for widget in (SymptomStepper(),):
        body = next(c for c in widget.controls if c.name == "body")
        assert list(body.values) == list(bm.BODIES)
        first = widget.shown("figure")
        widget.set(body="female")
        assert widget.state.body == "female"
        assert widget.shown("figure") != first and "female body" in widget.shown("figure")
        widget.close()


def test_figure_titles_fit_the_figure():
    """The two-line titles (a contrast pattern says so on its second line)
    stay inside the figure for every symptom, side and explorer view."""

    def fits(live):
        renderer = live.figure.canvas.get_renderer()
        box = live.title.get_window_extent(renderer)
        return box.x0 >= 0 and box.x1 <= live.figure.bbox.width, live.title.get_text()

    rp = bm.ReferredPainFigure()
    for key in [s.key for s in il.symptoms()]:
        for side in bm.SIDES:
            ok, text = fits(rp.show(key, side, extras=True))
            assert ok, text
    live = bm.BodyMapFigure()
    course = course_or_package(None)
    for key in explorer_keys(course):  # each map compared: its title over its subtitle
        for side in bm.SIDES:
            for panel in compare_panels(course, key, side):
                live.title.set_text(f"{panel.title}\n{panel.subtitle[0].upper()}{panel.subtitle[1:]}")
                ok, text = fits(live.set_marks(panel.marks))
                assert ok, text
