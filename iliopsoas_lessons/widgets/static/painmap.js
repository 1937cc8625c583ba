// The pain-map exercise's front end: a body map whose areas are clicked,
// tapped, or reached with Tab and toggled with Space or Enter (or ticked in
// the list beside it), then checked against the reference pattern.
//
// One anywidget module for every host: JupyterLab and Voila through
// anywidget, the course website through sitewidgets/static/anywidget-host.js
// (with site-painmap.js doing the kernel's part: saving in the browser).
// render() needs only a model with get / set / save_changes / send / on / off.
// The page moves between states itself, so no click waits for a kernel:
//   data            what the map is (widgets/_state_painmap.py page_data()):
//                   choices, answer, answer_marks, article, references,
//                   names, labels, legends, styles, texts (templates), and
//                   svg {body: map}, regions [{key, view}], bodies, prompt
//   selected, checked, show_reference, body   where the learner is (set here)
//   error           what Python refused of the page's last input ('' if nothing)
// What is shown is view(data, state): checked by `node --test tests/js/`
// against Python's PainMapState.view() on the fixtures it exports.
// Check also sends {action: "check"}: Python (or the site's adapter) records
// the marks in the learner's progress; nothing waits for an answer.
// Nothing is fetched: no network, no build step.

// -- the rules (pure; the node test checks them against Python's) ----------

// str.format with named blanks, as Python fills the same templates
export function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, name) => String(values[name]));
}

// The marks in display order (the order of the choices), no duplicates.
export function ordered(data, keys) {
  const chosen = new Set(keys);
  return data.choices.filter((k) => chosen.has(k));
}

// Found, missed and extra areas of a set of marks, as PainMapState.result.
export function result(data, marked) {
  const chosen = new Set(marked), answer = new Set(data.answer), article = new Set(data.article);
  const hits = data.answer.filter((k) => chosen.has(k));
  const missed = data.answer.filter((k) => !chosen.has(k));
  const extra = data.choices.filter((k) => chosen.has(k) && !answer.has(k));
  return { hits, missed, extra, articleExtras: extra.filter((k) => article.has(k)),
           correct: !missed.length && !extra.length };
}

// The sentence after Check: score, missed, extra, the article's, exact.
export function checkText(data, r) {
  const t = data.texts, names = (keys) => keys.map((k) => data.labels[k]).join(t.names_joiner);
  let score = fill(t.score, { found: r.hits.length, total: r.hits.length + r.missed.length });
  if (r.extra.length) score += fill(t.score_extra, { extra: r.extra.length });
  const parts = [fill(t.score_end, { score })];
  if (r.missed.length) parts.push(fill(t.missed, { names: names(r.missed) }));
  if (r.extra.length) parts.push(fill(t.extra, { names: names(r.extra) }));
  if (r.articleExtras.length) parts.push(fill(t.article, { names: names(r.articleExtras) }));
  if (r.correct) parts.push(t.exact);
  return fill(t[r.correct ? "correct" : "not_yet"], { explanation: parts.join(" ") });
}

