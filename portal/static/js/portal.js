// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // Move focus to an error summary so screen readers announce it.
  function focusErrors(root) {
    var summary = root.querySelector("[data-autofocus]");
    if (summary) { summary.focus(); }
  }

  // A page that only passes the browser on (logout at the login provider) sends
  // its form at once; without this file the person presses its button.
  function autoSubmit() {
    var form = document.querySelector("form[data-auto-submit]");
    if (form) { form.submit(); }
  }

  document.addEventListener("DOMContentLoaded", function () { focusErrors(document); autoSubmit(); });
  document.addEventListener("htmx:afterSwap", function (event) { focusErrors(event.target); });
})();
