// The figure widgets' one front end: it plays a state table that Python drew
// (widgets/_state_table.py): the symptom and mechanism steppers, the maps
// compared (a select and radios), the anatomy explorer (radios), the hip
// angle (a slider: its arrow, Page, Home and End keys are the browser's own).
//
// Written once for every host of anywidget (JupyterLab, Voila) and for the
// course website's static host (sitewidgets/static/anywidget-host.js), which
// loads this file as a classic script. render() needs only a model with
// get / on / off.
//
// Model traits (widgets/state_player.py):
//   table     {name, css, controls, slots, strings, states}: every state drawn
//   position  the controls' value positions at the start (Python may set it)
// A step only looks a state up, so nothing is sent to the kernel: the page
// never waits for Python. Presentation mode (the Present button or P) fills
// the screen with one step, Next / Previous on the arrow and Page keys.
// Nothing is fetched: no network, no build step.

export const ID_TOKEN = "ilsp0-";
const NEXT_KEYS = ["ArrowRight", "PageDown"];
const PREVIOUS_KEYS = ["ArrowLeft", "PageUp"];
const OWN_KEYS = ["ArrowUp", "ArrowDown", "Home", "End"]; // a slider's, select's or radio's own, with the steps

// -- the rules (pure functions, no DOM; tests/js/state_player.test.mjs) -------

export function stateKey(positions) {
  return positions.join(",");
}

// What each slot holds at `positions`: its pieces joined, in the table's slot order.
export function slotValues(table, positions) {
  return slotPieces(table, positions).map((pieces) => pieces.map((i) => table.strings[i]).join(""));
}

// Each slot's piece indices at `positions` (a piece ends after an </svg>).
export function slotPieces(table, positions) {
  const state = table.states[stateKey(positions)];
  if (!state) throw new Error(`${table.name}: no state ${stateKey(positions)}`);
  return state;
}

// Which SVGs of a slot change from pieces `before` to `after`: [[j, svg markup]],
// or null when more than a drawing changes (the slot is then set whole). The
// j-th piece holds the slot's j-th <svg> at its end, after markup that must
// be the same on both sides.
export function changedDrawings(strings, before, after) {
  if (!before || before.length !== after.length) return null;
  const out = [];
  for (let j = 0; j < after.length; j += 1) {
    if (before[j] === after[j]) continue;
    const a = strings[before[j]], b = strings[after[j]];
    const at = a.lastIndexOf("<svg"), bt = b.lastIndexOf("<svg");
    if (at < 0 || bt < 0 || !b.endsWith("</svg>") || a.slice(0, at) !== b.slice(0, bt)) return null;
    if (b.indexOf("<svg") !== bt) return null; // one drawing per piece
    out.push([j, b.slice(bt)]);
  }
  return out;
}

// A drawing that only defines (figures/svg.py patterns_svg: a hidden, zero-size
// <svg> of hatch patterns and clip paths). A figure's states differ in which
// definitions they carry (they accumulate as patterns are first used), never in
// what an id means (ids are hashes of their content), so the page keeps one
// such <svg> mounted and adds the definitions it lacks: a step replaces no
// <defs>, and no fill that refers to one is invalidated.
const DEFINITIONS_ONLY = /^<svg\b[^>]*\bwidth="0"[^>]*\baria-hidden="true"[^>]*><defs>[\s\S]*<\/defs><\/svg>$/;
export function definitionsOnly(markup) {
  return DEFINITIONS_ONLY.test(markup);
}

// A slot's markup without its <style> elements. matplotlib writes
// `*{stroke-linejoin: round; stroke-linecap: butt}` into every SVG; inline, a
// <style> applies to the whole document, so each step that swapped one in and
// out changed the page's rule sets and restyled every element of the notebook
// (about 25 ms a step in JupyterLab). state_player.css holds the same rule,
// scoped to the widget's figures.
const STYLE_ELEMENT = /<style\b[^>]*>[\s\S]*?<\/style>/g;
export function withoutStyleElements(markup) {
  return markup.replace(STYLE_ELEMENT, "");
}

// The positions after setting control `c` to `p` (held inside its values).
export function moveTo(table, positions, c, p) {
  const out = positions.slice();
  out[c] = Math.max(0, Math.min(table.controls[c].count - 1, p));
  return out;
}

