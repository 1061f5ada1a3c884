// Search result snippets. Sphinx's search shows the text around the first match in the page's [role=main]
// element; in this theme that element also holds the article header (download and launch buttons, the
// page outline) and the previous/next links, so snippets began with the outline. Before Sphinx reads a
// page for its snippet, drop those parts, leaving the article itself. (Runs on the search page only.)
(function () {
  var CHROME = ".bd-header-article, .bd-sidebar-secondary, .prev-next-area, .bd-footer-article, " +
    ".rut-widget-note, .bd-toc, #jb-print-docs-body, .onlyprint";

  document.addEventListener("DOMContentLoaded", function () {
    if (typeof Search === "undefined" || typeof Search.htmlToText !== "function") return;
    var original = Search.htmlToText;
    Search.htmlToText = function (htmlString, anchor) {
      var doc = new DOMParser().parseFromString(htmlString, "text/html");
      doc.querySelectorAll(CHROME).forEach(function (element) { element.remove(); });
      return original(doc.documentElement.outerHTML, anchor);
    };
  });
})();
