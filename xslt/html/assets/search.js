// Pagefind's interface on the search page; a message when the index cannot load (file:// addresses).
window.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var target = document.getElementById("search");
  if (window.location.protocol === "file:" || typeof PagefindUI === "undefined") {
    target.textContent = "Search needs the site to be served over http(s); it does not run from a file:// address.";
    return;
  }
  // A result lands on the paragraph (or note) of its first match in one: the last that begins before that word
  // (a match in the title or the header, before the first paragraph, lands on none).
  function paragraph(result) {
    var anchors = (result.anchors || []).filter(function (anchor) {
      // a paragraph of the text (its xml:id) or a note in the list of notes
      return (anchor.element === "div" || anchor.element === "li") && anchor.id && anchor.id !== "text";
    });
    var found = null;
    (result.locations || []).some(function (location) {
      anchors.forEach(function (anchor) { if (anchor.location <= location) { found = anchor; } });
      return found !== null;
    });
    if (found) { result.url = result.url.split("#")[0] + "#" + found.id; }
    return result;
  }
  // Pagefind through assets/search/pagefind.js, which adds the edition's filters (search-facets.json); an address
  // from the page, since PagefindUI's import would resolve a relative one against its own script.
  new PagefindUI({
    element: "#search", showSubResults: false, showImages: false, showEmptyFilters: false, processResult: paragraph,
    bundlePath: new URL("assets/search/", document.baseURI).href
  });
  // a visible label for the input (PagefindUI gives it only a title and a placeholder)
  var field = target.querySelector("input");
  if (field) {
    field.id = "search-input";
    var label = document.createElement("label");
    label.className = "search-label";
    label.htmlFor = field.id;
    label.textContent = "Words to find in the texts and their notes";
    target.insertBefore(label, target.firstChild);
  }
  var params = new URLSearchParams(window.location.search);
  if (params.get("q")) {
    var input = target.querySelector("input");
    if (input) { input.value = params.get("q"); input.dispatchEvent(new Event("input")); }
  }
});
