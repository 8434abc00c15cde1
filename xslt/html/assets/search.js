// Pagefind's interface on the search page; a message when the index cannot load (file:// addresses).
window.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var target = document.getElementById("search");
  if (window.location.protocol === "file:" || typeof PagefindUI === "undefined") {
    target.textContent = "Search needs the site to be served over http(s); it does not run from a file:// address.";
    return;
  }
  // A result lands on the paragraph (or note) of its first match: the last one that begins before that word.
  function paragraph(result) {
    var first = (result.locations || [])[0];
    var anchors = (result.anchors || []).filter(function (anchor) {
      // a paragraph of the text (its xml:id) or a note in the list of notes
      return (anchor.element === "div" || anchor.element === "li") && anchor.id !== "text" && anchor.location <= first;
    });
    if (first === undefined || !anchors.length) { return result; }
    var id = anchors[anchors.length - 1].id;
    result.url = result.url.split("#")[0] + "#" + id;
    return result;
  }
  new PagefindUI({ element: "#search", showSubResults: false, showImages: false, processResult: paragraph });
  var params = new URLSearchParams(window.location.search);
  if (params.get("q")) {
    var input = target.querySelector("input");
    if (input) { input.value = params.get("q"); input.dispatchEvent(new Event("input")); }
  }
});
