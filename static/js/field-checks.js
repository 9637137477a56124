// Inline checks (htmx) also refresh the fields tied to the changed one (start and end, guests and hosted
// guests), but never replace what the person typed there after the check was sent.
(function () {
  if (window.fieldChecksInstalled) { return; }  // a boosted visit may load this file again
  window.fieldChecksInstalled = true;
  document.addEventListener("htmx:oobBeforeSwap", function (event) {
    var now = event.detail.target.querySelector("input, select, textarea");
    var sent = now && event.detail.fragment.querySelector("#" + CSS.escape(now.id));
    if (sent && sent.value !== now.value) { event.detail.shouldSwap = false; }
  });
})();
