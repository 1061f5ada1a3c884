"""Notebooks as a student hands them in: the student copy with its graded answer cells filled."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import nbformat
from rut_book.editions import variants


def answer_cell(question: dict) -> str:
    """The student's blank answer cell of a question: each solution line's target, then ``...`` (Otter's form)."""
    return "\n".join(f"{line.split(' = ', 1)[0]} = ..." for line in question["solution"].strip().splitlines())


def filled_copy(notebook: Path, questions: list[dict], out: Path, *, answers: dict[str, dict] | None = None,
                edit: Callable[[str], str] | None = None) -> Path:
    """``notebook`` with each question's answer cell filled with its solution, or with literal ``answers`` for the
    questions named there, and each parameter cell passed through ``edit``; nothing else changed.

    (Otter's own solved copy is not what students hand in: grading it hid two questions answering in one name.)
    """
    copy = nbformat.read(notebook, as_version=4)
    for question in questions:
        cells = [cell for cell in copy.cells if cell.cell_type == "code" and cell.source.strip() == answer_cell(question)]
        assert len(cells) == 1, (notebook, question["name"])
        given = (answers or {}).get(question["name"])
        cells[0].source = (question["solution"].strip() if given is None else
                           "\n".join(f"{key} = {variants.literal(value)}" for key, value in given.items()))
    for cell in copy.cells:
        if edit is not None and cell.cell_type == "code" and cell.source.startswith("# Your numbers"):
            cell.source = edit(cell.source)
    out.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(copy, out)
    return out
