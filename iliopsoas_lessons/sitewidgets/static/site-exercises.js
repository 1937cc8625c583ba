// The quiz's and the red-flag cases' kernel part on the course website
// (sitewidgets/exercises.py): what widgets/exercises.py does with the
// learner's answers. When the page opens, the answers saved in this browser
// (window.ilSiteProgress.restore) are taken back, as a Python state built
// again takes back the learner's file; each new answer the page sends is
// recorded with the arguments Python's state passes to ProgressStore.record
// (the quiz: the option's index in quiz.json; the cases: the level's key).
// The rules are exercises.js's own named exports. Nothing is fetched.
(function () {
  "use strict";
  const rules = () => window.ilAnywidgetModules["exercises.js"];

  window.ilAnywidgetHost.adapt("exercises", {
    initialize(model, data) {
      const progress = window.ilSiteProgress;
      const saved = progress ? progress.restore(data.exercise) : {};
      const attempts = rules().restoreAttempts(model.get("items"), saved);
      model.update("attempts", attempts);
      data.attempts = attempts;
    },
    saved(model, names, data) {
      if (!names.includes("attempts")) return;
      const now = model.get("attempts");
      for (const item of model.get("items")) {
        const before = data.attempts[item.key] || [], after = now[item.key] || [];
        for (const answer of after.slice(before.length)) {
          const option = item.options.find((o) => o.answer === answer);
          if (window.ilSiteProgress) window.ilSiteProgress.record(data.exercise, item.key, answer, option.correct);
        }
      }
      data.attempts = now;
    },
  });
})();
