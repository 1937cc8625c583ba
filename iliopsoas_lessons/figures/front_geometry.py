"""Outlines of the front-view schematic (:mod:`.anatomy_front`), as data.

Schematic units of about 1.8 cm, the patient's midline at x = 0, y up.  Each
outline is given for the patient's LEFT side (x > 0, the picture's right, as
in an anatomy plate seen from the front) and mirrored for the right; the
sacrum, the discs and the pubic symphysis sit on the midline.

Proportions follow Gray's Anatomy (1918): Fig. 241/242 (the pelvis from the
front: a closed ring of sacrum, two hip bones and the pubic symphysis, the
sacrum joined to each ilium at the sacroiliac joint), Fig. 244-246 (femur:
head, neck at about 125 degrees to the shaft, greater and lesser
trochanters) and Fig. 430 (iliopsoas: psoas major beside the bodies T12-L5,
crossing the pelvic brim; iliacus fanning from the iliac fossa; both in one
tendon under the inguinal ligament, in front of the hip, to the lesser
trochanter).  Checked numbers: hips 17 cm apart, the anterior superior iliac
spines 24 cm, the iliac crests 28 cm, the crest at L4, the femoral head 4.7 cm
across, the femoral artery under the mid-inguinal point with the femoral
nerve about 1.5 cm lateral to it and the femoral vein medial.
"""

from __future__ import annotations

VERTEBRAE = ("T12", "L1", "L2", "L3", "L4", "L5")
VERTEBRA_Y = {"T12": 12.0, "L1": 10.0, "L2": 8.0, "L3": 6.0, "L4": 4.0, "L5": 2.0}  # centres
VERTEBRA_HALF_WIDTH = {"T12": 1.2, "L1": 1.3, "L2": 1.38, "L3": 1.45, "L4": 1.52, "L5": 1.6}
VERTEBRA_HEIGHT = 1.45
# tip of each transverse process (T12's is a short rib-bearing stub)
TRANSVERSE_TIP = {"T12": 1.95, "L1": 2.35, "L2": 2.6, "L3": 2.85, "L4": 2.7, "L5": 2.6}
SACRAL_BASE_Y = 0.85  # top of S1, under the L5-S1 disc

# Sacrum, right half of its outline from the promontory round to the coccyx
# (its lateral edge from (2.85, 0.35) to (2.35, -1.5) is the sacroiliac joint).
SACRUM_HALF = [
    (0.0, 0.85),
    (1.6, 0.85),
    (1.95, 0.72),
    (2.6, 0.55),
    (2.85, 0.35),
    (2.6, -0.6),
    (2.35, -1.5),
    (1.75, -2.7),
    (1.0, -3.7),
    (0.45, -4.45),
    (0.18, -4.85),
    (0.0, -4.88),
]
SACROILIAC_JOINT = [(2.85, 0.35), (2.6, -0.6), (2.35, -1.5)]
SACRAL_FORAMINA = [
    (1.0, 0.05, 0.24, 0.2),
    (0.95, -0.95, 0.22, 0.18),
    (0.85, -1.9, 0.19, 0.16),
    (0.7, -2.75, 0.15, 0.13),
]  # (x, y, rx, ry)

