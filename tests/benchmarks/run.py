"""`make bench`: how fast the course is, measured and printed (a benchmark, not a test).

Targets (from the foundation and chapter issues):
  import rut_edu          no matplotlib/ipywidgets imported; <= 50 ms more than importing pandas
  cold load of all data   < 1 s
  synthetic universe      < 50 ms
  widget update           median < 50 ms, 95th percentile < 100 ms (recompute + redraw)
  unchanged rebuild       < 10 s
  website widget states   < 30 s to render them all at build time; < 50 ms from a move to the new readout
                          in the browser; a widget page < 1 MB before any touch, < 1.5 MB after
  each chapter            < 10 s on a fresh kernel, no cell over 5 s (kernel start-up not counted)
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def line(label: str, value: str, target: str = "", ok: bool | None = None) -> None:
    verdict = "" if ok is None else ("  ok" if ok else "  MISSED")
    print(f"{label:<44} {value:>14}   {target}{verdict}")


def median_of_runs(code: str, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
        times.append(float(out.strip()))
    return statistics.median(times)


def import_times() -> None:
    # Both timings in one fresh process, so start-up noise does not land in the difference.
    code = ("import time; t0 = time.perf_counter(); import pandas; t1 = time.perf_counter(); "
            "import rut_edu, rut_edu.data, rut_edu.index, rut_edu.risk, rut_edu.universe; "
            "t2 = time.perf_counter(); print(t1 - t0, t2 - t1)")
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
            for _ in range(7)]
    pandas = statistics.median(float(r[0]) for r in runs) * 1000
    extra = statistics.median(float(r[1]) for r in runs) * 1000
    heavy = subprocess.run(
        [sys.executable, "-c", "import sys, rut_edu, rut_edu.data, rut_edu.index, rut_edu.risk, rut_edu.universe;"
         "print(','.join(m for m in ('matplotlib', 'ipywidgets') if m in sys.modules) or 'none')"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()
    line("import pandas (median of 7 fresh processes)", f"{pandas:.0f} ms")
    line("import rut_edu core, after pandas", f"{extra:.0f} ms", "target <= 50 ms", extra <= 50)
    line("heavy modules pulled in by the core", heavy, "target none", heavy == "none")


def data_and_universe() -> None:
    code = ("import time, rut_edu.data as d; t = time.perf_counter(); d.load_all(); print(time.perf_counter() - t)")
    cold = median_of_runs(code)
    line("cold load of every data set (verify + parse)", f"{cold * 1000:.0f} ms", "target < 1000 ms", cold < 1)
    from rut_edu import universe

    universe.synthetic_universe()
    times = []
    for seed in range(20):
        t = time.perf_counter()
        universe.synthetic_universe(seed=seed)
        times.append(time.perf_counter() - t)
    med = statistics.median(times) * 1000
    line("synthetic universe (median of 20)", f"{med:.1f} ms", "target < 50 ms", med < 50)


def time_moves(move, count: int) -> list[float]:
    """Seconds taken by each of ``count`` calls ``move(step)``; each call changes one widget control."""
    times = []
    for step in range(count):
        t = time.perf_counter()
        move(step)
        times.append(time.perf_counter() - t)
    return times


def cycle_controls(settings: list[tuple[object, list]]):
    """A ``move`` for :func:`time_moves` that changes the controls in turn, each through its list of values."""
    def move(step: int) -> None:
        control, values = settings[step % len(settings)]
        control.value = values[(step // len(settings)) % len(values)]
    return move


def report_latency(name: str, times: list[float]) -> None:
    times = sorted(times)
    med, p95 = statistics.median(times) * 1000, times[int(0.95 * len(times)) - 1] * 1000
    line(f"{name}, median", f"{med:.1f} ms", "target < 50 ms", med < 50)
    line(f"{name}, 95th pct", f"{p95:.1f} ms", "target < 100 ms", p95 < 100)


def widget_latency() -> None:
    import pandas as pd

    from rut_edu import data, index, rates, reconstitution, universe
    from rut_edu.backtest import prepare_backtest
    from rut_edu.comparison import prepare_pair
    from rut_edu.forecasting import prepare_forecasts
    from rut_edu.widgets import (
        backtest_explorer,
        cap_weighting_explorer,
        forecast_explorer,
        history_explorer,
        leverage_explorer,
        reconstitution_explorer,
        taylor_explorer,
        volatility_explorer,
    )

    five = pd.DataFrame(
        {"price": [50.0, 20.0, 100.0, 25.0, 5.0], "shares": [10e6, 50e6, 3e6, 8e6, 54e6],
         "float_factor": [0.8, 1.0, 0.5, 0.9, 1.0]},
        index=["A", "B", "C", "D", "E"],
    )
    price = cap_weighting_explorer(index.CapWeightedIndex.launch(five, base_level=1000.0)).children[1]
    # a slider move: recompute + redraw + new widget value
    report_latency("cap-weighting widget update",
                   time_moves(lambda step: setattr(price, "value", round(-0.5 + (step % 40) * 0.05, 2)), 60))

    pair = prepare_pair(data.load_russell2000_daily()["close"], data.load_sp500_daily()["close"])
    years, frequency = volatility_explorer(pair).children[:2]
    last = len(years.options) - 1

    def move_volatility(step: int) -> None:
        if step % 3 == 0:
            frequency.value = ("daily", "weekly", "monthly")[(step // 3) % 3]
        else:
            years.index = (step % 10, last)  # full history minus up to nine years
    report_latency("volatility widget update", time_moves(move_volatility, 60))

    slider = history_explorer(pair).children[0]
    end = len(slider.options) - 1
    report_latency("history window widget update",
                   time_moves(lambda step: setattr(slider, "index", (step * 5 % (end - 20), end - step % 12)), 60))

    caps = universe.synthetic_universe()["total_cap"]
    previous = reconstitution.place(caps).table["segment"]
    med = statistics.median(time_moves(lambda step: reconstitution.place(caps, previous=previous), 30)) * 1000
    line("one reconstitution of 4,000 companies, median", f"{med:.1f} ms", "target < 20 ms", med < 20)
    band, schedule, horizon, _ = reconstitution_explorer(2026).children
    report_latency("reconstitution widget update", time_moves(cycle_controls([
        (schedule, ["annual", "semi-annual"]), (band, [k * 0.0025 for k in range(20)]),
        (horizon, list(range(5, 15)))]), 45))

    symbol, units, leverage, sigmas, _, _ = leverage_explorer(2400.0, daily_volatility=0.0136).children
    report_latency("leverage widget update", time_moves(cycle_controls([
        (symbol, ["RTY", "M2K", "CFD"]), (units, list(range(1, 21))), (leverage, [float(k) for k in range(1, 31)]),
        (sigmas, [-5.0 + k * 0.5 for k in range(21)])]), 60))

    rstar, target, inflation_weight, gap_weight, _ = taylor_explorer(rates.quarterly_dataset()).children
    report_latency("Taylor-rule widget update (1961-2025)", time_moves(cycle_controls([
        (rstar, [-1.0 + k * 0.25 for k in range(21)]), (target, [k * 0.5 for k in range(9)]),
        (inflation_weight, [k * 0.25 for k in range(9)]), (gap_weight, [k * 0.25 for k in range(9)])]), 60))

    method, use_filter, stop, take, cost, _ = backtest_explorer(prepare_backtest(data.load_russell2000_daily())).children
    multiples = [0.5 + k * 0.5 for k in range(10)]
    report_latency("range backtest widget update (full daily history)", time_moves(cycle_controls([
        (method, [value for _, value in method.options]), (use_filter, [False, True]), (stop, multiples), (take, multiples),
        (cost, [float(k) for k in range(20)])]), 40))

    t = time.perf_counter()
    prepared = prepare_forecasts(data.load_russell2000_daily())
    seconds = time.perf_counter() - t
    line("forecast widget preparation (12 walk-forwards)", f"{seconds:.1f} s", "target < 30 s", seconds < 30)
    model, feature_set, scheme, _ = forecast_explorer(prepared).children
    report_latency("forecast widget update", time_moves(cycle_controls([
        (model, [value for _, value in model.options]), (feature_set, [value for _, value in feature_set.options]),
        (scheme, [value for _, value in scheme.options])]), 30))


def timed(command: list[str], env: dict | None = None) -> float:
    t = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True, env=env)
    return time.perf_counter() - t


def build_times() -> None:
    jb = str(BIN / "jupyter-book")
    with tempfile.TemporaryDirectory() as out:
        cold = timed([jb, "build", "--path-output", out, "."])
        line("cold build (no cache, runs every notebook)", f"{cold:.1f} s")
        if len(AFTER_NEW_DATA) == 2:  # the budget for new data: refresh, make outputs, the book build
            total = sum(AFTER_NEW_DATA.values()) + cold
            line("new data: refresh + make outputs + build", f"{total:.1f} s", "target < 300 s", total < 300)
        warm = timed([jb, "build", "--path-output", out, "."])
        line("unchanged rebuild", f"{warm:.1f} s", "target < 10 s", warm < 10)


def page_weight(page: Path, site: Path) -> int:
    """Bytes a first visit to ``page`` transfers with gzip (as web servers send text): the HTML and every local
    script, style sheet and image it names; fonts and files loaded later by scripts are not counted."""
    import gzip
    import re
    from urllib.parse import urlparse

    html = page.read_text(encoding="utf-8")
    total, seen = len(gzip.compress(html.encode())), set()
    for reference in re.findall(r'(?:src|href)="([^"#]+)"', html):
        target = urlparse(reference)
        if target.scheme or not target.path.endswith((".js", ".css", ".png", ".svg", ".jpg")):
            continue
        path = (page.parent / target.path).resolve()
        if path.is_file() and site in path.parents and path not in seen:
            seen.add(path)
            data = path.read_bytes()
            total += len(data) if path.suffix in (".png", ".jpg") else len(gzip.compress(data))
    return total


def page_weights() -> None:
    site = (ROOT / "_build" / "html").resolve()
    if not (site / "index.html").is_file():
        line("page weight", "no built site: run make book first", "", False)
        return
    pages = sorted(site.glob("book/*.html")) + sorted(site.glob("notebooks/*.html"))
    weights = {page: page_weight(page, site) for page in pages}
    widget_pages = {page: size for page, size in weights.items()
                    if "rut-widget-" in page.read_text(encoding="utf-8")}
    median = statistics.median(weights.values()) / 1e6
    heaviest = max(widget_pages.values(), default=0) / 1e6
    line("page weight, median page (first visit, gzip)", f"{median:.2f} MB", "target < 1 MB", median < 1)
    line("page weight, heaviest widget page", f"{heaviest:.2f} MB", "target < 3 MB", heaviest < 3)


def website_widget_states() -> None:
    """Each site widget's grid: states, packed bytes, seconds to render (what the book build spends)."""
    from rut_book.widget_grid import pack

    from rut_edu.widgets import SITE_WIDGETS

    total = 0.0
    for name, widget in SITE_WIDGETS.items():
        inputs = widget.inputs()
        started = time.perf_counter()
        rendered = widget.render(inputs)
        seconds = time.perf_counter() - started
        total += seconds
        line(f"website widget {name}", f"{len(rendered)} states, {len(pack(rendered)) / 1e3:.0f} kB, {seconds:.1f} s")
    line("website widget states, all rendered", f"{total:.1f} s", "target < 30 s", total < 30)


