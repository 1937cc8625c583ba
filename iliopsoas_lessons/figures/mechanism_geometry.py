"""Geometry of the mechanism close-ups, kept as data (no drawing here).

Two close-up views of their own, independent of the front-view figure:

* ``FRONT``: the patient's RIGHT lower lumbar spine, hemipelvis and upper
  femur seen from the front (so the patient's right, lateral, is on the
  viewer's left and the midline at x = 10.5 on the viewer's right).  The
  patient's left side is drawn by mirroring the axes, never by a second copy.
* ``SIDE``: a section across the RIGHT hip seen from the patient's right
  (patient facing right, the front at +x), with a total hip replacement.

Units are schematic (about 2 cm), y up.  Checked against: G1918 p. 467 with
its fig. 430 (psoas major from the lumbar transverse processes and bodies,
down across the pelvic brim, under the inguinal ligament and in front of the
hip capsule to the lesser trochanter, the tendon receiving the iliacus; a
large bursa between tendon and pubis and capsule).  The bones are simplified
outlines (hip bone with its obturator foramen; femur with head, neck, greater
and lesser trochanters), not traced from a plate.  Lesion shapes: see each
scene's "Checked against" note in :mod:`.mechanism_scenes`.
"""

from __future__ import annotations

# ------------------------------------------------------------------ front view
MIDLINE_X = 10.5

# name -> (y bottom, y top) of the lumbar vertebral bodies, L1 to L5
VERTEBRAE = {"L1": (10.9, 12.1), "L2": (9.0, 10.2), "L3": (7.1, 8.3), "L4": (5.2, 6.4), "L5": (3.3, 4.5)}
BODY_HALF_WIDTH = 1.2
TRANSVERSE_PROCESS_X = (7.9, 9.4)  # lateral tip, root on the body

SACRUM = [(8.0, 2.7), (9.3, 3.1), (11.8, 3.1), (11.8, -0.8), (10.8, -1.4), (9.6, -0.4), (8.6, 1.0)]

# The right hip bone (ilium, pubis, ischium) as one outline, from the
# sacro-iliac joint over the iliac crest, the anterior spines, round the
# socket, under the ischium and pubis to the symphysis and back along the
# pubic ramus and the pelvic brim; the obturator foramen is a hole in it.
HIP_BONE = [
    (8.0, 2.8),
    (7.2, 4.5),
    (5.6, 5.7),
    (3.4, 5.8),
    (1.6, 5.2),
    (0.5, 3.9),
    (0.3, 3.0),
    (0.7, 2.4),
    (0.7, 1.6),
    (1.2, 0.9),
    (1.4, 0.2),
    (1.6, -0.9),
    (1.8, -2.6),
    (2.4, -3.8),
    (3.4, -4.2),
    (4.6, -3.9),
    (7.5, -3.6),
    (10.5, -3.7),
    (10.5, -1.8),
    (9.6, -1.5),
    (7.5, -0.8),
    (5.3, 0.0),
    (6.0, 1.2),
    (7.2, 2.2),
]
OBTURATOR = {"centre": (6.2, -2.35), "rx": 1.5, "ry": 0.75}

HIP_CENTRE = (3.0, -0.6)
SOCKET_RADIUS = 1.45
HEAD_RADIUS = 1.25

# upper femur without the lesser trochanter (drawn on its own: it can be avulsed)
FEMUR = [
    (2.4, 0.1),
    (1.5, -0.55),
    (0.9, -0.6),
    (0.45, -1.0),
    (0.45, -2.2),
    (0.8, -3.2),
    (0.9, -8.8),
    (2.5, -8.8),
    (2.5, -4.4),
    (2.7, -3.0),
    (3.0, -2.1),
    (3.6, -1.6),
]
LESSER_TROCHANTER = {"centre": (3.05, -3.55), "rx": 0.42, "ry": 0.5}

PSOAS = [
    (9.3, 11.9),
    (8.0, 11.4),
    (7.6, 9.5),
    (7.2, 7.6),
    (6.8, 5.8),
    (6.2, 4.0),
    (5.5, 2.4),
    (4.9, 1.3),
    (4.6, 0.8),
    (5.6, 0.5),
    (6.5, 1.1),
    (7.7, 2.3),
    (8.8, 3.7),
    (9.3, 5.5),
    (9.3, 8.0),
    (9.3, 10.0),
]
ILIACUS = [
    (1.2, 4.6),
    (3.0, 5.35),
    (5.5, 5.3),
    (7.0, 4.3),
    (6.3, 2.7),
    (5.4, 1.4),
    (4.8, 0.8),
    (4.1, 0.6),
    (2.8, 1.4),
    (1.5, 2.5),
    (1.0, 3.5),
]
TENDON = [(4.5, 1.1), (5.6, 0.8), (5.0, -0.9), (3.7, -3.0), (3.35, -3.55), (2.95, -3.2), (3.85, -1.0)]
INGUINAL_LIGAMENT = [(0.3, 3.0), (9.6, -1.5)]

