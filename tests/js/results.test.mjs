// The results record's checks (widgets/static/results.js, used by the site's
// store) against Python's (iliopsoas_lessons.progress.problems): valid
// records pass, and every record Python refuses is refused with Python's
// very message. The records: tests/js/fixtures/results_records.json, written
// by tests/test_results_rules.py. Run: node --test tests/js/
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { problems, storedProblem } from "../../iliopsoas_lessons/widgets/static/results.js";

const FIXTURE = fileURLToPath(new URL("./fixtures/results_records.json", import.meta.url));
const { settings: S, kinds, cases } = JSON.parse(readFileSync(FIXTURE, "utf8"));

const kindOf = (message) => {
  if (message === null) return "valid";
  const found = Object.entries(kinds).filter(([, pattern]) => new RegExp(pattern).test(message)).map(([k]) => k);
  return found.length === 1 ? found[0] : `unclear: ${found.join(", ")}`;
};

test("there are valid records and refused ones to check", () => {
  assert.ok(cases.some((c) => c.kind === "valid") && cases.some((c) => c.kind !== "valid"));
});

for (const { name, data, message, kind } of cases) {
  test(`${name}: ${kind}`, () => {
    const got = problems(S, data)[0] || null;
    assert.equal(kindOf(got), kind, `${name}: kind of ${JSON.stringify(got)}`);
    assert.equal(got, message, name);
    if (data !== null && kind !== "text") { // the same record as stored text (a lone surrogate cannot be)
      assert.equal(storedProblem(S, JSON.stringify(data)), message, `${name}, stored`);
    }
  });
}

test("stored text that is not JSON, or too big, is refused before it is read", () => {
  assert.match(storedProblem(S, "{"), /^not valid JSON \(/);
  assert.match(storedProblem(S, " ".repeat(S.max_bytes + 1)), /^too big \(/);
});