def website_widget_moves() -> None:
    """In Chromium, on the built site: the time from a control's move to its new readout, and page bytes
    (served compressed, as a static host serves them)."""
    import random

    from playwright.sync_api import sync_playwright
    from rut_book import browsers
    from rut_book.servers import served_site

    site = ROOT / "_build" / "html"
    pages = sorted(p for p in (site / "notebooks").glob("*.html") if "rut-widget-live" in p.read_text(encoding="utf-8"))
    if not pages:
        line("website widget moves", "no built site with answering widgets: run make book first", "", False)
        return
    rng = random.Random(7)
    moves, weights = [], []
    with served_site(site) as address, sync_playwright() as playwright:
        browser = browsers.launch(playwright)
        for path in pages:
            page = browser.new_page()
            page.goto(f"{address}/notebooks/{path.name}", wait_until="networkidle")
            weigh = ("() => performance.getEntriesByType('navigation').concat(performance.getEntriesByType("
                     "'resource')).reduce((t, e) => t + e.transferSize, 0)")
            before = page.evaluate(weigh)
            for slider in page.locator(".rut-widget-live input[type=range]").all():
                top = int(slider.get_attribute("max"))
                for _ in range(5):
                    slider.fill(str(rng.randint(0, top)))
                    # a move that changes the state marks the widget busy until its readout is shown
                    page.wait_for_function("s => !s.closest('.rut-widget-live').hasAttribute('aria-busy')",
                                           arg=slider.element_handle())
                    moves.append(float(slider.evaluate("e => e.closest('.rut-widget-live').dataset.lastUpdateMs "
                                                       "|| 'nan'")))
            weights.append((path.stem, before, page.evaluate(weigh)))
            page.close()
        browser.close()
    answered = sorted(m for m in moves if m == m)
    worst = answered[-1] if answered else float("nan")
    line("website widget, move to readout, median", f"{statistics.median(answered):.1f} ms", "target < 50 ms",
         statistics.median(answered) < 50)
    line("website widget, move to readout, slowest", f"{worst:.1f} ms", "first move waits for the states")
    for stem, before, after in weights:
        line(f"  {stem[:28]} bytes", f"{before / 1e6:.2f} / {after / 1e6:.2f} MB",
             "before < 1, after < 1.5", before < 1e6 and after < 1.5e6)


