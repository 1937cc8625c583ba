// The figure widgets' front end (widgets/static/state_player.js) against
// Python's state tables: after each control of a random walk (written by
// tests/test_state_player.py into fixtures/state_player_states.json), the
// module reaches the same positions and reads the same slots as Python's
// slot_value(). Run: node --test tests/js/
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { slotValues, slotPieces, changedDrawings, definitionsOnly, moveTo, stepControl, stepFor, stateKey, valueText, withoutStyleElements } from "../../iliopsoas_lessons/widgets/static/state_player.js";

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const fixture = JSON.parse(readFileSync(here("./fixtures/state_player_states.json"), "utf8"));
const digest = (text) => createHash("sha256").update(text).digest("hex").slice(0, 16);

for (const { table: name, start, walk, valuetexts } of fixture.tables) {
  test(`${name}: the module walks the table as Python reads it`, () => {
    const table = JSON.parse(readFileSync(here(`../../iliopsoas_lessons/widgets/tables/${name}.json`), "utf8"));
    let positions = start.slice();
    let drawnOnly = 0;
    for (const action of walk) {
      const before = slotPieces(table, positions);
      positions = action.step
        ? moveTo(table, positions, action.control, positions[action.control] + action.step)
        : moveTo(table, positions, action.control, action.to);
      assert.deepEqual(positions, action.positions);
      assert.deepEqual(slotValues(table, positions).map(digest), action.slots, stateKey(positions));
      // a slot whose drawings alone change, updated drawing by drawing, ends as the whole value would
      slotPieces(table, positions).forEach((after, i) => {
        const changed = changedDrawings(table.strings, before[i], after);
        if (!changed) return;
        const pieces = before[i].map((j) => table.strings[j]);
        for (const [j, svg] of changed) pieces[j] = pieces[j].slice(0, pieces[j].lastIndexOf("<svg")) + svg;
        assert.equal(digest(pieces.join("")), action.slots[i]);
        if (changed.length) drawnOnly += 1;
      });
    }
    assert.ok(drawnOnly > 0, "no step changed a drawing alone");
    const at = stepControl(table);
    if (at >= 0) assert.equal(table.controls[at].type, "step");
    else assert.ok(table.controls.every((c) => c.type !== "step"), "an explorer has no Previous / Next");
    // a slider's value, read out in words (aria-valuetext), as Python words it
    const sliders = table.controls.filter((c) => c.type === "slider");
    assert.equal(sliders.length, (valuetexts || []).length);
    sliders.forEach((control, k) => {
      assert.deepEqual(control.options.map((_, p) => valueText(control, p)), valuetexts[k]);
    });
  });
}

test("the clicker's keys step, other keys do not", () => {
  assert.equal(stepFor("ArrowRight"), 1);
  assert.equal(stepFor("PageDown"), 1);
  assert.equal(stepFor("ArrowLeft"), -1);
  assert.equal(stepFor("PageUp"), -1);
  assert.equal(stepFor("Enter"), 0);
});

test("a figure's <style> elements are taken out of its markup, nothing else", () => {
  const matplotlib = '<svg viewBox="0 0 4 4"><defs>\n  <style type="text/css">*{stroke-linejoin: round; stroke-linecap: butt}</style>\n </defs><path d="M0 0L4 4" style="stroke: #000"/></svg>';
  assert.equal(withoutStyleElements(matplotlib), '<svg viewBox="0 0 4 4"><defs>\n  \n </defs><path d="M0 0L4 4" style="stroke: #000"/></svg>');
  assert.equal(withoutStyleElements("<style>\na{}\n</style><p>x</p><style media=print>b{}</style>"), "<p>x</p>");
  assert.equal(withoutStyleElements('<p style="color: red">styled</p>'), '<p style="color: red">styled</p>');
  // every shipped table has them (matplotlib writes one per SVG); none is left
  for (const name of ["SymptomStepper", "MechanismStepper", "AnatomyExplorer", "HipAngleExplorer", "SymptomExplorer"]) {
    const table = JSON.parse(readFileSync(here(`../../iliopsoas_lessons/widgets/tables/${name}.json`), "utf8"));
    assert.ok(table.strings.some((s) => s.includes("<style")), name);
    assert.ok(table.strings.every((s) => !/<style\b/.test(withoutStyleElements(s))), name);
  }
});

// The page keeps one definitions <svg> per figure and adds to it (render's
// addDefinitions): right only if every such piece is recognised, a drawing
// never is, and an id means one element in every state of a table.
test("a figure's definitions pieces are recognised, and an id defines one thing across states", () => {
  assert.ok(!definitionsOnly('<svg width="100%" role="img"><defs></defs><path d="M0 0"/></svg>'));
  for (const name of ["SymptomStepper", "MechanismStepper", "AnatomyExplorer", "HipAngleExplorer", "SymptomExplorer"]) {
    const table = JSON.parse(readFileSync(here(`../../iliopsoas_lessons/widgets/tables/${name}.json`), "utf8"));
    const pieces = table.strings.filter((s) => s.startsWith('<svg width="0"'));
    if (name === "SymptomStepper") assert.ok(pieces.length > 1, name); // its patterns accumulate over the states
    assert.ok(pieces.every(definitionsOnly), name);
    assert.ok(table.strings.filter((s) => !s.startsWith('<svg width="0"')).every((s) => !definitionsOnly(s)), name);
    const meaning = new Map();
    for (const piece of pieces) {
      for (const [element, id] of piece.matchAll(/<(?:pattern|clipPath) id="([^"]+)"[\s\S]*?<\/(?:pattern|clipPath)>/g)) {
        assert.equal(meaning.get(id) ?? element, element, `${name}: ${id}`);
        meaning.set(id, element);
      }
    }
  }
});
