"""The learner and student editions: MyST converted correctly, numbers filled in, solutions where they belong."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from urllib.parse import urlparse

import nbformat
import pytest
from jupyterlab_ui import RAW_MYST
from rut_book.editions import build as editions
from rut_book.editions import myst, student_site

ROOT = Path(__file__).resolve().parents[2]
CHAPTERS = editions.chapters(ROOT)
CONFIG = editions.EditionsConfig.load(ROOT)
LINKS = myst.Links(term=lambda t: f"G#{t}", citation=lambda k: f"[{k}](R#{k})",
                   document=lambda d: f"{d}.ipynb\t{d.upper()}", label=lambda lab: f"#{lab}\tL-{lab}")


def convert(text, glued=None):
    return myst.convert(text, glued or {}, LINKS, "test")


# ---- the converter, on hand-made cells ----

def test_roles_become_plain_markdown():
    text = ("A {term}`divisor`, {term}`the weights <weight>`, {cite}`a2020,b2021`, {cite:t}`a2020`, "
            "{doc}`02_x`, {doc}`text <02_x>`, {ref}`lab` and {glue:text}`share:.1%`.")
    assert convert(text, {"share": "0.5236"}).text == (
        "A [divisor](G#divisor), [the weights](G#weight), ([a2020](R#a2020); [b2021](R#b2021)), [a2020](R#a2020), "
        "[02_X](02_x.ipynb), [text](02_x.ipynb), [L-lab](#lab) and 52.4%.")


def test_glue_formats_like_myst_nb():
    assert myst.format_glued("1234567.891", ",.0f", "n") == "1,234,568"
    assert myst.format_glued("0.021", ".2%", "n") == "2.10%"
    assert myst.format_glued("'June 2026'", "", "n") == "June 2026"
    assert myst.format_glued("2026", "", "n") == "2026"
    with pytest.raises(myst.UnsupportedMyST, match="does not fit"):
        myst.format_glued("'June'", ".1%", "month")
    with pytest.raises(myst.UnsupportedMyST, match="is not a literal"):
        myst.format_glued("<Figure size 640x480>", ".1f", "fig")


def test_escaped_dollars_cannot_become_maths():
    out = convert(r"A \$10 billion company with a 20% float is still a \$10 billion company; $x_i$ stays maths.").text
    dollar = myst.CURRENCY_DOLLAR
    assert out == f"A {dollar}10 billion company with a 20% float is still a {dollar}10 billion company; $x_i$ stays maths."


def test_admonition_exercise_and_solution():
    text = ("(sec-label)=\n## Part\n\n:::{admonition} Watch out\n:class: warning\n\nBody with {term}`beta`.\n:::\n\n"
            "```{exercise}\n:label: ex-one\n\nDo the {term}`sum`.\n```\n\n```{solution} ex-one\n:class: dropdown\n\n"
            "It is 4.\n```\n")
    result = convert(text)
    assert "(sec-label)=" not in result.text
    assert "> **Watch out**\n>\n> Body with [beta](G#beta)." in result.text
    assert myst.EXERCISE_MARK.format(label="ex-one") in result.text and "Do the [sum](G#sum)." in result.text
    assert "It is 4." not in result.text
    assert result.solutions == [("ex-one", "It is 4.")]
    assert result.exercises == ["ex-one"]


def test_index_entries_are_for_the_website_only():
    assert convert("# R-star\n\n```{index} ! rstar, r-star\n```\n\nText.").text == "# R-star\n\n\nText."


def test_unknown_syntax_fails_loudly():
    with pytest.raises(myst.UnsupportedMyST, match=r"\{math\}"):
        convert("{math}`x`")
    with pytest.raises(myst.UnsupportedMyST, match=r"\{figure\}"):
        convert("```{figure} a.png\n```")
    with pytest.raises(myst.UnsupportedMyST, match="never closed"):
        convert(":::{admonition} Open\nno end")
    with pytest.raises(myst.UnsupportedMyST, match="never glued"):
        convert("{glue:text}`missing`")


def _notebook(*cells):
    made = [nbformat.v4.new_markdown_cell(c) if isinstance(c, str) else c for c in cells]
    return nbformat.v4.new_notebook(cells=made)


def test_gated_solutions_move_to_the_end_or_vanish(tmp_path):
    source = _notebook(
        "# Title\n\nIntro.",
        nbformat.v4.new_code_cell("x = 1"),
        "```{exercise}\n:label: e1\n\nQuestion one.\n```\n\n````{solution-start} e1\n:class: dropdown\n````\n\nLead-in.",
        nbformat.v4.new_code_cell("answer = 42"),
        "Closing words.\n\n````{solution-end}\n````\n\n```{exercise}\n:label: e2\n\nQuestion two.\n```",
        "```{solution} e2\n\nTwo.\n```\n\n## Quiz",
    )
    learner = editions.convert_notebook(source, "01_meet_the_russell_2000", CONFIG, "learner", ROOT)
    text = [c.source for c in learner.cells]
    assert text[0].startswith("# Title") and "learner edition" in text[0]
    assert "importlib.util.find_spec" in text[1]
    solutions_at = text.index(editions.SOLUTIONS_HEADING + "\n\nWorked solutions to the exercises above. The code "
                              "cells here are not needed by anything earlier in the notebook.")
    assert text.index("## Quiz") < solutions_at
    tail = text[solutions_at:]
    assert tail[1:] == ["### Solution to exercise 1", "Lead-in.", "answer = 42", "Closing words.",
                        "### Solution to exercise 2", "Two."]
    assert any(t.startswith("### Exercise 1") and "Question one." in t for t in text[:solutions_at])
    student = editions.convert_notebook(source, "01_meet_the_russell_2000", CONFIG, "student", ROOT)
    joined = "\n".join(c.source for c in student.cells)
    for hidden in ("Lead-in.", "answer = 42", "Closing words.", "Two.", "Solutions"):
        assert hidden not in joined
    assert "Question one." in joined and "Question two." in joined


def test_exercises_are_numbered_through_the_book_as_on_the_website():
    source = _notebook("# Title", "```{exercise}\n:label: e1\n\nQuestion one.\n```")
    first = sum(editions.exercise_offset(c, ROOT) == 0 for c in CHAPTERS)
    assert first == 1 and editions.exercise_offset(CHAPTERS[0], ROOT) == 0
    offset = editions.exercise_offset("03_small_caps_volatility", ROOT)
    learner = editions.convert_notebook(source, "03_small_caps_volatility", CONFIG, "learner", ROOT)
    assert any(c.source.startswith(f"### Exercise {offset + 1}") for c in learner.cells)
    with pytest.raises(ValueError, match="not a chapter"):
        editions.exercise_offset("99_nothing", ROOT)


def test_website_and_editions_share_exercise_numbers(built_site, learner_editions):
    for chapter in CHAPTERS:
        page = html.unescape(re.sub(r"<[^>]+>", " ", (built_site / "notebooks" / f"{chapter}.html").read_text()))
        on_site = sorted({int(n) for n in re.findall(r"Exercise\s+(\d+)", page)})
        in_notebook = [int(n) for n in re.findall(r"^### Exercise (\d+)", "\n".join(
            c.source for c in learner_editions[chapter].cells), re.M)]
        assert in_notebook and set(in_notebook) <= set(on_site), (chapter, on_site, in_notebook)


def test_unbalanced_gates_raise():
    opened = _notebook("# T", "````{solution-start} e1\n````\n\nnever closed")
    with pytest.raises(ValueError, match="never closed"):
        editions.convert_notebook(opened, "02_cap_weighting", CONFIG, "learner", ROOT)
    closed = _notebook("# T", "````{solution-end}\n````")
    with pytest.raises(ValueError, match="without a solution-start"):
        editions.convert_notebook(closed, "02_cap_weighting", CONFIG, "learner", ROOT)
    with pytest.raises(ValueError, match="edition must be"):
        editions.convert_notebook(_notebook("# T"), "02_cap_weighting", CONFIG, "teacher", ROOT)


# ---- every real chapter ----

@pytest.fixture(scope="module")
def learner_editions():
    return {ch: editions.convert_notebook(nbformat.read(ROOT / "notebooks" / f"{ch}.ipynb", as_version=4), ch,
                                          CONFIG, "learner", ROOT) for ch in CHAPTERS}


@pytest.fixture(scope="module")
def student_editions():
    return {ch: editions.convert_notebook(nbformat.read(ROOT / "notebooks" / f"{ch}.ipynb", as_version=4), ch,
                                          CONFIG, "student", ROOT) for ch in CHAPTERS}


def test_editions_leave_the_source_note_out(learner_editions, student_editions):
    for edition in (learner_editions, student_editions):
        for chapter, notebook in edition.items():
            assert not any("You are reading the source" in cell.source for cell in notebook.cells), chapter


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_learner_edition_has_no_myst_left(chapter, learner_editions):
    notebook = learner_editions[chapter]
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            assert not RAW_MYST.search(cell.source), (chapter, RAW_MYST.search(cell.source)[0], cell.source[:200])
            assert "\\$" not in cell.source and "\u27e6" not in cell.source
        assert not cell.get("outputs"), "learner editions are stored without outputs"
    assert notebook.metadata["rut_edu"] == {"edition": "learner", "chapter": chapter}


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_glued_number_is_filled_in(chapter, learner_editions):
    source = nbformat.read(ROOT / "notebooks" / f"{chapter}.ipynb", as_version=4)
    glued = editions.glued_values(source)
    text = "\n".join(c.source for c in learner_editions[chapter].cells if c.cell_type == "markdown")
    uses = re.findall(r"\{glue:text\}`([^`:]+):?([^`]*)`", "\n".join(c.source for c in source.cells))
    assert uses, "every chapter glues numbers into its prose"
    for name, spec in uses:
        assert myst.format_glued(glued[name], spec, name) in text


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_exercises_and_solutions_are_paired(chapter, learner_editions, student_editions):
    source_text = "\n".join(c.source for c in nbformat.read(ROOT / "notebooks" / f"{chapter}.ipynb", 4).cells)
    count = len(re.findall(r"\{exercise\}", source_text))
    learner_text = "\n".join(c.source for c in learner_editions[chapter].cells)
    student_text = "\n".join(c.source for c in student_editions[chapter].cells)
    assert len(re.findall(r"^### Exercise \d+", learner_text, re.M)) == count
    assert len(re.findall(r"^### Exercise \d+", student_text, re.M)) == count
    assert len(re.findall(r"^### Solution to exercise \d+", learner_text, re.M)) == count
    assert "### Solution to exercise" not in student_text and editions.POINTER not in student_text


def test_learner_links_resolve_on_the_built_site(built_site, learner_editions):
    """Every link into the website names a page that exists and an anchor on it; chapter links are siblings."""
    anchors: dict[str, set[str]] = {}
    checked = 0
    for chapter, notebook in learner_editions.items():
        for cell in notebook.cells:
            for url in re.findall(r"\]\(([^)\s]+)", cell.source):
                # until the course is published, no link may point at its future address
                assert CONFIG.published or not url.startswith(CONFIG.website), (chapter, url)
                if url.startswith(CONFIG.site):
                    checked += 1
                    page, _, anchor = url.removeprefix(CONFIG.site).partition("#")
                    path = built_site / page
                    assert path.is_file(), (chapter, url)
                    if anchor:
                        if page not in anchors:
                            anchors[page] = set(re.findall(r'id="([^"]+)"', path.read_text()))
                        assert anchor in anchors[page], (chapter, url)
                elif not urlparse(url).scheme:
                    assert (ROOT / "notebooks" / url).is_file() and url in {f"{c}.ipynb" for c in CHAPTERS}, url
    assert checked > 100, checked


def test_glossary_links_land_on_their_term(built_site, learner_editions):
    page = (built_site / "book" / "glossary.html").read_text()
    for notebook in learner_editions.values():
        for cell in notebook.cells:
            for _text, anchor in re.findall(r"\[([^\]]+)\]\([^)]*glossary\.html#(term-[^)]+)\)", cell.source):
                term = re.search(rf'<dt id="{re.escape(anchor)}">(.*?)<a', page, re.S)
                assert term, anchor
                shown = html.unescape(re.sub("<[^>]+>", "", term[1])).strip()
                # the anchor is the entry's own (no collision number), and the entry is the one the text names
                assert anchor == editions.glossary_anchor(shown), (anchor, shown)


# ---- the student website: no solution anywhere ----

def _solution_fragments(chapter: str) -> set[str]:
    """Distinctive lines of the teacher edition's solutions (text and code) that the lesson does not also hold."""
    source = nbformat.read(ROOT / "notebooks" / f"{chapter}.ipynb", as_version=4)
    learner = editions.convert_notebook(source, chapter, CONFIG, "learner", ROOT)
    student = student_site.strip_solutions(source, chapter)
    lesson = "\n".join(c.source for c in student.cells)
    cells = learner.cells
    start = next(i for i, c in enumerate(cells) if c.source.startswith(editions.SOLUTIONS_HEADING))
    fragments = set()
    for cell in cells[start + 1:]:
        for line in cell.source.splitlines():
            line = line.strip()
            if len(line) >= 30 and not line.startswith("### Solution") and line not in lesson:
                fragments.add(line)
    return fragments


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_student_edition_holds_no_solution(chapter, student_site_html, student_editions):
    fragments = _solution_fragments(chapter)
    assert len(fragments) >= 2, "the teacher edition has solutions to look for"
    page = student_site_html / "notebooks" / f"{chapter}.html"
    visible = html.unescape(re.sub(r"<[^>]+>", " ", page.read_text()))
    visible = re.sub(r"\s+", " ", visible)
    notebook_text = nbformat.writes(student_editions[chapter])
    source = (student_site_html.parents[1] / "source" / "notebooks" / f"{chapter}.ipynb").read_text()
    for fragment in fragments:
        plain = re.sub(r"\s+", " ", re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", fragment)).replace(myst.CURRENCY_DOLLAR, "$")
        probe = plain[:60]
        assert probe not in visible, (chapter, probe)
        assert fragment[:60] not in notebook_text and fragment[:60] not in source, (chapter, fragment[:60])
    assert visible.count("Exercise") >= 3
    # every launch route of the student website opens the student edition, never the learner's solutions
    links = re.findall(r'href="([^"]*(?:mybinder|colab|git-pull)[^"]*)"', page.read_text())
    assert all("rut-edu-student" in link for link in links), links
    assert len(links) >= 2 or not CONFIG.published  # unpublished: placeholders, checked in test_launch_config
    assert "rut-edu-learner" not in page.read_text() and "_build/learner" not in page.read_text()


def test_teacher_site_does_hold_the_solutions(built_site):
    """The probe above would pass on any page without solutions: check it finds them on the teacher site."""
    chapter = CHAPTERS[1]
    visible = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", (built_site / "notebooks" /
                                                                          f"{chapter}.html").read_text())))
    def plain(fragment: str) -> str:
        unlinked = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", fragment)
        return re.sub(r"\s+", " ", unlinked).replace(myst.CURRENCY_DOLLAR, "$")[:60]

    found = [f for f in _solution_fragments(chapter) if plain(f) in visible]
    assert len(found) >= 2


