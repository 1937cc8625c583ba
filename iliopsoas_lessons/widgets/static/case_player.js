// The virtual-patient case player: the learner takes the history, examines,
// orders tests and decides, one button at a time.
//
// Written once for every host of anywidget (JupyterLab, Voila) and for the
// course website's static host (sitewidgets/static/anywidget-host.js), which
// loads this file as a classic script. render() needs only a model with
// get / set / on / off / save_changes.
//
// The page moves between states itself, so no click waits for a kernel: the
// engine below (start, available, choose, score) is the same as Python's
// content/case_engine.py, checked against the paths Python exports
// (tests/fixtures/case_scores.json, node --test tests/js/). Python receives the
// path after each choice, replays it and records the finished case.
//
// Model traits (widgets/cases.py):
//   case           the case as the player needs it (texts, keys, accuracy and
//                  references resolved, level labels)
//   texts          every sentence of the page's own, as templates ({name} blanks)
//   path           the keys chosen so far; the page sets it after each choice
//   restored_path  a finished path from saved progress, shown with "Start again"
//   saved_path     the finished path the host has recorded in the learner's progress
// Nothing is fetched: no network, no build step.

// -- the engine (pure functions, no DOM) --------------------------------------

const VERDICT_POINTS = { best: 50, acceptable: 40, over: 20 };

function stepOf(kase, key) {
  const step = kase.steps.find((s) => s.key === key);
  if (!step) throw new Error(`case ${kase.key}: no step ${JSON.stringify(key)}`);
  return step;
}

// {key: {kind: "item"|"move"|"option", step, entry}} over the whole case
function entries(kase) {
  if (kase._entries) return kase._entries;
  const found = {};
  for (const step of kase.steps) {
    for (const item of step.items || []) found[item.key] = { kind: "item", step, entry: item };
    for (const move of step.moves || []) found[move.key] = { kind: "move", step, entry: move };
    for (const option of step.options || []) found[option.key] = { kind: "option", step, entry: option };
  }
  Object.defineProperty(kase, "_entries", { value: found, enumerable: false });
  return found;
}

function essentialKeys(kase) {
  const keys = [];
  for (const step of kase.steps) for (const item of step.items || []) if (item.essential) keys.push(item.key);
  return keys;
}

export function start(kase) {
  return {
    step: kase.start, chosen: [], counters: { minutes: 0, cost: 0 },
    fired: [], messages: [], ended: false, decision: null, entered: null,
  };
}

export function available(kase, state) {
  if (state.ended) return [];
  const step = stepOf(kase, state.step);
  if (step.kind === "decision") return (step.options || []).map((o) => o.key);
  const moves = (step.moves || []).map((m) => m.key);
  if (step.kind === "event") return moves;
  const items = (step.items || []).map((i) => i.key).filter((k) => !state.chosen.includes(k));
  return [...items, ...moves];
}

// As content/case_engine.py: rules are read in file order after each choice
// (never at the start, never after the decision that ends the case); a rule
// that moves the learner makes them be read again from the top for the new
// step; a rule that would move the learner off a decision step waits.
function ruleHolds(kase, rule, state) {
  if (rule.counter != null && state.counters[rule.counter] < rule.at_least) return false;
  if (rule.entering != null && state.entered !== rule.entering) return false;
  if (rule.essential_missing && !essentialKeys(kase).some((k) => !state.chosen.includes(k))) return false;
  return true;
}

// As content/case_engine.py missing_note: an essential_missing rule's message
// is followed by the label of every essential item not yet chosen, so it
// names each one left out whatever the author's text lists.
function missingNote(kase, chosen) {
  const labels = [];
  for (const step of kase.steps) {
    for (const item of step.items || []) if (item.essential && !chosen.includes(item.key)) labels.push(item.label);
  }
  return labels.length ? ` Not yet done: ${labels.join("; ")}.` : "";
}

function applyRules(kase, state) {
  let again = true;
  while (again) {
    again = false;
    for (const rule of kase.rules || []) {
      if (state.fired.includes(rule.key) || !ruleHolds(kase, rule, state)) continue;
      if (rule.goto != null && stepOf(kase, state.step).kind === "decision") continue;
      state = {
        ...state,
        step: rule.goto ?? state.step,
        fired: [...state.fired, rule.key],
        messages: [...state.messages, rule.message + (rule.essential_missing ? missingNote(kase, state.chosen) : "")],
        entered: rule.goto ?? state.entered,
      };
      if (rule.goto != null) { again = true; break; }
    }
  }
  return state;
}

