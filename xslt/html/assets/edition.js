// The reading switch (diplomatic / corrected), remembered across pages. Apparatus and citation popups use the HTML
// popover attribute (they open, close and take Escape without script); the script only places each popup next to
// the button that opened it instead of the middle of the window.
(function () {
  "use strict";
  var KEY = "edition-reading";
  function stored() {
    try { return window.localStorage.getItem(KEY); } catch (e) { return null; }
  }
  function store(value) {
    try { window.localStorage.setItem(KEY, value); } catch (e) { /* file:// in some browsers */ }
  }
  function apply(corrected) {
    document.body.classList.toggle("corrected-reading", corrected);
    document.querySelectorAll(".reading-toggle").forEach(function (button) {
      button.setAttribute("aria-pressed", corrected ? "true" : "false");
      button.textContent = corrected ? "Show the diplomatic reading" : "Show the corrected reading";
    });
    document.querySelectorAll(".reading-help").forEach(function (help) {
      help.textContent = corrected
        ? "Corrected reading: errors of the source corrected; the printed form on hover."
        : "Diplomatic reading: the text as the source prints it; corrections on hover.";
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var buttons = document.querySelectorAll(".reading-toggle");
    buttons.forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var corrected = !document.body.classList.contains("corrected-reading");
        apply(corrected);
        store(corrected ? "corrected" : "diplomatic");
      });
    });
    if (buttons.length) { apply(stored() === "corrected"); }
    document.querySelectorAll("[popover]").forEach(function (popup) {
      popup.addEventListener("toggle", function (event) {
        if (event.newState !== "open") { return; }
        var invoker = document.querySelector('[popovertarget="' + popup.id + '"]');
        if (!invoker) { return; }
        var rect = invoker.getBoundingClientRect();
        var width = Math.min(popup.offsetWidth, window.innerWidth - 16);
        var left = Math.max(8, Math.min(rect.left, window.innerWidth - width - 8));
        var top = rect.bottom + 6;
        if (top + popup.offsetHeight > window.innerHeight - 8) { top = Math.max(8, rect.top - popup.offsetHeight - 6); }
        popup.style.margin = "0";
        popup.style.inset = "auto";
        popup.style.left = left + "px";
        popup.style.top = top + "px";
      });
    });
  });
})();
