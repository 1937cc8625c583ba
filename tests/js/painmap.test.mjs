// The pain map's rules (widgets/static/painmap.js) against Python's
// (widgets/_state_painmap.py PainMapState.view): for the same marks, body,
// check and reference view, the same marks painted, names, legend, alt text,
// feedback and found / missed / extra. The states: tests/js/fixtures/painmap_states.json,
// written by tests/test_painmap.py. Run: node --test tests/js/
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { view, result, ordered } from "../../iliopsoas_lessons/widgets/static/painmap.js";

const FIXTURE = fileURLToPath(new URL("./fixtures/painmap_states.json", import.meta.url));
const { exercises } = JSON.parse(readFileSync(FIXTURE, "utf8"));

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
