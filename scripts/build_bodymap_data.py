"""Maintenance script: build the shipped body-map geometry.

Reads the CHOIR Body Map polygons (MIT, Copyright (c) 2021 Eric Cramer) from
``scripts/choir-bodymap`` (or ``--source``), names every segment and
the patient's side, adds the hand-drawn finer zones (one per region id of
``iliopsoas_lessons/data/regions.json``) and writes one file per body,
``iliopsoas_lessons/data/bodymap/choir_male.json`` and ``choir_female.json``,
plus the MIT LICENSE.

The two bodies number some segments differently (on the female front view
112/113 are the abdomen, 111/114 the upper arms), and their outlines differ
(the female body is narrower at the shoulders and waist, its pelvis sits
higher), so each body has its own segment names and its own zones.

The package never reads the source polygons at run time: only the written JSON.

Coordinates stay in image pixels, y growing DOWNWARD, exactly as CHOIR ships
them; the drawing code flips y.  Zones are drawn here once, for the patient's
LEFT side, and mirrored about the body's midline for the right side, so the
two sides are exact mirror images.

Usage:  python scripts/build_bodymap_data.py [--source DIR] [--check]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = ROOT / "scripts" / "choir-bodymap"  # kept in the repository, so every clone can rebuild and check
OUT_DIR = ROOT / "iliopsoas_lessons" / "data" / "bodymap"
REGIONS = ROOT / "iliopsoas_lessons" / "data" / "regions.json"

BODIES = ("male", "female")
# x of each body's midline in image pixels.  Male front: seam 140|141 between
# the two halves of the head/torso; male back: seam 146|147, legs centred on
# 146.5.  Female front: seam 139|140 (torso 96-183, centre 139.5); female
# back: seam 129|130 (torso 88-171, legs 77-182, centre 129.5).
MIDLINE = {"male": {"front": 140.5, "back": 146.5}, "female": {"front": 139.5, "back": 129.5}}

# Segment names; the side is derived from the picture (front view: the
# patient's right is the picture's left; back view: the patient's left is the
# picture's left) and cross-checked against the polygon's position below.
# Each entry: choir id -> (name, patient's side)
FRONT = {
    101: ("top of the head", "right"),
    102: ("top of the head", "left"),
    103: ("face and jaw", "right"),
    104: ("face and jaw", "left"),
    105: ("front of the neck", "right"),
    106: ("front of the neck", "left"),
    107: ("front of the shoulder", "right"),
    110: ("front of the shoulder", "left"),
    108: ("chest", "right"),
    109: ("chest", "left"),
    111: ("upper arm (front)", "right"),
    112: ("upper arm (front)", "left"),
    113: ("elbow crease", "right"),
    114: ("elbow crease", "left"),
    115: ("forearm (front)", "right"),
    118: ("forearm (front)", "left"),
    119: ("wrist (palm side)", "right"),
    124: ("wrist (palm side)", "left"),
    125: ("palm and fingers", "right"),
    128: ("palm and fingers", "left"),
    116: ("abdomen", "right"),
    117: ("abdomen", "left"),
    120: ("side of the hip (front)", "right"),
    123: ("side of the hip (front)", "left"),
    121: ("groin", "right"),
    122: ("groin", "left"),
    126: ("front of the thigh", "right"),
    127: ("front of the thigh", "left"),
    129: ("knee (front)", "right"),
    130: ("knee (front)", "left"),
    131: ("shin", "right"),
    132: ("shin", "left"),
    133: ("ankle (front)", "right"),
    134: ("ankle (front)", "left"),
    135: ("top of the foot", "right"),
    136: ("top of the foot", "left"),
}
BACK = {
    201: ("top of the head (back)", "left"),
    202: ("top of the head (back)", "right"),
    203: ("back of the head", "left"),
    204: ("back of the head", "right"),
    205: ("back of the neck", "left"),
    206: ("back of the neck", "right"),
    207: ("back of the shoulder", "left"),
    210: ("back of the shoulder", "right"),
    208: ("upper back", "left"),
    209: ("upper back", "right"),
    211: ("upper arm (back)", "left"),
    214: ("upper arm (back)", "right"),
    215: ("elbow (back)", "left"),
    216: ("elbow (back)", "right"),
    217: ("forearm (back)", "left"),
    220: ("forearm (back)", "right"),
    221: ("wrist (back)", "left"),
    226: ("wrist (back)", "right"),
    227: ("back of the hand", "left"),
    230: ("back of the hand", "right"),
    212: ("middle back", "left"),
    213: ("middle back", "right"),
    218: ("lower back", "left"),
    219: ("lower back", "right"),
    222: ("side of the hip (back)", "left"),
    225: ("side of the hip (back)", "right"),
    223: ("buttock", "left"),
    224: ("buttock", "right"),
    228: ("back of the thigh", "left"),
    229: ("back of the thigh", "right"),
    231: ("back of the knee", "left"),
    232: ("back of the knee", "right"),
    233: ("calf", "left"),
    234: ("calf", "right"),
    235: ("back of the ankle", "left"),
    236: ("back of the ankle", "right"),
    237: ("heel", "left"),
    238: ("heel", "right"),
}

# Female front view: the arms and abdomen are numbered differently.
FEMALE_FRONT = {k: v for k, v in FRONT.items() if not 111 <= k <= 118}
FEMALE_FRONT.update(
    {
        111: ("upper arm (front)", "right"),
        114: ("upper arm (front)", "left"),
        115: ("elbow crease", "right"),
        116: ("elbow crease", "left"),
        117: ("forearm (front)", "right"),
        118: ("forearm (front)", "left"),
        112: ("abdomen", "right"),
        113: ("abdomen", "left"),
    }
)
NAMES = {"male": {"front": FRONT, "back": BACK}, "female": {"front": FEMALE_FRONT, "back": BACK}}

# Hand-drawn zones for the patient's LEFT side (image pixels, y down).
# Male back view: patient's left is x < 146.5.  Male front view: patient's
# left is x > 140.5.
MALE_LEFT_ZONES = {
    "back": {
        "thoracic_paraspinal": [(133, 120), (142, 120), (142, 203), (133, 203)],
        "lumbar_paraspinal": [(132, 206), (142, 206), (142, 256), (133, 257), (131, 240)],
        "sacroiliac": [(135, 259), (140, 261), (141, 268), (138, 276), (133, 277), (129, 270), (130, 263)],
        "upper_buttock": [(113, 274), (127, 271), (133, 280), (136, 291), (120, 294), (108, 287)],
        "buttock": [(101, 294), (119, 297), (136, 294), (142, 304), (140, 318), (121, 322), (103, 317), (98, 305)],
        # the L5-S1 nerve root: beside the spine where the lumbar strip
        # meets the sacroiliac area (drawn over both; smaller zones lie on top)
        "nerve_root": [(139, 245), (144, 249), (144.5, 259), (141, 266), (136.5, 261), (136, 251)],
        "lateral_hip": [(99, 273), (106, 275), (106, 305), (98, 309), (96, 290)],
        "back_thigh": [(102, 331), (139, 331), (139, 391), (111, 393), (104, 362)],
        "calf": [(106, 441), (134, 441), (134, 488), (113, 490), (107, 465)],
        "s1_foot": [(121, 531), (134, 531), (135, 551), (131, 559), (115, 559), (118, 547)],
    },
    "front": {
        "lower_abdomen": [(146, 246), (181, 244), (182, 257), (168, 271), (148, 277)],
        "groin": [(146, 298), (176, 271), (185, 279), (151, 306)],
        "femoral_triangle": [(153, 310), (186, 285), (166, 342)],
        "front_thigh_upper": [(150, 313), (189, 291), (193, 316), (190, 346), (150, 346), (147, 330)],
        "front_thigh": [(148, 336), (172, 336), (176, 362), (172, 394), (155, 396), (149, 370)],
        "l4_leg": [(154, 439), (164, 439), (164, 488), (160, 520), (153, 522), (153, 488)],
        "l5_foot": [
            (172, 441),
            (182, 443),
            (176, 486),
            (167, 519),
            (163, 540),
            (157, 558),
            (151, 556),
            (152, 542),
            (160, 523),
            (170, 488),
        ],
    },
}
# Midline zones, already symmetric about the back midline.
MALE_MIDLINE_ZONES = {
    "back": {
        "saddle": [(137, 296), (156, 296), (158, 309), (150, 316), (143, 316), (135, 309)],
    },
}

# Female zones, drawn again on the female outline (same anatomy, same
# left-side convention).  Female back: patient's left is x < 129.5; female
# front: patient's left is x > 139.5.  How they were made: each point of the
# male zone was first carried over through the bounding boxes of the matching
# CHOIR segment (same body part) on the two bodies; the result was then
# checked on renderings beside the male map and corrected by hand where the
# female segment borders lie elsewhere (groin, femoral triangle, upper front
# of the thigh, calf, and the saddle, redrawn symmetric about 129.5).  The
# tests check every zone against the outline, the midline and the male body.
FEMALE_LEFT_ZONES = {
    "back": {
        "thoracic_paraspinal": [(119, 116), (126, 116), (126, 190), (119, 190)],
        "lumbar_paraspinal": [(119, 193), (126, 193), (126, 246), (118, 247), (116, 229)],
        "sacroiliac": [(120, 249), (124, 251), (125, 259), (122, 266), (117, 267), (113, 261), (115, 253)],
        "upper_buttock": [(95, 261), (111, 262), (117, 269), (120, 279), (104, 281), (91, 272)],
        "buttock": [(85, 278), (104, 284), (120, 281), (126, 290), (124, 301), (105, 305), (88, 300), (83, 288)],
        "nerve_root": [(123, 234), (127, 239), (128, 249), (125, 258), (121, 251), (120, 241)],
        "lateral_hip": [(83, 260), (89, 262), (89, 288), (83, 291), (81, 275)],
        "back_thigh": [(88, 313), (123, 313), (123, 377), (96, 379), (90, 346)],
        "calf": [(92, 430), (117, 430), (117, 476), (98, 478), (93, 452)],
        "s1_foot": [(105, 524), (117, 524), (118, 541), (114, 548), (99, 548), (102, 538)],
    },
    "front": {
        "lower_abdomen": [(144, 231), (176, 229), (177, 242), (164, 256), (148, 263)],
        "groin": [(146, 289), (178, 260), (186, 269), (151, 296)],
        "femoral_triangle": [(152, 304), (186, 276), (164, 334)],
        "front_thigh_upper": [(148, 306), (189, 283), (192, 306), (189, 339), (148, 339), (145, 321)],
        "front_thigh": [(146, 328), (171, 328), (175, 357), (171, 392), (153, 394), (147, 365)],
        "l4_leg": [(154, 438), (163, 438), (163, 489), (160, 525), (153, 527), (153, 489)],
        "l5_foot": [
            (170, 440),
            (179, 442),
            (174, 487),
            (166, 524),
            (162, 546),
            (156, 563),
            (150, 561),
            (151, 548),
            (160, 528),
            (168, 489),
        ],
    },
}
FEMALE_MIDLINE_ZONES = {
    "back": {
        "saddle": [(120.5, 284), (138.5, 284), (140.5, 295), (133, 301), (126, 301), (118.5, 295)],
    },
}
ZONES = {"male": (MALE_LEFT_ZONES, MALE_MIDLINE_ZONES), "female": (FEMALE_LEFT_ZONES, FEMALE_MIDLINE_ZONES)}


def mirror(points, mid):
    return [[round(2 * mid - x, 3), float(y)] for x, y in points]


def build(source: Path, body: str = "male") -> dict:
    raw = json.loads((source / "choir_bodymap_polygons.json").read_text())
    left_zones, midline_zones = ZONES[body]
    regions = json.loads(REGIONS.read_text())["regions"]
    out = {
        "about": "Body-map geometry for iliopsoas-lessons: CHOIR Body Map segments "
        "(named, with the patient's side) and hand-drawn finer zones.",
        "source": raw["source"],
        "license": "CHOIR Body Map coordinates: MIT License, Copyright (c) 2021 Eric "
        "Cramer (see LICENSE in this folder). Zone shapes and names: "
        "iliopsoas-lessons contributors.",
        "coordinates": "image pixels, x to the right, y DOWNWARD; flip y to draw",
        "orientation": raw["orientation"],
        "body": body,
        "views": {},
    }
    names = NAMES[body]
    for view in ("front", "back"):
        segs = raw["views"][f"{body}_{view}"]
        mid = MIDLINE[body][view]
        xs = [p[0] for s in segs.values() for p in s]
        ys = [p[1] for s in segs.values() for p in s]
        seg_out = []
        for sid in sorted(segs, key=int):
            name, side = names[view][int(sid)]
            pts = segs[sid]
            cx = sum(p[0] for p in pts) / len(pts)
            picture_left = cx < mid
            expected = (
                ("right" if picture_left else "left") if view == "front" else ("left" if picture_left else "right")
            )
            if side != expected:
                raise SystemExit(f"{body} {view} segment {sid}: named {side}, lies on {expected}")
            seg_out.append(
                {
                    "id": f"choir_{sid}",
                    "choir_id": int(sid),
                    "name": name,
                    "side": side,
                    "points": [[float(x), float(y)] for x, y in pts],
                }
            )
        zones = []
        for zone, pts in left_zones.get(view, {}).items():
            left = [[float(x), float(y)] for x, y in pts]
            right = mirror(pts, mid)
            for p in left:  # left zone must lie on the patient's left half
                on_picture_left = p[0] < mid
                if on_picture_left != (view == "back"):
                    raise SystemExit(f"{body} zone {zone}: point {p} is on the wrong side")
            zones.append({"id": f"{zone}_left", "zone": zone, "side": "left", "points": left})
            zones.append({"id": f"{zone}_right", "zone": zone, "side": "right", "points": right})
        for zone, pts in midline_zones.get(view, {}).items():
            if sorted(x for x, _ in mirror(pts, mid)) != sorted(float(x) for x, _ in pts):
                raise SystemExit(f"{body} midline zone {zone} is not symmetric about {mid}")
            zones.append(
                {"id": zone, "zone": zone, "side": "midline", "points": [[float(x), float(y)] for x, y in pts]}
            )
        out["views"][view] = {
            "midline_x": mid,
            "bounds": [min(xs), max(xs), min(ys), max(ys)],
            "segments": seg_out,
            "zones": zones,
        }
    # every region id of the content has exactly one shape, on its own view
    shapes = {z["id"]: v for v, d in out["views"].items() for z in d["zones"]}
    for r in regions:
        if shapes.get(r["key"]) != r["view"]:
            raise SystemExit(f"{body} region {r['key']}: no shape on the {r['view']} view")
    extra = set(shapes) - {r["key"] for r in regions}
    if extra:
        raise SystemExit(f"{body} zones without a region id: {sorted(extra)}")
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    ap.add_argument("--check", action="store_true", help="only check that the shipped JSON is up to date")
    args = ap.parse_args(argv)
    stale = []
    for body in BODIES:
        text = json.dumps(build(args.source, body), indent=1, sort_keys=False) + "\n"
        target = OUT_DIR / f"choir_{body}.json"
        if args.check:
            if not (target.exists() and target.read_text() == text):
                stale.append(target)
            continue
        OUT_DIR.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
        print(f"wrote {target.relative_to(ROOT)}")
    if args.check:
        print("up to date" if not stale else "STALE: " + ", ".join(map(str, stale)))
        return 1 if stale else 0
    shutil.copyfile(args.source / "LICENSE", OUT_DIR / "LICENSE")
    print("copied LICENSE")
    return 0


if __name__ == "__main__":
    sys.exit(main())
