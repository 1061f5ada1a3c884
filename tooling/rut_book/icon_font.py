"""Sphinx extension: the site's icon font carries only the icons the site draws.

The theme draws its icons (search, menu, theme switch, download, admonitions, ...) with Font Awesome's solid
face, 157 KB compressed for some 1,400 glyphs of which the site uses about thirty, and marks links to GitHub
with a glyph of the brands face. When the site is built, both faces are cut to the glyphs that some page,
style sheet or script of the site names: an icon class
(``fa-magnifying-glass``, looked up in Font Awesome's own style sheet), a code point written as a CSS escape
(``"\\f107"``) or a private-use character written out (the theme's admonition icons). The cut face is written as
WOFF (zlib: fontTools writes WOFF2 only with Brotli, which the course does not install). Font Awesome's style
sheet is cut the same way (23 KB compressed, nearly all of it rules for icons no page draws): the rules of
unused icons and the faces no page uses (brands, regular, version 4) go, and the solid faces point at the cut
face. The page template links the cut sheet and preloads the cut face.
"""

from __future__ import annotations

import re
from pathlib import Path

FONT_AWESOME = Path("_static", "vendor", "fontawesome", "6.5.2")
FACES = {"fa-solid-900": "Font Awesome solid (the theme's icons)", "fa-brands-400": "Font Awesome brands (links to GitHub)"}
"""The faces the site draws from, each cut to the icons it holds of those the site names."""
USED_FACE = FONT_AWESOME / "webfonts" / "fa-solid-900-used.woff"
"""Where, in the built site, the cut solid face goes (the cut style sheet and the template name it); the brands
face goes beside it as ``fa-brands-400-used.woff``."""
USED_SHEET = FONT_AWESOME / "css" / "all-used.min.css"
"""Where the cut style sheet goes (the template links it)."""

_NAMED = re.compile(r"fa-([a-z0-9-]+)")
_ESCAPED = re.compile(r"\\(f[0-9a-f]{3}|e[0-9a-f]{3})\b", flags=re.IGNORECASE)
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
_RULE = re.compile(r"([^{}]+)\{content:\"\\([0-9a-f]{4})\"\}")


def icon_code_points(site: Path) -> set[int]:
    """The Font Awesome code points the built ``site`` names anywhere outside Font Awesome's own files.

    Parameters
    ----------
    site : Path
        A built HTML site holding Font Awesome 6.5.2 under ``_static/vendor/fontawesome``.

    Returns
    -------
    set of int
        The code points.

    Raises
    ------
    FileNotFoundError
        If the site holds no Font Awesome style sheet.
    """
    sheet = site / FONT_AWESOME / "css" / "all.min.css"
    by_name: dict[str, int] = {}
    for selectors, code in _RULE.findall(sheet.read_text(encoding="utf-8")):
        for name in re.findall(r"\.fa-([a-z0-9-]+):+before", selectors):
            by_name[name] = int(code, 16)
    points: set[int] = set()
    vendor = site / FONT_AWESOME
    for path in site.rglob("*"):
        if path.suffix not in (".html", ".css", ".js") or vendor in path.parents or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="ignore")
        points.update(by_name[name] for name in _NAMED.findall(text) if name in by_name)
        points.update(int(code, 16) for code in _ESCAPED.findall(text) if path.suffix == ".css")
        points.update(ord(char) for char in _PRIVATE_USE.findall(text))
    return points


def cut_face(site: Path, face: str, points: set[int]) -> Path:
    """Write Font Awesome's ``face`` (a key of :data:`FACES`) cut to those of ``points`` it holds, as WOFF beside
    it (``<face>-used.woff``); return its path.

    Parameters
    ----------
    site : Path
        A built HTML site.
    face : str
        A key of :data:`FACES`.
    points : set of int
        The code points the site draws (:func:`icon_code_points`).

    Returns
    -------
    Path
        The written face.

    Raises
    ------
    FileNotFoundError
        If the site holds no such face.
    """
    from fontTools import subset

    options = subset.Options()
    options.flavor = "woff"
    options.layout_features = ["*"]
    font = subset.load_font(str(site / FONT_AWESOME / "webfonts" / f"{face}.ttf"), options)
    held = set(font.getBestCmap())
    cutter = subset.Subsetter(options)
    cutter.populate(unicodes=sorted(points & held) or [min(held)])  # a face with none of them keeps one glyph
    cutter.subset(font)
    target = site / FONT_AWESOME / "webfonts" / f"{face}-used.woff"
    subset.save_font(font, str(target), options)
    return target


def _top_level_rules(sheet: str) -> list[str]:
    """A minified style sheet's top-level rules (an @-rule with its nested block is one)."""
    rules, depth, start = [], 0, 0
    for i, char in enumerate(sheet):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                rules.append(sheet[start:i + 1])
                start = i + 1
    return rules


def cut_style_sheet(site: Path, points: set[int]) -> Path:
    """Write Font Awesome's style sheet without the rules of icons outside ``points`` and with only the faces of
    :data:`FACES`, pointing at the cut faces, at :data:`USED_SHEET`; return its path.

    Parameters
    ----------
    site : Path
        A built HTML site.
    points : set of int
        The code points the site draws (:func:`icon_code_points`).

    Returns
    -------
    Path
        The written style sheet.

    Raises
    ------
    FileNotFoundError
        If the site holds no Font Awesome style sheet.
    """
    sheet = (site / FONT_AWESOME / "css" / "all.min.css").read_text(encoding="utf-8")
    kept = []
    for rule in _top_level_rules(sheet):
        if rule.startswith("@font-face"):
            face = next((face for face in FACES if face in rule), None)
            if face is None or "FontAwesome;" in rule:  # regular and the version 4 shims: no page uses them
                continue
            rule = re.sub(r"src:[^;}]*", f'src:url(../webfonts/{face}-used.woff) format("woff")', rule)
        else:
            icon = _RULE.fullmatch(rule)
            if icon is not None and int(icon.group(2), 16) not in points:
                continue
        kept.append(rule)
    target = site / USED_SHEET
    target.write_text("".join(kept), encoding="utf-8")
    return target


def _cut_when_built(app, exception) -> None:
    if exception is None and app.builder.format == "html":
        site = Path(app.outdir)
        points = icon_code_points(site)
        for face in FACES:
            cut_face(site, face, points)
        cut_style_sheet(site, points)


def setup(app):
    app.connect("build-finished", _cut_when_built)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
