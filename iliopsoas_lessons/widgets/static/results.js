// "My results": the learner's results record and its view, one module for
// every host (issue 22). It holds, once:
//  * the record's checks, which must say exactly what Python's
//    iliopsoas_lessons.progress.problems says (`node --test tests/js/` checks
//    them against the records tests/test_results_rules.py exports);
//  * the browser's store (browserStore): the record in localStorage as the very
//    file progress/ writes, with the merge rule of ProgressStore (checked by
//    node against Python's records for the same answers);
//  * the per-lesson first-try score (lessonScores) and the view (render): the
//    summary, each lesson's score and answers, the pseudonym, the download,
//    and clearing behind a confirmation step.
// The view runs in JupyterLab and Voila through anywidget (widgets/progress.py:
// Python reads and writes the learner's file through progress/ and sends the
// record) and on the course website through sitewidgets/static/anywidget-host.js
// (site-progress.js's adapter: the store is this browser's localStorage).
// S is sitewidgets/progress.py's settings(): the format's constants, limits and
// patterns, so nothing here is typed twice. No imports, no network: the site
// serves it as a classic script (window.ilAnywidgetModules["results.js"]).

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

// Python's repr of a string: its quote choice and the escapes a key or id can carry
function strRepr(v) {
  const q = v.includes("'") && !v.includes('"') ? '"' : "'";
  const body = v.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/\r/g, "\\r").replace(/\t/g, "\\t")
    .replace(/[\ud800-\udfff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return q + (q === "'" ? body.replace(/'/g, "\\'") : body) + q;
}

export function pyRepr(v) {
  if (v === undefined || v === null) return "None";
  if (typeof v === "string") return strRepr(v);
  if (v === true) return "True";
  if (v === false) return "False";
  return String(v);
}

function depth(value, limit) {
  if (limit < 0) return 1;
  if (!Array.isArray(value) && !isObject(value)) return 0;
  let deepest = 0;
  for (const v of Object.values(value)) deepest = Math.max(deepest, depth(v, limit - 1));
  return 1 + deepest;
}

// Why a text cannot be written as UTF-8: a lone surrogate (progress.files.unsavable), or null.
function unsavable(text) {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const high = c >= 0xd800 && c <= 0xdbff, low = c >= 0xdc00 && c <= 0xdfff;
    const next = text.charCodeAt(i + 1);
    if (high && next >= 0xdc00 && next <= 0xdfff) { i++; continue; }
    if (high || low) {
      // Python counts code points, a pair being one
      const at = [...text.slice(0, i)].length;
      return `a lone surrogate (${pyRepr(text[i])}) at character ${at}, which is not text and cannot be saved`;
    }
  }
  return null;
}

function badText(value) { // the first unsavable text anywhere in value (keys too), or null
  if (typeof value === "string") return unsavable(value);
  if (Array.isArray(value)) {
    for (const v of value) { const found = badText(v); if (found) return found; }
  } else if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) { const found = unsavable(k) || badText(v); if (found) return found; }
  }
  return null;
}

export function answerProblem(S, exercise, answer) {
  const KEY = new RegExp(S.key_pattern);
  const isKey = (k) => typeof k === "string" && KEY.test(k);
  if (exercise === "quiz") {
    return Number.isInteger(answer) && answer >= 0 && answer < S.max_options ? null
      : `a quiz answer must be an option index 0-${S.max_options - 1}`;
  }
  if (exercise === "red_flag_cases") return isKey(answer) ? null : "a case answer must be a level key";
  // a list of keys: progress/checks.py's _LIST_ANSWERS, in the same words
  const [limit, problem] = exercise === "virtual_cases"
    ? [S.max_path, "a virtual-case answer must be a list of the chosen keys (its path)"]
    : [S.max_regions, "a pain-map answer must be a list of region keys"];
  if (!Array.isArray(answer)) return problem;
  if (answer.length > limit) return `${problem}: at most ${limit} keys, not ${answer.length}`;
  const bad = answer.findIndex((k) => !isKey(k));
  return bad === -1 ? null : `${problem}: item ${bad} is not a key (${S.key_rule})`;
}

export function attemptProblem(S, exercise, attempt) {
  const keys = isObject(attempt) ? Object.keys(attempt) : [];
  if (!keys.includes("answer") || !keys.includes("correct")
      || !keys.every((k) => ["answer", "correct", "at"].includes(k))) {
    return "an attempt must have 'answer' and 'correct' (and optionally 'at')";
  }
  if (typeof attempt.correct !== "boolean") return "'correct' must be true or false";
  if ("at" in attempt && !(typeof attempt.at === "string" && [...attempt.at].length <= 40)) {
    return "'at' must be a short date-time text";
  }
  return answerProblem(S, exercise, attempt.answer);
}

