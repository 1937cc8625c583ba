// The quiz and the red-flag practice cases ("how urgent?"): a prompt, options,
// feedback with its sources, one item at a time.
//
// Written once for every host of anywidget (JupyterLab, Voila) and for the
// course website's static host (sitewidgets/static/anywidget-host.js), which
// loads this file as a classic script. render() needs only a model with
// get / set / on / off / save_changes.
//
// Python (widgets/exercises.py) builds every text and the feedback for each
// option, before and after the reveal, and decides the order the options are
// shown in (one shuffle per learner). The page answers at once from that
// data; it sends the learner's answers (the trait "attempts"), which Python
// checks and saves in the learner's progress. The few rules below (a second
// try before the answer is shown, the same wrong answer again uses no try,
// the first-try score) are the same as widgets/_state_exercises.py's,
// checked against sequences Python exports (node --test tests/js/).
//
// Model traits:
//   kind      "quiz" or "cases" (the root's class: il-quiz, il-red-flag-cases)
//   texts     the page's own sentences, as templates ({name} blanks)
//   tries     answers before the right one is shown
//   items     [{key, prompt, options: [{answer, label, tip, correct,
//                feedback: {try: fb, final: fb}}]}], options in shown order;
//             fb = {correct, explanation, references: [key]}
//   index     the item shown (the page sets it)
//   attempts  {item key: [answer, ...]} every answer, first to last (the page sets it)
// Nothing is fetched: no network, no build step.

// -- the rules (pure functions, no DOM) ---------------------------------------

function optionFor(item, answer) {
  return item.options.find((o) => o.answer === answer) || null;
}

// True once the item's right answer may be shown: a right answer, or `tries` answers.
export function revealed(item, answers, tries) {
  return answers.some((a) => (optionFor(item, a) || {}).correct) || answers.length >= tries;
}

// The answers after answering `answer`; the same answer again before the reveal uses no try.
export function answer(item, answers, choice, tries) {
  if (!optionFor(item, choice)) throw new Error(`${item.key}: ${JSON.stringify(choice)} is not one of its options`);
  if (!revealed(item, answers, tries) && answers.includes(choice)) return answers;
  return [...answers, choice];
}

// The feedback to show: the latest answer's, as before or after the reveal; null if unanswered.
export function feedback(item, answers, tries) {
  if (!answers.length) return null;
  const option = optionFor(item, answers[answers.length - 1]);
  return revealed(item, answers, tries) ? option.feedback.final : option.feedback.try;
}

// Each shown option's mark: "right" (revealed), "wrong" (tried) or "".
export function marks(item, answers, tries) {
  const shown = revealed(item, answers, tries);
  return item.options.map((o) => (o.correct ? (shown ? "right" : "") : answers.includes(o.answer) ? "wrong" : ""));
}

// {score: items right at the first try, answered: items answered}
export function score(items, attempts) {
  let right = 0, answered = 0;
  for (const item of items) {
    const answers = attempts[item.key] || [];
    if (!answers.length) continue;
    answered += 1;
    if ((optionFor(item, answers[0]) || {}).correct) right += 1;
  }
  return { score: right, answered };
}

// A learner's saved records ({item key: {first: {answer}, later: [{answer}]}}, the
// progress file's form) as attempts; a record holding an answer that is not one
// of the item's options is left out whole, as Python's state does.
export function restoreAttempts(items, saved) {
  const out = {};
  for (const item of items) {
    const record = saved && saved[item.key];
    if (!record || !record.first) continue;
    const answers = [record.first, ...(record.later || [])].map((a) => a.answer);
    if (answers.every((a) => optionFor(item, a))) out[item.key] = answers;
  }
  return out;
}

export function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

// -- the page -------------------------------------------------------------------

let instances = 0;

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text != null) node.textContent = text;
  return node;
}

