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

  // A glossary term is found as its entry: its names, then its definition (Sphinx's own snippet is the headword
  // alone, "divisor;"), and once: a hit on an alias of an entry already listed leaves the list, the entry's own
  // name winning over its aliases.
  var listed = {};
  function glossaryEntry(doc, anchor) {
    var term = doc.getElementById(anchor.slice(1));
    if (!term || term.tagName !== "DT" || !term.closest("dl.glossary")) return null;
    var first = term;
    while (first.previousElementSibling && first.previousElementSibling.tagName === "DT") {
      first = first.previousElementSibling;
    }
    var names = [], node = first;
    for (; node && node.tagName === "DT"; node = node.nextElementSibling) {
      node.querySelectorAll(".headerlink").forEach(function (link) { link.remove(); });
      names.push(node.textContent.trim());
    }
    var definition = node && node.tagName === "DD" ? (node.querySelector("p") || node).textContent : "";
    forgetDuplicate(first.id, anchor.slice(1));
    return names.join(" ") + " " + definition.replace(/\s+/g, " ").trim();
  }
  function hitFor(id) {
    var links = document.querySelectorAll("#search-results li > a");
    for (var i = 0; i < links.length; i++) {
      if (links[i].getAttribute("href").split("#")[1] === id) return links[i].parentElement;
    }
    return null;
  }
  function forgetDuplicate(entryId, hitId) {
    var hit = hitFor(hitId), kept = listed[entryId];
    if (!kept) { listed[entryId] = hitId; return; }
    if (hitId === entryId) {  // the entry's own name replaces an alias listed before it
      var alias = hitFor(kept);
      if (alias) alias.remove();
      listed[entryId] = hitId;
    } else if (hit) {
      hit.remove();
    }
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
      var entry = anchor && anchor.indexOf("#term-") === 0 ? glossaryEntry(doc, anchor) : null;
      if (entry) return entry;
      return original(doc.documentElement.outerHTML, anchor);
    };
    // Search.htmlToText is Sphinx's own, not a documented interface: the site tests read this mark and fail when a
    // Sphinx upgrade renames or drops the function (the snippets would quietly fall back to the page's chrome).
    Search.htmlToText.rutSnippets = true;
  });
})();