def test_feedback_and_grade_table_keep_hidden_checks_out(tmp_path):
    from rut_book.editions import grading

    def results(score, output, public="q results: All test cases passed!"):
        return {"tests": [{"name": "Public Tests", "visibility": "visible", "output": public},
                          {"name": "q", "score": score, "max_score": 3.0, "visibility": "hidden", "output": output},
                          {"name": "r", "score": 2.0, "max_score": 2.0, "visibility": "hidden", "output": "passed"}]}

    leaky = ("q results:\n q - 1 result:\n  Test case passed\n q - 2 result:\n  Test case failed\n"
             "  assert abs(x - 42.5) < 1e-9\n q - 3 result:\n  Test case failed\n")
    text = grading.feedback(results(1.0, leaky))
    assert text.splitlines()[:3] == ["q: 1 of 3 points (2 hidden checks of the value failed)", "r: 2 of 2 points",
                                     "Total: 3 of 5 points"]
    assert "42.5" not in text and "assert" not in text
    # a failed format check is public: it is not counted among the hidden checks that failed
    public_failed = "q results:\n q - 1 result:\n  Test case failed\n"
    with_format = "q results:\n q - 1 result:\n  Test case failed\n q - 2 result:\n  Test case failed\n"
    assert grading.feedback(results(0.0, with_format, public_failed)).splitlines()[0] == (
        "q: 0 of 3 points (1 hidden check of the value failed)")
    order = grading.Assignment("a", (grading.Question("r", 2.0, 1), grading.Question("q", 3.0, 2)))
    for student, score in (("bo", 3.0), ("al", 1.0)):
        (tmp_path / student).mkdir()
        (tmp_path / student / "results.json").write_text(json.dumps(results(score, "passed")))
    (tmp_path / "cy").mkdir()
    (tmp_path / "cy" / grading.STATUS_FILE).write_text(grading.Outcome("cy", "time limit", "past 300 s").to_json())
    (tmp_path / grading.ASSIGNMENT_FILE).write_text(order.to_json())
    table, notes = grading.write_grades(tmp_path)
    # columns in the assignment's order, a row for the student who could not be graded, with why
    assert table.read_text().splitlines() == ["student,status,r,q,total,possible,reason", "al,graded,2,1,3,5,",
                                              "bo,graded,2,3,5,5,", "cy,time limit,,,,5,past 300 s"]
    assert [n.parent.name for n in notes] == ["al", "bo", "cy"]
    told = (tmp_path / "cy" / "feedback.txt").read_text()
    assert told.startswith("Your submission could not be graded: past 300 s") and grading.STATUSES["time limit"] in told
    (tmp_path / "al" / "results.json").write_text("{}")  # one student's unreadable results cost only their row
    table, _notes = grading.write_grades(tmp_path)
    rows = table.read_text().splitlines()
    assert rows[1].startswith("al,grader failed,,,,5,Otter's results are unusable") and "has no 'tests' list" in rows[1]
    assert rows[2] == "bo,graded,2,3,5,5,"
    with pytest.raises(ValueError, match="no <student>/results.json"):
        grading.write_grades(tmp_path / "al")


