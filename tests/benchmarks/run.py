"""`make bench`: how fast the course is, measured and printed (a benchmark, not a test).

Targets (from the foundation and chapter issues):
  import rut_edu          no matplotlib/ipywidgets imported; <= 50 ms more than importing pandas
  cold load of all data   < 1 s
  synthetic universe      < 50 ms
  widget update           median < 50 ms, 95th percentile < 100 ms (recompute + redraw)
  unchanged rebuild       < 10 s
"""

from __future__ import annotations

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


def widget_latency() -> None:
    import pandas as pd

    from rut_edu import index
    from rut_edu.widgets import cap_weighting_explorer

    five = pd.DataFrame(
        {"price": [50.0, 20.0, 100.0, 25.0, 5.0], "shares": [10e6, 50e6, 3e6, 8e6, 54e6],
         "float_factor": [0.8, 1.0, 0.5, 0.9, 1.0]},
        index=["A", "B", "C", "D", "E"],
    )
    box = cap_weighting_explorer(index.CapWeightedIndex.launch(five, base_level=1000.0))
    price = box.children[1]
    times = []
    for step in range(60):
        t = time.perf_counter()
        price.value = 10.0 + (step % 40) * 5  # a slider move: recompute + redraw + new widget value
        times.append(time.perf_counter() - t)
    times.sort()
    med, p95 = statistics.median(times) * 1000, times[int(0.95 * len(times)) - 1] * 1000
    line("cap-weighting widget update, median", f"{med:.1f} ms", "target < 50 ms", med < 50)
    line("cap-weighting widget update, 95th pct", f"{p95:.1f} ms", "target < 100 ms", p95 < 100)

    from rut_edu import data
    from rut_edu.widgets import prepare_pair, volatility_explorer

    box = volatility_explorer(prepare_pair(data.load_russell2000_daily()["close"], data.load_sp500_daily()["close"]))
    years, frequency = box.children[0], box.children[1]
    first, last = years.min, years.max
    times = []
    for step in range(60):
        t = time.perf_counter()
        if step % 3 == 0:
            frequency.value = ("daily", "weekly", "monthly")[(step // 3) % 3]
        else:
            years.value = (first + step % 10, last)  # full history minus up to nine years
        times.append(time.perf_counter() - t)
    times.sort()
    med, p95 = statistics.median(times) * 1000, times[int(0.95 * len(times)) - 1] * 1000
    line("volatility widget update, median", f"{med:.1f} ms", "target < 50 ms", med < 50)
    line("volatility widget update, 95th pct", f"{p95:.1f} ms", "target < 100 ms", p95 < 100)

    from rut_edu.widgets import history_explorer

    slider = history_explorer(prepare_pair(data.load_russell2000_daily()["close"],
                                           data.load_sp500_daily()["close"])).children[0]
    last = len(slider.options) - 1
    times = []
    for step in range(60):
        t = time.perf_counter()
        slider.index = (step * 5 % (last - 20), last - step % 12)
        times.append(time.perf_counter() - t)
    times.sort()
    med, p95 = statistics.median(times) * 1000, times[int(0.95 * len(times)) - 1] * 1000
    line("history window widget update, median", f"{med:.1f} ms", "target < 50 ms", med < 50)
    line("history window widget update, 95th pct", f"{p95:.1f} ms", "target < 100 ms", p95 < 100)

    from rut_edu import reconstitution, universe
    from rut_edu.widgets import reconstitution_explorer

    caps = universe.synthetic_universe()["total_cap"]
    previous = reconstitution.place(caps).table["segment"]
    times = []
    for _ in range(30):
        t = time.perf_counter()
        reconstitution.place(caps, previous)
        times.append(time.perf_counter() - t)
    med = statistics.median(times) * 1000
    line("one reconstitution of 4,000 companies, median", f"{med:.1f} ms", "target < 20 ms", med < 20)
    band, schedule, years, _ = reconstitution_explorer().children
    times = []
    for step in range(45):
        t = time.perf_counter()
        if step % 3 == 0:
            schedule.value = ("annual", "semi-annual")[(step // 3) % 2]
        elif step % 3 == 1:
            band.value = (step % 20) * 0.0025
        else:
            years.value = 5 + step % 10
        times.append(time.perf_counter() - t)
    times.sort()
    med, p95 = statistics.median(times) * 1000, times[int(0.95 * len(times)) - 1] * 1000
    line("reconstitution widget update, median", f"{med:.1f} ms", "target < 50 ms", med < 50)
    line("reconstitution widget update, 95th pct", f"{p95:.1f} ms", "target < 100 ms", p95 < 100)

    from rut_edu.widgets import leverage_explorer

    symbol, units, leverage, sigmas, _, _ = leverage_explorer(2400.0, 0.0136).children
    times = []
    for step in range(60):
        t = time.perf_counter()
        control = step % 4
        if control == 0:
            symbol.value = ("RTY", "M2K", "CFD")[(step // 4) % 3]
        elif control == 1:
            units.value = 1 + step % 20
        elif control == 2:
            leverage.value = float(1 + step % 30)
        else:
            sigmas.value = -5.0 + (step % 21) * 0.5
        times.append(time.perf_counter() - t)
    times.sort()
    med, p95 = statistics.median(times) * 1000, times[int(0.95 * len(times)) - 1] * 1000
    line("leverage widget update, median", f"{med:.1f} ms", "target < 50 ms", med < 50)
    line("leverage widget update, 95th pct", f"{p95:.1f} ms", "target < 100 ms", p95 < 100)

    from rut_edu import rates
    from rut_edu.widgets import taylor_explorer

    rstar, target, inflation_weight, gap_weight, _ = taylor_explorer(rates.quarterly_dataset()).children
    times = []
    for step in range(60):
        t = time.perf_counter()
        control = step % 4
        if control == 0:
            rstar.value = -1.0 + (step % 21) * 0.25
        elif control == 1:
            target.value = (step % 9) * 0.5
        elif control == 2:
            inflation_weight.value = (step % 9) * 0.25
        else:
            gap_weight.value = (step % 9) * 0.25
        times.append(time.perf_counter() - t)
    times.sort()
    med, p95 = statistics.median(times) * 1000, times[int(0.95 * len(times)) - 1] * 1000
    line("Taylor-rule widget update (1961-2025), median", f"{med:.1f} ms", "target < 50 ms", med < 50)
    line("Taylor-rule widget update, 95th pct", f"{p95:.1f} ms", "target < 100 ms", p95 < 100)

    from rut_edu.widgets import backtest_explorer, prepare_backtest

    method, use_filter, stop, target, cost, _ = backtest_explorer(prepare_backtest(data.load_russell2000_daily())).children
    times = []
    for step in range(40):
        t = time.perf_counter()
        control = step % 5
        if control == 0:
            method.value = ("classic", "Fibonacci", "Camarilla", "classic, range R3")[(step // 5) % 4]
        elif control == 1:
            use_filter.value = not use_filter.value
        elif control == 2:
            stop.value = 0.5 + (step % 10) * 0.5
        elif control == 3:
            target.value = 0.5 + (step % 10) * 0.5
        else:
            cost.value = float(step % 20)
        times.append(time.perf_counter() - t)
    times.sort()
    med, p95 = statistics.median(times) * 1000, times[int(0.95 * len(times)) - 1] * 1000
    line("range backtest widget update (full daily history), median", f"{med:.1f} ms", "target < 50 ms", med < 50)
    line("range backtest widget update, 95th pct", f"{p95:.1f} ms", "target < 100 ms", p95 < 100)

    from rut_edu.widgets import forecast_explorer, prepare_forecasts

    t = time.perf_counter()
    prepared = prepare_forecasts(data.load_russell2000_daily())
    seconds = time.perf_counter() - t
    line("forecast widget preparation (12 walk-forwards)", f"{seconds:.1f} s", "target < 30 s", seconds < 30)
    model, feature_set, scheme, _ = forecast_explorer(prepared).children
    times = []
    for step in range(30):
        t = time.perf_counter()
        control = step % 3
        if control == 0:
            model.value = list(model.options)[(step // 3) % len(model.options)]
        elif control == 1:
            feature_set.value = list(feature_set.options)[(step // 3) % len(feature_set.options)]
        else:
            scheme.value = list(scheme.options)[(step // 3) % len(scheme.options)]
        times.append(time.perf_counter() - t)
    times.sort()
    med, p95 = statistics.median(times) * 1000, times[int(0.95 * len(times)) - 1] * 1000
    line("forecast widget update, median", f"{med:.1f} ms", "target < 50 ms", med < 50)
    line("forecast widget update, 95th pct", f"{p95:.1f} ms", "target < 100 ms", p95 < 100)


def timed(command: list[str], env: dict | None = None) -> float:
    t = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True, env=env)
    return time.perf_counter() - t


def build_times() -> None:
    jb = str(BIN / "jupyter-book")
    with tempfile.TemporaryDirectory() as out:
        cold = timed([jb, "build", "--path-output", out, "."])
        line("cold build (no cache, runs every notebook)", f"{cold:.1f} s")
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
                    if "application/vnd.jupyter.widget-state+json" in page.read_text(encoding="utf-8")}
    median = statistics.median(weights.values()) / 1e6
    heaviest = max(widget_pages.values(), default=0) / 1e6
    line("page weight, median page (first visit, gzip)", f"{median:.2f} MB", "target < 1 MB", median < 1)
    line("page weight, heaviest widget page", f"{heaviest:.2f} MB", "target < 3 MB", heaviest < 3)


NBVAL = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "addopts=", "--nbval",
         "--nbval-current-env", "--nbval-sanitize-with", "tests/nbval_sanitize.cfg", "notebooks"]


def nbval_times() -> None:
    line("nbval, every notebook", f"{timed(NBVAL):.1f} s")
    # the forecasting chapter fits the most models; the issue sets it a budget of one minute
    seconds = timed(NBVAL[:-1] + ["notebooks/08_forecasting.ipynb"])
    line("nbval, the forecasting chapter alone", f"{seconds:.1f} s", "target < 60 s", seconds < 60)


def nbval_other_cpu() -> None:
    sys.path.insert(0, str(ROOT / "tests"))
    from cpu_dispatch import other_cpu_environment

    env, changes = other_cpu_environment()
    line("nbval under another CPU dispatch", f"{timed(NBVAL, env):.1f} s", changes)


def describe(problem: BaseException) -> str:
    """One line naming what failed: the command's last output line, or the exception."""
    if isinstance(problem, subprocess.CalledProcessError):
        output = ((problem.stdout or "") + (problem.stderr or "")).strip().splitlines()
        tail = output[-1] if output else ""
        return f"{Path(str(problem.cmd[-1])).name} exited {problem.returncode}: {tail[:120]}"
    return f"{type(problem).__name__}: {str(problem)[:140]}"


STEPS = (
    ("import times", import_times),
    ("data load and synthetic universe", data_and_universe),
    ("widget latency", widget_latency),
    ("book build times", build_times),
    ("page weight", page_weights),
    ("nbval", nbval_times),
    ("nbval under another CPU dispatch", nbval_other_cpu),
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
