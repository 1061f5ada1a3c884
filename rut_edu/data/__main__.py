"""``python -m rut_edu.data refresh [--from DIR] [--base-url URL]``: see :mod:`rut_edu.data.refresh`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rut_edu import data
from rut_edu.data import refresh


def main(argv: list[str] | None = None) -> int:
    """Run ``python -m rut_edu.data refresh`` with ``argv`` (the command line's by default).

    Parameters
    ----------
    argv : list of str, optional
        The arguments after the program's name.

    Returns
    -------
    int
        0 when the refresh swapped the new files in, 1 when it stopped and wrote nothing.

    Examples
    --------
    >>> main(["refresh", "--from", "/no/such/folder"])  # doctest: +SKIP
    1
    """
    parser = argparse.ArgumentParser(prog="python -m rut_edu.data", description=refresh.__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("refresh", help="refresh every series from its publisher, validate, swap in")
    run.add_argument("--from", dest="source_dir", type=Path, help="files downloaded by hand (<FRED id>.csv, ...)")
    run.add_argument("--base-url", default=refresh.FRED_BASE_URL, help="FRED's address (tests: a local server)")
    run.add_argument("--french-base-url", default=refresh.FRENCH_BASE_URL, help="the French library's address")
    run.add_argument("--nyfed-base-url", default=refresh.NYFED_BASE_URL, help="the New York Fed's r-star folder")
    arguments = parser.parse_args(argv)
    try:
        revisions = refresh.refresh(source_dir=arguments.source_dir, base_url=arguments.base_url,
                                    french_base_url=arguments.french_base_url,
                                    nyfed_base_url=arguments.nyfed_base_url)
    except (data.DataFileError, OSError) as problem:  # a bad file, a missing download, an unreachable publisher
        print(f"refresh stopped, nothing written: {problem}", file=sys.stderr)
        return 1
    print(refresh.report(revisions))
    print("\nNext: make outputs (refit the forecasts once, re-run every chapter with the new numbers)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
