// The reading switch (edited reading by default / the transcription exactly), remembered across pages. Apparatus and citation popups use the HTML
// popover attribute (they open, close and take Escape without script); the script only places each popup next to
// the button that opened it instead of the middle of the window.
(function () {
  "use strict";
  // A new key: the old one stored "corrected"/"diplomatic" for a switch whose default was the other way round.
  var KEY = "edition-reading-v2";
  function stored() {
    try { return window.localStorage.getItem(KEY); } catch (e) { return null; }
  }
  function store(value) {
    try { window.localStorage.setItem(KEY, value); } catch (e) { /* file:// in some browsers */ }
  }
  function apply(transcription) {
    document.body.classList.toggle("transcription-reading", transcription);
    document.querySelectorAll(".reading-toggle").forEach(function (button) {
      button.setAttribute("aria-pressed", transcription ? "true" : "false");
      button.textContent = transcription ? "Show the edited reading" : "Show the transcription exactly";
    });
    document.querySelectorAll(".reading-help").forEach(function (help) {
      help.textContent = transcription
        ? "The transcription exactly, with its errors and those of the original; the corrections on hover."
        : "Edited reading: errors of our transcription corrected (dotted underline), errors of the original as printed and marked [sic]; the other reading on hover.";
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var buttons = document.querySelectorAll(".reading-toggle");
    buttons.forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var transcription = !document.body.classList.contains("transcription-reading");
        apply(transcription);
        store(transcription ? "transcription" : "edited");
      });
    });
    if (buttons.length) { apply(stored() === "transcription"); }
    // A citation made without a base URL names the page relatively: give it the address the reader has it from.
    document.querySelectorAll(".cite-url[data-relative]").forEach(function (span) {
      var absolute = new URL(span.textContent, window.location.href).href;
      span.textContent = absolute;
      var link = span.closest("[popover]") && span.closest("[popover]").querySelector(".cite-download");
      if (link) {
        var comma = link.href.indexOf(",");
        try {
          var items = JSON.parse(decodeURIComponent(link.href.slice(comma + 1)));
          items.forEach(function (item) { item.URL = absolute; });
          link.href = link.href.slice(0, comma + 1) + encodeURIComponent(JSON.stringify(items));
        } catch (e) { /* keep the relative address */ }
      }
    });
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
