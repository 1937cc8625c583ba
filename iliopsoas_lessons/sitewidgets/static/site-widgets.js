// The lesson widgets on the course website, with no kernel.
//
// scripts/build_site.py puts, where a widget was, a <div class="il-site-widget"
// data-kind="..."> holding its states as JSON (iliopsoas_lessons/sitewidgets,
// which drives the Python widget itself to record them). This script finds
// each such element and hands it to the function registered for its kind:
// "states" here; the exercises and the pain map register their own from the
// scripts loaded after this one. A widget that is ready gets data-ready="true"
// (what the tests and the benchmark wait for). Nothing is fetched.
(function () {
  "use strict";
  const kinds = {};

  function start() {
    for (const el of document.querySelectorAll(".il-site-widget:not([data-ready])")) {
      const kind = el.dataset.kind;
      try {
        const data = JSON.parse(el.querySelector("script.il-site-data").textContent);
        if (!kinds[kind]) throw new Error(`no script for widgets of kind "${kind}"`);
        kinds[kind](el, data);
        el.dataset.ready = "true";
      } catch (error) {
        const note = document.createElement("p");
        note.className = "il-site-error";
        note.setAttribute("role", "alert");
        note.textContent = `This widget could not start (${error.message}). Open the lesson as a notebook instead.`;
        el.appendChild(note);
        el.dataset.ready = "error";
      }
    }
  }

  window.ilSiteWidgets = {
    register(kind, render) { kinds[kind] = render; },
    start,
  };

  // ---------------------------------------------------------------- "states"
  // data: {skeleton, controls: [number of values of each], steps, start: "i,j,k",
  //        strings: [...], states: {"i,j,k": [[[piece indices] per slot], [hidden node numbers]]}}
  function renderStates(el, data) {
    const host = document.createElement("div");
    host.className = "il-site-states";
    host.innerHTML = data.skeleton;
    el.appendChild(host);
    for (const radio of host.querySelectorAll('input[type="radio"]')) radio.name = `${el.id}-${radio.name}`;
    const byNumber = (selector, attribute) => {
      const out = [];
      for (const node of host.querySelectorAll(selector)) out[Number(node.getAttribute(attribute))] = node;
      return out;
    };
    const controls = byNumber("[data-control]", "data-control");
    const slots = byNumber("[data-slot]", "data-slot");
    const nodes = byNumber("[data-node]", "data-node");
    const shown = slots.map(() => null);
    const position = data.start.split(",").map(Number);
    const stepAt = data.controls.length; // the Previous / Next position comes last
    const previous = host.querySelector('[data-step="-1"]');
    const next = host.querySelector('[data-step="1"]');

    function show() {
      const state = data.states[position.join(",")];
      state[0].forEach((pieces, i) => {
        const value = pieces.map((j) => data.strings[j]).join("");
        if (shown[i] !== value) {
          slots[i].innerHTML = value;
          shown[i] = value;
        }
      });
      const hidden = new Set(state[1]);
      nodes.forEach((node, i) => { node.hidden = hidden.has(i); });
      controls.forEach((control, c) => setControl(control, position[c]));
      if (data.steps) {
        const focused = document.activeElement;
        previous.disabled = position[stepAt] === 0;
        next.disabled = position[stepAt] === data.steps - 1;
        // keep the keyboard on the bar when the button pressed is now disabled
        if (focused === previous && previous.disabled) next.focus();
        if (focused === next && next.disabled) previous.focus();
      }
    }

    function setControl(control, p) {
      if (control.tagName === "FIELDSET") {
        control.querySelectorAll('input[type="radio"]').forEach((radio, j) => { radio.checked = j === p; });
      } else if (control.tagName === "SELECT") {
        control.selectedIndex = p;
      } else {
        control.value = String(p);
        const value = control.dataset.values.split(",")[p];
        control.setAttribute("aria-valuetext", value);
        control.parentElement.querySelector("output").textContent = value;
      }
    }

    controls.forEach((control, c) => {
      const update = (p) => { position[c] = p; show(); };
      if (control.tagName === "FIELDSET") {
        control.querySelectorAll('input[type="radio"]').forEach((radio, j) => {
          radio.addEventListener("change", () => { if (radio.checked) update(j); });
        });
      } else if (control.tagName === "SELECT") {
        control.addEventListener("change", () => update(control.selectedIndex));
      } else {
        control.addEventListener("input", () => update(Number(control.value)));
      }
    });
    if (data.steps) {
      previous.addEventListener("click", () => { if (position[stepAt] > 0) { position[stepAt] -= 1; show(); } });
      next.addEventListener("click", () => {
        if (position[stepAt] < data.steps - 1) { position[stepAt] += 1; show(); }
      });
    }
    show();
  }

  kinds.states = renderStates;
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
