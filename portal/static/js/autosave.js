// Autosave status, live character counts and "send once" for the ansökan.
// Progressive enhancement only: every form works without this file.
(function () {
  "use strict";

  var COUNT_DELAY_MS = 1000;

  function formOf(element) {
    return element && element.closest ? element.closest("form[data-autosave]") : null;
  }

  function statusElement() {
    return document.getElementById("save-status");
  }

  // htmx swaps "Sparat kl 14.32" into the status; mark it as good news.
  function showSaved(event) {
    var status = statusElement();
    if (status && event.detail && event.detail.target === status) {
      status.classList.remove("failed");
      status.classList.add("saved");
    }
  }

  // A failed save must be visible, with a way to try again at once.
  function showFailed(event) {
    var form = formOf(event.target);
    var status = statusElement();
    if (!form || !status) { return; }
    status.classList.remove("saved");
    status.classList.add("failed");
    status.textContent = status.getAttribute("data-failed-text");
    var retry = document.createElement("button");
    retry.type = "button";
    retry.className = "button button-secondary";
    retry.textContent = status.getAttribute("data-retry-text");
    retry.addEventListener("click", function () { window.htmx.trigger(form, "change"); });
    status.appendChild(retry);
  }

  function fill(template, count) {
    return (template || "").replace("#", String(count));
  }

  // A visible count under each long text box, and a calmer announcement for
  // screen readers a second after typing stops.
  function addCounter(textarea, form) {
    var limit = parseInt(textarea.getAttribute("data-maxlength"), 10);
    if (!limit) { return; }
    var visible = document.createElement("p");
    visible.className = "char-count";
    visible.setAttribute("aria-hidden", "true");
    var spoken = document.createElement("p");
    spoken.className = "visually-hidden";
    spoken.setAttribute("role", "status");
    textarea.insertAdjacentElement("afterend", spoken);
    textarea.insertAdjacentElement("afterend", visible);
    var timer = null;
    function message() {
      var left = limit - textarea.value.length;
      return left >= 0 ? fill(form.getAttribute("data-count-left"), left)
                       : fill(form.getAttribute("data-count-over"), -left);
    }
    function update(announce) {
      visible.textContent = message();
      visible.classList.toggle("over", textarea.value.length > limit);
      if (announce) {
        window.clearTimeout(timer);
        timer = window.setTimeout(function () { spoken.textContent = message(); }, COUNT_DELAY_MS);
      }
    }
    textarea.addEventListener("input", function () { update(true); });
    update(false);
  }

  function setUpCounters() {
    var forms = document.querySelectorAll("form[data-autosave]");
    Array.prototype.forEach.call(forms, function (form) {
      Array.prototype.forEach.call(form.querySelectorAll("textarea[data-maxlength]"), function (textarea) {
        addCounter(textarea, form);
      });
    });
  }

  // A double click sends once: the button is disabled just after the first.
  function setUpSendOnce() {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-submit-once]"), function (form) {
      form.addEventListener("submit", function (event) {
        var button = event.submitter || form.querySelector("button[type=submit]");
        if (form.getAttribute("data-sent") === "true") { event.preventDefault(); return; }
        form.setAttribute("data-sent", "true");
        window.setTimeout(function () { if (button) { button.disabled = true; } }, 0);
      });
    });
  }

  // Coming back with the browser's back button shows a usable form again.
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) { return; }
    Array.prototype.forEach.call(document.querySelectorAll("form[data-submit-once]"), function (form) {
      form.removeAttribute("data-sent");
      Array.prototype.forEach.call(form.querySelectorAll("button"), function (b) { b.disabled = false; });
    });
  });

  document.addEventListener("htmx:afterSwap", showSaved);
  document.addEventListener("htmx:responseError", showFailed);
  document.addEventListener("htmx:sendError", showFailed);
  document.addEventListener("DOMContentLoaded", function () {
    setUpCounters();
    setUpSendOnce();
  });
})();
