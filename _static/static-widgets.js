// On the website no Python kernel runs, so widget controls could move without their readouts changing.
// Make that honest: each widget is marked as a snapshot, its controls are disabled, and a note says where
// to run it live. (In JupyterLab this file is not loaded and the widgets work.)
(function () {
  var NOTE = "Snapshot of an interactive widget: its controls need a running notebook. Use the launch " +
    "button at the top of the page (JupyterLab, Binder or Colab) to try it; the figure below shows the same result.";

  function freeze(root) {
    root.querySelectorAll(".cell_output .widget-vbox:not(.rut-static), .cell_output .jupyter-widgets.widget-container:not(.rut-static)")
      .forEach(function (box) {
        if (box.parentElement && box.parentElement.closest(".rut-static")) return;
        box.classList.add("rut-static");
        var note = document.createElement("p");
        note.className = "rut-static-widget-note";
        note.setAttribute("role", "note");
        note.textContent = NOTE;
        box.parentElement.insertBefore(note, box);
      });
    root.querySelectorAll(".rut-static input, .rut-static select, .rut-static button, .rut-static textarea")
      .forEach(function (control) { control.disabled = true; });
    root.querySelectorAll(".rut-static .noUi-target:not([disabled])").forEach(function (slider) {
      slider.setAttribute("disabled", "true");
    });
    root.querySelectorAll(".rut-static [role=slider]:not([aria-disabled])").forEach(function (handle) {
      handle.setAttribute("aria-disabled", "true");
      handle.setAttribute("tabindex", "-1");
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    freeze(document);
    new MutationObserver(function () { freeze(document); })
      .observe(document.body, { childList: true, subtree: true });
  });
})();
