// The session timeout warning (only loaded for logged-in people).
// Before the idle time runs out a dialog offers "Fortsätt" (Esc does the
// same). Before the absolute limit (which "Fortsätt" cannot move) the same
// dialog says so and only offers "Jag förstår". Both say how long is left.
// When the time is up the dialog's hidden form posts to /session-slut. Without this file
// the server simply ends the session.
(function () {
  "use strict";

  var body = document.body;
  var dialog = document.getElementById("timeout-dialog");
  var idleSeconds = parseFloat(body.getAttribute("data-idle-seconds"));
  if (!dialog || !idleSeconds || typeof dialog.showModal !== "function") { return; }

  // Two minutes, or half the idle time when it is short (tests use seconds).
  var leadSeconds = Math.min(120, idleSeconds / 2);
  var absoluteSeconds = parseFloat(dialog.getAttribute("data-absolute-seconds"));
  var absoluteDeadline = isNaN(absoluteSeconds) ? Infinity : Date.now() + absoluteSeconds * 1000;
  // Tabs share the time of the last activity, so one busy tab keeps the others.
  var SHARED_KEY = "mittstod-last-activity";
  var endForm = dialog.querySelector("[data-timeout-end]");
  var text = document.getElementById("timeout-dialog-text");
  var continueForm = dialog.querySelector("[data-timeout-continue]");
  var closeButton = dialog.querySelector("[data-timeout-close]");
  var warnTimer = null;
  var endTimer = null;
  var tickTimer = null;
  var deadline = 0;
  var absoluteWarned = false;

  function csrfToken() {
    try {
      return JSON.parse(body.getAttribute("hx-headers"))["X-CSRFToken"] || "";
    } catch (error) {
      return "";
    }
  }

  function lastShared() {
    try { return parseInt(window.localStorage.getItem(SHARED_KEY), 10) || 0; } catch (error) { return 0; }
  }

  function share(time) {
    try { window.localStorage.setItem(SHARED_KEY, String(time)); } catch (error) { /* private mode */ }
  }

  // The absolute limit comes first: activity cannot move it.
  function isAbsolute() {
    return deadline >= absoluteDeadline;
  }

  // "2 minuter", "1 minut", "45 sekunder": the words come translated from the template.
  function timeLeftWords() {
    var seconds = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
    if (seconds > 90) {
      return dialog.getAttribute("data-minutes").replace("{count}", String(Math.round(seconds / 60)));
    }
    if (seconds >= 60) { return dialog.getAttribute("data-one-minute"); }
    if (seconds === 1) { return dialog.getAttribute("data-one-second"); }
    return dialog.getAttribute("data-seconds").replace("{count}", String(seconds));
  }

  function showTimeLeft() {
    var template = dialog.getAttribute(isAbsolute() ? "data-absolute-text" : "data-idle-text");
    text.textContent = template.replace("{time}", timeLeftWords());
  }

  function closeDialog() {
    window.clearInterval(tickTimer);
    if (dialog.open) { dialog.close(); }
  }

  function schedule(from) {
    window.clearTimeout(warnTimer);
    window.clearTimeout(endTimer);
    deadline = Math.min(from + idleSeconds * 1000, absoluteDeadline);
    warnTimer = window.setTimeout(warn, Math.max(0, deadline - leadSeconds * 1000 - Date.now()));
    endTimer = window.setTimeout(end, Math.max(0, deadline - Date.now()));
  }

  function restart() {
    var now = Date.now();
    share(now);
    closeDialog();
    schedule(now);
  }

  function otherTabWasActive() {
    return !isAbsolute() && lastShared() + idleSeconds * 1000 > deadline + 500;
  }

  function warn() {
    if (otherTabWasActive()) { schedule(lastShared()); return; }
    var absolute = isAbsolute();
    if (absolute && absoluteWarned) { return; }  // said once; the person chose to go on
    continueForm.hidden = absolute;
    closeButton.hidden = !absolute;
    showTimeLeft();
    window.clearInterval(tickTimer);
    tickTimer = window.setInterval(showTimeLeft, 1000);
    if (!dialog.open) { dialog.showModal(); }
    var button = absolute ? closeButton : continueForm.querySelector("button");
    if (button) { button.focus(); }
  }

  function end() {
    if (otherTabWasActive()) { closeDialog(); schedule(lastShared()); return; }
    endForm.submit();
  }

  function keepAlive() {
    window.fetch("/session/fortsatt", {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken(), "Accept": "application/json" }
    }).then(function (response) {
      if (response.ok) { restart(); } else { endForm.submit(); }
    }).catch(function () {
      // No answer: leave the dialog open so the person can try again.
    });
  }

  function acknowledge() {
    absoluteWarned = true;
    closeDialog();
  }

  continueForm.addEventListener("submit", function (event) {
    event.preventDefault();
    keepAlive();
  });
  closeButton.addEventListener("click", acknowledge);
  // Esc means "I am still here", not "close and forget"; before the absolute
  // limit it means "I have read it".
  dialog.addEventListener("cancel", function (event) {
    event.preventDefault();
    if (isAbsolute()) { acknowledge(); } else { keepAlive(); }
  });
  // Any htmx request reached the server, so the idle time starts again.
  document.addEventListener("htmx:afterRequest", restart);
  window.addEventListener("storage", function (event) {
    if (event.key === SHARED_KEY && event.newValue) {
      closeDialog();
      schedule(parseInt(event.newValue, 10));
    }
  });

  restart();
})();