function exercisesProblems(S, exercises) {
  const KEY = new RegExp(S.key_pattern);
  if (!isObject(exercises) || !Object.keys(exercises).every((e) => S.exercises.includes(e))) {
    return [`'exercises' must be an object with only: ${S.exercises.join(", ")}`];
  }
  for (const [exercise, items] of Object.entries(exercises)) {
    if (!isObject(items)) return [`exercises.${exercise} must be an object`];
    for (const [item, rec] of Object.entries(items)) {
      const where = `exercises.${exercise}.${item}`;
      if (!KEY.test(item)) return [`exercises.${exercise}: ${pyRepr(item)} is not a key (letters, digits, '_' and '-')`];
      if (!isObject(rec) || Object.keys(rec).sort().join() !== "first,later" || !Array.isArray(rec.later)) {
        return [`${where} must have 'first' and a list 'later'`];
      }
      if (rec.later.length > S.max_attempts) return [`${where}: more than ${S.max_attempts} later attempts`];
      for (const attempt of [rec.first, ...rec.later]) {
        const problem = attemptProblem(S, exercise, attempt);
        if (problem) return [`${where}: ${problem}`];
      }
    }
  }
  return [];
}

// Why data is not a results record of this format version ([] if it is): progress.problems.
export function problems(S, data) {
  if (!isObject(data)) return ["not a results file (not a JSON object)"];
  if (data.format !== S.format) return [`not a results file (format is not '${S.format}')`];
  const version = data.schema_version;
  if (typeof version !== "number" || !Number.isInteger(version)) { // as Python: true and "1" are not 1
    return [`'schema_version' must be a whole number (this package reads ${S.schema_version}), not ${pyRepr(version)}`];
  }
  if (version !== S.schema_version) {
    return [`from another version of the results format (${pyRepr(version)}; this package reads ${S.schema_version})`];
  }
  if (depth(data, S.max_depth) > S.max_depth) return [`nested deeper than ${S.max_depth} levels`];
  const unknown = Object.keys(data).filter((k) => !S.fields.includes(k)).sort();
  if (unknown.length) return [`unknown fields: ${unknown.join(", ")}`];
  const bad = badText(data);
  if (bad) return [`it holds ${bad}`];
  if (typeof data.learner_id !== "string" || !new RegExp(S.id_pattern).test(data.learner_id)) {
    return ["'learner_id' must be 32 lower-case hex digits"];
  }
  if (typeof data.package_version !== "string" || [...data.package_version].length > 40) {
    return ["'package_version' must be a short text"];
  }
  const name = data.pseudonym; // required, as the schema says: null when the learner chose none
  if (name !== null && !(typeof name === "string" && [...name].length <= S.max_pseudonym)) {
    return [`'pseudonym' must be null or a text of at most ${S.max_pseudonym} characters`];
  }
  return exercisesProblems(S, data.exercises);
}

// Why a stored text is not a record (null if it is one), as progress.read_results says it.
export function storedProblem(S, raw) {
  const size = new TextEncoder().encode(raw).length;
  if (size > S.max_bytes) return `too big (${size} bytes; a results file is under ${S.max_bytes})`;
  let data;
  try {
    data = JSON.parse(raw);
  } catch (error) {
    return `not valid JSON (${error.message})`;
  }
  return problems(S, data)[0] || null;
}


// ------------------------------------------------------------------ the record's rules

// {name} markers filled in one pass, so an inserted value is never read as a marker
export function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (marker, name) => (name in values ? String(values[name]) : marker));
}

const copy = (value) => JSON.parse(JSON.stringify(value));

// A fresh record, as ProgressStore._fresh makes it (the id: random, made here).
export function fresh(S, learnerId = null, pseudonym = null) {
  const id = learnerId || Array.from(globalThis.crypto.getRandomValues(new Uint8Array(16)),
    (b) => b.toString(16).padStart(2, "0")).join("");
  return { format: S.format, schema_version: S.schema_version, package_version: S.package_version,
    learner_id: id, pseudonym, exercises: {} };
}

