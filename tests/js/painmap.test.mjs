// The pain map's rules (widgets/static/painmap.js) against Python's
// (widgets/_state_painmap.py PainMapState.view): for the same marks, body,
// check and reference view, the same marks painted, names, legend, alt text,
// feedback and found / missed / extra. The states: tests/js/fixtures/painmap_states.json,
// written by tests/test_painmap.py. And how the module paints an area: an
// unmarked one with Python's look (figures/bodymap_svg.py CHOICE_STYLE, as
// matplotlib wrote it into the map), a marked one with data.styles.
// Run: node --test tests/js/
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { view, result, ordered, paintArea } from "../../iliopsoas_lessons/widgets/static/painmap.js";

const FIXTURE = fileURLToPath(new URL("./fixtures/painmap_states.json", import.meta.url));
const { exercises, unmarked } = JSON.parse(readFileSync(FIXTURE, "utf8"));

test("there are fixture states to check", () => {
  assert.ok(exercises.length >= 1 && exercises.every((e) => e.cases.length >= 20));
});

for (const { key, data, cases } of exercises) {
  test(`${key}: every state shows what Python's view() gives`, () => {
    for (const { name, state, view: want } of cases) {
      const got = view(data, state);
      const say = `${key} / ${name} / ${state.body} body, checked ${state.checked}, reference ${state.show_reference}`;
      assert.deepEqual(Object.keys(got).sort(), Object.keys(want).sort(), `${say}: fields`);
      for (const field of Object.keys(want)) {
        assert.deepEqual(got[field], want[field], `${say}: ${field}`);
      }
      // the order the map describes and paints them in, too (a dict keeps it in Python)
      assert.deepEqual(Object.keys(got.marks), Object.keys(want.marks), `${say}: order of the marks`);
    }
  });

  test(`${key}: a check is correct only for exactly the answer`, () => {
    assert.equal(result(data, data.answer).correct, true);
    assert.equal(result(data, [...data.answer].reverse()).correct, true);
    assert.equal(result(data, []).correct, data.answer.length === 0);
    for (const k of data.choices) {
      const r = result(data, [...data.answer, k]);
      assert.equal(r.correct, data.answer.includes(k), k);
    }
    assert.deepEqual(ordered(data, [...data.choices].reverse()), data.choices);
  });
}

// An area of the map as the module sees it: a group holding one path, whose
// attributes are all there is to its look (no DOM in node).
function fakeArea(style) {
  const attributes = new Map([["d", "M0 0L1 1z"], ["style", style]]);
  const path = {
    getAttribute: (name) => (attributes.has(name) ? attributes.get(name) : null),
    setAttribute: (name, value) => attributes.set(name, String(value)),
    removeAttribute: (name) => attributes.delete(name),
  };
  return { group: { querySelectorAll: () => [path] }, attributes };
}

const looks = (attributes) => Object.fromEntries([...attributes].filter(([name]) => name !== "d"));

test("an unmarked area has Python's look, before and after a mark", () => {
  const { data } = exercises[0];
  const { group, attributes } = fakeArea(unmarked.style);
  const want = unmarked.look;
  const check = (say) => {
    const got = looks(attributes);
    assert.equal(got.style, undefined, `${say}: an inline style would beat the stylesheet's focus ring`);
    assert.deepEqual(Object.fromEntries(Object.keys(want).map((k) => [k, got[k]])), want, say);
  };
  paintArea(group, null, "unused");
  check("never marked");
  for (const [status, style] of Object.entries(data.styles)) {
    paintArea(group, style, `tile-${status}`);
    const got = looks(attributes);
    assert.deepEqual(got, {
      fill: `url(#tile-${status})`, "fill-opacity": String(style.opacity), stroke: style.stroke,
      "stroke-width": String(style.width), "stroke-dasharray": style.dash || "none",
    }, `${status}: Python's MARK_STYLES and nothing of the unmarked look`);
    paintArea(group, null, "unused");
    check(`marked ${status}, then unmarked`);
  }
});