def test_what_can_be_told_before_running_a_submission(tmp_path):
    from rut_book.editions import grading

    assignment = grading.Assignment("03_x", (grading.Question("q", 2.0, 1), grading.Question("r", 1.0, 1)))

    def notebook(*sources):
        import nbformat

        return nbformat.writes(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources]))

    kinds = {"empty": ("", "not a notebook", "empty"),
             "cut": (notebook("x = 1")[:-30], "not a notebook", "not valid JSON (line"),
             "list": ("[1, 2]", "not a notebook", "JSON but not a notebook"),
             "latin": ("caf\xe9".encode("latin-1"), "not a notebook", "not valid JSON"),
             "other": (notebook('grader = otter.Notebook("04_y.ipynb")'), "wrong assignment", "notebook of 04_y"),
             "fine": (notebook('grader = otter.Notebook("03_x.ipynb")', 'grader.check("q")', "grader.check('r')"),
                      "graded", "")}
    for name, (content, status, reason) in kinds.items():
        path = tmp_path / f"{name}.ipynb"
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
        found = grading.check_submission(path, assignment)
        assert found[0] == status and reason in found[1], (name, found)
    path.write_text(notebook('grader.check("q")'))
    assert grading.check_submission(path, assignment)[2] == (
        'the cell that checks r (grader.check("r")) is missing: its question was graded from what the notebook computed',)


