// The pain-map exercise on the course website, with no kernel.
//
// The page renders the anywidget's own front end (widgets/static/painmap.js,
// the same file JupyterLab runs, loaded here as window.ilPainMapModule: the
// site's copy has its `export default` turned into that global) with the small
// model below in place of the kernel's. The model answers as Python's
// PainMapExercise would (widgets/painmap.py, its state in
// widgets/_state_painmap.py): `PainMap` is a line-for-line port of
// PainMapState and of the exercise's feedback_text, and every word, style,
// region and map it uses comes from the export (sitewidgets/painmap.py).
// tests/browser/test_site_painmap_in_browser.py compares the page with Python after the
// same clicks, for many combinations of areas. Nothing is fetched.
(function () {
  "use strict";

  // str.format with named blanks, as the Python templates are filled
  const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, name) => String(values[name]));
  const sameSet = (a, b) => a.size === b.size && [...a].every((x) => b.has(x));

  class PainMap {
    constructor(data) {
      this.data = data;
      this.text = data.texts;
      this.body = data.start.body;
      this.store(data.start.marked);
      this.checked = data.start.checked;
      this.showingReference = data.start.reference;
      this.restoreSaved();
    }

    // The marks last checked in this browser, shown checked again, as Python's
    // PainMapState restores them from the learner's file in a new kernel.
    restoreSaved() {
      const saved = window.ilSiteProgress ? window.ilSiteProgress.restore("pain_map")[this.data.exercise] : null;
      if (!saved || this.marked.length) return;
      const latest = saved.later.length ? saved.later[saved.later.length - 1] : saved.first;
      const choices = new Set(this.data.choices);
      if (Array.isArray(latest.answer) && latest.answer.every((k) => choices.has(k))) {
        this.store(latest.answer);
        this.checked = true;
      }
    }

    // -- what the learner does (PainMapState) ------------------------------
    store(keys) { // in display order, no duplicates
      const chosen = new Set(keys);
      this.marked = this.data.choices.filter((k) => chosen.has(k));
      this.checked = false;
      this.showingReference = false;
    }

    selectFromPage(keys) { // offered areas only; the same set again changes nothing
      const good = keys.filter((k) => this.data.choices.includes(k));
      if (!sameSet(new Set(good), new Set(this.marked))) this.store(good);
    }

    check() {
      this.checked = true;
      this.showingReference = false;
      // what Python's check() records in the learner's file, kept by the site's own store
      if (window.ilSiteProgress) {
        window.ilSiteProgress.record("pain_map", this.data.exercise, [...this.marked], this.result().correct);
      }
    }

    clear() { this.store([]); }

    showReference(on) { this.showingReference = Boolean(on); }

    setBody(body) { if (body in this.data.svg) this.body = body; }

    // -- what the map shows --------------------------------------------------
    get mode() {
      return this.showingReference ? "reference" : (this.checked ? "checked" : "select");
    }

    get legend() { return this.data.legends[this.mode]; }

    result() {
      const marked = new Set(this.marked), answer = new Set(this.data.answer);
      const article = new Set(this.data.article);
      const hits = this.data.answer.filter((k) => marked.has(k));
      const missed = this.data.answer.filter((k) => !marked.has(k));
      const extra = this.data.choices.filter((k) => marked.has(k) && !answer.has(k));
      return { hits, missed, extra, articleExtras: extra.filter((k) => article.has(k)),
               correct: !missed.length && !extra.length };
    }

    mapMarks() { // [[key, status]], in the order Python's dict keeps them
      if (this.mode === "reference") return this.data.answer_marks.map(([k, role]) => [k, role]);
      if (this.mode === "checked") {
        const r = this.result();
        return [...r.hits.map((k) => [k, "found"]), ...r.missed.map((k) => [k, "missed"]),
                ...r.extra.map((k) => [k, "extra"])];
      }
      return this.marked.map((k) => [k, "selected"]);
    }

    labels() { // plain names, and after Check the verdict
      const marks = new Map(this.mode !== "select" ? this.mapMarks() : []);
      const out = {};
      for (const k of this.data.choices) {
        const name = this.data.names[k];
        out[k] = marks.has(k) ? fill(this.text.region_verdict, { name, words: this.data.styles[marks.get(k)].words })
                              : name;
      }
      return out;
    }

    description() { // the map's alt text
      const marks = this.mapMarks(), t = this.text;
      const head = fill(t.map_head, { body: this.body });
      if (!marks.length) return fill(t.map_empty, { head });
      const parts = [head];
      for (const status of this.legend) {
        const names = marks.filter(([, s]) => s === status).map(([k]) => this.data.names[k]);
        if (names.length) {
          parts.push(fill(t.map_group, { heading: this.data.styles[status].heading,
                                         names: names.join(t.names_joiner) }));
        }
      }
      return parts.join(" ");
    }

    feedback() { // [kind, text] beside the Check button
      const t = this.text;
      if (this.mode === "reference") return ["prompt", t.reference_shown];
      if (this.checked) {
        const r = this.result(), names = (keys) => keys.map((k) => this.data.labels[k]).join(t.names_joiner);
        let score = fill(t.score, { found: r.hits.length, total: r.hits.length + r.missed.length });
        if (r.extra.length) score += fill(t.score_extra, { extra: r.extra.length });
        const parts = [fill(t.score_end, { score })];
        if (r.missed.length) parts.push(fill(t.missed, { names: names(r.missed) }));
        if (r.extra.length) parts.push(fill(t.extra, { names: names(r.extra) }));
        if (r.articleExtras.length) parts.push(fill(t.article, { names: names(r.articleExtras) }));
        if (r.correct) parts.push(t.exact);
        const refs = this.data.references.length
          ? fill(t.references, { keys: this.data.references.join(t.references_joiner) }) : "";
        const kind = r.correct ? "correct" : "not_yet";
        return [kind, fill(t[kind], { explanation: parts.join(" ") }) + refs];
      }
      const count = this.marked.length;
      return ["prompt", fill(t.count, { count, plural: count === 1 ? "" : "s" })];
    }
  }

  // The model painmap.js renders: get / set / save_changes / send / on / off,
  // as anywidget's, with the kernel's part played by PainMap.
  function createModel(data) {
    const state = new PainMap(data);
    const values = { regions: data.regions, styles: data.styles, bodies: data.bodies, prompt: data.prompt };
    const listeners = new Map();
    const dirty = new Set();
    const same = (a, b) => (typeof a === "string" ? a === b : JSON.stringify(a) === JSON.stringify(b));
    const emit = (name) => { for (const fn of [...(listeners.get(`change:${name}`) || [])]) fn(); };

    function sync() { // PainMapExercise._sync: every trait from the state, then the changes announced
      const [kind, text] = state.feedback();
      const r = state.result();
      const next = {
        svg: data.svg[state.body], body: state.body, selected: [...state.marked],
        show_reference: state.showingReference, mode: state.mode,
        marks: Object.fromEntries(state.mapMarks()), labels: state.labels(), legend: [...state.legend],
        result: state.checked ? { found: r.hits, missed: r.missed, extra: r.extra } : {},
        feedback: text, feedback_kind: kind, description: state.description(),
      };
      const changed = Object.keys(next).filter((name) => !same(values[name], next[name]));
      Object.assign(values, next);
      for (const name of changed) emit(name);
    }

    const model = {
      get: (name) => values[name],
      set(name, value) {
        if (same(values[name], value)) return;
        values[name] = value;
        dirty.add(name);
        emit(name);
      },
      save_changes() { // what the Python observers of these traits do
        for (const name of dirty) {
          if (name === "selected") state.selectFromPage(values.selected);
          else if (name === "show_reference") state.showReference(values.show_reference);
          else if (name === "body") state.setBody(values.body);
        }
        dirty.clear();
        sync();
      },
      send(message) { // the Check and Clear buttons
        if (message && message.action === "check") state.check();
        else if (message && message.action === "clear") state.clear();
        sync();
      },
      on(event, fn) {
        if (!listeners.has(event)) listeners.set(event, new Set());
        listeners.get(event).add(fn);
      },
      off(event, fn) { if (listeners.has(event)) listeners.get(event).delete(fn); },
    };
    sync();
    return model;
  }

  window.ilSiteWidgets.register("painmap", (el, data) => {
    if (!window.ilPainMapModule) throw new Error("painmap.js did not load");
    window.ilPainMapModule.render({ model: createModel(data), el });
  });
})();
