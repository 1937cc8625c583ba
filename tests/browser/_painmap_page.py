"""Pointing at one area of the pain map as a learner does: on a point of the
area itself. Playwright's click aims at the middle of the element's box,
which for a curved area (the foot on the female map) may be outside it."""

from __future__ import annotations

# a point of the area that the page gives to the area itself (none of the map drawn over it)
_POINT = """g => {
  const r = g.getBoundingClientRect();
  for (let n = 2; n <= 16; n *= 2) {
    for (let i = 1; i < n; i += 2) for (let j = 1; j < n; j += 2) {
      const x = r.left + r.width * i / n, y = r.top + r.height * j / n;
      const hit = document.elementFromPoint(x, y);
      if (hit && hit.closest('.ilpm-area') === g) return [x, y];
    }
  }
  return null;
}"""


def area_point(area) -> tuple[float, float]:
    area.scroll_into_view_if_needed()
    point = area.evaluate(_POINT)
    assert point, f"no point of {area} takes a click"
    return point[0], point[1]


def click_area(page, area) -> None:
    page.mouse.click(*area_point(area))


def tap_area(page, area) -> None:
    page.touchscreen.tap(*area_point(area))