// Everything the page shows for state {selected, checked, show_reference, body, error},
// as PainMapState.view() gives it.
export function view(data, state) {
  const t = data.texts, marked = ordered(data, state.selected || []);
  const mode = state.show_reference ? "reference" : (state.checked ? "checked" : "select");
  const r = result(data, marked);
  let pairs;
  if (mode === "reference") pairs = data.answer_marks.map(([k, role]) => [k, role]);
  else if (mode === "checked") {
    pairs = [...r.hits.map((k) => [k, "found"]), ...r.missed.map((k) => [k, "missed"]),
             ...r.extra.map((k) => [k, "extra"])];
  } else pairs = marked.map((k) => [k, "selected"]);
  const marks = Object.fromEntries(pairs);
  const legend = [...data.legends[mode]];
  const labels = {};
  for (const k of data.choices) {
    const status = mode !== "select" ? marks[k] : undefined;
    labels[k] = status ? fill(t.region_verdict, { name: data.names[k], words: data.styles[status].words })
                       : data.names[k];
  }
  const head = fill(t.map_head, { body: state.body });
  let description = fill(t.map_empty, { head });
  if (pairs.length) {
    const parts = [head];
    for (const status of legend) {
      const names = pairs.filter(([, s]) => s === status).map(([k]) => data.names[k]);
      if (names.length) {
        parts.push(fill(t.map_group, { heading: data.styles[status].heading, names: names.join(t.names_joiner) }));
      }
    }
    description = parts.join(" ");
  }
  let kind, text;
  if (state.error) [kind, text] = ["error", state.error];
  else if (mode === "reference") [kind, text] = ["prompt", t.reference_shown];
  else if (state.checked) {
    const refs = data.references.length
      ? fill(t.references, { keys: data.references.join(t.references_joiner) }) : "";
    [kind, text] = [r.correct ? "correct" : "not_yet", checkText(data, r) + refs];
  } else {
    const count = marked.length;
    [kind, text] = ["prompt", fill(t.count, { count, plural: count === 1 ? "" : "s" })];
  }
  return {
    mode, selected: marked, marks, labels, legend, description, feedback: text, feedback_kind: kind,
    result: state.checked ? { found: r.hits, missed: r.missed, extra: r.extra } : {}, correct: r.correct,
  };
}

// -- drawing -----------------------------------------------------------------

const SVG_NS = "http://www.w3.org/2000/svg";
let instances = 0;

const TEMPLATE = `
  <p class="ilpm-prompt"></p>
  <div class="ilpm-layout">
    <div class="ilpm-map"></div>
    <div class="ilpm-side">
      <fieldset class="ilpm-bodies"><legend>Body</legend></fieldset>
      <div class="ilpm-actions">
        <button type="button" class="ilpm-check">Check</button>
        <button type="button" class="ilpm-clear">Clear</button>
        <button type="button" class="ilpm-reference" aria-pressed="false">Show the reference pattern</button>
      </div>
      <details class="ilpm-list">
        <summary>Mark the areas from a list</summary>
        <fieldset class="ilpm-list-body"><legend class="ilpm-list-legend">Areas of the map</legend></fieldset>
      </details>
      <div class="ilpm-feedback" role="status" aria-live="polite"></div>
      <div class="ilpm-key">
        <p class="ilpm-key-title">Key to the map</p>
        <ul class="ilpm-legend"></ul>
      </div>
    </div>
  </div>`;

function svgEl(tag, attrs) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

// One <pattern> per status: Python's markup (data.tiles, from figures/svg.py
// hatch_pattern, the one code path of every hatched fill), with this map's id.
function makePattern(id, markup) {
  const holder = svgEl("defs", {});
  holder.innerHTML = markup; // parsed as SVG: the holder is an SVG element
  const p = holder.firstElementChild;
  p.setAttribute("id", id);
  return p;
}

// How an unmarked area looks: the declarations matplotlib wrote in each path's
// style from Python's CHOICE_STYLE (figures/bodymap_svg.py), read once, so
// this module holds no second copy of that look.  They are set back as
// presentation attributes, not as a style: an inline style would beat the
// stylesheet's hover and focus outlines.
const unmarkedLook = new WeakMap(); // path -> [[property, value], ...]

function declarations(style) {
  return (style || "").split(";").map((d) => d.split(":").map((x) => x.trim()))
    .filter(([name, value]) => name && value !== undefined);
}

// Outline and fill of one area for a status's style (null: not marked):
// a marked area takes data.styles (Python's MARK_STYLES) and its status's tile.
export function paintArea(group, style, patternId) {
  for (const path of group.querySelectorAll("path")) {
    if (!unmarkedLook.has(path)) {
      unmarkedLook.set(path, declarations(path.getAttribute("style")));
      path.removeAttribute("style");
    }
    const unmarked = unmarkedLook.get(path);
    const look = style ? [
      ["fill", `url(#${patternId})`], ["fill-opacity", String(style.opacity)], ["stroke", style.stroke],
      ["stroke-width", String(style.width)], ["stroke-dasharray", style.dash || "none"],
    ] : unmarked;
    // nothing of the other look may stay behind
    for (const [name] of [...unmarked, ...MARKED]) path.removeAttribute(name);
    for (const [name, value] of look) path.setAttribute(name, value);
  }
}
const MARKED = ["fill", "fill-opacity", "stroke", "stroke-width", "stroke-dasharray"].map((name) => [name]);

