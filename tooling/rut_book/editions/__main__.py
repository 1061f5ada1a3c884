"""Command line: ``python -m rut_book.editions {learner,student,assignments,handouts} [--out DIR]``,
``python -m rut_book.editions grade AUTOGRADER SUBMISSIONS_DIR RESULTS_DIR`` (grade a folder of handed-in
notebooks with Otter, then write the grades and feedback),
``python -m rut_book.editions grades RESULTS_DIR`` (feedback for each student and a grade CSV), or
``python -m rut_book.editions rehearsal`` (a local student repository and the hub links that open it), or
``python -m rut_book.editions sizing`` (each chapter's measured time and memory, for the teacher's guide)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rut_book.editions import build

DEFAULT_OUT = {"learner": "_build/learner", "student": "_build/student/notebooks",
               "assignments": "_build/assignments", "handouts": "_build/handouts"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m rut_book.editions", description=__doc__)
    parser.add_argument("edition", choices=sorted(DEFAULT_OUT))
    parser.add_argument("--out", type=Path, help="output folder (default: %(default)s)")
    parser.add_argument("--site", type=Path, default=Path("_build/html"), help="built website, for handouts")
    parser.add_argument("--student", action="store_true", help="handouts without solutions")
    if argv is None:
        argv = sys.argv[1:]
    if argv[:1] == ["grade"]:
        from rut_book.editions import grading

        if len(argv) != 4:
            parser.error("usage: python -m rut_book.editions grade AUTOGRADER SUBMISSIONS_DIR RESULTS_DIR")
        table, notes = grading.grade_folder(*map(Path, argv[1:]))
        print(f"graded {len(notes)} submissions; grades: {table}; feedback beside each (no hidden check is shown)")
        return 0
    if argv[:1] == ["grades"]:
        from rut_book.editions import grading

        if len(argv) != 2:
            parser.error("usage: python -m rut_book.editions grades RESULTS_DIR")
        table, notes = grading.write_grades(Path(argv[1]))
        print(f"grades: {table}; feedback for {len(notes)} students (no hidden check is shown)")
        return 0
    if argv[:1] == ["rehearsal"]:
        from rut_book.editions import rehearsal

        repository = rehearsal.student_repository()
        print(f"Rehearsal: the student edition is a local git repository at {repository}.")
        print("After logging in to the hub, open a chapter with its nbgitpuller link, for example:")
        for chapter, link in rehearsal.links(repository).items():
            print(f"  {chapter}: {link}")
        return 0
    if argv[:1] == ["sizing"]:
        from rut_book.editions import sizing

        path = sizing.write()
        data = sizing.load(path)
        print(f"sizing: {len(data['chapters'])} chapters measured on {data['machine']}; written to {path}")
        print(f"one student needs about {sizing.per_student_mb(data):,.0f} MB")
        return 0
    args = parser.parse_args(argv)
    out = args.out or build.ROOT / DEFAULT_OUT[args.edition]
    if args.edition in build.EDITIONS:
        written = build.build(args.edition, out)
    elif args.edition == "assignments":
        from rut_book.editions import assignments
        written = assignments.build(out)
    else:
        from rut_book.editions import handouts
        written = handouts.build(args.site, out, student=args.student)
    print(f"{args.edition}: {len(written)} files in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
