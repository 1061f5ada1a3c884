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

  var SCROLLERS = ".cell_output .output, .rut-widget-html, .rut-widget-snapshot, mjx-container[display='true']";

  function reachScrollingBoxes(root) {
    // A box that scrolls sideways (a wide table on a phone, a long formula) must be reachable from the
    // keyboard to be scrolled without a mouse: it takes focus and names itself after what it holds.
    // Each region's name is unique on the page (a screen reader lists them by name): a second "output" is
    // "output 2".
    var taken = {};
    document.querySelectorAll("[role=region][aria-label]").forEach(function (region) {
      taken[region.getAttribute("aria-label")] = true;
    });
    root.querySelectorAll(SCROLLERS).forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      // MathJax makes its formulas focusable and names them itself; those are left as they are.
      if (scrolls && !box.hasAttribute("tabindex")) {
        var caption = box.querySelector("caption");
        var what = caption ? caption.textContent.trim() : box.matches("mjx-container") ? "formula" : "output";
        var name = what + " (scrolls sideways)";
        for (var n = 2; taken[name]; n++) name = what + " " + n + " (scrolls sideways)";
        taken[name] = true;
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", name);
        box.dataset.rutScroller = "added";
      } else if (!scrolls && box.dataset.rutScroller === "added") {
        ["tabindex", "role", "aria-label"].forEach(function (name) { box.removeAttribute(name); });
        delete box.dataset.rutScroller;
      }
    });
  }

  function emptyCornersAreCells(root) {
    // pandas heads its index column with an empty header cell; a header with no text names nothing, so the
    // corner becomes an ordinary (empty) cell.
    root.querySelectorAll("table thead th").forEach(function (th) {
      if (th.textContent.trim() || th.querySelector("img, svg")) return;
      var cell = document.createElement("td");
      Array.prototype.forEach.call(th.attributes, function (a) { cell.setAttribute(a.name, a.value); });
      th.replaceWith(cell);
    });
  }

  // A number, a percentage, an amount or a date: the cells a table keeps right-aligned, so digits line up.
  var NUMBER = /^[\u2212+\-]?[$\u20ac\u00a3]?[\d.,:\u2009 ]+(%|x|pp|bp|[kMB]B?| (days|years|months))?$|^\d{4}-\d{2}(-\d{2})?$/;

  function alignTextCells(root) {
    // pandas right-aligns every cell (other tables none). Words right-aligned in a narrow column (a phone)
    // start at a ragged edge and read badly: a cell of words is aligned to the left, a number to the right.
    root.querySelectorAll(".cell_output table td, .cell_output table tbody th").forEach(function (cell) {
      if (cell.classList.contains("rut-text-cell") || cell.classList.contains("rut-number-cell")) return;
      // a widget's readout is the Python function's own HTML, compared with it by the tests: left as drawn
      if (cell.closest(".rut-widget-live, .rut-widget-snapshot, .rut-widget-html")) return;
      var text = cell.textContent.trim();
      if (NUMBER.test(text)) cell.classList.add("rut-number-cell");
      else if (/[A-Za-z]{2}/.test(text)) cell.classList.add("rut-text-cell");
    });
  }

  function logoInALandmark(root) {
    // The theme puts the course logo (the link home) in the sidebar outside any landmark, where a screen
    // reader's landmark list never reaches it.
    root.querySelectorAll(".sidebar-primary-item").forEach(function (item) {
      if (item.querySelector(".navbar-brand") && !item.closest("nav, header, [role=navigation], [role=banner]")) {
        item.setAttribute("role", "navigation");
        item.setAttribute("aria-label", "Course home");
      }
    });
  }

  function repair() {
    nameQuizInputs(document);
    fixCitationList(document);
    emptyCornersAreCells(document);
    alignTextCells(document);
    logoInALandmark(document);
    reachScrollingBoxes(document);
  }

  function quizKeys() {
    // jupyterquiz answers a question when one of its radio buttons is chosen, and a radio group's arrow keys
    // choose the next option as they move: one arrow press answered, wrongly, an option the reader had not
    // picked. Arrows move the focus only; Space or Enter answers with the focused option.
    document.addEventListener("keydown", function (event) {
      var input = event.target;
      if (!input.matches || !input.matches(".Quiz .MCButton input[type=radio]")) return;
      var options = Array.prototype.slice.call(input.closest(".Answer").querySelectorAll("input[type=radio]"));
      var at = options.indexOf(input);
      var step = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 }[event.key];
      if (step) {
        event.preventDefault();
        options[(at + step + options.length) % options.length].focus();
      } else if (event.key === "Enter") {
        event.preventDefault();
        input.click();
      }
    }, true);
  }

  function closeDrawerOnJump() {
    // On a phone the page outline is a drawer over the page. A tap on one of its links scrolled the page
    // underneath and left the drawer covering it; the reader had come to read, so the drawer closes.
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest(".bd-sidebar-secondary a[href^='#']");
      var drawer = document.getElementById("pst-secondary-sidebar-checkbox");
      if (link && drawer && drawer.checked) {
        drawer.checked = false;
        drawer.dispatchEvent(new Event("change", { bubbles: true }));
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    closeDrawerOnJump();
    quizKeys();
    repair();
    // Widgets and quizzes change the page in bursts: repair once per frame, not once per change.
    var pending = false;
    new MutationObserver(function () {
      if (pending) return;
      pending = true;
      requestAnimationFrame(function () { pending = false; repair(); });
    }).observe(document.body, { childList: true, subtree: true });
    var resizing = null;
    window.addEventListener("resize", function () {
      clearTimeout(resizing);
      resizing = setTimeout(function () { reachScrollingBoxes(document); }, 150);
    });
  });
})();
