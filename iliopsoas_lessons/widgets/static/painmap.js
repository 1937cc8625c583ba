// The pain-map exercise's front end: a body map whose areas are clicked,
// tapped, or reached with Tab and toggled with Space or Enter.
//
// Written once for every host of anywidget (JupyterLab, Voila, VS Code,
// Colab) and, later, a static page: render() needs only a model with
// get / set / save_changes / send / on / off.  Python (widgets/painmap.py,
// state in widgets/_state_painmap.py) decides everything the map shows:
//   svg       the body map (figures/bodymap_svg.py), each area's element
//             carrying data-gid="<region key>"
//   regions   [{key, view}] the areas offered;  labels {key: accessible name}
//   styles    {status: {fill, hatch, ink, stroke, dash, width, label}}
//   marks     {key: status} painted now;  legend [status] explained now
//   selected  [key] the learner's marks (the page sets it; Python checks it)
//   feedback, feedback_kind, description, prompt, mode, show_reference, body, bodies
// Nothing is fetched: no network, no build step.

const SVG_NS = "http://www.w3.org/2000/svg";
let instances = 0;

// Hatch drawings on a 6 x 6 tile (the same tiles as figures/bodymap_svg.py's).
const HATCH_PATHS = {
  none: "",
  diagonal: "M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2",
  backdiagonal: "M-1,5 l2,2 M0,0 l6,6 M5,-1 l2,2",
  cross: "M0,0 L6,6 M6,0 L0,6",
  horizontal: "M0,1.5 H6 M0,4.5 H6",
};

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

// One <pattern> per status: the fill colour with its hatch drawn over it.
function makePattern(id, style) {
  const p = svgEl("pattern", { id, patternUnits: "userSpaceOnUse", width: 6, height: 6 });
  p.appendChild(svgEl("rect", { width: 6, height: 6, fill: style.fill }));
  if (style.hatch === "dots") {
    p.appendChild(svgEl("circle", { cx: 3, cy: 3, r: 1.1, fill: style.ink }));
  } else if (style.hatch === "rings") {
    p.appendChild(svgEl("circle", { cx: 3, cy: 3, r: 1.6, fill: "none", stroke: style.ink, "stroke-width": 0.7 }));
  } else if (HATCH_PATHS[style.hatch]) {
    p.appendChild(svgEl("path", { d: HATCH_PATHS[style.hatch], stroke: style.ink, "stroke-width": 0.9 }));
  }
  return p;
}