def test_read_assignment_reads_questions_in_order_without_running_them(tmp_path):
    import zipfile

    from rut_book.editions import grading

    archive = tmp_path / "a-autograder.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("otter_config.json", json.dumps({"assignment_name": "03_x"}))
        for name, points, hidden in (("zeta", 2, 2), ("alpha", 1, 1)):
            cases = [{"code": ">>> assert x", "hidden": False}] + [{"code": ">>> assert y", "hidden": True}] * hidden
            out.writestr(f"tests/{name}.py", "OK_FORMAT = True\n\ntest = " + repr(
                {"name": name, "points": points, "suites": [{"cases": cases, "type": "doctest"}]}))
    assert grading.read_assignment(archive) == grading.Assignment(
        "03_x", (grading.Question("zeta", 2.0, 2), grading.Question("alpha", 1.0, 1)))
    (tmp_path / "bad.zip").write_bytes(b"not a zip")
    with pytest.raises(ValueError, match="is not an Otter autograder zip"):
        grading.read_assignment(tmp_path / "bad.zip")
    with zipfile.ZipFile(tmp_path / "bare.zip", "w") as out:
        out.writestr("otter_config.json", "{}")
    with pytest.raises(ValueError, match="holds no tests"):
        grading.read_assignment(tmp_path / "bare.zip")