// The stepper control's index, or -1 for a widget without Previous / Next.
export function stepControl(table) {
  return table.controls.findIndex((c) => c.type === "step");
}

// A slider's value in words (its aria-valuetext and readout): the table's label and unit.
export function valueText(control, p) {
  return control.options[p] + (control.unit || "");
}

// +1, -1 or 0 for a key: what a clicker or the arrow keys send.
export function stepFor(key) {
  if (NEXT_KEYS.includes(key)) return 1;
  if (PREVIOUS_KEYS.includes(key)) return -1;
  return 0;
}

// -- the page -----------------------------------------------------------------

let instances = 0;

function make(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  if (text != null) node.textContent = text;
  return node;
}

function render({ model, el }) {
  const table = model.get("table");
  const uid = `ilsp${++instances}x${Math.random().toString(36).slice(2, 7)}-`;
  const strings = table.strings.map((s) => withoutStyleElements(s).split(ID_TOKEN).join(uid));
  const view = { ...table, strings };
  let positions = (model.get("position") || []).slice();
  if (positions.length !== table.controls.length || !view.states[stateKey(positions)]) {
    positions = table.controls.map(() => 0);
  }
  const stepAt = stepControl(table);

  const root = make("div", { class: `ilsp ${table.css || ""}`, "data-lm-suppress-shortcuts": "true" });
  const head = make("div", { class: "ilsp-head" });
  const bar = make("div", { class: "ilsp-bar" });
  const body = make("div", { class: "ilsp-body" });
  const figures = make("div", { class: "ilsp-figures" });
  const text = make("div", { class: "ilsp-text" });
  body.append(figures, text);
  root.append(head, bar, body);

  // the slots, each in its place
  const slotNodes = table.slots.map((slot) => {
    const node = make("div", { class: `ilsp-slot ilsp-slot-${slot.name}`, "data-slot": slot.name });
    if (slot.place === "head") head.appendChild(node);
    else if (slot.place === "text") text.appendChild(node);
    else {
      const frame = make("div", { class: "ilsp-figure-frame" });
      const zoom = make("button", { type: "button", class: "ilsp-zoom-button", title: "Show this figure full size" }, "Zoom");
      zoom.addEventListener("click", () => openZoom(node));
      frame.append(node, zoom);
      figures.appendChild(frame);
      node.zoomButton = zoom;
    }
    return node;
  });

  // the controls
  const controls = table.controls.map((control, c) => {
    const id = `${uid}c${c}`;
    if (control.type === "step") {
      const nav = make("div", { class: "ilsp-nav", role: "group", "aria-label": control.label });
      const previous = make("button", { type: "button", class: "ilsp-previous", title: control.previous_tip || "" }, "← Previous");
      const count = make("span", { class: "ilsp-count", "aria-live": "polite" });
      const next = make("button", { type: "button", class: "ilsp-next", title: control.next_tip || "" }, "Next →");
      previous.addEventListener("click", () => step(-1));
      next.addEventListener("click", () => step(1));
      nav.append(previous, count, next);
      bar.appendChild(nav);
      return { nav, previous, next, count, set(p) {
        count.textContent = `${p + 1} of ${control.count}`;
        const focused = document.activeElement;
        previous.disabled = p === 0;
        next.disabled = p === control.count - 1;
        if (focused === previous && previous.disabled) next.focus();
        if (focused === next && next.disabled) previous.focus();
      } };
    }
    if (control.type === "radios") {
      const set = make("fieldset", { class: "ilsp-radios", "data-control": control.name });
      set.appendChild(make("legend", {}, control.label));
      const radios = control.options.map((label, j) => {
        const item = make("label", { class: "ilsp-choice" });
        if (control.tips && control.tips[j]) item.title = control.tips[j];
        const radio = make("input", { type: "radio", name: id, value: String(j) });
        radio.addEventListener("change", () => { if (radio.checked) choose(c, j); });
        item.append(radio, make("span", {}, label));
        set.appendChild(item);
        return radio;
      });
      bar.appendChild(set);
      return { set(p) { radios.forEach((r, j) => { r.checked = j === p; }); } };
    }
    if (control.type === "select") {
      const label = make("label", { class: "ilsp-select", "data-control": control.name });
      if (control.tip) label.title = control.tip;
      const select = make("select", { id });
      control.options.forEach((o, j) => select.appendChild(make("option", { value: String(j) }, o)));
      select.addEventListener("change", () => choose(c, select.selectedIndex));
      label.append(make("span", {}, control.label), select);
      bar.appendChild(label);
      return { set(p) { select.selectedIndex = p; } };
    }
    // a slider over the value positions; its value read out as the table's label
    const label = make("label", { class: "ilsp-slider", "data-control": control.name });
    if (control.tip) label.title = control.tip;
    const range = make("input", { type: "range", min: "0", max: String(control.count - 1), step: "1" });
    const output = make("output", { "aria-hidden": "true" });
    range.addEventListener("input", () => choose(c, Number(range.value)));
    label.append(make("span", {}, control.label), range, output);
    bar.appendChild(label);
    return { set(p) {
      range.value = String(p);
      const words = valueText(control, p);
      range.setAttribute("aria-valuetext", words);
      output.textContent = words;
    } };
  });

  // presentation mode
  const present = make("button", { type: "button", class: "ilsp-present", "aria-pressed": "false",
    title: "Fill the screen with one step (P); Escape leaves" }, "Present");
  bar.appendChild(present);
  present.addEventListener("click", () => presenting(!root.classList.contains("ilsp-presenting")));

  function onDocumentKey(event) {
    if (!root.isConnected || (!el.isConnected && !placeholder.isConnected)) {
      document.removeEventListener("keydown", onDocumentKey, true);
      if (root.parentNode === document.body) root.remove(); // its cell was cleared while presenting
      return;
    }
    if (root.contains(event.target)) return; // the root's own listener has it
    handleKey(event);
  }

  // While presenting, the root sits directly in <body>: a notebook's panels
  // (JupyterLab's contain/transform) would otherwise bound a fixed element.
  const placeholder = document.createComment("ilsp presenting");
  function presenting(on) {
    if (on && !placeholder.parentNode && root.parentNode !== document.body) {
      root.replaceWith(placeholder);
      document.body.appendChild(root);
    } else if (!on && placeholder.parentNode) {
      placeholder.replaceWith(root);
    }
    root.classList.toggle("ilsp-presenting", on);
    present.setAttribute("aria-pressed", String(on));
    present.textContent = on ? "Leave presentation" : "Present";
    // the text may scroll in its own region then: reachable by keyboard, named
    if (on) { text.tabIndex = 0; text.setAttribute("role", "region"); text.setAttribute("aria-label", "The text of this step"); }
    else { text.removeAttribute("tabindex"); text.removeAttribute("role"); text.removeAttribute("aria-label"); }
    if (on) {
      document.addEventListener("keydown", onDocumentKey, true);
      present.focus();
    } else {
      document.removeEventListener("keydown", onDocumentKey, true);
    }
    root.dataset.presenting = String(on);
  }

  // the zoom dialog: the figure at its natural size (labels at least 12 px),
  // scrollable; made on opening and removed on closing
  function openZoom(node) {
    const dialog = make("dialog", { class: "ilsp-dialog", "aria-label": "The figure, full size" });
    const close = make("button", { type: "button", class: "ilsp-dialog-close" }, "Close");
    const holder = make("div", { class: "ilsp-dialog-figure" });
    close.addEventListener("click", () => dialog.close());
    dialog.addEventListener("close", () => { dialog.remove(); node.parentElement.querySelector(".ilsp-zoom-button").focus(); });
    dialog.append(close, holder);
    root.appendChild(dialog);
    holder.innerHTML = node.innerHTML.split(uid).join(`${uid}z`); // ids stay unique on the page
    const figure = holder.querySelector(".il-figure");
    if (figure) {
      const natural = parseFloat(figure.style.maxWidth) || 600;
      figure.style.width = `${natural}px`;
      figure.style.maxWidth = "none";
    }
    if (dialog.showModal) dialog.showModal(); else dialog.setAttribute("open", "");
    close.focus();
  }

  function handleKey(event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target;
    const tag = target && target.tagName;
    // a select, slider or radio keeps its own arrow keys; text fields keep every key
    const ownsArrows = tag === "SELECT" || (tag === "INPUT" && target.type !== "button") || tag === "TEXTAREA";
    if ((event.key === "p" || event.key === "P") && !ownsArrows) {
      presenting(!root.classList.contains("ilsp-presenting"));
      event.preventDefault(); event.stopPropagation();
      return;
    }
    if (event.key === "Escape" && root.classList.contains("ilsp-presenting") && !root.querySelector("dialog[open]")) {
      presenting(false); present.focus();
      event.preventDefault(); event.stopPropagation();
      return;
    }
    const delta = stepFor(event.key);
    // a radio group, select or slider moves itself; the notebook around it
    // (JupyterLab binds the arrow keys to its cells) must not see the key too
    if (ownsArrows && (delta || OWN_KEYS.includes(event.key))) { event.stopPropagation(); return; }
    if (!delta || stepAt < 0) return;
    step(delta);
    event.preventDefault(); event.stopPropagation();
  }
  root.addEventListener("keydown", handleKey);

  const shownPieces = slotNodes.map(() => null);
  const parser = document.createElement("template");
  // Nodes already parsed, kept while not shown, so a step back to a state (or
  // to a drawing) moves them in again instead of parsing the markup anew:
  // per slot, its whole content by pieces, and each drawing by its piece.
  const keptContent = slotNodes.map(() => new Map());
  const keptDrawings = new Map();
  let figuresBasis = "";

  // A text slot's other states stay in the page, beside it, laid out but not
  // rendered (.ilsp-kept: content-visibility: hidden, inert): a step back to
  // one shows it again without styling and laying out its text anew (the
  // symptom stepper's details are about 6,400 px tall). Re-inserting the nodes
  // (or display: none) threw that work away. Only the shown one is the slot
  // (its class and data-slot), so the slot's text is the state's alone.
  const keptPanels = table.slots.map((slot) => (slot.place === "text" ? new Map() : null));
  const slotClass = table.slots.map((slot) => ["ilsp-slot", `ilsp-slot-${slot.name}`]);

  function showPanel(i, before, pieces) {
    const node = slotNodes[i];
    if (!before) { node.innerHTML = pieces.map((j) => strings[j]).join(""); return; }
    let panel = keptPanels[i].get(stateKey(pieces));
    keptPanels[i].delete(stateKey(pieces));
    if (!panel) {
      panel = make("div");
      panel.innerHTML = pieces.map((j) => strings[j]).join("");
      node.after(panel);
    }
    node.classList.remove(...slotClass[i]);
    node.classList.add("ilsp-kept");
    node.inert = true;
    delete node.dataset.slot;
    keptPanels[i].set(stateKey(before), node);
    panel.classList.remove("ilsp-kept");
    panel.classList.add(...slotClass[i]);
    panel.inert = false;
    panel.dataset.slot = table.slots[i].name;
    slotNodes[i] = panel;
  }

  function drawing(j, markup) {
    const kept = keptDrawings.get(j);
    if (kept) { keptDrawings.delete(j); return kept; }
    parser.innerHTML = markup;
    return parser.content.firstElementChild;
  }

  // The definitions of `markup` that the mounted definitions <svg> lacks, moved in (see definitionsOnly).
  const defined = new WeakMap(); // mounted <svg> -> {ids it defines, markups already added}
  function addDefinitions(mounted, markup) {
    const defs = mounted.querySelector("defs");
    let known = defined.get(mounted);
    if (!known) defined.set(mounted, known = { ids: new Set([...defs.children].map((d) => d.id)), added: new Set() });
    if (known.added.has(markup)) return;
    known.added.add(markup);
    parser.innerHTML = markup;
    for (const d of [...parser.content.firstElementChild.querySelector("defs").children]) {
      if (!known.ids.has(d.id)) { known.ids.add(d.id); defs.appendChild(d); }
    }
  }

  function show() {
    slotPieces(view, positions).forEach((pieces, i) => {
      const node = slotNodes[i];
      const before = shownPieces[i];
      const changed = changedDrawings(strings, before, pieces);
      if (changed && changed.length) {
        // only the drawings that changed (a figure's overlay): its background stays
        const svgs = node.querySelectorAll(":scope svg:not(svg svg)");
        for (const [j, markup] of changed) {
          if (definitionsOnly(markup) && definitionsOnly(strings[before[j]])) { addDefinitions(svgs[j], markup); continue; }
          keptDrawings.set(before[j], svgs[j]);
          svgs[j].replaceWith(drawing(pieces[j], markup));
        }
      } else if (!changed && keptPanels[i]) {
        showPanel(i, before, pieces);
      } else if (!changed) {
        if (before) keptContent[i].set(stateKey(before), [...node.childNodes]);
        const kept = keptContent[i].get(stateKey(pieces));
        if (kept) {
          keptContent[i].delete(stateKey(pieces));
          node.replaceChildren(...kept);
        } else {
          node.innerHTML = pieces.map((j) => strings[j]).join("");
        }
      }
      shownPieces[i] = pieces;
      const empty = pieces.every((j) => strings[j] === "");
      const shown = slotNodes[i];
      const frame = shown.parentElement;
      if (frame.classList.contains("ilsp-figure-frame")) frame.hidden = empty;
      else shown.hidden = empty;
    });
    // the figures' column starts at their natural width (labels at least 12 px)
    // and shrinks only on a narrow screen; the text goes beside or below it
    const natural = [...figures.querySelectorAll(".ilsp-figure-frame:not([hidden]) > .ilsp-slot > .il-figure")]
      .map((f) => parseFloat(f.style.maxWidth) || 0);
    const basis = natural.length ? `${natural.reduce((a, b) => a + b, 0) + 16 * (natural.length - 1)}px` : figuresBasis;
    if (basis !== figuresBasis) { figures.style.flexBasis = basis; figuresBasis = basis; } // unchanged: no restyle
    controls.forEach((control, c) => control.set(positions[c]));
    root.dataset.state = stateKey(positions);
  }

  // The states one step away are parsed while the page is idle (their
  // drawings kept detached, their texts kept in the page like a text seen
  // before), so a click, even the first to reach a state, parses nothing.
  const idle = (typeof requestIdleCallback === "function") ? requestIdleCallback : (f) => setTimeout(f, 50);
  let preparing = 0;
  function prepareNeighbours() {
    if (stepAt < 0) return;
    const ticket = ++preparing;
    idle(() => {
      if (ticket !== preparing || !root.isConnected) return; // a later step asked again
      for (const delta of [1, -1]) {
        const p = positions[stepAt] + delta;
        if (p >= 0 && p < table.controls[stepAt].count) prepare(moveTo(table, positions, stepAt, p));
      }
    });
  }

  function prepare(at) {
    slotPieces(view, at).forEach((pieces, i) => {
      const before = shownPieces[i];
      const changed = changedDrawings(strings, before, pieces);
      if (changed) {
        for (const [j, markup] of changed) {
          if (definitionsOnly(markup) || keptDrawings.has(pieces[j])) continue;
          parser.innerHTML = markup;
          keptDrawings.set(pieces[j], parser.content.firstElementChild);
        }
      } else if (keptPanels[i] && before && !keptPanels[i].has(stateKey(pieces))) {
        const panel = make("div", { class: "ilsp-kept" });
        panel.inert = true;
        panel.innerHTML = pieces.map((j) => strings[j]).join("");
        slotNodes[i].after(panel);
        keptPanels[i].set(stateKey(pieces), panel);
      }
    });
  }

  function choose(c, p) {
    positions = moveTo(table, positions, c, p);
    show();
    prepareNeighbours();
  }

  function step(delta) {
    if (stepAt < 0) return;
    choose(stepAt, positions[stepAt] + delta);
  }

  // Python may set the position (TableWidget.set); the page never sends it back
  const fromModel = () => {
    const p = model.get("position") || [];
    if (p.length === table.controls.length && view.states[stateKey(p)]) { positions = p.slice(); show(); prepareNeighbours(); }
  };
  model.on("change:position", fromModel);

  show();
  el.appendChild(root);
  root.dataset.ready = "true";
  prepareNeighbours();
  return () => {
    if (placeholder.parentNode) placeholder.replaceWith(root);
    model.off("change:position", fromModel);
    document.removeEventListener("keydown", onDocumentKey, true);
  };
}

export default { render };
