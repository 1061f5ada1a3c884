// The widget bundle locates its icon fonts from the URL RequireJS gives its modules.
// Map the bundle's module prefix to the folder this file is served from (the fonts sit
// beside it), so the fonts load from this site and never from the page's own folder.
(function () {
  var here = document.currentScript.src;
  var folder = here.slice(0, here.lastIndexOf("/"));
  require.config({ paths: { "@jupyter-widgets": folder } });
})();
