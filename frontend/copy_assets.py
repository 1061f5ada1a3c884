"""Copy the pinned front-end files the website serves into frontend/dist/vendor.

Sphinx copies frontend/dist into the site root (html_extra_path), so the built site
serves require.js, the ipywidgets HTML manager and MathJax itself, with no CDN.
"""

import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
MODULES = HERE / "node_modules"
VENDOR = HERE / "dist" / "vendor"

WIDGET_FILE_SUFFIXES = {".js", ".woff", ".woff2", ".ttf", ".eot", ".svg"}


def main() -> int:
    if not MODULES.is_dir():
        print("frontend/node_modules is missing: run `npm ci` in frontend/ first", file=sys.stderr)
        return 1
    if VENDOR.exists():
        shutil.rmtree(VENDOR)
    (VENDOR / "requirejs").mkdir(parents=True)
    shutil.copy2(MODULES / "requirejs" / "require.js", VENDOR / "requirejs" / "require.js")

    widgets_src = MODULES / "@jupyter-widgets" / "html-manager" / "dist"
    widgets_dst = VENDOR / "html-manager"
    widgets_dst.mkdir()
    for path in widgets_src.iterdir():
        # embed.js and libembed-amd.js are other packagings of the same bundle
        if path.suffix in WIDGET_FILE_SUFFIXES and path.name not in {"embed.js", "libembed-amd.js"}:
            shutil.copy2(path, widgets_dst / path.name)
    shutil.copy2(HERE / "widgets-require-config.js", widgets_dst / "require-config.js")

    shutil.copytree(MODULES / "mathjax" / "es5", VENDOR / "mathjax")
    print(f"front-end assets copied to {VENDOR.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
