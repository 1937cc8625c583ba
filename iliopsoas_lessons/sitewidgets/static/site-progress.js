// A learner's progress on the course website, kept in this browser only: the
// wiring of the results module (widgets/static/results.js) into the site.
//
// window.ilSiteProgress is results.js's browserStore over localStorage: the
// exercises' adapters call record(exercise, item, answer, correct) with the
// arguments ProgressStore.record takes. The constants and messages come from
// Python (sitewidgets/progress.py's settings(), in this <script>'s
// data-settings). Here only what is the site's own: the page's notice when a
// stored value was set aside or storage refuses a save (with the download that
// keeps the answers), and the anywidget host's adapter "my_results", which
// answers the My results view's requests from the store, as the kernel answers
// them from the learner's file in JupyterLab. Nothing is sent anywhere.
(function () {
  "use strict";
  const S = JSON.parse(document.currentScript.dataset.settings);
  const results = window.ilAnywidgetModules["results.js"];
  const listeners = [];
  const changed = () => { for (const listener of listeners) listener(); };
  const store = results.browserStore(S, localStorage, {
    notice(message) { console.warn(message); showNotices(); },
    changed() { showNotices(); changed(); },
  });
  const download = () => results.download(store.fileText(), S.download_name);

  // the "not saved" notice: what happened, that the answers stay here, and the download
  function unsavedNotice() {
    const box = Object.assign(document.createElement("div"), { className: "il-progress-unsaved" });
    const text = Object.assign(document.createElement("p"),
      { textContent: results.fill(S.messages.unsaved, { why: store.failure() }) });
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
    const failure = store.failure(), notices = store.notices();
    let box = document.getElementById("il-progress-notices");
    if (!box && !notices.length && failure === null) return;
    if (!box) {
      box = Object.assign(document.createElement("div"), { id: "il-progress-notices", className: "il-progress-notices" });
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
    ...store, download, settings: S,
    onChange(listener) { listeners.push(listener); },
  };
  window.addEventListener("storage", (event) => {
    if (event.key === null || event.key.startsWith(S.storage_key)) changed();
  });

  // ------------------------------------------------ My results on the anywidget host
  let replies = 0;
  function sync(model) {
    model.update("record", store.data());
    model.update("unsaved", !store.saved());
  }
  window.ilAnywidgetHost.adapt("my_results", {
    initialize(model) {
      sync(model);
      listeners.push(() => sync(model));
    },
    message(model, content) {
      const action = content && content.action;
      const reply = { action, backup: null, error: null };
      if (action === "pseudonym") store.setPseudonym(content.name);
      else if (action === "clear") store.forget();
      else if (!["refresh", "download"].includes(action)) reply.error = `unknown request ${String(action)}`;
      sync(model);
      replies += 1;
      model.update("reply", { ...reply, n: replies });
    },
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", () => { store.load(); showNotices(); });
  } else {
    store.load();
    showNotices();
  }
})();
