// Read-only address fields: focusing one selects the whole address; a "Copy" button beside it copies it.
// Without JavaScript the field is still there to select and copy by hand; the buttons stay hidden.
(function () {
  "use strict";
  if (window.copyFieldReady) { return; }
  window.copyFieldReady = true;

  function show(root) {
    root.querySelectorAll("button[data-copy][hidden]").forEach(function (button) { button.hidden = false; });
  }

  function announce(button, text) {
    var status = document.getElementById(button.getAttribute("data-status") || "");
    if (status) { status.textContent = text; }
  }

  document.addEventListener("focusin", function (event) {
    var field = event.target;
    if (field.matches && field.matches("input[readonly][data-select-all]")) { field.select(); }
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button[data-copy]") : null;
    if (!button) { return; }
    var field = document.getElementById(button.getAttribute("data-copy"));
    if (!field) { return; }
    var done = button.getAttribute("data-copied") || "Copied";
    function fallback() {
      field.focus();
      field.select();
      try { document.execCommand("copy"); announce(button, done); } catch (e) { /* selected: the person copies */ }
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(function () { announce(button, done); }, fallback);
    } else {
      fallback();
    }
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { show(document); });
  } else {
    show(document);
  }
  document.addEventListener("htmx:load", function (event) { show(event.target); });
})();