# Hip bone: ilium, ischium and pubis in one outline.  It meets the sacrum along
# the sacroiliac joint and its mirror image at the pubic symphysis (x = 0.2).
HIP_BONE = [
    (2.85, 0.35),
    (2.95, 1.6),
    (3.2, 2.9),
    (3.8, 3.9),
    (4.7, 4.5),
    (5.8, 4.7),
    (6.8, 4.45),
    (7.55, 3.8),
    (7.85, 2.8),
    (7.75, 1.6),
    (7.2, 0.5),
    (6.7, 0.0),  # anterior superior iliac spine
    (6.35, -0.55),
    (6.55, -1.15),  # anterior inferior iliac spine
    (6.3, -1.9),
    (6.25, -3.3),
    (5.9, -4.5),  # acetabular rim, behind the neck
    (5.2, -5.6),
    (5.0, -6.7),
    (4.5, -7.6),
    (3.6, -7.95),
    (2.7, -7.55),  # ischium
    (1.4, -7.35),
    (0.2, -7.15),  # ischiopubic ramus to the symphysis
    (0.2, -5.0),
    (0.85, -4.75),
    (1.45, -4.85),  # symphysis, pubic crest, tubercle
    (2.2, -4.4),
    (2.95, -3.75),  # pecten pubis
    (3.55, -3.0),  # iliopubic (iliopectineal) eminence
    (3.25, -2.2),
    (2.35, -1.5),  # arcuate line (pelvic brim)
    (2.6, -0.6),
]  # up the sacroiliac joint
PUBIC_SYMPHYSIS = [(-0.2, -5.0), (0.2, -5.0), (0.2, -7.15), (-0.2, -7.15)]
OBTURATOR_FORAMEN = (2.85, -5.95, 0.95, 0.85)  # (x, y, rx, ry)
ILIAC_FOSSA = [
    (3.25, 2.8),
    (3.85, 3.65),
    (4.7, 4.15),
    (5.8, 4.3),
    (6.7, 4.1),
    (7.3, 3.55),
    (7.5, 2.7),
    (7.35, 1.6),
    (6.85, 0.7),
    (6.2, -0.25),
    (5.3, -1.2),
    (4.3, -2.1),
    (3.45, -2.55),
    (3.2, -2.15),
    (2.55, -1.45),
    (2.7, -0.4),
    (2.95, 1.3),
]

# Femur: head in the acetabulum, neck at 127 degrees to the shaft, greater
# trochanter lateral, lesser trochanter on the medial side below the neck.
HIP_CENTRE, HEAD_RADIUS = (4.8, -3.3), 1.3
FEMORAL_NECK = [(4.38, -3.76), (5.22, -2.84), (7.55, -4.45), (6.25, -5.95)]
GREATER_TROCHANTER = [
    (7.25, -4.3),
    (7.5, -3.55),
    (8.05, -3.4),
    (8.55, -3.85),
    (8.75, -4.7),
    (8.45, -5.6),
    (8.08, -5.75),
    (7.2, -5.2),
]
FEMORAL_SHAFT = [
    (6.4, -5.5),
    (7.6, -4.6),
    (8.2, -5.2),
    (8.08, -5.68),
    (7.89, -7.67),
    (7.69, -9.66),
    (7.4, -12.6),
    (7.0, -12.35),
    (6.6, -12.6),
    (6.2, -12.35),
    (5.85, -12.6),
    (6.14, -9.51),
    (6.33, -7.51),
    (6.5, -6.2),
]
LESSER_TROCHANTER = (6.05, -6.4, 0.45, 0.38)

# Muscles.  The psoas major's lateral border is the groove the femoral nerve runs in.
PSOAS_MAJOR = [
    (1.2, 12.7),
    (1.3, 11.0),
    (1.4, 9.0),
    (1.5, 7.0),
    (1.6, 5.0),
    (1.7, 3.0),
    (1.95, 1.2),
    (2.3, 0.0),
    (2.7, -1.1),
    (3.2, -2.2),
    (3.65, -3.0),
    (4.1, -3.2),
    (4.5, -3.15),
    (4.35, -2.4),
    (4.2, -1.2),
    (4.05, 0.0),
    (3.95, 1.5),
    (3.8, 3.0),
    (3.6, 5.0),
    (3.3, 7.0),
    (2.85, 9.0),
    (2.35, 11.0),
    (1.9, 12.7),
]
PSOAS_MINOR = [
    (1.3, 12.3),
    (1.75, 12.4),
    (2.1, 11.0),
    (2.35, 9.6),
    (2.45, 8.4),
    (2.5, 6.5),
    (2.55, 4.0),
    (2.5, 2.0),
    (2.6, 0.3),
    (2.95, -1.3),
    (3.4, -2.85),
    (3.25, -2.95),
    (2.8, -1.35),
    (2.42, 0.3),
    (2.33, 2.0),
    (2.35, 4.0),
    (2.3, 6.5),
    (2.05, 8.4),
    (1.75, 9.6),
    (1.5, 11.0),
]
ILIACUS = [
    (3.2, 2.7),
    (3.8, 3.55),
    (4.7, 4.05),
    (5.8, 4.2),
    (6.7, 4.0),
    (7.25, 3.45),
    (7.42, 2.6),
    (7.25, 1.5),
    (6.75, 0.6),
    (6.2, -0.3),
    (5.75, -1.2),
    (5.55, -2.1),
    (5.35, -2.9),
    (5.0, -3.5),
    (4.4, -3.3),
    (4.25, -2.3),
    (4.05, -1.0),
    (3.75, 0.3),
    (3.4, 1.5),
]
# fibre lines of the iliacus: from the iliac crest and fossa to the tendon
ILIACUS_FIBRES = [
    [(3.7, 3.3), (4.35, -2.7)],
    [(4.6, 3.8), (4.6, -2.8)],
    [(5.6, 3.95), (4.85, -2.9)],
    [(6.5, 3.75), (5.05, -2.9)],
    [(7.1, 2.9), (5.2, -2.6)],
]
COMMON_TENDON = [
    (3.7, -2.8),
    (4.45, -3.05),
    (5.3, -3.0),
    (5.55, -3.9),
    (6.05, -5.1),
    (6.35, -6.2),
    (5.85, -6.25),
    (5.5, -5.7),
    (4.8, -4.9),
    (4.1, -3.9),
]
ILIOPSOAS_BURSA = (4.95, -3.6, 0.72, 0.8)
ILIOPECTINEAL_EMINENCE = (3.35, -3.1, 0.34, 0.27)