# Muscle fibres for the close-ups: (start, end) in the muscle's long axis;
# they converge on the musculotendinous junction.
PSOAS_FIBRES = [
    ((9.1, 11.4), (5.5, 1.0)),
    ((8.4, 10.8), (5.25, 1.05)),
    ((8.9, 8.9), (5.7, 0.95)),
    ((8.0, 8.6), (5.1, 1.1)),
    ((8.9, 6.4), (5.9, 0.9)),
    ((7.5, 6.0), (4.95, 1.15)),
]
ILIACUS_FIBRES = [
    ((1.6, 4.4), (4.5, 0.95)),
    ((3.0, 5.0), (4.65, 1.0)),
    ((4.6, 5.0), (4.8, 1.05)),
    ((6.1, 4.3), (4.95, 1.05)),
]

# -------------------------------------------------------------- lesions (front)
# acute strain: a ragged gap across the muscle where it becomes tendon
TEAR = [
    (3.9, 1.75),
    (4.3, 2.05),
    (4.7, 1.8),
    (5.1, 2.1),
    (5.5, 1.85),
    (5.9, 2.15),
    (6.3, 1.9),
    (6.7, 2.1),
    (6.75, 1.45),
    (6.35, 1.6),
    (5.95, 1.3),
    (5.55, 1.55),
    (5.15, 1.25),
    (4.75, 1.5),
    (4.35, 1.25),
    (3.95, 1.45),
]

# tendinopathy: the tendon drawn thicker than normal
THICK_TENDON = [(4.3, 1.2), (5.8, 0.8), (5.25, -0.9), (3.9, -3.1), (3.4, -3.7), (2.8, -3.3), (3.6, -1.0)]
# the iliopsoas bursa lies behind the tendon, in front of the hip joint
BURSA = {"centre": (4.1, -0.55), "rx": 1.2, "ry": 1.75, "angle": -28}

# abscess: pus inside psoas major, swelling it (a spindle along the muscle)
PUS = [
    (8.5, 9.6),
    (9.05, 8.4),
    (9.15, 6.6),
    (8.8, 4.9),
    (8.1, 3.6),
    (7.3, 3.3),
    (6.7, 4.0),
    (6.8, 5.6),
    (7.2, 7.4),
    (7.7, 8.9),
]
DISC_SOURCE = (10.5, 6.75)  # the L3-L4 disc, one source of spread

# haematoma: blood in the iliacus, beneath its fascia, bulging to the groove
BLOOD = [(2.6, 3.9), (3.8, 4.3), (5.0, 4.0), (6.0, 3.1), (6.05, 2.2), (5.3, 1.6), (4.0, 1.7), (2.9, 2.3), (2.3, 3.1)]
# the femoral nerve leaves psoas and runs down the groove between psoas and
# iliacus, under the inguinal ligament, into the thigh (pushed medially here)
FEMORAL_NERVE = [(7.4, 7.2), (7.0, 5.4), (6.55, 3.6), (6.35, 2.4), (5.85, 1.4), (4.95, 0.55), (4.6, -0.6), (4.55, -1.9)]
NERVE_BRANCHES = [[(4.55, -1.9), (4.05, -2.8)], [(4.55, -1.9), (4.65, -3.0)], [(4.55, -1.9), (5.25, -2.7)]]

# avulsion: the lesser trochanter pulled up and in by the tendon
FRAGMENT = {"centre": (3.45, -2.45), "rx": 0.42, "ry": 0.45, "angle": 25}
AVULSED_TENDON = [(4.5, 1.1), (5.6, 0.8), (5.0, -0.9), (3.95, -2.2), (3.6, -2.55), (3.15, -2.3), (3.85, -1.0)]

# ------------------------------------------------------------------ side view
# A section across the right hip with a total hip replacement, patient facing
# right (front at +x); hip centre at the origin.
SIDE_PELVIS = [
    (-3.2, 6.0),
    (1.8, 6.0),
    (2.45, 3.5),
    (2.1, 2.6),
    (2.6, 1.55),
    (2.0, 0.2),
    (1.45, 1.0),
    (0.0, 1.75),
    (-1.4, 1.1),
    (-1.75, 0.0),
    (-1.6, -1.1),
    (-1.3, -2.2),
    (-2.4, -3.6),
    (-3.6, -2.8),
    (-3.7, 0.8),
]
CUP = {"r_in": 1.5, "r_out": 1.85, "from_deg": -40, "to_deg": 205}
LINER = {"r_in": 1.25, "r_out": 1.5, "from_deg": -40, "to_deg": 205}
BALL_RADIUS = 1.25
STEM = [(-0.35, -0.9), (0.35, -0.9), (0.55, -3.0), (0.4, -7.6), (-0.2, -7.6), (-0.55, -3.0)]
SIDE_FEMUR = [(-1.3, -2.2), (-0.5, -2.0), (1.1, -2.4), (1.3, -4.4), (1.1, -8.2), (-1.2, -8.2), (-1.4, -4.4)]
SIDE_LESSER_TROCHANTER = {"centre": (-1.45, -3.7), "rx": 0.4, "ry": 0.45}
# the tendon's centre line: down over the brim and the eminence, over the
# cup's overhanging front edge, back to the lesser trochanter
SIDE_TENDON_LINE = [(3.7, 6.2), (3.25, 3.4), (3.0, 1.6), (2.4, -0.35), (1.7, -1.32), (0.6, -2.6), (-1.2, -3.6)]
SIDE_TENDON_WIDTH = 0.5
CONTACT_LINE = [(2.25, -0.6), (1.98, -1.0), (1.6, -1.42)]  # the stretch of tendon on the rim
