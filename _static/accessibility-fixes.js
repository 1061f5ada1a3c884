// Accessibility repairs for markup the site does not write itself. Jupyter Book loads every
// script in _static/ on every page. Quizzes render after page load, so repairs also run
// whenever the page changes.
(function () {
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

  function plainSolutionTitles(root) {
    // sphinx-exercise titles a solution "Solution to Exercise N" with N a link back to the exercise. The
    // title is also the dropdown's toggle, so a click on the number jumped to the exercise instead of
    // opening the solution. The exercise sits just above; the title keeps its words and loses the link.
    root.querySelectorAll(".solution > .admonition-title a.reference").forEach(function (link) {
      var words = document.createElement("span");
      words.textContent = link.textContent;
      link.replaceWith(words);
    });
  }

  function repair() {
    nameQuizInputs(document);
    fixCitationList(document);
    plainSolutionTitles(document);
  }

  document.addEventListener("DOMContentLoaded", function () {
    repair();
    new MutationObserver(repair).observe(document.body, { childList: true, subtree: true });
  });
})();
