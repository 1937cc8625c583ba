// The case player's engine (widgets/static/case_player.js) against Python's
// (content/case_engine.py): the same path gives the same states and score.
// The paths: tests/js/fixtures/case_player_paths.json (the fixture cases,
// written by tests/test_case_player.py) and, when the core has exported it,
// tests/fixtures/case_scores.json (every case of the course). Run: node --test tests/js/
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { start, available, choose, score, replay } from "../../iliopsoas_lessons/widgets/static/case_player.js";

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const FILES = [here("./fixtures/case_player_paths.json"), here("../fixtures/case_scores.json")].filter(existsSync);

// A case as its file gives it (rules with when/then) in the player's form (flat rules).
function playerForm(kase) {
  const rules = (kase.rules || []).map((r) => (r.when ? { key: r.key, ...r.when, ...r.then } : r));
  const steps = kase.steps.map((s) => ({
    ...s,
    items: (s.items || []).map((i) => ({ minutes: 0, cost: 0, ...i })),
  }));
  return { ...kase, steps, rules };
}

function caseFile(key) {
  const places = [`../../iliopsoas_lessons/data/cases/${key}.json`, `../data/cases/valid/${key}.json`].map(here);
  const found = places.find(existsSync);
  if (!found) throw new Error(`no case file for ${key}: looked in ${places.join(", ")}`);
  return found;
}

function fixtureCases() {
  const out = [];
  for (const file of FILES) {
    const data = JSON.parse(readFileSync(file, "utf8"));
    for (const c of data.cases) {
      // a fixture without the case itself: its file, in the package's data or the test fixtures
      const kase = c.case || JSON.parse(readFileSync(caseFile(c.key), "utf8"));
      out.push({ file, key: c.key, kase: playerForm(kase), paths: c.paths });
    }
  }
  return out;
}

const cases = fixtureCases();

test("there are fixture paths to check", () => {
  assert.ok(cases.length >= 1 && cases.every((c) => c.paths.length >= 5));
});

for (const { file, key, kase, paths } of cases) {
  test(`${key} (${file.split("/").slice(-2).join("/")}): every state and score as Python's`, () => {
    for (const { path, states, score: expected } of paths) {
      let state = start(kase);
      path.forEach((choice, i) => {
        assert.ok(available(kase, state).includes(choice), `${path.slice(0, i + 1)}: not available`);
        state = choose(kase, state, choice);
        const want = states[i];
        const got = { step: state.step, available: available(kase, state), counters: state.counters,
          messages: state.messages, fired: state.fired, ended: state.ended, decision: state.decision };
        // the page shows a decision's options shuffled per learner (player_case): the same
        // choices as Python's, in another order, so "available" is compared as a set
        got.available = [...got.available].sort();
        const expected = { ...want, available: want.available && [...want.available].sort() };
        for (const name of Object.keys(want)) {
          assert.deepEqual(got[name], expected[name], `${key} ${path.slice(0, i + 1).join(" > ")}: ${name}`);
        }
      });
      assert.deepEqual(score(kase, path), expected, `${key} ${path.join(" > ")}: score`);
    }
  });
}

test("a choice that is not available is refused, naming the valid ones", () => {
  const { kase } = cases[0];
  const state = start(kase);
  assert.throws(() => choose(kase, state, "no_such_key"), (e) => e.message.includes(`valid: ${available(kase, state).join(", ")}`));
  assert.throws(() => replay(kase, ["no_such_key"]), /path\[0\]/);
});

test("an unsafe decision is never a success, whatever else was done", () => {
  for (const { kase, paths } of cases) {
    for (const { score: s } of paths) if (s.verdict === "unsafe") assert.equal(s.outcome, "unsafe");
    for (const { path } of paths) {
      const s = score(kase, path);
      if (s.verdict === "unsafe") assert.equal(s.points, 0);
    }
  }
});

test("a missing-essentials message names every essential item still not chosen", () => {
  // the fixture cases' own rule texts are short; the engine adds the labels (round 14, part C minor 2)
  const { kase } = cases.find((c) => (c.kase.rules || []).some((r) => r.essential_missing));
  const essential = kase.steps.flatMap((s) => (s.items || []).filter((i) => i.essential));
  const [first, ...rest] = essential;
  let state = choose(kase, start(kase), first.key);
  const toDecision = kase.steps.flatMap((s) => s.moves || []).find((m) => m.goto === "decision" && available(kase, state).includes(m.key));
  state = choose(kase, state, toDecision.key);
  const message = state.messages.at(-1);
  assert.match(message, / Not yet done: /);
  for (const item of rest) assert.ok(message.includes(item.label), `${item.key} is not named`);
  assert.ok(!message.includes(first.label), "a chosen item is named as missing");
});
