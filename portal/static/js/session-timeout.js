// The session timeout warning (only loaded for logged-in people).
// Two minutes before the idle time runs out a dialog offers "Fortsätt"
// (Esc does the same). When the time is up the browser goes to
// /session-slut. Without this file the server simply ends the session.
(function () {
  "use strict";

  var body = document.body;
  var dialog = document.getElementById("timeout-dialog");
  var idleSeconds = parseFloat(body.getAttribute("data-idle-seconds"));
  if (!dialog || !idleSeconds || typeof dialog.showModal !== "function") { return; }

  // Two minutes, or half the idle time when it is short (tests use seconds).
  var leadSeconds = Math.min(120, idleSeconds / 2);
  // Tabs share the time of the last activity, so one busy tab keeps the others.
  var SHARED_KEY = "mittstod-last-activity";
  var ENDED_URL = "/session-slut";
  var warnTimer = null;
  var endTimer = null;
  var deadline = 0;

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

  function closeDialog() {
    if (dialog.open) { dialog.close(); }
  }

  function schedule(from) {
    window.clearTimeout(warnTimer);
    window.clearTimeout(endTimer);
    deadline = from + idleSeconds * 1000;
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
    return lastShared() + idleSeconds * 1000 > deadline + 500;
  }

  function warn() {
    if (otherTabWasActive()) { schedule(lastShared()); return; }
    if (!dialog.open) { dialog.showModal(); }
    var button = dialog.querySelector("[data-timeout-continue] button");
    if (button) { button.focus(); }
  }

  function end() {
    if (otherTabWasActive()) { closeDialog(); schedule(lastShared()); return; }
    window.location.assign(ENDED_URL);
  }

  function keepAlive() {
    window.fetch("/session/fortsatt", {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken(), "Accept": "application/json" }
    }).then(function (response) {
      if (response.ok) { restart(); } else { window.location.assign(ENDED_URL); }
    }).catch(function () {
      // No answer: leave the dialog open so the person can try again.
    });
  }

  dialog.querySelector("[data-timeout-continue]").addEventListener("submit", function (event) {
    event.preventDefault();
    keepAlive();
  });
  // Esc means "I am still here", not "close and forget".
  dialog.addEventListener("cancel", function (event) {
    event.preventDefault();
    keepAlive();
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
