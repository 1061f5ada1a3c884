// Search result snippets. Sphinx's search shows the text around the first match in the page's [role=main]
// element; in this theme that element also holds the article header (download and launch buttons, the
// page outline) and the previous/next links, so snippets began with the outline. Before Sphinx reads a
// page for its snippet, drop those parts, leaving the article itself; leave out code (a reader searches
// the prose) and display maths (its TeX source reads as noise, "\[ F - S \]"); keep inline maths as its
// bare TeX; and end each glossary headword with a separator, since a term and its aliases sit in
// adjacent <dt> elements whose text would otherwise run together ("R-starr*rstar"). (Search page only.)
(function () {
  var CHROME = ".bd-header-article, .bd-sidebar-secondary, .prev-next-area, .bd-footer-article, " +
    ".rut-widget-note, .bd-toc, #jb-print-docs-body, .onlyprint";
  var CODE = ".cell_input, div.highlight, pre, div.math, .rut-widget-snapshot";

  function bareTex(text) {
    return text.replace(/^\s*\\\(\s*/, "").replace(/\s*\\\)\s*$/, "");
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (typeof Search === "undefined" || typeof Search.htmlToText !== "function") return;
    var original = Search.htmlToText;
    Search.htmlToText = function (htmlString, anchor) {
      var doc = new DOMParser().parseFromString(htmlString, "text/html");
      doc.querySelectorAll(CHROME + ", " + CODE).forEach(function (element) { element.remove(); });
      doc.querySelectorAll("span.math").forEach(function (element) {
        element.textContent = bareTex(element.textContent);
      });
      doc.querySelectorAll("dl.glossary > dt").forEach(function (term) { term.append("; "); });
      return original(doc.documentElement.outerHTML, anchor);
    };
    // Search.htmlToText is Sphinx's own, not a documented interface: the site tests read this mark and fail when a
    // Sphinx upgrade renames or drops the function (the snippets would quietly fall back to the page's chrome).
    Search.htmlToText.rutSnippets = true;
  });
})();
