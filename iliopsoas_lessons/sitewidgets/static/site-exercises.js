// The quiz and the red-flag cases on the course website, with no kernel.
//
// iliopsoas_lessons/sitewidgets/exercises.py pressed every button of the
// Python widget, from each state it reached, and stored what the widget then
// showed and which state each press leads to. This script keeps, for each
// item, the number of the state the learner has reached, follows the stored
// moves and shows the stored texts: every word on the page, and every rule
// (second try, reveal, first-try score), is the Python widget's.
//
// On load, each item starts where the learner's saved record (in the
// browser, window.ilSiteProgress.restore) puts it, as a Python state built
// again over the same record: each saved answer, first to last, follows the
// item's stored restore moves, which the export found by having the real
// state restore such a record. A record holding an answer that no button
// saves is not taken back, as in Python.
//
// data: {classes, choices: "stack" | "row", option_class, nav: {previous: [label, tooltip], next: [...]},
//        start, exercise, strings, scores: [[string per right] per answered],
//        items: [{key, progress, records: [[exercise, item, answer, correct]], answers: [answer per button],
//                 states: [[heading, feedback, answered, right, [labels], [tips], [hidden], [[next, record]]]],
//                 restores: [[state per button] per state]}]}
(function () {
  "use strict";
  const HEADING = 0, FEEDBACK = 1, ANSWERED = 2, RIGHT = 3, LABELS = 4, TIPS = 5, HIDDEN = 6, MOVES = 7;

  function make(tag, className, parent) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (parent) parent.appendChild(node);
    return node;
  }

  function navButton(parent, [label, tooltip], step) {
    const b = make("button", "", parent);
    b.type = "button";
    b.dataset.step = String(step);
    b.title = tooltip;
    b.textContent = step < 0 ? `← ${label}` : `${label} →`;
    return b;
  }

  // each item's state when the learner's saved record is taken back (0: fresh)
  function restored(data) {
    const saved = window.ilSiteProgress ? window.ilSiteProgress.restore(data.exercise) : {};
    return data.items.map((item) => {
      if (!Object.hasOwn(saved, item.key)) return 0;
      const record = saved[item.key];
      let state = 0;
      for (const attempt of [record.first, ...record.later]) {
        const b = item.answers.findIndex((answer) => answer !== null && answer === attempt.answer);
        if (b < 0) return 0; // not one of this item's answers: the whole record is left out
        state = item.restores[state][b];
      }
      return state;
    });
  }

  function renderExercise(el, data) {
    const text = (i) => data.strings[i];
    const root = make("div", ["il-site-exercise-box", ...data.classes].join(" "), el);
    const bar = make("div", "il-site-nav il-site-row", root);
    const previous = navButton(bar, data.nav.previous, -1);
    const progress = make("span", "il-site-count", bar);
    progress.setAttribute("aria-live", "polite");
    const next = navButton(bar, data.nav.next, 1);
    const heading = make("div", "il-site-heading", root);
    heading.id = `${el.id}-heading`;
    const choices = make("div", `il-site-choices il-site-choices-${data.choices}`, root);
    choices.setAttribute("role", "group");
    choices.setAttribute("aria-labelledby", heading.id);
    const feedback = make("div", "il-site-feedback", root);
    feedback.setAttribute("role", "status");
    const score = make("div", "il-site-score", root);

    const reached = restored(data); // each item's state number
    let index = data.start;
    let shownFeedback = null;
    const width = data.items[0].states[0][LABELS].length;
    const buttons = [];
    for (let b = 0; b < width; b += 1) {
      const button = make("button", data.option_class, choices);
      button.type = "button";
      button.dataset.choice = String(b);
      button.addEventListener("click", () => answer(b));
      buttons.push(button);
    }

    function answer(b) {
      const item = data.items[index];
      const move = item.states[reached[index]][MOVES][b];
      if (!move) return;
      reached[index] = move[0];
      // the same arguments the Python state passed to ProgressStore.record
      if (move[1] >= 0 && window.ilSiteProgress) window.ilSiteProgress.record(...item.records[move[1]]);
      show();
    }

    function show() {
      const item = data.items[index];
      const state = item.states[reached[index]];
      progress.textContent = text(item.progress);
      heading.innerHTML = text(state[HEADING]);
      const hidden = new Set(state[HIDDEN]);
      buttons.forEach((button, b) => {
        button.textContent = text(state[LABELS][b]);
        button.title = text(state[TIPS][b]);
        button.hidden = hidden.has(b);
      });
      if (shownFeedback !== state[FEEDBACK]) {
        feedback.innerHTML = text(state[FEEDBACK]);
        shownFeedback = state[FEEDBACK];
      }
      let answered = 0, right = 0;
      data.items.forEach((it, i) => {
        answered += it.states[reached[i]][ANSWERED];
        right += it.states[reached[i]][RIGHT];
      });
      score.textContent = text(data.scores[answered][right]);
      const focused = document.activeElement;
      previous.disabled = index === 0;
      next.disabled = index === data.items.length - 1;
      // keep the keyboard on the bar when the button pressed is now disabled
      if (focused === previous && previous.disabled) next.focus();
      if (focused === next && next.disabled) previous.focus();
    }

    previous.addEventListener("click", () => { if (index > 0) { index -= 1; show(); } });
    next.addEventListener("click", () => { if (index < data.items.length - 1) { index += 1; show(); } });
    show();
  }

  window.ilSiteWidgets.register("exercise", renderExercise);
})();
