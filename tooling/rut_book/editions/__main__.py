"""The classroom commands: ``rut-book <command>`` (installed with the tooling; ``python -m rut_book.editions``
does the same). ``rut-book --help`` lists them; each has its own ``--help``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rut_book.editions import build, term

DEFAULT_SECRET = build.ROOT / ".course-secret"  # outside git (.gitignore): it keys every student's numbers
DEFAULT_OUT = {"learner": "_build/learner", "student": "_build/student/notebooks",
               "assignments": "_build/assignments", "handouts": "_build/handouts"}


def _positive(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive number of seconds")
    return value


def parser() -> argparse.ArgumentParser:
    """Every command and its options, declared once (the guide's commands are read against it by the tests)."""
    top = argparse.ArgumentParser(prog="rut-book", description=__doc__)
    commands = top.add_subparsers(dest="command", required=True, metavar="command")
    for edition, text in (("learner", "the learner edition: notebooks with every number filled in"),
                          ("student", "the student edition: notebooks with every solution removed"),
                          ("assignments", "one Otter assignment per chapter"),
                          ("handouts", "every chapter printed to PDF from a built website")):
        command = commands.add_parser(edition, help=text, description=text)
        command.add_argument("--out", type=Path, help=f"output folder (default: {DEFAULT_OUT[edition]})")
        if edition == "handouts":
            command.add_argument("--site", type=Path, default=Path("_build/html"), help="the built website")
            command.add_argument("--student", action="store_true", help="handouts without solutions")
    commands.add_parser("student-site", help="the student website, built from the student edition "
                                             "(_build/student/_build/html)")
    grade = commands.add_parser("grade", help="grade a folder of handed-in notebooks",
                                description="Grade every file in SUBMISSIONS (one per student, named after them) "
                                            "with Otter; write RESULTS/grades.csv and RESULTS/<student>/feedback.txt.")
    grade.add_argument("autograder", type=Path, help="the assignment's autograder zip (dist/autograder/*.zip)")
    grade.add_argument("submissions", type=Path, help="the folder of handed-in notebooks")
    grade.add_argument("results", type=Path, help="where the grades and each student's feedback go")
    grade.add_argument("--workers", type=int, default=2, help="submissions graded at once (default: %(default)s)")
    grade.add_argument("--timeout", type=_positive, default=300.0,
                       help="seconds allowed per submission (default: %(default)g)")
    grade.add_argument("--cell-timeout", type=_positive, default=60.0,
                       help="seconds allowed per cell; a longer cell is stopped and the rest runs (default: %(default)g)")
    grades = commands.add_parser("grades", help="rebuild grades.csv and the feedback from the students' folders")
    grades.add_argument("results", type=Path, help="the folder grade wrote (one sub-folder per student)")
    grades.add_argument("--autograder", type=Path, help="the assignment's zip, for the question order")
    collect = commands.add_parser("collect", help="copy one assignment from every student's hub folder",
                                  description="Copy HOMES/<student>/<repository>/assignments/<CHAPTER>.ipynb into "
                                              "OUT/<student>.ipynb for every student, ready to grade.")
    collect.add_argument("chapter", help="the chapter whose assignment is due, e.g. 03_small_caps_volatility")
    collect.add_argument("homes", type=Path, help="the folder holding each student's home folder")
    collect.add_argument("out", type=Path, help="the class folder to grade")
    collect.add_argument("--repository", default=term.DEFAULT_REPOSITORY, help="the pulled folder (default: %(default)s)")
    _home_prefix(collect)
    give_back = commands.add_parser("return", help="copy each student's feedback into their hub folder",
                                    description="Copy RESULTS/<student>/feedback.txt to "
                                                "HOMES/<student>/feedback/<CHAPTER>.txt (never results.json).")
    give_back.add_argument("chapter", help="the chapter the feedback is for")
    give_back.add_argument("results", type=Path, help="the folder rut-book grade wrote")
    give_back.add_argument("homes", type=Path, help="the folder holding each student's home folder")
    _home_prefix(give_back)
    variants = commands.add_parser(
        "variants", help="each student's own numbers: one notebook per student per assignment, a class autograder",
        description="Read ROSTER (a CSV, one student id per row: their hub user names) and the course secret; "
                    "write OUT/students/<student>/<assignment>.ipynb, OUT/autograder/<assignment>-autograder.zip "
                    "(grade with it) and OUT/teacher/issued.csv (for the teacher only).")
    variants.add_argument("roster", type=Path, help="the class list: a CSV with one student id per row")
    variants.add_argument("out", type=Path, help="where the notebooks, autograders and the teacher's table go")
    variants.add_argument("--secret", type=Path, default=DEFAULT_SECRET,
                          help="the course secret, made on first use; keep it for the term (default: %(default)s)")
    variants.add_argument("--homes", type=Path, help="also put each student's notebooks in HOMES/<student>/"
                                                     f"{term.VARIANTS_FOLDER}/ (their hub folders)")
    _home_prefix(variants)
    commands.add_parser("links", help="the nbgitpuller links of every chapter and assignment on your hub "
                                      "(rut_editions.jupyterhub and student_repository in _config.yml)")
    commands.add_parser("rehearsal", help="a local student repository and the hub links that open it")
    commands.add_parser("sizing", help="each chapter's measured time and memory, for the teacher's guide")
    return top


def _home_prefix(command) -> None:
    command.add_argument("--home-prefix", default="", metavar="PREFIX",
                         help="what each home folder's name starts with before the user name: "
                              f"{term.TLJH_HOME_PREFIX} on The Littlest JupyterHub (/home/{term.TLJH_HOME_PREFIX}<user>); "
                              "default: none, the folder is the user name")


def _variants(args) -> int:
    from rut_book.editions import variants

    if args.home_prefix and not args.homes:  # nothing would read it: say so rather than build without it
        print("rut-book variants: --home-prefix names the hub's home folders; give them with --homes",
              file=sys.stderr)
        return 2
    try:
        made = not args.secret.exists()
        secret = variants.read_secret(args.secret, create=True)
        written = variants.build_class(args.roster, args.out, secret)
        if made:
            print(f"made the course secret {args.secret}: keep it (and the roster) for the term; the same two "
                  "give the same notebooks")
        students = len({path.parent for path in written["students"]})
        print(f"variants: {len(written['students'])} notebooks for {students} students in {args.out}/students; "
              f"grade with {args.out}/autograder/<assignment>-autograder.zip; the teacher's table is "
              f"{args.out}/teacher/{variants.ISSUED_TABLE} (never hand it out)")
        if args.homes:
            handed, missing = term.hand_out_variants(args.out / "students", args.homes,
                                                     home_prefix=args.home_prefix)
            print(f"handed out to {len(handed)} hub folders ({term.VARIANTS_FOLDER}/)")
            if missing:
                print(f"no hub folder yet for: {', '.join(missing)} (run again once they have logged in)")
            config = build.EditionsConfig.load()
            if config.jupyterhub:
                for chapter, link in term.variant_links(config.jupyterhub).items():
                    print(f"  {chapter}: {link}")
    except (OSError, ValueError) as problem:
        print(f"rut-book variants: {problem}", file=sys.stderr)
        return 2
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command == "grade":
        from rut_book.editions import grading

        try:
            graded = grading.grade_class(args.autograder, args.submissions, args.results, workers=args.workers,
                                         timeout=args.timeout, cell_timeout=args.cell_timeout)
        except (OSError, ValueError) as problem:
            print(f"rut-book grade: {problem}", file=sys.stderr)
            return 2
        print(graded.summary())
        return 0
    if args.command == "grades":
        from rut_book.editions import grading

        try:
            table, notes = grading.write_grades(args.results, autograder=args.autograder)
        except (OSError, ValueError) as problem:
            print(f"rut-book grades: {problem}", file=sys.stderr)
            return 2
        print(f"grades: {table}; feedback for {len(notes)} students (no hidden check is shown)")
        return 0
    if args.command in ("collect", "return"):
        from rut_book.editions import term

        try:
            if args.command == "collect":
                found = term.collect(args.chapter, args.homes, args.out, repository=args.repository,
                                     home_prefix=args.home_prefix)
                print(f"collected {len(found.copied)} notebooks into {args.out}")
                if found.missing:
                    print(f"no {args.chapter} assignment in the folders of: {', '.join(found.missing)}")
            else:
                written = term.return_feedback(args.chapter, args.results, args.homes, home_prefix=args.home_prefix)
                print(f"feedback returned to {len(written)} students: <their folder>/feedback/{args.chapter}.txt")
        except (OSError, ValueError) as problem:
            print(f"rut-book {args.command}: {problem}", file=sys.stderr)
            return 2
        return 0
    if args.command == "variants":
        return _variants(args)
    if args.command == "student-site":
        from rut_book.editions import student_site

        print("student website:", student_site.build())
        return 0
    if args.command == "links":
        from rut_book.editions import term

        config = build.EditionsConfig.load()
        if not config.jupyterhub:
            print("rut-book links: set rut_editions.jupyterhub in _config.yml to your hub's address", file=sys.stderr)
            return 2
        assignment = term.assignment_links(config.jupyterhub, config.student_repository, config.branch)
        for chapter in build.chapters():
            print(f"{chapter}\n  chapter:    {config.launch_links(chapter, 'student')['jupyterhub']}\n"
                  f"  assignment: {assignment[chapter]}")
        return 0
    if args.command == "rehearsal":
        from rut_book.editions import rehearsal

        repository = rehearsal.student_repository()
        print(f"Rehearsal: the student edition is a local git repository at {repository}.")
        print("After logging in to the hub, open a chapter with its nbgitpuller link, for example:")
        for chapter, link in rehearsal.links(repository).items():
            print(f"  {chapter}: {link}")
        print("Each chapter's assignment:")
        for chapter, link in rehearsal.assignment_links(repository).items():
            print(f"  {chapter}: {link}")
        return 0
    if args.command == "sizing":
        from rut_book.editions import sizing

        path = sizing.write()
        data = sizing.load(path)
        print(f"sizing: {len(data['chapters'])} chapters measured on {data['machine']}; written to {path}")
        print(f"one student needs about {sizing.per_student_mb(data):,.0f} MB")
        return 0
    out = args.out or build.ROOT / DEFAULT_OUT[args.command]
    if args.command in build.EDITIONS:
        written = build.build(args.command, out)
        if args.command == "student":  # the student repository carries the assignments beside the chapters
            from rut_book.editions import term
            written += term.add_assignments(out)
    elif args.command == "assignments":
        from rut_book.editions import assignments
        written = assignments.build(out)
    else:
        from rut_book.editions import handouts
        written = handouts.build(args.site, out, student=args.student)
    print(f"{args.command}: {len(written)} files in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
