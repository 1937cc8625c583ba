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

// ---------------------------------------------------------------- the store's rules
// results.js's browser store against Python's ProgressStore: the same answers
// make the same record (first attempt apart, the newest later ones kept), the
// same pseudonym and the very same file text. The store runs here on a Map
// standing in for localStorage.
import { applyAnswer, asFile, browserStore, cleanPseudonym, fresh, lessonScores } from
  "../../iliopsoas_lessons/widgets/static/results.js";

const { sequences } = JSON.parse(readFileSync(FIXTURE, "utf8"));
const MESSAGES = { set_aside: "could not be read ({why}); it {where}.", kept_as: "was kept as {name}",
  not_moved: "could not be moved aside ({why})", not_saved: "not saved ({why})" };
const SS = { ...S, storage_key: "k", messages: MESSAGES };

function memory(full = false) { // localStorage's calls, over a Map
  const map = new Map();
  const storage = {
    getItem: (k) => (map.has(k) ? map.get(k) : null),
    setItem(k, v) {
      if (full) throw new Error("QuotaExceededError");
      map.set(k, String(v));
    },
    removeItem: (k) => map.delete(k),
  };
  return new Proxy(storage, { ownKeys: () => [...map.keys()],
    getOwnPropertyDescriptor: (t, k) => (map.has(k) ? { value: map.get(k), enumerable: true, configurable: true }
      : Object.getOwnPropertyDescriptor(t, k)) });
}

test("there are answer sequences to replay", () => assert.ok(sequences.length >= 3));

for (const { name, answers, pseudonym, record, file } of sequences) {
  test(`the merge rule, as Python's store: ${name}`, () => {
    const data = fresh(S, record.learner_id);
    data.package_version = record.package_version;
    for (const [exercise, item, answer, correct] of answers) applyAnswer(S, data, exercise, item, { answer, correct });
    if (pseudonym !== null) data.pseudonym = cleanPseudonym(S, pseudonym);
    assert.deepEqual(data, record);
    assert.equal(asFile(data), file);
  });

  test(`the browser's store keeps what Python's keeps: ${name}`, () => {
    const storage = memory();
    const store = browserStore(SS, storage, { now: () => undefined });
    for (const args of answers) assert.notEqual(store.record(...args), null);
    if (pseudonym !== null) store.setPseudonym(pseudonym);
    const kept = JSON.parse(storage.getItem("k"));
    for (const items of Object.values(kept.exercises)) {
      for (const rec of Object.values(items)) for (const a of [rec.first, ...rec.later]) delete a.at;
    }
    assert.deepEqual(kept.exercises, record.exercises);
    assert.equal(kept.pseudonym, record.pseudonym);
    assert.equal(store.answered(), Object.values(record.exercises).reduce((n, i) => n + Object.keys(i).length, 0));
  });
}

test("a stored value that is not a record is set aside, never lost, and said", () => {
  const storage = memory();
  storage.setItem("k", "{half");
  const said = [];
  const store = browserStore(SS, storage, { notice: (m) => said.push(m) });
  assert.equal(store.answered(), 0);
  assert.equal(storage.getItem("k.corrupt-1"), "{half");
  assert.equal(storage.getItem("k"), null);
  assert.match(said[0], /^could not be read \(not valid JSON .*\); it was kept as k\.corrupt-1\.$/);
  store.record("quiz", "q", 1, true);
  assert.equal(JSON.parse(storage.getItem("k")).exercises.quiz.q.first.answer, 1);
  store.forget();
  assert.deepEqual(Object.keys(storage), []);
});

test("two tabs at once lose nothing: each answer is added to the record as stored now", () => {
  const storage = memory();
  const one = browserStore(SS, storage), two = browserStore(SS, storage);
  one.record("quiz", "a", 1, true);
  two.record("quiz", "b", 2, false);
  one.record("red_flag_cases", "c", "emergency", true);
  const kept = JSON.parse(storage.getItem("k"));
  assert.deepEqual(Object.keys(kept.exercises.quiz).sort(), ["a", "b"]);
  assert.equal(two.answered(), 3);
});

test("when storage refuses, the answers stay on the page and the store says it is not saved", () => {
  const store = browserStore(SS, memory(true));
  assert.notEqual(store.record("quiz", "a", 1, true), null);
  assert.equal(store.saved(), false);
  assert.equal(store.answered(), 1);
  assert.equal(JSON.parse(store.fileText()).exercises.quiz.a.first.answer, 1);
});

test("a wrong call is refused with null, and nothing is kept", () => {
  const storage = memory();
  const store = browserStore(SS, storage);
  const quiet = console.error;
  console.error = () => {};
  try {
    assert.equal(store.record("essay", "a", 1, true), null);
    assert.equal(store.record("quiz", "not a key", 1, true), null);
    assert.equal(store.record("quiz", "a", -1, true), null);
  } finally {
    console.error = quiet;
  }
  assert.equal(storage.getItem("k"), null);
});

test("each lesson's score counts first tries right, of the lesson's items", () => {
  const lessons = [
    { key: "l1", title: "One", items: [
      { exercise: "quiz", key: "a", label: "A?", answers: { 0: "zero", 1: "one" } },
      { exercise: "quiz", key: "b", label: "B?", answers: {} },
      { exercise: "quiz", key: "c", label: "C?", answers: {} },
    ] },
    { key: "l2", title: "Two", items: [{ exercise: "red_flag_cases", key: "a", label: "Case", answers: {} }] },
  ];
  const data = fresh(S);
  applyAnswer(S, data, "quiz", "a", { answer: 1, correct: false });
  applyAnswer(S, data, "quiz", "a", { answer: 0, correct: true });
  applyAnswer(S, data, "quiz", "b", { answer: 0, correct: true });
  const [one, two] = lessonScores(data, lessons);
  assert.deepEqual([one.total, one.answered, one.right_first], [3, 2, 1]); // "a" was right only later
  assert.deepEqual([two.total, two.answered, two.right_first], [1, 0, 0]); // same item key, another exercise
  assert.deepEqual([one.items[0].tries, one.items[0].first.answer, one.items[0].latest.answer], [2, 1, 0]);
  assert.equal(one.items[2].tries, 0);
});
