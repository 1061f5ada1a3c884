// Accessibility repairs for markup the site does not write itself. Jupyter Book loads every
// script in _static/ on every page. Widgets render after page load, so repairs also run
// whenever the page changes.
(function () {
  function nameSliders(root) {
    // The static widget manager renders slider handles with no accessible name:
    // give each the text of its widget's description label.
    root.querySelectorAll(".widget-slider [role=slider]:not([aria-label])").forEach(function (handle) {
      var widget = handle.closest(".widget-slider");
      var label = widget && widget.querySelector(".widget-label");
      var text = label && label.textContent.trim();
      if (text) handle.setAttribute("aria-label", text);
    });
  }

  function nameQuizInputs(root) {
    // jupyterquiz's numeric answer box has a placeholder but no label.
    root.querySelectorAll("input.Input-text:not([aria-label])").forEach(function (input) {
      input.setAttribute("aria-label", "Your answer");
    });
  }

  function fixCitationList(root) {
    // docutils marks the bibliography as role=list but its entries as biblioentry.
    root.querySelectorAll(".citation-list[role=list] > .citation").forEach(function (entry) {
      entry.setAttribute("role", "listitem");
    });
  }

  function repair() {
    nameSliders(document);
    nameQuizInputs(document);
    fixCitationList(document);
  }

  document.addEventListener("DOMContentLoaded", function () {
    repair();
    new MutationObserver(repair).observe(document.body, { childList: true, subtree: true });
  });
})();