def chapter_transfer() -> None:
    """In Chromium, each chapter page's first visit: the bytes it actually fetched (the page, its scripts, styles,
    fonts and the images the browser loaded for what is shown; lazy images below stay unfetched), served
    compressed as a static host serves them. The median is the budget: 0.5 MB."""
    from playwright.sync_api import sync_playwright
    from rut_book import browsers
    from rut_book.servers import served_site

    site = ROOT / "_build" / "html"
    pages = sorted((site / "notebooks").glob("*.html"))
    if not pages:
        line("chapter transfer", "no built site: run make book first", "", False)
        return
    weigh = ("() => performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))"
             ".reduce((t, e) => t + e.transferSize, 0)")
    sizes = {}
    with served_site(site) as address, sync_playwright() as playwright:
        browser = browsers.launch(playwright)
        for path in pages:
            context = browser.new_context(viewport={"width": 1280, "height": 800})  # a first visit: no cache
            page = context.new_page()
            page.goto(f"{address}/notebooks/{path.name}", wait_until="networkidle")
            sizes[path.stem] = page.evaluate(weigh)
            context.close()
        browser.close()
    median = statistics.median(sizes.values()) / 1e6
    line("chapter page, first visit in Chromium, median", f"{median:.2f} MB", "target <= 0.5 MB", median <= 0.5)
    heaviest = max(sizes, key=sizes.get)
    line(f"  heaviest: {heaviest[:28]}", f"{sizes[heaviest] / 1e6:.2f} MB")


