"""The femoral triangle shows the signs the groin and upper thigh beside it
show, and the calf and the leg's skin areas show the sepsis sign.

The femoral triangle is where the lessons place iliopsoas tenderness, so it is
where a learner or patient is most likely to tap, yet it lacked the antiplatelet,
the two child-limp and the major-trauma signs that its neighbours show. The
sepsis sign, whose criteria do not depend on where the pain is, was linked to
every leg and trunk area except the calf and the L4, L5 and S1 skin areas; the
calf's description now says that such signs of being very unwell need help at
once.
"""

from __future__ import annotations

import pytest

import iliopsoas_lessons as il

pytestmark = pytest.mark.unit

NEIGHBOUR_SIGNS = ("antiplatelet_pain", "young_child_limp", "child_limp_not_settling", "major_trauma")


@pytest.mark.parametrize("side", ["left", "right"])
def test_the_femoral_triangle_shows_its_neighbours_signs(side):
    triangle = set(il.region(f"femoral_triangle_{side}").red_flags)
    for key in NEIGHBOUR_SIGNS:
        assert key in triangle, key
        assert f"groin_{side}" in il.red_flag(key).regions, key


@pytest.mark.parametrize("side", ["left", "right"])
def test_the_calf_and_the_leg_skin_areas_show_the_sepsis_sign(side):
    for area in ("calf", "l4_leg", "l5_foot", "s1_foot"):
        assert "infection_unwell" in il.region(f"{area}_{side}").red_flags, area
    calf = il.region(f"calf_{side}")
    assert "needs help at once" in calf.description and "mottled" in calf.description
    assert "NG253" in calf.references
