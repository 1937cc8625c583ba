// The case player's result lines (round 12, m-1/m-2): after a decision at a
// second decision step, "The right level" is that step's, not the case's
// first-presentation answer; an acceptable option at another level is not
// called "the right level". Fixture: tests/js/fixtures/case_result_texts.json,
// written by tests/test_case_player.py.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { decisionTexts, score } from "../../iliopsoas_lessons/widgets/static/case_player.js";

const data = JSON.parse(readFileSync(fileURLToPath(new URL("./fixtures/case_result_texts.json", import.meta.url)), "utf8"));
const t = data.texts;
const rightLead = t.right_level.split("{level}")[0];

test("there are decisions at a second step whose right level differs from the answer", () => {
  const decisions = data.cases.flatMap((c) => c.decisions.map((d) => ({ ...d, answer: c.case.answer.label })));
  assert.ok(decisions.some((d) => d.right_label !== d.answer));
  assert.ok(decisions.some((d) => d.other_level && d.score.verdict === "acceptable"));
});

for (const { key, case: kase, decisions } of data.cases) {
  test(`${key}: the result names the right level of the step answered`, () => {
    for (const { path, score: expected, right_label: label, other_level: other } of decisions) {
      const s = score(kase, path);
      assert.deepEqual(s, expected);
      const texts = decisionTexts(kase, s, t);
      assert.ok(texts.right.startsWith(`${rightLead}${label}.`), `${path.at(-1)}: ${texts.right}`);
      if (s.verdict === "acceptable" && other) {
        assert.ok(!texts.verdict.includes("the right level,"), texts.verdict);
        assert.ok(texts.verdict.includes("not the right level for this step"), texts.verdict);
      }
    }
  });
}