NBVAL = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "addopts=", "--nbval",
         "--nbval-current-env", "--nbval-sanitize-with", "tests/nbval_sanitize.cfg", "notebooks"]


def nbval_times() -> None:
    line("nbval, every notebook", f"{timed(NBVAL):.1f} s")
    # the forecasting chapter reads its fitted grid from the shipped cache; with start-up it should take seconds
    seconds = timed(NBVAL[:-1] + ["notebooks/08_forecasting.ipynb"])
    line("nbval, the forecasting chapter alone", f"{seconds:.1f} s", "target < 20 s", seconds < 20)


def chapter_times() -> None:
    """Each chapter run top to bottom on a fresh kernel, in memory (nothing is written): total and slowest cell."""
    import nbformat
    from nbclient import NotebookClient

    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        durations = []
        client = NotebookClient(notebook, timeout=120, kernel_name="python3",
                                resources={"metadata": {"path": str(path.parent)}})
        with client.setup_kernel():
            start = time.perf_counter()
            for index, cell in enumerate(notebook.cells):
                if cell.cell_type != "code":
                    continue
                began = time.perf_counter()
                client.execute_cell(cell, index)
                durations.append(time.perf_counter() - began)
            total = time.perf_counter() - start
        slowest = max(durations)
        line(f"chapter {path.stem[:30]}", f"{total:.1f} s", "target < 10 s", total < 10)
        line("  its slowest cell", f"{slowest:.1f} s", "target < 5 s", slowest < 5)


def nbval_other_cpu() -> None:
    sys.path.insert(0, str(ROOT / "tests"))
    from cpu_dispatch import other_cpu_environment

    env, changes = other_cpu_environment()
    line("nbval under another CPU dispatch", f"{timed(NBVAL, env):.1f} s", changes)


