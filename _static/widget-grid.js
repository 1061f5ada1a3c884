// Widgets that answer on the website (rut_book.widget_grid). Every state of a widget's site grid was
// rendered at build time by the package's own Python; this script only finds the state the controls
// describe and shows its readouts. The states load on the first touch of a widget, not with the page.
(function () {
  "use strict";
  var script = document.currentScript;
  var base = script ? script.src : document.baseURI;

  function loadTable(widget) {
    var url = new URL("widget-states/" + widget.dataset.states, base);
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error("could not load " + url + " (" + response.status + ")");
      return response.arrayBuffer();
    }).then(function (buffer) {
      var bytes = new Uint8Array(buffer);
      // A server may already have undone the gzip (Content-Encoding): only a gzip stream starts 1f 8b.
      if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return JSON.parse(new TextDecoder().decode(bytes));
      if (typeof DecompressionStream === "undefined") {
        throw new Error("this browser cannot unpack the answers (no DecompressionStream)");
      }
      var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
      return new Response(stream).json();
    });
  }

  function setup(widget) {
    var dims = widget.dataset.dims.split(",").map(Number);
    var positions = widget.dataset.positions.split(",").map(Number);
    var readouts = widget.querySelectorAll("[data-readout]");
    var loading = null;
    var shown = null;

    function table() {
      if (!loading) loading = loadTable(widget);
      return loading;
    }

    function stateIndex() {
      return dims.reduce(function (index, size, axis) { return index * size + positions[axis]; }, 0);
    }

    function show() {
      var wanted = stateIndex();
      var started = performance.now();
      widget.setAttribute("aria-busy", "true");
      table().then(function (t) {
        // a later move has asked for another state; its own answer clears the busy mark (see move)
        if (wanted !== stateIndex()) return;
        t.states[wanted].forEach(function (ids, i) {
          readouts[i].innerHTML = ids.map(function (id) { return t.chunks[id]; }).join("");
        });
        shown = wanted;
        announce();
        widget.dataset.shownState = String(wanted);
        widget.dataset.lastUpdateMs = (performance.now() - started).toFixed(1);
        widget.removeAttribute("aria-busy");
        widget.dispatchEvent(new CustomEvent("rut-widget-updated", { detail: { state: wanted } }));
      }).catch(function (error) {
        widget.removeAttribute("aria-busy");
        readouts[readouts.length - 1].innerHTML = "<p role='alert'>This widget could not load its answers (" +
          String(error.message).replace(/[<&]/g, "") + "). Run the chapter in a notebook instead.</p>";
      });
    }

    // A short status line for screen readers (the readouts are not live regions): the values chosen, then the
    // first line of the first readout (its first table row, or its first paragraph).
    var status = widget.querySelector(".rut-widget-status");
    function announce() {
      if (!status) return;
      var chosen = [];
      widget.querySelectorAll("[data-axis]").forEach(function (control) {
        var row = control.closest(".rut-widget-row");
        var label = row ? row.querySelector(".rut-widget-label") : null;
        var value = control.type === "range" ? JSON.parse(control.dataset.labels)[Number(control.value)]
          : control.type === "checkbox" ? (control.checked ? "yes" : "no")
          : control.tagName === "SELECT" ? control.options[control.selectedIndex].text
          : (control.querySelector("[aria-pressed='true']") || {}).textContent;
        if (label) chosen.push(label.textContent + ": " + value);
      });
      var first = readouts[0] && readouts[0].querySelector("tbody tr, p");
      var line = first ? first.textContent.replace(/\s+/g, " ").trim() : "";
      status.textContent = chosen.join("; ") + (line ? ". " + line : "");
    }

    function move(axis, position) {
      positions[axis] = position;
      if (stateIndex() !== shown) show();
      else widget.removeAttribute("aria-busy");  // back to the state on show: nothing is pending any more
    }

    widget.querySelectorAll("input[type=range][data-axis]").forEach(function (slider) {
      var labels = JSON.parse(slider.dataset.labels);
      var output = widget.querySelector("output[for='" + slider.id + "']");
      slider.addEventListener("input", function () {
        var position = Number(slider.value);
        slider.setAttribute("aria-valuetext", labels[position]);
        if (output) output.textContent = labels[position];
        move(Number(slider.dataset.axis), position);
      });
    });
    widget.querySelectorAll("select[data-axis]").forEach(function (select) {
      select.addEventListener("change", function () { move(Number(select.dataset.axis), Number(select.value)); });
    });
    widget.querySelectorAll("input[type=checkbox][data-axis]").forEach(function (box) {
      box.addEventListener("change", function () { move(Number(box.dataset.axis), box.checked ? 1 : 0); });
    });
    widget.querySelectorAll(".rut-widget-toggles[data-axis]").forEach(function (group) {
      group.querySelectorAll("button[data-position]").forEach(function (button) {
        button.addEventListener("click", function () {
          group.querySelectorAll("button[data-position]").forEach(function (other) {
            var on = other === button;
            other.setAttribute("aria-pressed", on ? "true" : "false");
            other.classList.toggle("rut-widget-toggle-on", on);
          });
          move(Number(group.dataset.axis), Number(button.dataset.position));
        });
      });
    });
    // start loading the answers as soon as a reader reaches for a control, before the first move lands
    ["pointerdown", "focusin"].forEach(function (kind) {
      widget.addEventListener(kind, function () { table().catch(function () {}); }, { once: true });
    });
    shown = stateIndex();
  }

  function start() { document.querySelectorAll(".rut-widget-live").forEach(setup); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
