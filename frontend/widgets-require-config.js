// Served beside the ipywidgets HTML manager and loaded between require.js and embed-amd.js.
//
// 1. The widget bundle locates its icon fonts from the URL RequireJS gives its modules, so
//    the bundle's module names are mapped to this folder (where the fonts are), not the page's.
// 2. The manager typesets widget labels through the MathJax 2 call MathJax.Hub.Queue; the site
//    serves MathJax 3, so a small adapter forwards that call to MathJax 3's typesetPromise.
(function () {
  var here = document.currentScript.src;
  var folder = here.slice(0, here.lastIndexOf("/"));
  require.config({
    paths: {
      "@jupyter-widgets/html-manager/dist": folder,
      "@jupyter-widgets": folder,
    },
  });

  function adaptMathJax() {
    var mj = window.MathJax;
    if (!mj || mj.Hub) return;
    mj.Hub = {
      Queue: function (command) {
        var element = command && command[2];
        if (element && typeof mj.typesetPromise === "function") {
          mj.typesetPromise([element]).catch(function () {});
        }
      },
    };
  }
  document.addEventListener("DOMContentLoaded", adaptMathJax);
})();