def make_targets() -> None:
    """The fast lane always; the whole suite only when asked (make bench FULL=1), since it takes many minutes."""
    check = timed(["make", "--no-print-directory", "check"])
    line("make check (lint, contracts, unit, doctest)", f"{check:.0f} s", "target < 120 s", check < 120)
    if os.environ.get("RUT_BENCH_FULL"):
        whole = timed(["make", "--no-print-directory", "test"])
        line("make test (the whole suite)", f"{whole / 60:.1f} min", "target < 8 min", whole < 480)
    else:
        line("make test (the whole suite)", "not run", "make bench FULL=1 times it")


def describe(problem: BaseException) -> str:
    """One line naming what failed: the command's last output line, or the exception."""
    if isinstance(problem, subprocess.CalledProcessError):
        output = ((problem.stdout or "") + (problem.stderr or "")).strip().splitlines()
        tail = output[-1] if output else ""
        return f"{Path(str(problem.cmd[-1])).name} exited {problem.returncode}: {tail[:120]}"
    return f"{type(problem).__name__}: {str(problem)[:140]}"


# Seconds of each step after new data arrive, summed with the cold build against the 5-minute budget.
AFTER_NEW_DATA: dict[str, float] = {}


def refresh_time() -> None:
    """A refresh from recorded publisher files (FRED in its layout, the French library's zips) onto a vintage cut
    half a year earlier: the first part of the 5-minute budget with make outputs and the book build."""
    from rut_book import vintages

    from rut_edu.data import refresh

    with tempfile.TemporaryDirectory() as scratch:
        target = vintages.cut_vintage(Path(scratch) / "files", vintages.half_a_year_earlier())
        downloads = vintages.publisher_downloads(Path(scratch) / "downloads", ROOT / "tests" / "fixtures" / "publisher")
        start = time.perf_counter()
        revisions = refresh.refresh(source_dir=downloads, target=target)
        seconds = time.perf_counter() - start
    AFTER_NEW_DATA["refresh"] = seconds
    line(f"refresh, {len(revisions)} files from recorded downloads", f"{seconds:.1f} s", "with outputs and build < 300 s",
         seconds < 300)


def outputs_time() -> None:
    """What ``make outputs`` does after a refresh, on copies (nothing in the checkout is written): the forecast
    grid refitted once, then every chapter executed with its widget state stored."""
    from rut_edu import data, forecasting

    with tempfile.TemporaryDirectory() as scratch:
        start = time.perf_counter()
        forecasting.save_grid_cache(data.load_russell2000_daily(), path=Path(scratch) / "grid.npz")
        refit = time.perf_counter() - start
        copies = Path(scratch) / "notebooks"
        shutil.copytree(ROOT / "notebooks", copies, ignore=shutil.ignore_patterns(".*"))
        chapters = sorted(copies.glob("*.ipynb"))
        executed = sum(timed([str(BIN / "jupyter"), "nbconvert", "--to", "notebook", "--execute", "--inplace",
                              "--ExecutePreprocessor.store_widget_state=True", str(chapter)]) for chapter in chapters)
    AFTER_NEW_DATA["outputs"] = refit + executed
    line("make outputs: forecast refit", f"{refit:.1f} s")
    line(f"make outputs: {len(chapters)} chapters re-stored", f"{executed:.1f} s")


STEPS = (
    ("import times", import_times),
    ("data load and synthetic universe", data_and_universe),
    ("data refresh from recorded files", refresh_time),
    ("make outputs on copies", outputs_time),
    ("widget latency", widget_latency),
    ("book build times", build_times),
    ("page weight", page_weights),
    ("chapter transfer in the browser", chapter_transfer),
    ("website widget states", website_widget_states),
    ("website widget moves", website_widget_moves),
    ("chapter execution", chapter_times),
    ("nbval", nbval_times),
    ("nbval under another CPU dispatch", nbval_other_cpu),
    ("make check and make test", make_targets),
)


def main() -> int:
    """Run every step; a failing step prints FAILED with its reason on its own line and the rest still run."""
    print(f"rut-edu benchmark ({sys.version.split()[0]}, {ROOT})\n")
    failed = []
    for label, step in STEPS:
        try:
            step()
        except Exception as problem:  # a benchmark reports every failure and carries on
            print(f"{label:<44} {'FAILED':>14}   {describe(problem)}")
            failed.append(label)
    if failed:
        print(f"\n{len(failed)} step(s) failed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
