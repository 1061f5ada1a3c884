"""Copy the pinned front-end files the website serves into frontend/dist/vendor.

Sphinx copies frontend/dist into the site root (html_extra_path), so the built site serves MathJax itself,
with no CDN. (Widgets need no JavaScript: they are drawn at build time, see rut_book.site_renderer.)
"""

import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
MODULES = HERE / "node_modules"
VENDOR = HERE / "dist" / "vendor"


def main() -> int:
    if not MODULES.is_dir():
        print("frontend/node_modules is missing: run `npm ci` in frontend/ first", file=sys.stderr)
        return 1
    if VENDOR.exists():
        shutil.rmtree(VENDOR)
    VENDOR.mkdir(parents=True)
    shutil.copytree(MODULES / "mathjax" / "es5", VENDOR / "mathjax")
    print(f"front-end assets copied to {VENDOR.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