function render({ model, el: host }) {
  const id = `il-ex-${++instances}`;
  const root = el("div", "il-exercise");
  const bar = el("div", "il-exercise-nav");
  const previous = el("button", "il-exercise-previous");
  const counter = el("span", "il-exercise-counter");
  const next = el("button", "il-exercise-next");
  previous.type = next.type = "button";
  bar.append(previous, counter, next);
  const heading = el("h4", "il-exercise-heading");
  const prompt = el("p", "il-exercise-prompt");
  prompt.id = `${id}-prompt`;
  const choices = el("div", "il-exercise-choices");
  choices.setAttribute("role", "group");
  choices.setAttribute("aria-labelledby", prompt.id);
  // announced when it changes; the verdict is in words, colour only repeats it
  const said = el("div", "il-exercise-feedback");
  said.setAttribute("aria-live", "polite");
  said.setAttribute("role", "status");
  const total = el("p", "il-exercise-score");
  root.append(bar, heading, prompt, choices, said, total);
  host.append(root);

  const items = () => model.get("items") || [];
  const texts = () => model.get("texts") || {};
  const tries = () => model.get("tries") || 2;
  const attempts = () => model.get("attempts") || {};

  function feedbackNodes(fb, t) {
    if (!fb) return [el("p", "il-exercise-ask", t.prompt)];
    const p = el("p", `il-exercise-verdict il-exercise-${fb.correct ? "right" : "wrong"}`);
    const strong = el("strong", "", `${t.marks[fb.correct ? "right" : "wrong"]} ${t.verdicts[fb.correct ? "right" : "wrong"]}. `);
    p.append(strong, document.createTextNode(fb.explanation));
    if (fb.references.length) p.append(" ", el("span", "il-refs", fill(t.references, { keys: fb.references.join(", ") })));
    return [p];
  }

  function show() {
    const all = items(), t = texts(), n = all.length;
    if (!n) return;
    const index = Math.min(Math.max(model.get("index") || 0, 0), n - 1);
    const item = all[index], answers = attempts()[item.key] || [];
    root.className = `il-exercise il-${model.get("kind") === "cases" ? "red-flag-cases" : "quiz"}`;
    root.dataset.index = String(index);
    // the arrows are decoration: the buttons' names are the words
    previous.replaceChildren(el("span", "", "← "), t.previous);
    previous.firstChild.setAttribute("aria-hidden", "true");
    previous.title = t.previous_tip;
    next.replaceChildren(t.next, el("span", "", " →"));
    next.lastChild.setAttribute("aria-hidden", "true");
    next.title = t.next_tip;
    previous.disabled = index === 0;
    next.disabled = index === n - 1;
    counter.textContent = fill(t.counter, { k: index + 1, n });
    heading.textContent = fill(t.heading, { k: index + 1, n });
    prompt.textContent = item.prompt;
    const mark = marks(item, answers, tries());
    // the keyboard stays on the option it was on when the options are drawn again
    const focused = choices.contains(document.activeElement) ? Number(document.activeElement.dataset.choice) : null;
    const buttons = item.options.map((o, b) => {
      const button = el("button", `il-exercise-option${model.get("kind") === "cases" ? "" : " il-quiz-option"}`);
      button.type = "button";
      button.dataset.choice = String(b);
      button.title = o.tip;
      button.textContent = mark[b] ? `${t.marks[mark[b]]} ${o.label}` : o.label;
      if (mark[b]) button.dataset.mark = mark[b];
      button.addEventListener("click", () => choose(b));
      return button;
    });
    choices.className = `il-exercise-choices il-exercise-choices-${model.get("kind") === "cases" ? "row" : "stack"}`;
    choices.replaceChildren(...buttons);
    const fb = feedback(item, answers, tries());
    const nodes = feedbackNodes(fb, t);
    // replaced only when it changes, so a screen reader hears it once
    if (said.dataset.shown !== JSON.stringify([item.key, fb])) {
      said.replaceChildren(...nodes);
      said.dataset.shown = JSON.stringify([item.key, fb]);
    }
    const s = score(all, attempts());
    total.textContent = fill(t.score, { score: s.score, count: n, answered: s.answered });
    if (focused !== null && root.dataset.shownKey === item.key) (buttons[focused] || buttons[0]).focus();
    root.dataset.shownKey = item.key;
  }

  function choose(b) {
    const all = items(), index = model.get("index") || 0, item = all[index];
    const before = attempts(), answers = before[item.key] || [];
    const after = answer(item, answers, item.options[b].answer, tries());
    if (after === answers) { show(); return; }
    model.set("attempts", { ...before, [item.key]: after });
    model.save_changes();
    show();
  }

  function step(delta) {
    const n = items().length, index = model.get("index") || 0;
    const to = Math.min(Math.max(index + delta, 0), n - 1);
    if (to === index) return;
    model.set("index", to);
    model.save_changes();
    show();
    // keep the keyboard on the bar when the button pressed is now disabled
    if (document.activeElement === next && next.disabled) previous.focus();
    if (document.activeElement === previous && previous.disabled) next.focus();
  }
  previous.addEventListener("click", () => step(-1));
  next.addEventListener("click", () => step(1));

  const events = ["change:items", "change:texts", "change:index", "change:attempts", "change:kind", "change:tries"];
  for (const name of events) model.on(name, show);
  show();
  return () => { for (const name of events) model.off(name, show); };
}

export default { render };
