"""What each mechanism close-up shows, as data (no drawing here).

One entry per mechanism in :data:`SCENES` (its view, camera, lesion, labels,
legend, the words of its alt text and what its drawing was checked against),
the look of every lesion and base tissue (:data:`LESION_STYLES`), and the
layout of the close-up in its figure.  The outlines the scenes draw are in
:mod:`.mechanism_geometry`; :mod:`.mechanism_drawing` draws them and
:mod:`.mechanism_scenes` shows one (mechanism, side) at a time.
"""

from __future__ import annotations

from . import style as st

__all__ = [
    "SCENES",
    "LESION_STYLES",
    "BASE_STYLES",
    "LESION_GIDS",
    "VIEW_WORDS",
    "DEFAULT_SIDE",
    "LABEL_SIZE",
    "LABEL_BOX",
    "SCENE_RECT",
    "HIP_PANEL_RECTS",
    "BOX_ASPECT",
    "HIP_PANELS",
    "HIP_PANEL_BOX",
]

DEFAULT_SIDE = "right"
LABEL_SIZE = 10.0
SCENE_RECT = (0.0, 0.15, 1.0, 0.72)  # host-axes fraction
HIP_PANEL_RECTS = ((0.0, 0.15, 0.5, 0.72), (0.5, 0.15, 0.5, 0.72))
BOX_ASPECT = 8.0 * SCENE_RECT[2] / (6.4 * SCENE_RECT[3])  # width / height, figure 8 x 6.4 in

# Lesions never differ by colour alone: each has its own fill (Okabe-Ito),
# hatch, outline style and words.
LESION_STYLES = {
    "tear": dict(
        facecolor=st.OKABE_ITO["vermillion"],
        hatch="xxx",
        edgecolor="#000000",
        linestyle="-",
        linewidth=1.4,
        label="the tear (a ragged gap in the fibres)",
    ),
    "tendinopathy": dict(
        facecolor=st.OKABE_ITO["orange"],
        hatch="///",
        edgecolor="#000000",
        linestyle="--",
        linewidth=1.3,
        label="overloaded, thickened tendon",
    ),
    "bursitis": dict(
        facecolor=st.OKABE_ITO["sky_blue"],
        hatch="...",
        edgecolor=st.OKABE_ITO["blue"],
        linestyle="-",
        linewidth=1.6,
        label="swollen bursa (fluid)",
    ),
    "pus": dict(
        facecolor=st.OKABE_ITO["bluish_green"],
        hatch="oo",
        edgecolor="#000000",
        linestyle="-",
        linewidth=1.8,
        label="pus (the abscess)",
    ),
    "blood": dict(
        facecolor=st.OKABE_ITO["reddish_purple"],
        hatch="\\\\\\",
        edgecolor="#000000",
        linestyle="-.",
        linewidth=1.8,
        label="blood (the haematoma)",
    ),
    "fragment": dict(
        facecolor=st.BONE,
        hatch="++",
        edgecolor=st.OKABE_ITO["vermillion"],
        linestyle="-",
        linewidth=2.2,
        label="avulsed bone fragment",
    ),
    "donor_site": dict(
        facecolor="white",
        hatch="..",
        edgecolor=st.OKABE_ITO["vermillion"],
        linestyle=":",
        linewidth=1.6,
        label="where the fragment came from",
    ),
    "cup": dict(
        facecolor="#C4CAD3",
        hatch="----",
        edgecolor=st.OKABE_ITO["blue"],
        linestyle="-",
        linewidth=2.2,
        label="prosthetic cup (metal shell)",
    ),
    "impingement": dict(
        facecolor=st.OKABE_ITO["vermillion"],
        hatch="xx",
        edgecolor="#000000",
        linestyle="--",
        linewidth=1.6,
        label="where the tendon rubs on the cup",
    ),
    "snap": dict(
        facecolor=st.OKABE_ITO["yellow"],
        hatch="**",
        edgecolor="#000000",
        linestyle="-",
        linewidth=1.4,
        label="the snap over the eminence",
    ),
}
BASE_STYLES = {
    "bone": dict(facecolor=st.BONE, edgecolor=st.BONE_EDGE, linewidth=1.0, label="bone"),
    "muscle": dict(facecolor=st.MUSCLE, edgecolor=st.MUSCLE_EDGE, linewidth=1.0, label="muscle"),
    "tendon": dict(facecolor="#F6EEDC", edgecolor="#7A5C2E", linewidth=1.2, hatch="||", label="tendon"),
    "implant": dict(facecolor="#DADDE2", edgecolor="#333333", linewidth=1.2, label="implant (ball, stem)"),
    "nerve": dict(facecolor=st.NERVE, edgecolor="#000000", linewidth=1.0, label="femoral nerve"),
}

