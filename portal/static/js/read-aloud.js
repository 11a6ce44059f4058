// "Lyssna": reads a part of the page aloud with the browser's own Swedish voice.
// Progressive enhancement: the button appears only if the browser has speech
// synthesis and a Swedish voice. Nothing is sent anywhere.
(function () {
  "use strict";

  function swedishVoice() {
    if (!("speechSynthesis" in window)) { return null; }
    var voices = window.speechSynthesis.getVoices();
    for (var i = 0; i < voices.length; i++) {
      if (voices[i].lang && voices[i].lang.toLowerCase().indexOf("sv") === 0) { return voices[i]; }
    }
    return null;
  }

  function addButton(holder, voice) {
    if (holder.querySelector("button")) { return; }
    var target = document.getElementById(holder.getAttribute("data-read-aloud-for"));
    if (!target) { return; }
    var label = holder.getAttribute("data-label") || "Lyssna";
    var stopLabel = holder.getAttribute("data-stop-label") || "Sluta läsa";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button button-secondary read-aloud-button";
    button.textContent = label;
    button.setAttribute("aria-pressed", "false");
    button.addEventListener("click", function () {
      var synth = window.speechSynthesis;
      if (synth.speaking) {
        synth.cancel();
        return;
      }
      var utterance = new SpeechSynthesisUtterance(target.innerText);
      utterance.voice = voice;
      utterance.lang = voice.lang;
      utterance.onend = utterance.onerror = function () {
        button.textContent = label;
        button.setAttribute("aria-pressed", "false");
      };
      button.textContent = stopLabel;
      button.setAttribute("aria-pressed", "true");
      synth.speak(utterance);
    });
    holder.appendChild(button);
  }

  function setUp() {
    var voice = swedishVoice();
    if (!voice) { return false; }
    var holders = document.querySelectorAll("[data-read-aloud-for]");
    for (var i = 0; i < holders.length; i++) { addButton(holders[i], voice); }
    return true;
  }

  function start() {
    if (!("speechSynthesis" in window)) { return; }
    // Voices often load after the page; try again when the list changes.
    if (!setUp()) { window.speechSynthesis.addEventListener("voiceschanged", setUp); }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
