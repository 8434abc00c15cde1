// Pagefind's interface on the search page; a message when the index cannot load (file:// addresses).
window.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var target = document.getElementById("search");
  if (window.location.protocol === "file:" || typeof PagefindUI === "undefined") {
    target.textContent = "Search needs the site to be served over http(s); it does not run from a file:// address.";
    return;
  }
  new PagefindUI({ element: "#search", showSubResults: true, showImages: false });
  var params = new URLSearchParams(window.location.search);
  if (params.get("q")) {
    var input = target.querySelector("input");
    if (input) { input.value = params.get("q"); input.dispatchEvent(new Event("input")); }
  }
});