def test_batch_grading_refuses_what_it_cannot_grade(tmp_path):
    from rut_book.editions import grading

    zip_file, notebook = tmp_path / "autograder.zip", tmp_path / "ada.ipynb"
    zip_file.write_bytes(b"")
    notebook.write_text("{}")
    one = grading.Submission(zip_file, notebook, tmp_path / "ada")
    with pytest.raises(ValueError, match="no submissions to grade"):
        grading.grade_submissions([])
    for workers in (0, 17, 2.0, True):
        with pytest.raises(ValueError, match="workers must be a whole number from 1 to 16"):
            grading.grade_submissions([one], workers=workers)
    for timeout in (0, -5, float("nan"), float("inf"), "60", True):
        with pytest.raises(ValueError, match="timeout must be a positive number of seconds"):
            grading.grade_submissions([one], timeout=timeout)
        with pytest.raises(ValueError, match="cell_timeout must be a positive number of seconds"):
            grading.grade_submissions([one], cell_timeout=timeout)
    with pytest.raises(ValueError, match="share a results folder"):
        grading.grade_submissions([one, grading.Submission(zip_file, notebook, tmp_path / "ada")])
    with pytest.raises(FileNotFoundError, match="missing.ipynb does not exist"):
        grading.grade_submissions([grading.Submission(zip_file, tmp_path / "missing.ipynb", tmp_path / "bo")])
    with pytest.raises(ValueError, match="is not an Otter autograder zip"):
        grading.grade_class(zip_file, tmp_path, tmp_path / "grades")
    # the command line says what is wrong, with no traceback
    from rut_book.editions.__main__ import main

    assert main(["grade", str(zip_file), str(tmp_path), str(tmp_path / "grades")]) == 2
    with pytest.raises(SystemExit):
        main(["grade", str(zip_file), str(tmp_path), str(tmp_path / "grades"), "--timeout", "0"])
    # (that Otter's own failure is reported, not swallowed, is tests/classroom/test_classroom.py: it starts Otter)


