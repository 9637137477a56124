// Inline checks (htmx) answer with the checked field and the fields tied to it (start and end, guests and
// hosted guests). An answer carries the value as it was sent: if the person has typed in that field since,
// the answer is stale and left out (the next check, on leaving the field again, brings the fresh message).
(function () {
  if (window.fieldChecksInstalled) { return; }  // a boosted visit may load this file again
  window.fieldChecksInstalled = true;

  function typedSince(wrapper, answer) {
    var now = wrapper && wrapper.querySelector("input, select, textarea");
    var sent = now && now.id && answer.querySelector("#" + CSS.escape(now.id));
    return Boolean(sent) && sent.value !== now.value;
  }

  // The checked field itself (hx-target is its wrapper, "<name>-field").
  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail.target;
    if (!target || !/-field$/.test(target.id || "") || !event.detail.serverResponse) { return; }
    var answer = new DOMParser().parseFromString(event.detail.serverResponse, "text/html");
    if (typedSince(target, answer)) { event.detail.shouldSwap = false; }
  });

  // The fields tied to it, swapped out of band.
  document.addEventListener("htmx:oobBeforeSwap", function (event) {
    if (typedSince(event.detail.target, event.detail.fragment)) { event.detail.shouldSwap = false; }
  });
})();
