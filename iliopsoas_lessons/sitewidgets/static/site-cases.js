// The case player's kernel part on the course website (sitewidgets/cases.py):
// what widgets/cases.py's CasePlayer does when the page sends a path. It
// replays the path with the player's own engine (case_player.js's named
// exports), refuses an invalid one (the page goes back to the last valid
// path), and records a finished case in this browser's progress as Python
// records it in the learner's file. Nothing is fetched.
(function () {
  "use strict";
  const EXERCISE = "virtual_cases";
  const engine = () => window.ilAnywidgetModules["case_player.js"];
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

  function ended(kase, path) {
    try {
      return engine().replay(kase, path).ended;
    } catch (error) {
      return null; // not a path of this case
    }
  }

  window.ilAnywidgetHost.adapt("case_player", {
    initialize(model, data) {
      const kase = model.get("case");
      data.valid = model.get("path");
      // the latest finished path saved in this browser, shown with "Start again"
      const progress = window.ilSiteProgress;
      const saved = progress ? progress.restore(EXERCISE)[kase.key] : null;
      if (!saved) return;
      const latest = saved.later.length ? saved.later[saved.later.length - 1] : saved.first;
      if (Array.isArray(latest.answer) && ended(kase, latest.answer)) {
        model.update("restored_path", latest.answer);
        model.update("saved_path", latest.answer);
      }
    },
    saved(model, names, data) {
      if (!names.includes("path")) return;
      const kase = model.get("case"), path = model.get("path");
      const done = ended(kase, path);
      if (done === null) { model.update("path", data.valid); return; }
      const before = data.valid;
      data.valid = path;
      if (done && !same(path, before) && window.ilSiteProgress) {
        const outcome = engine().score(kase, path).outcome;
        if (window.ilSiteProgress.record(EXERCISE, kase.key, path, outcome === "success")) model.update("saved_path", path);
      }
    },
  });
})();