export function choose(kase, state, key) {
  const valid = available(kase, state);
  if (!valid.includes(key)) {
    const where = state.ended ? "the case has ended" : `at step '${state.step}'`;
    throw new Error(`case '${kase.key}': '${key}' cannot be chosen ${where}; valid: ${valid.join(", ") || "(nothing)"}`);
  }
  const { kind, entry } = entries(kase)[key];
  const chosen = [...state.chosen, key];
  if (kind === "option") return { ...state, chosen, ended: true, decision: key, entered: null };
  if (kind === "move") return applyRules(kase, { ...state, chosen, step: entry.goto, entered: entry.goto });
  const counters = { minutes: state.counters.minutes + entry.minutes, cost: state.counters.cost + entry.cost };
  return applyRules(kase, { ...state, chosen, counters, entered: null });
}

export function replay(kase, path) {
  let state = start(kase);
  path.forEach((key, i) => {
    try {
      state = choose(kase, state, key);
    } catch (error) {
      throw new Error(`path[${i}]: ${error.message}`);
    }
  });
  return state;
}

export function score(kase, path) {
  const state = replay(kase, path);
  const found = entries(kase);
  const essential = essentialKeys(kase);
  const missing = essential.filter((k) => !state.chosen.includes(k));
  const unnecessary = state.chosen.filter((k) => found[k].kind === "item" && found[k].entry.unnecessary);
  const verdict = state.decision ? found[state.decision].entry.verdict : null;
  const asked = essential.length - missing.length;
  let points = 0;
  if (verdict !== "unsafe") {
    const part = essential.length ? Math.floor((50 * asked) / essential.length) : 50;
    points = Math.min(100, Math.max(0, part + (VERDICT_POINTS[verdict] || 0) - 5 * unnecessary.length));
  }
  let outcome = "partial";
  if (verdict === "unsafe") outcome = "unsafe";
  else if (!state.ended) outcome = "unfinished";
  else if ((verdict === "best" || verdict === "acceptable") && !missing.length && !unnecessary.length) outcome = "success";
  return {
    essential_total: essential.length, essential_asked: asked, missing_essential: missing,
    unnecessary, minutes: state.counters.minutes, cost: state.counters.cost,
    finished: state.ended, decision: state.decision, verdict, points, outcome,
  };
}

// The result's verdict and right-level lines for a finished score. The right
// level is the one of the decision step answered (an event such as sepsis can
// raise it), not only the case's first-presentation answer; an acceptable
// option at another level is not called the right level.
export function decisionTexts(kase, s, t) {
  const found = entries(kase);
  const option = found[s.decision].entry;
  const right = found[s.decision].step.right || kase.answer;
  const verdict = s.verdict === "acceptable" && option.urgency !== right.urgency
    ? t.verdicts.acceptable_other_level : t.verdicts[s.verdict];
  return {
    verdict: fill(verdict, { label: option.label }),
    right: fill(t.right_level, { level: right.label, why: right.why }),
  };
}

// -- the page -----------------------------------------------------------------

// str.format with named blanks, as the Python templates are filled
const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ""));

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

let instances = 0;