// One checked attempt added in place, as progress/store.py's _apply does: the item's
// first attempt, or one of its later ones (the newest max_attempts kept).
export function applyAnswer(S, data, exercise, item, attempt) {
  if (!Object.hasOwn(data.exercises, exercise)) data.exercises[exercise] = {};
  const items = data.exercises[exercise];
  if (Object.hasOwn(items, item)) items[item].later = [...items[item].later, attempt].slice(-S.max_attempts);
  else items[item] = { first: attempt, later: [] };
  return items[item];
}

// The pseudonym as ProgressStore.set_pseudonym keeps it: spaces collapsed, "" is none.
export function cleanPseudonym(S, name) {
  return String(name || "").split(/\s+/).filter(Boolean).join(" ").slice(0, S.max_pseudonym) || null;
}

export function answered(data) {
  return Object.values(data.exercises || {}).reduce((n, items) => n + Object.keys(items).length, 0);
}

// the file's text, as progress.atomic_write_json writes it (keys sorted, indent 1)
export function asFile(data) {
  const sorted = (v) => (Array.isArray(v) ? v.map(sorted) : isObject(v)
    ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted(v[k])])) : v);
  return `${JSON.stringify(sorted(data), null, 1)}\n`;
}

// Each lesson's items with what the record holds for them, and its score:
// first tries right (what the learner knew before any feedback, as the class
// report counts), of the lesson's items; answered = items with an attempt.
// lessons: [{key, title, items: [{exercise, key, label, answers: {answer: text}}]}]
export function lessonScores(data, lessons) {
  const exercises = (data && data.exercises) || {};
  return lessons.map((lesson) => {
    const items = lesson.items.map((item) => {
      const rec = (exercises[item.exercise] || {})[item.key];
      if (!rec) return { ...item, tries: 0, first: null, latest: null };
      const latest = rec.later.length ? rec.later[rec.later.length - 1] : rec.first;
      return { ...item, tries: 1 + rec.later.length, first: rec.first, latest };
    });
    const done = items.filter((i) => i.tries);
    return { key: lesson.key, title: lesson.title, items, total: items.length, answered: done.length,
      right_first: done.filter((i) => i.first.correct === true).length };
  });
}

// ------------------------------------------------------------------ the browser's store
// The learner's record in `storage` (the site: localStorage), as ProgressStore
// keeps it in its file. A stored value that is not a record is set aside under
// "<key>.corrupt-<n>", never lost; while storage refuses a save the record stays
// on the page (saved() is false) and is saved with the next change that works.
// hooks: notice(message), changed(), now() (the attempt's time).
export function browserStore(S, storage, hooks = {}) {
  const KEY = new RegExp(S.key_pattern);
  const ASIDE = `${S.storage_key}.corrupt-`;
  const notices = [];
  const say = (message) => {
    if (!notices.includes(message)) notices.push(message);
    if (hooks.notice) hooks.notice(message);
  };
  const changed = () => { if (hooks.changed) hooks.changed(); };
  const now = hooks.now || (() => new Date().toISOString().replace(/\.\d+Z$/, "Z"));
  let unsaved = null; // a fresh record, not written until the first answer (as progress/)
  let blocked = false; // a value that could not be set aside is never written over
  let pending = null; // the record storage refused, kept on the page
  let failure = null;

  function setAside(raw, why) {
    let where;
    try {
      let n = 1;
      while (storage.getItem(ASIDE + n) !== null) n += 1;
      storage.setItem(ASIDE + n, raw);
      storage.removeItem(S.storage_key);
      where = fill(S.messages.kept_as, { name: ASIDE + n });
    } catch (error) { // no room for a copy: leave it where it is, and write nothing over it
      blocked = true;
      where = fill(S.messages.not_moved, { why: error.message });
    }
    say(fill(S.messages.set_aside, { why, where }));
  }

  // the record as stored now (another tab may have written since), else a fresh one
  function load() {
    if (pending) return pending;
    let raw = null;
    try {
      raw = storage.getItem(S.storage_key);
    } catch (error) {
      say(fill(S.messages.not_saved, { why: error.message }));
    }
    if (raw !== null) {
      const why = storedProblem(S, raw);
      if (why === null) return JSON.parse(raw);
      setAside(raw, why);
    }
    unsaved = unsaved || fresh(S);
    return unsaved;
  }

  function save(data) {
    try {
      if (blocked) throw new Error("a stored value that could not be set aside is not written over");
      const text = asFile(data);
      const size = new TextEncoder().encode(text).length;
      if (size > S.max_bytes) throw new Error(`the record is too big (${size} bytes; the limit is ${S.max_bytes})`);
      storage.setItem(S.storage_key, text);
      unsaved = pending = failure = null;
    } catch (error) { // storage full (QuotaExceededError) or switched off: the lesson goes on, unsaved
      pending = data;
      failure = error.message || String(error);
    }
  }

  // one checked answer (ProgressStore.record's arguments); null, and an error in the console, if refused
  function record(exercise, item, answer, correct) {
    try {
      if (!S.exercises.includes(exercise)) {
        throw new Error(`unknown exercise ${pyRepr(exercise)}; choose one of: ${S.exercises.join(", ")}`);
      }
      if (typeof item !== "string" || !KEY.test(item)) {
        throw new Error(`item must be a key (letters, digits, '_' and '-'), not ${pyRepr(item)}`);
      }
      const attempt = { answer: Array.isArray(answer) ? [...answer] : answer, correct: Boolean(correct) };
      const at = now();
      if (at !== null && at !== undefined) attempt.at = at; // no clock, no time (as ProgressStore)
      const problem = attemptProblem(S, exercise, attempt);
      if (problem) throw new Error(`${exercise} ${item}: ${problem}, not ${JSON.stringify(answer)}`);
      const data = load();
      const kept = copy(applyAnswer(S, data, exercise, item, attempt));
      save(data);
      changed();
      return kept;
    } catch (error) { // a wrong call must not stop the exercise that made it
      console.error(`the results store refused an answer: ${error.message}`);
      return null;
    }
  }

  function setPseudonym(name) {
    const data = load();
    data.pseudonym = cleanPseudonym(S, name);
    save(data);
    changed();
    return data.pseudonym;
  }

  // the learner's record and every copy set aside, gone from this browser
  function forget() {
    try {
      for (const key of Object.keys(storage)) {
        if (key === S.storage_key || key.startsWith(ASIDE)) storage.removeItem(key);
      }
    } catch (error) {
      say(fill(S.messages.not_saved, { why: error.message }));
    }
    unsaved = pending = failure = null;
    blocked = false;
    notices.length = 0;
    changed();
  }

  return {
    record, setPseudonym, forget, load,
    restore(exercise) {
      const data = load();
      return copy(Object.hasOwn(data.exercises, exercise) ? data.exercises[exercise] : {});
    },
    problems: (data) => problems(S, data),
    fileText: () => asFile(load()),
    data: () => copy(load()),
    answered: () => answered(load()),
    saved: () => failure === null, // false while the latest answers are on this page only
    failure: () => failure,
    notices: () => [...notices],
  };
}

