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
import { slotValues, moveTo, stepControl, stepFor, stateKey } from "../../iliopsoas_lessons/widgets/static/state_player.js";

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const fixture = JSON.parse(readFileSync(here("./fixtures/state_player_states.json"), "utf8"));
const digest = (text) => createHash("sha256").update(text).digest("hex").slice(0, 16);

for (const { table: name, walk } of fixture.tables) {
  test(`${name}: the module walks the table as Python reads it`, () => {
    const table = JSON.parse(readFileSync(here(`../../iliopsoas_lessons/widgets/tables/${name}.json`), "utf8"));
    let positions = table.controls.map(() => 0);
    for (const action of walk) {
      positions = action.step
        ? moveTo(table, positions, action.control, positions[action.control] + action.step)
        : moveTo(table, positions, action.control, action.to);
      assert.deepEqual(positions, action.positions);
      assert.deepEqual(slotValues(table, positions).map(digest), action.slots, stateKey(positions));
    }
    assert.equal(table.controls[stepControl(table)].type, "step");
  });
}

test("the clicker's keys step, other keys do not", () => {
  assert.equal(stepFor("ArrowRight"), 1);
  assert.equal(stepFor("PageDown"), 1);
  assert.equal(stepFor("ArrowLeft"), -1);
  assert.equal(stepFor("PageUp"), -1);
  assert.equal(stepFor("Enter"), 0);
});
