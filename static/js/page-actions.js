// Small actions every page may carry, without inline handlers (the Content-Security-Policy allows none):
// - <button data-print hidden>: shown once this script runs, prints the page (without JavaScript the browser's
//   own Print does the same);
// - <form data-confirm="question">: asks before a plain (non-htmx) form is sent; htmx forms use hx-confirm.
(function () {
  "use strict";
  if (window.pageActionsReady) { return; }
  window.pageActionsReady = true;

  function reveal(root) {
    root.querySelectorAll("button[data-print][hidden]").forEach(function (button) { button.hidden = false; });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button[data-print]") : null;
    if (button) { window.print(); }
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !form.hasAttribute("hx-post") && !window.confirm(question)) { event.preventDefault(); }
  }, true);

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { reveal(document); });
  } else {
    reveal(document);
  }
  // Content that htmx swaps in (or a boosted page) gets its buttons shown too.
  document.addEventListener("htmx:load", function (event) { reveal(event.target); });
}());