// Outline and fill of one area for a status (null: not marked).
function paintArea(group, style, patternId) {
  for (const path of group.querySelectorAll("path")) {
    path.removeAttribute("style"); // matplotlib's inline style would beat the stylesheet
    if (style) {
      path.setAttribute("fill", `url(#${patternId})`);
      path.setAttribute("fill-opacity", "0.9");
      path.setAttribute("stroke", style.stroke);
      path.setAttribute("stroke-width", style.width);
      path.setAttribute("stroke-dasharray", style.dash || "none");
    } else {
      path.setAttribute("fill", "#ffffff");
      path.setAttribute("fill-opacity", "0.35");
      path.setAttribute("stroke", "#4d4d4d");
      path.setAttribute("stroke-width", "0.9");
      path.setAttribute("stroke-dasharray", "3 1.5");
    }
  }
}

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
  // The same marks as a list of checkboxes: some areas of the drawing are a
  // few pixels wide on a phone, so each also has a full-size target here
  // (WCAG 2.2, 2.5.8), named by the same words as its area on the map.
  let boxes = new Map(); // region key -> its checkbox in the list
  let areas = new Map(); // region key -> its <g> in the map
  let svg = null;
  const patternId = (status) => `${uid}mark-${status}`;

  function toggle(key) {
    const chosen = new Set(model.get("selected"));
    if (chosen.has(key)) chosen.delete(key); else chosen.add(key);
    model.set("selected", [...chosen]);
    model.save_changes();
    if (model.get("mode") === "select" && areas.has(key)) { // answer at once; Python confirms
      paintArea(areas.get(key), chosen.has(key) ? model.get("styles").selected : null, patternId("selected"));
      areas.get(key).setAttribute("aria-checked", String(chosen.has(key)));
    }
    if (boxes.has(key)) boxes.get(key).checked = chosen.has(key);
  }

  function buildList() {
    for (const item of ui.list.querySelectorAll("label")) item.remove();
    boxes = new Map();
    for (const view of ["front", "back"]) {
      for (const { key } of model.get("regions").filter((r) => r.view === view)) {
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
    // the page may hold several maps: give every id (and reference) this map's prefix
    const text = model.get("svg")
      .replace(/\bid="/g, `id="${uid}`)
      .replace(/url\(#/g, `url(#${uid}`)
      .replace(/href="#/g, `href="#${uid}`);
    ui.map.innerHTML = text;
    svg = ui.map.querySelector("svg");
    if (!svg) return;
    svg.setAttribute("role", "group");
    let defs = svg.querySelector("defs");
    if (!defs) { defs = svgEl("defs", {}); svg.prepend(defs); }
    for (const [status, style] of Object.entries(model.get("styles"))) {
      defs.appendChild(makePattern(patternId(status), style));
    }
    areas = new Map();
    for (const { key } of model.get("regions")) {
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

  function paint() {
    if (!svg) return;
    const marks = model.get("marks"), styles = model.get("styles"), labels = model.get("labels");
    const chosen = new Set(model.get("selected"));
    for (const [key, g] of areas) {
      const status = marks[key] || null;
      paintArea(g, status ? styles[status] : null, patternId(status));
      g.setAttribute("aria-checked", String(chosen.has(key)));
      g.setAttribute("aria-label", labels[key] || key);
      g.querySelector("title").textContent = labels[key] || key;
      if (status) g.dataset.mark = status; else delete g.dataset.mark;
    }
    for (const [key, input] of boxes) {
      input.checked = chosen.has(key);
      input.nextSibling.textContent = labels[key] || key;
      if (marks[key]) input.parentNode.dataset.mark = marks[key]; else delete input.parentNode.dataset.mark;
    }
    svg.setAttribute("aria-label", model.get("description"));
  }

  function showText() {
    ui.prompt.textContent = model.get("prompt");
    const kind = model.get("feedback_kind");
    const icon = { correct: "✓ ", not_yet: "✗ ", error: "⚠ " }[kind] || "";
    ui.feedback.textContent = icon + model.get("feedback");
    ui.feedback.dataset.kind = kind;
    const on = model.get("show_reference");
    ui.reference.setAttribute("aria-pressed", String(on));
    ui.legend.replaceChildren();
    const styles = model.get("styles");
    for (const status of model.get("legend")) {
      const li = document.createElement("li");
      li.dataset.mark = status;
      li.append(swatch(styles[status], patternId(status)), document.createTextNode(styles[status].label));
      ui.legend.appendChild(li);
    }
    for (const input of ui.bodies.querySelectorAll("input")) input.checked = input.value === model.get("body");
  }

  function buildBodies() {
    for (const [label, value] of model.get("bodies")) {
      const item = document.createElement("label");
      const input = document.createElement("input");
      input.type = "radio";
      input.name = `${uid}body`;
      input.value = value;
      input.addEventListener("change", () => {
        if (input.checked) { model.set("body", value); model.save_changes(); }
      });
      item.append(input, document.createTextNode(" " + label));
      ui.bodies.appendChild(item);
    }
  }

  ui.check.addEventListener("click", () => model.send({ action: "check" }));
  ui.clear.addEventListener("click", () => model.send({ action: "clear" }));
  ui.reference.addEventListener("click", () => {
    model.set("show_reference", !model.get("show_reference"));
    model.save_changes();
  });

  const onSvg = () => { mountSvg(); buildList(); paint(); };
  const onState = () => { paint(); showText(); };
  const events = ["change:marks", "change:labels", "change:selected", "change:description",
                  "change:feedback", "change:feedback_kind", "change:legend", "change:show_reference",
                  "change:body", "change:prompt"];
  model.on("change:svg", onSvg);
  for (const name of events) model.on(name, onState);
  buildBodies();
  mountSvg();
  buildList();
  paint();
  showText();
  return () => {
    model.off("change:svg", onSvg);
    for (const name of events) model.off(name, onState);
  };
}

export default { render };
