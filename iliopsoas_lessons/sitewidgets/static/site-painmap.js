// The pain map's kernel part on the course website (sitewidgets/painmap.py):
// what widgets/painmap.py's PainMapExercise does besides showing the map,
// which painmap.js does itself. A check is recorded in this browser's
// progress as Python records it in the learner's file (correct: painmap.js's
// own result(), the rule the node test checks against Python's), and the
// marks last checked come back checked, as a new kernel restores them.
// Nothing is fetched.
(function () {
  "use strict";
  const EXERCISE = "pain_map";
  const rules = () => window.ilAnywidgetModules["painmap.js"];

  window.ilAnywidgetHost.adapt("painmap", {
    initialize(model) {
      const data = model.get("data"), progress = window.ilSiteProgress;
      const saved = progress ? progress.restore(EXERCISE)[data.exercise] : null;
      if (!saved || model.get("selected").length) return;
      const latest = saved.later.length ? saved.later[saved.later.length - 1] : saved.first;
      const choices = new Set(data.choices);
      if (Array.isArray(latest.answer) && latest.answer.every((k) => choices.has(k))) {
        model.update("selected", rules().ordered(data, latest.answer));
        model.update("checked", true);
      }
    },
    message(model, content) {
      if (!content || content.action !== "check" || !window.ilSiteProgress) return;
      const data = model.get("data"), marked = rules().ordered(data, model.get("selected"));
      window.ilSiteProgress.record(EXERCISE, data.exercise, marked, rules().result(data, marked).correct);
    },
  });

  // the page's container says data-kind="painmap": mount the module on the host
  window.ilSiteWidgets.register("painmap", (el, data) => { window.ilAnywidgetHost.mount(el, data); });
})();
