// The lesson widgets on the course website, with no kernel.
//
// scripts/build_site.py puts, where a widget was, a <div class="il-site-widget"
// data-kind="..."> holding its trait values as JSON (iliopsoas_lessons/sitewidgets).
// This script finds each such element and hands it to the function registered
// for its kind by the scripts loaded after this one: "anywidget"
// (anywidget-host.js: every lesson widget's own module), "painmap", "progress".
// A widget that is ready gets data-ready="true" (what the tests and the
// benchmark wait for). Nothing is fetched.
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

  // the kinds register from the scripts after this one: start once the page is read
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