def _hrefs(markup: str) -> list[str]:
    """The addresses of a page's links (the a and link elements; not text inside its scripts), without anchor
    or query."""
    from html.parser import HTMLParser

    found: list[str] = []

    class Links(HTMLParser):
        def handle_starttag(self, tag, attrs):
            href = dict(attrs).get("href")
            if tag in ("a", "link") and href and not href.startswith("#"):
                found.append(re.split(r"[#?]", href, maxsplit=1)[0])

    Links().feed(markup)
    return [href for href in found if href]


def _student_pages(student_site_html: Path) -> set[str]:
    # the pages a reader meets (the theme's templates under _static/ are not pages)
    return {page.relative_to(student_site_html).as_posix() for page in student_site_html.rglob("*.html")
            if not page.relative_to(student_site_html).as_posix().startswith("_")}


def test_every_student_notebook_link_stays_on_the_student_side(student_site_html, student_editions):
    """A student notebook links its chapter page, glossary terms, sources and other pages to the student website
    (never the course website, whose dropdowns hold the solutions), and other chapters to their notebooks."""
    pages = _student_pages(student_site_html)
    followed = 0
    for chapter, notebook in student_editions.items():
        text = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
        for url in re.findall(r"\]\(([^)\s]+)", text):
            if url.startswith(CONFIG.student_site):
                assert url.removeprefix(CONFIG.student_site).split("#")[0] in pages, (chapter, url)
                followed += 1
            elif url.endswith(".ipynb"):
                assert url.removesuffix(".ipynb") in CHAPTERS, (chapter, url)
            else:
                assert url.startswith("https://") and not url.startswith((CONFIG.site, CONFIG.website)), (chapter, url)
                assert "rut-edu" not in url, (chapter, url)  # nor the learner repository or the teacher's site
    assert followed >= 10 * len(CHAPTERS)


