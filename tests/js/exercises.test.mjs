// The quiz's and the red-flag cases' rules (widgets/static/exercises.js)
// against Python's state (widgets/_state_exercises.py): the same presses give
// the same answers kept, reveal, feedback, marks and first-try score, and a
// saved record is taken back the same way. The sequences:
// tests/js/fixtures/exercises_sequences.json, written by
// tests/test_exercises_widget.py. Run: node --test tests/js/
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { answer, revealed, feedback, marks, score, restoreAttempts, fill } from "../../iliopsoas_lessons/widgets/static/exercises.js";

const data = JSON.parse(readFileSync(fileURLToPath(new URL("./fixtures/exercises_sequences.json", import.meta.url)), "utf8"));

test("there are sequences for the quiz and the cases", () => {
  assert.deepEqual(Object.keys(data).sort(), ["cases", "quiz"]);
  for (const part of Object.values(data)) assert.ok(part.sequences.length >= part.items.length);
});

for (const [kind, part] of Object.entries(data)) {
  test(`${kind}: every press as Python's state`, () => {
    for (const { index, steps } of part.sequences) {
      const item = part.items[index];
      let answers = [];
      for (const [i, want] of steps.entries()) {
        const where = `${item.key}, press ${i + 1} (${JSON.stringify(steps.map((s) => s.answer))})`;
        answers = answer(item, answers, want.answer, part.tries);
        assert.deepEqual(answers, want.answers, where);
        assert.equal(revealed(item, answers, part.tries), want.revealed, where);
        // Python checked that its state's feedback is this option's "try" or "final" text
        const option = item.options.find((o) => o.answer === want.answer);
        assert.deepEqual(feedback(item, answers, part.tries), option.feedback[want.feedback], where);
        assert.deepEqual(marks(item, answers, part.tries), want.marks, where);
        assert.equal(score(part.items, { [item.key]: answers }).score, want.score, where);
      }
    }
  });

  test(`${kind}: a saved record is taken back as Python's state takes it back`, () => {
    for (const { saved, attempts } of part.restores) assert.deepEqual(restoreAttempts(part.items, saved), attempts);
  });
}

test("an answer that is not one of the item's options is refused", () => {
  const item = data.quiz.items[0];
  assert.throws(() => answer(item, [], 99, 2), /not one of its options/);
});

test("the score counts first answers of every item", () => {
  const items = data.quiz.items;
  const right = (it) => it.options.find((o) => o.correct).answer;
  const wrong = (it) => it.options.find((o) => !o.correct).answer;
  const attempts = { [items[0].key]: [right(items[0])], [items[1].key]: [wrong(items[1]), right(items[1])] };
  assert.deepEqual(score(items, attempts), { score: 1, answered: 2 });
  assert.equal(fill("First try: {score} of {count}", { score: 1, count: 3 }), "First try: 1 of 3");
});