# Nerves.  Roots leave the foramina under L1-L4 inside psoas; the femoral
# nerve (L2-L4) leaves psoas's lateral border and runs in the groove.
PLEXUS_LINES = [
    [(1.55, 9.0), (2.6, 8.4), (3.2, 7.4), (4.4, 5.3)],  # L1: iliohypogastric, ilioinguinal
    [(1.6, 7.0), (2.4, 5.6), (2.85, 3.6)],  # L2
    [(1.7, 5.0), (2.85, 3.6)],  # L3
    [(1.75, 3.0), (2.5, 3.25), (2.85, 3.6)],  # L4
    [(2.3, 3.4), (1.95, 1.4), (2.0, 0.0), (2.25, -1.3), (2.5, -2.5)],  # obturator nerve
]
FEMORAL_NERVE = [
    [(2.85, 3.6), (3.6, 2.9), (4.05, 2.1), (4.2, 0.0), (4.35, -1.2), (4.47, -1.9), (4.55, -2.6), (4.6, -3.4)],
    [(4.6, -3.4), (4.3, -4.8), (4.05, -6.3)],  # saphenous and medial cutaneous
    [(4.6, -3.4), (4.8, -5.0), (4.85, -6.5)],  # intermediate cutaneous
    [(4.6, -3.4), (5.4, -4.4), (5.75, -5.6)],  # muscular, to quadriceps and sartorius
]
INGUINAL_LIGAMENT = [(6.7, 0.0), (5.4, -1.05), (4.1, -2.2), (2.8, -3.4), (1.45, -4.85)]
FEMORAL_ARTERY = [(2.55, -0.6), (3.0, -1.6), (3.42, -2.85), (3.75, -4.2), (4.0, -6.0)]
FEMORAL_VEIN = [(2.2, -0.9), (2.6, -1.9), (2.93, -2.95), (3.15, -4.4), (3.2, -6.2)]

# Label layout of the front view: (part or drawing gid, anchor point on the
# drawing), top to bottom; the picture's left column is the patient's right
# (x < 0), the right column the patient's left.  Each column's labels stand
# at x = -LABEL_X or +LABEL_X, spaced evenly from top to bottom.
LABELS_LEFT = [
    ("psoas_minor_origin", (-0.85, 11.0)),
    ("psoas_origin", (-1.55, 8.0)),
    ("lumbar_discs", (-1.2, 5.0)),
    ("lumbar_plexus", (-2.45, 5.5)),
    ("psoas_minor", (-2.45, 3.0)),
    ("iliac_fossa", (-6.9, 1.6)),
    ("femoral_vessels", (-3.55, -3.8)),
    ("iliopectineal_eminence", (-3.3, -3.1)),
]
LABELS_RIGHT = [
    ("psoas_major", (3.1, 7.5)),
    ("iliacus", (6.0, 2.6)),
    ("femoral_nerve", (4.2, 0.4)),
    ("inguinal_ligament", (6.0, -0.55)),
    ("hip_joint", (6.05, -2.6)),
    ("iliopsoas_bursa", (5.55, -3.55)),
    ("common_tendon", (5.75, -4.9)),
    ("lesser_trochanter", (6.45, -6.5)),
]
LABEL_X = 9.3