def test_no_student_page_reaches_a_teacher_page_or_the_rubric(student_site_html):
    """Every link of every page of the student website stays inside it and reaches no teacher's page; no page,
    and nothing in the search index, holds the rubric or the grading steps."""
    pages = _student_pages(student_site_html)
    assert not [page for page in pages if "teachers-guide" in page]
    for page in pages:
        markup = (student_site_html / page).read_text(encoding="utf-8")
        # the guide's rubric table and grading steps (Sphinx's own "rubric" class names letter headings)
        assert "why not autograded" not in markup and "rut-book grade" not in markup, page
        for href in _hrefs(markup):
            if href.startswith("data:"):  # content written into the page (the front door's empty icon)
                continue
            if href.startswith(("http://", "https://", "mailto:")):
                assert not href.startswith((CONFIG.site, CONFIG.website)), (page, href)
                continue
            target = (student_site_html / page).parent / href
            assert target.resolve().is_relative_to(student_site_html.resolve()), (page, href)
            assert target.exists() and "teachers-guide" not in href, (page, href)
    index = (student_site_html / "searchindex.js").read_text(encoding="utf-8")
    assert "rubric" not in index and "teachers-guide" not in index
    # the student site describes the student edition: no solutions in dropdowns, no learner edition
    how_to_run = html.unescape(re.sub(r"<[^>]+>", " ", (student_site_html / "book" / "how-to-run.html").read_text()))
    assert "student edition" in how_to_run and "learner edition" not in how_to_run
    assert "collapsed dropdowns" not in how_to_run and "Solutions are at the end" not in how_to_run


def test_plural_glossary_links_cover_the_whole_word():
    """A plural written after the role ({term}`fund`s) underlined only the stem; the whole word is the link
    ({term}`funds <fund>`)."""
    sources = [cell.source for chapter in CHAPTERS
               for cell in nbformat.read(ROOT / "notebooks" / f"{chapter}.ipynb", as_version=4).cells
               if cell.cell_type == "markdown"]
    sources += [page.read_text(encoding="utf-8") for page in (ROOT / "book").glob("*.md")]
    cut = [found for text in sources for found in re.findall(r"\{term\}`[^`]+`[A-Za-z]+", text)]
    assert not cut, cut
