// The site's menu buttons. sphinx-book-theme and pydata-sphinx-theme each
// put a "primary" (site navigation) and a "secondary" (on this page) toggle
// in the page, and both themes' scripts wire only the first one they find,
// which the book theme's layout hides: the menu button a reader sees did
// nothing, on a phone or a desk. Each visible toggle passes its click to the
// wired one, so a phone gets the navigation panel and a wide screen folds the
// sidebar away.
(function () {
  "use strict";
  function forwardToggles() {
    [".primary-toggle", ".secondary-toggle"].forEach(function (selector) {
      var wired = document.querySelector(selector);
      if (!wired) return;
      document.querySelectorAll(selector).forEach(function (button) {
        if (button === wired) return;
        button.addEventListener("click", function (event) {
          event.preventDefault();
          event.stopPropagation();
          wired.click();
        });
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", forwardToggles);
  } else {
    forwardToggles();
  }
})();