function swatch(style, patternId) {
  const s = svgEl("svg", { width: 30, height: 20, viewBox: "0 0 30 20", "aria-hidden": "true", focusable: "false" });
  s.appendChild(svgEl("rect", {
    x: 1.5, y: 1.5, width: 27, height: 17, fill: `url(#${patternId})`,
    stroke: style.stroke, "stroke-width": Math.min(style.width, 2.4), "stroke-dasharray": style.dash || "none",
  }));
  return s;
}

function render({ model, el }) {
  const uid = `ilpm${++instances}-`;
  const root = document.createElement("div");
  root.className = "ilpm";
  root.innerHTML = TEMPLATE;
  el.appendChild(root);
  const q = (sel) => root.querySelector(sel);
  const ui = {
    prompt: q(".ilpm-prompt"), map: q(".ilpm-map"), bodies: q(".ilpm-bodies"),
    check: q(".ilpm-check"), clear: q(".ilpm-clear"), reference: q(".ilpm-reference"),
    feedback: q(".ilpm-feedback"), legend: q(".ilpm-legend"), list: q(".ilpm-list-body"),
  };
  let content = model.get("data"); // read once: a host may copy it on every get
  const data = () => content;
  const state = () => ({
    selected: model.get("selected"), checked: model.get("checked"),
    show_reference: model.get("show_reference"), body: model.get("body"), error: model.get("error"),
  });
  // The same marks as a list of checkboxes: some areas of the drawing are a
  // few pixels wide on a phone, so each also has a full-size target here
  // (WCAG 2.2, 2.5.8), named by the same words as its area on the map.
  let boxes = new Map(); // region key -> its checkbox in the list
  let areas = new Map(); // region key -> its <g> in the map
  let svg = null, shownBody = null;
  const patternId = (status) => `${uid}mark-${status}`;

  // Set traits as the learner changed them, then save (the kernel follows; nothing waits).
  let quiet = false; // while the page sets several traits: show once, at the end
  function change(values) {
    quiet = true;
    try {
      if (model.get("error")) model.set("error", "");
      for (const [name, value] of Object.entries(values)) model.set(name, value);
      model.save_changes();
    } finally {
      quiet = false;
    }
    show();
  }

  function toggle(key) {
    const chosen = new Set(model.get("selected"));
    if (chosen.has(key)) chosen.delete(key); else chosen.add(key);
    // new marks undo a check and leave the reference pattern (PainMapState._store)
    change({ selected: ordered(data(), chosen), checked: false, show_reference: false });
  }

  function buildList() {
    for (const item of ui.list.querySelectorAll("label")) item.remove();
    boxes = new Map();
    for (const side of ["front", "back"]) {
      for (const { key } of data().regions.filter((r) => r.view === side)) {
        const item = document.createElement("label");
        item.className = "ilpm-list-item";
        const input = document.createElement("input");
        input.type = "checkbox";
        input.dataset.region = key;
        input.addEventListener("change", () => toggle(key));
        const words = document.createElement("span");
        item.append(input, words);
        ui.list.appendChild(item);
        boxes.set(key, input);
      }
    }
  }

  function mountSvg() {
    shownBody = model.get("body");
    const maps = data().svg || {};
    // the page may hold several maps: give every id (and reference) this map's prefix
    const text = (maps[shownBody] || "")
      .replace(/\bid="/g, `id="${uid}`)
      .replace(/url\(#/g, `url(#${uid}`)
      .replace(/href="#/g, `href="#${uid}`);
    ui.map.innerHTML = text;
    svg = ui.map.querySelector("svg");
    areas = new Map();
    if (!svg) return;
    svg.setAttribute("role", "group");
    let defs = svg.querySelector("defs");
    if (!defs) { defs = svgEl("defs", {}); svg.prepend(defs); }
    for (const [status, markup] of Object.entries(data().tiles)) {
      defs.appendChild(makePattern(patternId(status), markup));
    }
    for (const { key } of data().regions) {
      const g = svg.querySelector(`[data-gid="${CSS.escape(key)}"]`);
      if (!g) continue;
      g.classList.add("ilpm-area");
      g.dataset.region = key;
      g.setAttribute("tabindex", "0");
      g.setAttribute("role", "checkbox");
      const title = svgEl("title", {});
      g.prepend(title);
      g.addEventListener("click", () => toggle(key));
      g.addEventListener("keydown", (event) => {
        if (event.key === " " || event.key === "Enter") {
          event.preventDefault(); // Space would scroll the page
          toggle(key);
        }
      });
      areas.set(key, g);
    }
  }

  function show() {
    if (model.get("body") !== shownBody) {
      // keep the focus on the same area when the other body's map replaces this one
      const focused = document.activeElement && document.activeElement.dataset
        ? document.activeElement.dataset.region : undefined;
      const hadFocus = focused && areas.get(focused) === document.activeElement;
      mountSvg();
      if (hadFocus && areas.has(focused)) areas.get(focused).focus();
    }
    const d = data(), v = view(d, state()), styles = d.styles;
    const chosen = new Set(v.selected);
    for (const [key, g] of areas) {
      const status = v.marks[key] || null;
      paintArea(g, status ? styles[status] : null, patternId(status));
      g.setAttribute("aria-checked", String(chosen.has(key)));
      g.setAttribute("aria-label", v.labels[key]);
      g.querySelector("title").textContent = v.labels[key];
      if (status) g.dataset.mark = status; else delete g.dataset.mark;
    }
    for (const [key, input] of boxes) {
      input.checked = chosen.has(key);
      input.nextSibling.textContent = v.labels[key];
      if (v.marks[key]) input.parentNode.dataset.mark = v.marks[key]; else delete input.parentNode.dataset.mark;
    }
    if (svg) svg.setAttribute("aria-label", v.description);
    ui.prompt.textContent = d.prompt;
    const icon = { correct: "✓ ", not_yet: "✗ ", error: "⚠ " }[v.feedback_kind] || "";
    ui.feedback.textContent = icon + v.feedback;
    ui.feedback.dataset.kind = v.feedback_kind;
    ui.reference.setAttribute("aria-pressed", String(v.mode === "reference"));
    ui.legend.replaceChildren();
    for (const status of v.legend) {
      const li = document.createElement("li");
      li.dataset.mark = status;
      li.append(swatch(styles[status], patternId(status)), document.createTextNode(styles[status].label));
      ui.legend.appendChild(li);
    }
    for (const input of ui.bodies.querySelectorAll("input")) input.checked = input.value === model.get("body");
  }

  function buildBodies() {
    for (const [label, value] of data().bodies) {
      const item = document.createElement("label");
      const input = document.createElement("input");
      input.type = "radio";
      input.name = `${uid}body`;
      input.value = value;
      input.addEventListener("change", () => { if (input.checked) change({ body: value }); });
      item.append(input, document.createTextNode(" " + label));
      ui.bodies.appendChild(item);
    }
  }

  ui.check.addEventListener("click", () => {
    change({ checked: true, show_reference: false });
    model.send({ action: "check" }); // record the marks: Python's store, or the site's
  });
  ui.clear.addEventListener("click", () => change({ selected: [], checked: false, show_reference: false }));
  ui.reference.addEventListener("click", () => change({ show_reference: !model.get("show_reference") }));

  // what Python (or the site's adapter) sets: restored marks, a refused input, calls from Python
  const onData = () => { content = model.get("data"); mountSvg(); buildList(); show(); };
  const onState = () => { if (!quiet) show(); };
  const events = ["change:selected", "change:checked", "change:show_reference", "change:body", "change:error"];
  model.on("change:data", onData);
  for (const name of events) model.on(name, onState);
  buildBodies();
  mountSvg();
  buildList();
  show();
  return () => {
    model.off("change:data", onData);
    for (const name of events) model.off(name, onState);
  };
}

export default { render };
