"""The site's icon faces and style sheet cut to the icons it names (rut_book.icon_font), on a tiny site."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rut_book import icon_font


@pytest.fixture
def tiny_site(tmp_path) -> Path:
    import pydata_sphinx_theme

    theme = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static"
    site = tmp_path / "site"
    shutil.copytree(theme / "vendor" / "fontawesome" / "6.5.2", site / icon_font.FONT_AWESOME)
    (site / "index.html").write_text('<i class="fa-solid fa-magnifying-glass"></i><a class="github">repo</a>')
    (site / "_static" / "theme.css").write_text(
        ':root{--pst-icon-github:"\uf09b"}.onthispage:after{content:"\\f107"}a.github:before{content:var(--pst-icon-github)}')
    (site / "_static" / "menu.js").write_text('button.classList.add("fa-bars")')
    return site


def test_the_code_points_named_anywhere_by_hand(tiny_site):
    # fa-magnifying-glass is f002 and fa-bars f0c9 in Font Awesome's sheet; f107 is written as an escape, f09b
    # (GitHub, a brands glyph) as a private-use character
    assert icon_font.icon_code_points(tiny_site) == {0xF002, 0xF0C9, 0xF107, 0xF09B}


def test_each_face_keeps_only_the_icons_it_holds_and_the_sheet_only_their_rules(tiny_site):
    from fontTools.ttLib import TTFont

    points = icon_font.icon_code_points(tiny_site)
    solid = TTFont(icon_font.cut_face(tiny_site, "fa-solid-900", points)).getBestCmap()
    brands = TTFont(icon_font.cut_face(tiny_site, "fa-brands-400", points)).getBestCmap()
    assert set(solid) == {0xF002, 0xF0C9, 0xF107} and set(brands) == {0xF09B}
    whole = (tiny_site / icon_font.FONT_AWESOME / "webfonts" / "fa-solid-900.ttf").stat().st_size
    assert (tiny_site / icon_font.USED_FACE).stat().st_size < whole / 20
    sheet = icon_font.cut_style_sheet(tiny_site, points).read_text()
    assert '.fa-magnifying-glass:before,.fa-search:before{content:"\\f002"}' in sheet
    assert ".fa-anchor:before" not in sheet and ".fa-solid" in sheet  # other icons go, the base classes stay
    assert "fa-regular-400" not in sheet and "fa-v4compatibility" not in sheet
    assert 'src:url(../webfonts/fa-solid-900-used.woff) format("woff")' in sheet
    assert 'src:url(../webfonts/fa-brands-400-used.woff) format("woff")' in sheet
    assert "fa-solid-900.woff2" not in sheet and "fa-brands-400.woff2" not in sheet


def test_a_site_without_font_awesome_is_refused(tmp_path):
    with pytest.raises(FileNotFoundError):
        icon_font.icon_code_points(tmp_path)