// A file download made by the browser from text on the page: nothing is sent anywhere.
export function download(text, name) {
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const link = Object.assign(document.createElement("a"), { href: url, download: name, hidden: true });
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

// ------------------------------------------------------------------ the view
// Traits: texts (the sentences, with {markers}; widgets/_state_progress.py's
// page_texts), controls ({label, title} per button), lessons, download_name,
// max_pseudonym, record, unsaved, notices, reply ({n, action, backup, error}:
// the host's answer to the last action the view sent).

function element(tag, className, attributes = {}) {
  const node = Object.assign(document.createElement(tag), attributes);
  if (className) node.className = className;
  return node;
}

// "what was answered": the latest answer in words, and how the first try went
function answerText(item, T) {
  const a = item.latest.answer;
  const words = (k) => (item.answers && Object.hasOwn(item.answers, String(k)) ? item.answers[String(k)] : String(k));
  const latest = Array.isArray(a) ? (item.exercise === "virtual_cases" ? "" : a.map(words).join(", ") || T.nothing_marked)
    : words(a);
  const first = item.first.correct ? T.first_right : item.latest.correct ? T.later_right : T.not_right;
  return `${fill(first, { tries: item.tries })}${latest ? fill(T.latest, { answer: latest }) : ""}`;
}

function lessonsView(scores, T) {
  const box = element("div", "il-results-lessons");
  for (const lesson of scores) {
    if (!lesson.total) continue;
    const section = element("section", "il-results-lesson");
    section.setAttribute("aria-label", lesson.title);
    const heading = element("h4", "", { textContent: lesson.title });
    const score = element("p", "il-results-score", { textContent: fill(T.score, {
      right: lesson.right_first, total: lesson.total, answered: lesson.answered }) });
    const list = element("ul", "il-results-items");
    for (const item of lesson.items.filter((i) => i.tries)) {
      const li = element("li", item.first.correct ? "il-results-right" : "il-results-wrong");
      const mark = element("span", "il-results-mark", { textContent: item.first.correct ? "✓ " : "✗ " });
      mark.setAttribute("aria-hidden", "true");
      li.append(mark, element("span", "il-results-label", { textContent: item.label }), element("span",
        "il-results-answer", { textContent: ` ${answerText(item, T)}` }));
      list.append(li);
    }
    section.append(heading, score);
    if (lesson.answered) section.append(list);
    box.append(section);
  }
  return box;
}

function render({ model, el }) {
  const T = model.get("texts"), C = model.get("controls");
  const button = (control, className = "") => element("button", `il-results-button ${className}`,
    { type: "button", textContent: control.label, title: control.title });
  const id = `il-results-${Math.random().toString(36).slice(2, 10)}`;
  const summary = element("p", "il-results-summary");
  const notices = element("div", "il-results-notices");
  notices.setAttribute("role", "alert");
  const lessons = element("div", "il-results-lessons-box");
  const input = element("input", "il-results-pseudonym", { type: "text", id: `${id}-pseudonym`,
    maxLength: model.get("max_pseudonym"), placeholder: C.pseudonym.placeholder, title: C.pseudonym.title,
    autocomplete: "off" });
  const label = element("label", "", { htmlFor: input.id, textContent: `${C.pseudonym.label}:` });
  const save = button(C.save);
  const get = button(C.download, "il-results-primary");
  const clear = button(C.clear);
  const confirm = button(C.confirm, "il-results-danger");
  const cancel = button(C.cancel);
  const confirmRow = element("div", "il-results-row", { hidden: true });
  confirmRow.append(confirm, cancel);
  const message = element("p", "il-results-message");
  message.setAttribute("role", "status");
  const rows = [[label, input, save], [get, clear]].map((children) => {
    const row = element("div", "il-results-row");
    row.append(...children);
    return row;
  });
  const box = element("div", "il-my-results");
  box.append(summary, notices, lessons, ...rows, confirmRow, message);
  el.appendChild(box);
  let asked = null; // the action sent, said when the host answers

  function show() {
    const record = model.get("record");
    const n = answered(record);
    const which = `${n === 1 ? "one" : "many"}${record.pseudonym ? "_named" : ""}`;
    summary.textContent = model.get("unsaved") ? fill(T.unsaved_summary, { n }) // never "Saved" when it is not
      : fill(T.summary[which], { n, pseudonym: record.pseudonym || "" });
    notices.replaceChildren(...model.get("notices").map((text) => element("p", "", { textContent: text })));
    notices.hidden = !model.get("notices").length;
    lessons.replaceChildren(lessonsView(lessonScores(record, model.get("lessons")), T));
    if (document.activeElement !== input) input.value = record.pseudonym || "";
  }

  function answer() {
    const reply = model.get("reply") || {};
    if (!asked || reply.action !== asked) return;
    asked = null;
    const record = model.get("record");
    if (reply.error) message.textContent = fill(T.failed, { why: reply.error });
    else if (reply.action === "pseudonym") {
      message.textContent = record.pseudonym ? fill(T.pseudonym_set, { pseudonym: record.pseudonym }) : T.pseudonym_none;
    } else if (reply.action === "download") {
      download(asFile(record), model.get("download_name"));
      message.textContent = T.download_ready;
    } else if (reply.action === "clear") {
      message.textContent = T.started_over + (reply.backup ? fill(T.kept, { name: reply.backup }) : "");
    }
  }

  const send = (action, more = {}) => {
    asked = action;
    model.send({ action, ...more });
  };
  save.addEventListener("click", () => send("pseudonym", { name: input.value }));
  get.addEventListener("click", () => send("download"));
  clear.addEventListener("click", () => {
    confirmRow.hidden = false;
    message.textContent = T.ask_clear;
    confirm.focus();
  });
  cancel.addEventListener("click", () => {
    confirmRow.hidden = true;
    message.textContent = T.cancelled;
    clear.focus();
  });
  confirm.addEventListener("click", () => {
    confirmRow.hidden = true;
    send("clear");
    clear.focus();
  });
  // another lesson open at once may have saved answers: read the record again on coming back
  const refresh = () => { if (document.visibilityState !== "hidden") model.send({ action: "refresh" }); };
  for (const name of ["record", "unsaved", "notices"]) model.on(`change:${name}`, show);
  model.on("change:reply", answer);
  window.addEventListener("focus", refresh);
  document.addEventListener("visibilitychange", refresh);
  show();
  model.send({ action: "refresh" });
  return () => {
    window.removeEventListener("focus", refresh);
    document.removeEventListener("visibilitychange", refresh);
  };
}

export default { render };