# One entry per mechanism: the view, where the camera looks (centre x, y and
# height; the width follows from the box), what the lesion is, the labels
# (text, where, what it points at, alignment on the patient's right), what
# the legend shows, the words of the alt text and what it was checked against.
SCENES = {
    "acute_strain": dict(
        view="front",
        box=(5.0, 2.6, 13.5),
        hide=(),
        lesions=("lesion:tear",),
        legend=("muscle", "tendon", "bone", "tear"),
        labels=(
            ("psoas major", (4.6, 8.2), (7.4, 8.0), "right"),
            ("iliacus", (0.2, 6.6), (2.4, 4.3), "right"),
            ("tear where muscle\nbecomes tendon", (12.6, 1.6), (6.7, 1.8), "left"),
            ("tendon to the\nlesser trochanter", (-0.6, -2.8), (3.5, -2.3), "right"),
        ),
        alt=(
            "the fibres of psoas major and iliacus converging on their common tendon, with a "
            "ragged, cross-hatched gap (the tear) across them where muscle becomes tendon, "
            "above the hip"
        ),
        checked=(
            "Checked against: G1918 p. 467 and fig. 430 (psoas from the lumbar transverse "
            "processes and bodies, across the pelvic brim, iliacus joining its tendon to the "
            "lesser trochanter); SERNER2018 (on MRI the tears lay mostly where muscle joins "
            "tendon)."
        ),
    ),
    "overuse": dict(
        view="front",
        box=(3.8, -0.9, 10.0),
        hide=("tendon",),
        lesions=("lesion:tendinopathy", "lesion:bursitis"),
        legend=("tendinopathy", "bursitis", "muscle", "bone"),
        labels=(
            ("thickened, overloaded tendon", (6.0, -4.8), (4.0, -2.4), "left"),
            ("swollen bursa, behind\nthe tendon, in front\nof the hip joint", (-0.6, -1.4), (3.25, -0.7), "right"),
            ("head of femur", (-0.9, 1.2), (2.2, 0.0), "right"),
            ("lesser trochanter", (-0.4, -3.6), (2.7, -3.6), "right"),
        ),
        alt=(
            "the common tendon drawn thickened and hatched as it crosses in front of the hip "
            "joint to the lesser trochanter, and behind it the iliopsoas bursa, swollen with "
            "fluid (dotted)"
        ),
        checked=(
            "Checked against: G1918 p. 467 (a large bursa separates the tendon from the pubis "
            "and the hip capsule); JOHNSTON1998 (bursitis and tendinopathy together); "
            "KHAN2002 (overload, little inflammation, so the tendon is drawn thick, not red)."
        ),
    ),
    "snapping_hip": dict(
        view="hip_model",
        hide=(),
        lesions=("lesion:snap",),
        legend=("muscle", "bone", "snap"),
        labels=(),
        alt=(
            "two panels of the hip-angle model seen from the side. Left, the hip bent to 90 "
            "degrees: the iliopsoas runs clear in front of the iliopectineal eminence. Right, "
            "the hip back to straight: the tendon is drawn back over the eminence, and a star "
            "marks where it flicks over it with a snap. The model bends the hip only; in life "
            "the hip also comes out of a turned-out position"
        ),
        checked=(
            "Checked against: the hip-angle model (figures/hip.py, its public plot_hip_side) "
            "for both panels; SHS and ALLEN1995 for the tendon flicking over the "
            "iliopectineal eminence as the hip returns from flexion to straight."
        ),
    ),
    "hip_replacement_impingement": dict(
        view="side",
        box=(0.6, 0.6, 11.0),
        hide=(),
        lesions=("cup", "lesion:impingement"),
        legend=("cup", "impingement", "implant", "tendon"),
        labels=(
            ("prosthetic cup", (-5.2, 3.3), (-1.2, 1.3), "right"),
            ("cup edge standing proud\nof the bone (overhang)", (5.0, -2.6), (1.45, -1.25), "left"),
            ("tendon rubbing\non the cup's edge", (5.0, 0.2), (2.2, -0.95), "left"),
            ("iliopsoas tendon", (4.6, 4.4), (3.35, 3.8), "left"),
            ("ball and stem", (-5.2, -1.6), (-0.2, -1.6), "right"),
            ("pelvis", (-5.2, 5.3), (-2.5, 4.5), "right"),
        ),
        alt=(
            "a section across a total hip replacement from the side: the metal cup in the "
            "pelvis with its front edge standing proud of the bone, and the iliopsoas tendon "
            "draped over that edge, the rubbing point cross-hatched"
        ),
        checked=(
            "Checked against: BJO (Hardwick-Morris 2023: the tendon in contact with the "
            "acetabular component after hip replacement); radiology and cadaver reports of "
            "impingement describe the cup's front edge standing proud of the bone."
        ),
    ),
    "avulsion": dict(
        view="front",
        box=(3.3, -2.3, 7.0),
        hide=("tendon", "lesser_trochanter"),
        fade=("hip_bone", "iliacus", "psoas", "socket"),
        lesions=("fragment", "donor_site"),
        legend=("fragment", "donor_site", "tendon", "bone"),
        labels=(
            ("lesser trochanter\npulled off by the tendon", (6.2, -1.7), (3.8, -2.45), "left"),
            ("where it broke away:\nthe growth plate in a\nteenager", (6.2, -3.3), (3.3, -3.6), "left"),
            ("tendon", (6.2, 0.6), (5.2, -0.2), "left"),
            ("femur", (-0.7, -4.8), (1.2, -4.6), "right"),
        ),
        alt=(
            "the upper femur from the front with the lesser trochanter pulled upwards off "
            "the bone by the iliopsoas tendon still attached to it (bone-coloured fragment, "
            "thick outline), and a dotted outline where it broke away at the growth plate of a "
            "teenager; a note says that in an adult with no real injury a tumour weakening "
            "the bone must be looked for"
        ),
        checked=(
            "Checked against: EBERBACH2017 (apophyseal avulsion in adolescents); case "
            "radiographs show the fragment pulled upwards with the tendon still attached; "
            "PHILLIPS and AFRA (in an adult without real trauma, look for a tumour)."
        ),
    ),
    "abscess": dict(
        view="front",
        box=(6.0, 4.4, 16.5),
        hide=(),
        lesions=("lesion:pus",),
        legend=("pus", "muscle", "bone"),
        labels=(
            ("pus inside\npsoas major", (4.9, 7.4), (7.4, 6.6), "right"),
            ("psoas major", (5.4, 10.6), (7.9, 10.3), "right"),
            ("iliacus", (0.8, 6.4), (2.4, 4.3), "right"),
            ("tendon to the hip", (-0.8, -1.9), (3.9, -1.5), "right"),
        ),
        alt=(
            "the lumbar spine and the psoas major beside it, the muscle swollen by a "
            "collection of pus (green, circle-hatched) along its length, with an arrow from "
            "an infected disc of the spine, one source of the infection"
        ),
        checked=(
            "Checked against: MALLICK2004 and XU2019 (pus in the muscle, spreading from the "
            "spine, bowel or kidney, or carried in the blood); CT reports describe a "
            "low-density collection that enlarges psoas."
        ),
    ),
    "haematoma": dict(
        view="front",
        box=(4.4, 2.0, 11.0),
        hide=(),
        lesions=("lesion:blood", "femoral_nerve"),
        legend=("blood", "nerve", "muscle", "bone"),
        labels=(
            ("blood in iliacus\n(e.g. on anticoagulants)", (-0.3, 5.6), (3.6, 3.3), "right"),
            ("femoral nerve, squeezed\nbetween blood and psoas", (7.3, 0.5), (6.4, 2.3), "left"),
            ("psoas major", (5.2, 7.0), (7.4, 6.8), "right"),
            ("inguinal ligament", (-1.6, 1.5), (1.9, 2.2), "right"),
        ),
        alt=(
            "the iliacus in the iliac fossa holding a collection of blood (purple, "
            "hatched) that bulges towards the groove between psoas and iliacus and presses "
            "on the femoral nerve (yellow) running down it"
        ),
        checked=(
            "Checked against: PMJ (Sanyal 2002: bleeding deep to the iliacus fascia, the "
            "femoral nerve in the groove between iliacus and psoas) and CHOA2011; case "
            "reports of iliacus haematoma pressing on the femoral nerve."
        ),
    ),
}

# mechanism -> the gids of the artists that draw its lesion
LESION_GIDS = {key: spec["lesions"] for key, spec in SCENES.items()}

VIEW_WORDS = {
    "front": "seen from the front",
    "side": "seen from the side, in a section across the hip",
    "hip_model": "seen from the side (the hip-angle model)",
}

# the snapping-hip scene: the hip-angle model at these angles, one panel
# each, and where its camera looks (centre x, y and height)
HIP_PANELS = ((90.0, "hip bent (flexed 90°)"), (0.0, "back to straight (0°)"))
HIP_PANEL_BOX = (1.6, 2.0, 16.5)

LABEL_BOX = dict(boxstyle="round,pad=0.15", facecolor="white", edgecolor="none", alpha=0.85)