function render({ model, el: root }) {
  const uid = `ilcp${++instances}-`;
  root.classList.add("ilcp");
  const T = () => model.get("texts");
  const kase = () => model.get("case");
  let shown = null; // the path the page shows now
  let focusAfter = false;

  const ui = {
    title: el("h3", "ilcp-title"),
    story: el("p", "ilcp-story"),
    counters: el("p", "ilcp-counters"),
    step: el("section", "ilcp-step"),
    log: el("ol", "ilcp-log"),
    result: el("section", "ilcp-result"),
    again: el("button", "ilcp-again"),
    saved: el("p", "ilcp-saved"),
  };
  ui.step.setAttribute("aria-labelledby", `${uid}step`);
  ui.log.setAttribute("aria-live", "polite");
  ui.log.setAttribute("aria-relevant", "additions");
  ui.again.type = "button";
  const logTitle = el("h4", "ilcp-log-title");
  logTitle.id = `${uid}log`;
  ui.log.setAttribute("aria-labelledby", logTitle.id);
  const logBox = el("div", "ilcp-logbox");
  logBox.append(logTitle, ui.log);
  ui.saved.setAttribute("role", "status");
  root.replaceChildren(ui.title, ui.story, ui.counters, ui.step, ui.result, ui.saved, logBox, ui.again);

  // whether the finished path shown is the one recorded in the learner's progress
  function showSaved() {
    const saved = model.get("saved_path") || [];
    const on = Boolean(shown && shown.length && saved.length === shown.length && saved.every((k, i) => k === shown[i]));
    root.dataset.saved = String(on);
    ui.saved.textContent = on ? T().saved : "";
  }

  function refsNode(refs) {
    const span = el("span", "ilcp-refs");
    if (!refs || !refs.length) return span;
    span.append(document.createTextNode(" ["));
    refs.forEach((ref, i) => {
      if (i) span.append(document.createTextNode("; "));
      if (ref.url) {
        const a = el("a", "", ref.citation);
        a.href = ref.url;
        a.target = "_blank";
        a.rel = "noopener";
        span.append(a);
      } else span.append(document.createTextNode(ref.citation));
    });
    span.append(document.createTextNode("]"));
    return span;
  }

  function logEntry(key) {
    const { kind, entry } = entries(kase())[key];
    const t = T();
    const li = el("li", `ilcp-entry ilcp-${kind}`);
    li.dataset.key = key;
    if (kind === "item") {
      li.append(el("p", "ilcp-chosen", fill(t.chosen_item, { label: entry.label })));
      li.append(el("p", "ilcp-finding", fill(t.finding, { finding: entry.finding })));
      if (entry.shows) li.append(el("p", "ilcp-shows", fill(t.shows, { shows: entry.shows })));
      if (entry.accuracy) li.append(el("p", "ilcp-accuracy", fill(t.accuracy, { test: entry.test_name || "", accuracy: entry.accuracy })));
      const cost = [];
      if (entry.minutes) cost.push(fill(t.minutes_used, { minutes: entry.minutes }));
      if (entry.cost) cost.push(fill(t.cost_used, { cost: entry.cost }));
      if (cost.length) li.append(el("p", "ilcp-used", cost.join(" ")));
    } else if (kind === "move") {
      li.append(el("p", "ilcp-chosen", fill(t.chosen_move, { label: entry.label })));
    } else {
      li.append(el("p", "ilcp-chosen", fill(t.chosen_option, { label: entry.label })));
    }
    const fb = el("p", "ilcp-feedback", entry.feedback);
    fb.append(refsNode(entry.references));
    li.append(fb);
    return li;
  }

  function messageEntry(message) {
    const li = el("li", "ilcp-entry ilcp-message");
    li.append(el("span", "ilcp-icon", "⚠ "), document.createTextNode(fill(T().rule_message, { message })));
    return li;
  }

  function choiceButton(key, state) {
    const { kind, entry } = entries(kase())[key];
    const t = T();
    const b = el("button", `ilcp-choice ilcp-choice-${kind}`);
    b.type = "button";
    b.dataset.key = key;
    if (kind === "option") {
      b.append(el("span", "ilcp-option-label", entry.label));
      if (entry.advice) b.append(el("span", "ilcp-option-advice", fill(t.option_advice, { advice: entry.advice })));
    } else {
      const prefix = kind === "move" ? "→ " : "";
      b.append(document.createTextNode(prefix + entry.label));
      if (kind === "item" && (entry.minutes || entry.cost)) {
        b.append(el("span", "ilcp-choice-cost", fill(t.choice_cost, { minutes: entry.minutes || 0, cost: entry.cost || 0 })));
      }
    }
    b.addEventListener("click", () => pick(key, state));
    return b;
  }

  function showStep(state) {
    const t = T();
    const step = stepOf(kase(), state.step);
    const heading = el("h4", "ilcp-step-title", state.ended ? t.ended_title : step.title);
    heading.id = `${uid}step`;
    heading.tabIndex = -1;
    const parts = [heading];
    if (!state.ended) {
      if (step.text) parts.push(el("p", "ilcp-event", step.text));
      if (step.prompt) parts.push(el("p", "ilcp-prompt", step.prompt));
      const list = el("ul", "ilcp-choices");
      list.setAttribute("aria-label", t.choices_label);
      for (const key of available(kase(), state)) {
        const li = el("li");
        li.append(choiceButton(key, state));
        list.append(li);
      }
      parts.push(list);
    }
    ui.step.replaceChildren(...parts);
  }

  function showResult(state, path) {
    ui.result.replaceChildren();
    ui.result.hidden = !state.ended;
    if (!state.ended) return;
    const t = T(), c = kase(), s = score(c, path), found = entries(c);
    const title = el("h4", "ilcp-result-title", t.result_title);
    title.tabIndex = -1;
    const outcome = el("p", `ilcp-outcome ilcp-outcome-${s.outcome}`);
    outcome.dataset.outcome = s.outcome;
    outcome.append(el("span", "ilcp-icon", t.outcome_icons[s.outcome] + " "), document.createTextNode(t.outcomes[s.outcome]));
    const list = el("ul", "ilcp-score");
    const add = (cls, text) => { const li = el("li", cls, text); list.append(li); return li; };
    add("ilcp-essential", fill(t.essential, { asked: s.essential_asked, total: s.essential_total }));
    if (s.missing_essential.length) {
      add("ilcp-missing", fill(t.missing, { labels: s.missing_essential.map((k) => found[k].entry.label).join("; ") }));
    }
    add("ilcp-unnecessary", s.unnecessary.length
      ? fill(t.unnecessary, { labels: s.unnecessary.map((k) => found[k].entry.label).join("; "), count: s.unnecessary.length })
      : t.no_unnecessary);
    const decided = decisionTexts(c, s, t);
    add(`ilcp-verdict ilcp-verdict-${s.verdict}`, decided.verdict);
    add("ilcp-right", decided.right);
    add("ilcp-used-total", fill(t.used_total, { minutes: s.minutes, cost: s.cost }));
    add("ilcp-points", fill(t.points, { points: s.points }));
    ui.result.append(title, outcome, list);
  }

  function show(path, { restored = false } = {}) {
    const c = kase(), t = T();
    const state = replay(c, path);
    shown = [...path];
    ui.title.textContent = c.title;
    ui.story.textContent = c.presenting;
    ui.counters.textContent = fill(t.counters, state.counters);
    showStep(state);
    // the log: every choice and rule message, in the order they came
    const items = [];
    let replayed = start(c);
    for (const key of path) {
      const before = replayed.messages.length;
      replayed = choose(c, replayed, key);
      items.push(logEntry(key));
      for (const m of replayed.messages.slice(before)) items.push(messageEntry(m));
    }
    logTitle.textContent = t.log_title;
    if (!items.length) items.push(el("li", "ilcp-entry ilcp-empty", t.log_empty));
    ui.log.replaceChildren(...items);
    showResult(state, path);
    ui.again.textContent = t.start_again;
    ui.again.hidden = !path.length;
    root.dataset.restored = String(restored);
    showSaved();
    if (focusAfter) {
      focusAfter = false;
      const target = state.ended ? ui.result.querySelector(".ilcp-result-title") : ui.step.querySelector(".ilcp-choice");
      if (target) target.focus();
    }
  }

  function save(path) {
    model.set("path", path);
    model.save_changes();
  }

  function pick(key, state) {
    choose(kase(), state, key); // refuses a stale button before anything changes
    focusAfter = true;
    const path = [...shown, key];
    show(path);
    save(path);
  }

  ui.again.addEventListener("click", () => {
    model.set("restored_path", []); // re-renders: the focus is moved by the show() below
    focusAfter = true;
    show([]);
    save([]);
  });

  function fromModel() {
    const restored = model.get("restored_path") || [];
    const path = model.get("path") || [];
    // the page's own path first, else the saved finished one, else a fresh start
    const candidates = [];
    if (path.length) candidates.push([path, false]);
    if (restored.length) candidates.push([restored, true]);
    for (const [candidate, isRestored] of candidates) {
      try {
        show(candidate, { restored: isRestored });
        return;
      } catch (error) {
        console.error(`case player: ${error.message}`);
      }
    }
    show([]);
  }
  const onPath = () => {
    const path = model.get("path") || [];
    // Python answering with the path the page already shows changes nothing
    if (shown && path.length === shown.length && path.every((k, i) => k === shown[i])) return;
    fromModel();
  };
  model.on("change:saved_path", showSaved);
  const events = ["change:case", "change:texts", "change:restored_path"];
  model.on("change:path", onPath);
  for (const name of events) model.on(name, fromModel);
  fromModel();
  return () => {
    model.off("change:path", onPath);
    model.off("change:saved_path", showSaved);
    for (const name of events) model.off(name, fromModel);
  };
}

export default { render };
