// A learner's progress on the course website, kept in this browser only.
//
// window.ilSiteProgress.record(exercise, item, answer, correct) takes the
// arguments iliopsoas_lessons.progress.ProgressStore.record takes, and keeps
// the learner's record in localStorage as the very JSON that module writes to
// its file (same format, checks and limits; stored as the file's very text),
// so a downloaded copy is read by the class report unchanged. The constants and messages come from Python
// (sitewidgets/progress.py's settings(), in this <script>'s data-settings).
// A stored value that is not such a record is set aside under another key,
// never lost, with a message on the page. Nothing is sent anywhere.
//
// The review lesson's "My results" widget (kind "progress") is here too.
// Whether a stored value is a record is decided by widgets/static/results.js.
(function () {
  "use strict";
  const S = JSON.parse(document.currentScript.dataset.settings);
  const KEY = new RegExp(S.key_pattern);
  const ASIDE = `${S.storage_key}.corrupt-`;
  const notices = [];
  const listeners = [];
  let unsaved = null; // a fresh record, not written until the first answer (as progress.py)
  let blocked = false; // a value that could not be set aside is never written over
  // Storage refused the record (full, switched off, or blocked above): the record
  // stays here, on the page, and the page says plainly it is not saved, with the
  // download that keeps it, until a save works again.
  let pending = null;
  let failure = null;

  // {name} markers filled in one pass, so an inserted value is never read as a marker
  const fill = (template, values) =>
    template.replace(/\{(\w+)\}/g, (marker, name) => (name in values ? String(values[name]) : marker));
  const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
  // the record's checks are results.js's (window.ilAnywidgetModules), loaded before this
  // script: the one JavaScript copy of progress.problems, checked against Python's by node --test
  const rules = window.ilAnywidgetModules["results.js"];
  const pyRepr = rules.pyRepr;
  const attemptProblem = (exercise, attempt) => rules.attemptProblem(S, exercise, attempt);
  const storedProblem = (raw) => rules.storedProblem(S, raw);
  const problems = (data) => rules.problems(S, data);

  // ------------------------------------------------ the store (ProgressStore, in localStorage)
  function fresh(learnerId = null, pseudonym = null) {
    const id = learnerId || Array.from(crypto.getRandomValues(new Uint8Array(16)),
      (b) => b.toString(16).padStart(2, "0")).join("");
    return { format: S.format, schema_version: S.schema_version, package_version: S.package_version,
      learner_id: id, pseudonym, exercises: {} };
  }

  function notice(message) {
    if (!notices.includes(message)) notices.push(message);
    console.warn(message);
    showNotices();
  }

  function setAside(raw, why) {
    let where;
    try {
      let n = 1;
      while (localStorage.getItem(ASIDE + n) !== null) n += 1;
      localStorage.setItem(ASIDE + n, raw);
      localStorage.removeItem(S.storage_key);
      where = fill(S.messages.kept_as, { name: ASIDE + n });
    } catch (error) { // no room for a copy: leave it where it is, and write nothing over it
      blocked = true;
      where = fill(S.messages.not_moved, { why: error.message });
    }
    notice(fill(S.messages.set_aside, { why, where }));
  }

  // the record as stored now (another tab may have written since), else a fresh one;
  // while storage refuses it, the one on this page (the stored one is older)
  function load() {
    if (pending) return pending;
    let raw = null;
    try {
      raw = localStorage.getItem(S.storage_key);
    } catch (error) {
      notice(fill(S.messages.not_saved, { why: error.message }));
    }
    if (raw !== null) {
      const why = storedProblem(raw);
      if (why === null) return JSON.parse(raw);
      setAside(raw, why);
    }
    unsaved = unsaved || fresh();
    return unsaved;
  }

  // the file's text, as progress.atomic_write_json writes it (keys sorted, indent 1)
  function asFile(data) {
    const sorted = (v) => (Array.isArray(v) ? v.map(sorted) : isObject(v)
      ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted(v[k])])) : v);
    return `${JSON.stringify(sorted(data), null, 1)}\n`;
  }

  function save(data) {
    try {
      if (blocked) throw new Error("a stored value that could not be set aside is not written over");
      const text = asFile(data);
      const size = new TextEncoder().encode(text).length;
      if (size > S.max_bytes) throw new Error(`the record is too big (${size} bytes; the limit is ${S.max_bytes})`);
      localStorage.setItem(S.storage_key, text);
      unsaved = null;
      pending = null;
      if (failure !== null) {
        failure = null;
        showNotices();
      }
    } catch (error) { // storage full (QuotaExceededError) or switched off: the lesson goes on, unsaved
      pending = data;
      failure = error.message || String(error);
      console.warn(fill(S.messages.not_saved, { why: failure }));
      showNotices();
    }
  }

  function changed() {
    for (const listener of listeners) listener();
  }

  const copy = (value) => JSON.parse(JSON.stringify(value));
  const now = () => new Date().toISOString().replace(/\.\d+Z$/, "Z");

  // one checked answer: the item's first attempt, or one of its later ones (null if refused)
  function record(exercise, item, answer, correct) {
    try {
      if (!S.exercises.includes(exercise)) {
        throw new Error(`unknown exercise ${pyRepr(exercise)}; choose one of: ${S.exercises.join(", ")}`);
      }
      if (typeof item !== "string" || !KEY.test(item)) {
        throw new Error(`item must be a key (letters, digits, '_' and '-'), not ${pyRepr(item)}`);
      }
      const attempt = { answer: Array.isArray(answer) ? [...answer] : answer, correct: Boolean(correct), at: now() };
      const problem = attemptProblem(exercise, attempt);
      if (problem) throw new Error(`${exercise} ${item}: ${problem}, not ${JSON.stringify(answer)}`);
      const data = load();
      if (!Object.hasOwn(data.exercises, exercise)) data.exercises[exercise] = {};
      const items = data.exercises[exercise];
      if (Object.hasOwn(items, item)) items[item].later = [...items[item].later, attempt].slice(-S.max_attempts);
      else items[item] = { first: attempt, later: [] };
      save(data);
      changed();
      return copy(items[item]);
    } catch (error) { // a wrong call must not stop the exercise that made it
      console.error(`ilSiteProgress.record: ${error.message}`);
      return null;
    }
  }

  function restore(exercise) {
    const data = load();
    return copy(Object.hasOwn(data.exercises, exercise) ? data.exercises[exercise] : {});
  }

  function answered(data) {
    return Object.values(data.exercises).reduce((n, items) => n + Object.keys(items).length, 0);
  }

  // an optional name the learner chooses; "" removes it (the caller limits its length)
  function setPseudonym(name) {
    const clean = String(name || "").split(/\s+/).filter(Boolean).join(" ");
    const data = load();
    data.pseudonym = clean.slice(0, S.max_pseudonym) || null;
    save(data);
    changed();
    return data.pseudonym;
  }

  // the file to hand in
  const fileText = () => asFile(load());

  // the file, saved by the browser (the learner's downloads folder)
  function download() {
    const url = URL.createObjectURL(new Blob([fileText()], { type: "application/json" }));
    const link = Object.assign(document.createElement("a"), { href: url, download: S.download_name, hidden: true });
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }

  // the learner's record and every copy set aside, gone from this browser
  function forget() {
    try {
      for (const key of Object.keys(localStorage)) {
        if (key === S.storage_key || key.startsWith(ASIDE)) localStorage.removeItem(key);
      }
    } catch (error) {
      notice(fill(S.messages.not_saved, { why: error.message }));
    }
    unsaved = null;
    pending = null;
    failure = null;
    blocked = false;
    notices.length = 0;
    showNotices();
    changed();
  }

  // the "not saved" notice: what happened, that the answers stay here, and the download
  function unsavedNotice() {
    const box = Object.assign(document.createElement("div"), { className: "il-progress-unsaved" });
    const text = Object.assign(document.createElement("p"), { textContent: fill(S.messages.unsaved, { why: failure }) });
    const button = Object.assign(document.createElement("button"), { type: "button", textContent: S.messages.download,
      className: "il-progress-download" });
    const said = Object.assign(document.createElement("p"), { className: "il-progress-download-ready" });
    said.setAttribute("role", "status");
    button.addEventListener("click", () => {
      download();
      said.textContent = S.messages.download_ready;
    });
    box.append(text, button, said);
    return box;
  }

  function showNotices() {
    if (document.readyState === "loading") return; // shown once the page is there
    let box = document.getElementById("il-progress-notices");
    if (!box && !notices.length && failure === null) return;
    if (!box) {
      box = document.createElement("div");
      box.id = "il-progress-notices";
      box.className = "il-progress-notices";
      box.setAttribute("role", "alert");
      (document.querySelector("main article") || document.querySelector("main") || document.body).prepend(box);
    }
    const shown = notices.map((text) => Object.assign(document.createElement("p"), { textContent: text }));
    const same = box.dataset.unsaved === String(failure); // a notice already there keeps its button's focus
    if (failure !== null) shown.push(same ? box.querySelector(".il-progress-unsaved") : unsavedNotice());
    box.replaceChildren(...shown);
    box.dataset.unsaved = String(failure);
    box.hidden = !shown.length;
  }

  window.ilSiteProgress = {
    record, restore, problems, fileText, forget, setPseudonym, download, settings: S,
    saved: () => failure === null, // false while the latest answers are on this page only
    data: () => copy(load()),
    answered: () => answered(load()),
    notices: () => [...notices],
    onChange(listener) { listeners.push(listener); },
  };
  window.addEventListener("storage", (event) => {
    if (event.key === null || event.key.startsWith(S.storage_key)) changed();
  });

  // ------------------------------------------------ "progress": the review lesson's My results
  function element(tag, className, attributes = {}) {
    const node = Object.assign(document.createElement(tag), attributes);
    if (className) node.className = className;
    return node;
  }

  function button(control, className = "") {
    return element("button", className, { type: "button", textContent: control.label, title: control.title });
  }

  function renderMyResults(el, data) {
    const T = data.texts;
    const summary = element("p", "il-site-summary");
    const input = element("input", "il-site-pseudonym", { type: "text", id: `${el.id}-pseudonym`,
      maxLength: S.max_pseudonym, placeholder: data.pseudonym.placeholder, title: data.pseudonym.title,
      autocomplete: "off" });
    const label = element("label", "", { htmlFor: input.id, textContent: `${data.pseudonym.label}:` });
    const save = button(data.save);
    const download = button(data.download, "il-site-primary");
    const forgetButton = button(data.forget);
    const confirm = button(data.confirm, "il-site-danger");
    const cancel = button(data.cancel);
    const confirmRow = element("div", "il-site-row", { hidden: true });
    confirmRow.append(confirm, cancel);
    const message = element("p", "il-site-message");
    message.setAttribute("role", "status");
    const rows = [[label, input, save], [download, forgetButton]].map((children) => {
      const row = element("div", "il-site-row");
      row.append(...children);
      return row;
    });
    const box = element("div", "il-my-results il-site-my-results");
    box.append(summary, ...rows, confirmRow, message);
    el.appendChild(box);

    function show() {
      const record = load();
      const n = answered(record);
      const which = `${n === 1 ? "one" : "many"}${record.pseudonym ? "_named" : ""}`;
      summary.textContent = failure === null ? fill(T.summary[which], { n, pseudonym: record.pseudonym || "" })
        : fill(S.messages.unsaved_summary, { n }); // never "Saved" when it is not
      if (document.activeElement !== input) input.value = record.pseudonym || "";
    }
    const say = (text) => { message.textContent = text; };

    save.addEventListener("click", () => {
      const name = setPseudonym(input.value);
      say(name ? fill(T.pseudonym_set, { pseudonym: name }) : T.pseudonym_none);
    });
    download.addEventListener("click", () => {
      window.ilSiteProgress.download();
      say(T.download_ready);
    });
    forgetButton.addEventListener("click", () => {
      confirmRow.hidden = false;
      say(T.ask_forget);
      confirm.focus();
    });
    cancel.addEventListener("click", () => {
      confirmRow.hidden = true;
      say(T.cancelled);
      forgetButton.focus();
    });
    confirm.addEventListener("click", () => {
      forget();
      confirmRow.hidden = true;
      say(T.forgotten);
      forgetButton.focus();
    });
    listeners.push(show);
    show();
  }

  if (window.ilSiteWidgets) window.ilSiteWidgets.register("progress", renderMyResults);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", () => { load(); showNotices(); });
  } else {
    load();
    showNotices();
  }
})();
