// The reading switch (diplomatic / corrected), remembered across pages; apparatus and citation popups use the
// HTML popover attribute (no script needed), this only adds Escape-to-close for browsers without light dismiss.
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
  });
})();
