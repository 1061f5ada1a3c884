"""A small mutation check: plausible one-line bugs in the core formulas must each fail a unit test.

Each mutant is applied to a copy of the package, and the unit tests (never nbval, never
the book build) run against that copy. A mutant that survives is a wrong number the
tests would not notice. Run by ``tests/project/test_mutants.py`` inside ``make test``, or alone:
``python tests/mutation_check.py``.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Fast, self-contained unit tests, most likely killers first (pytest -x stops at the first failure).
UNIT_TESTS = [f"tests/unit/test_{name}.py" for name in (
    "pinned_values", "risk", "index", "data", "glossary", "universe", "instruments", "rates", "widgets", "widget_snapshot",
    "periods", "backtest", "forecasting", "result_fields", "validation")]
# Left out: the built glossary page (slow), and the check that the shipped forecast cache matches the code,
# which any edit of the fitting code fails, so it would "kill" a mutant without testing its behaviour.
SLOW_UNIT_TESTS = "not built_glossary_page and not shipped_grid_cache"


@dataclasses.dataclass(frozen=True)
class Mutant:
    name: str
    path: str
    before: str
    after: str


MUTANTS = (
    Mutant("trading days per year 250", "rut_edu/periods.py", 'Frequency("daily", None, 252,',
           'Frequency("daily", None, 250,'),
    Mutant("population standard deviation", "rut_edu/risk.py",
           "return float(r.std(ddof=1) * np.sqrt(n))", "return float(r.std(ddof=0) * np.sqrt(n))"),
    Mutant("beta divides by the asset's variance", "rut_edu/risk.py",
           "a.cov(m, ddof=1) / m.var(ddof=1)", "a.cov(m, ddof=1) / a.var(ddof=1)"),
    Mutant("flat market days count as up", "rut_edu/risk.py", "up, down = m > 0, m < 0", "up, down = m >= 0, m < 0"),
    Mutant("recovery needs a strict new high", "rut_edu/risk.py",
           "back = after[after >= window.loc[peak]]", "back = after[after > window.loc[peak]]"),
    Mutant("days to recover counted from the peak", "rut_edu/risk.py",
           '"days_to_recover": (recovery_date - trough_date).days', '"days_to_recover": (recovery_date - peak_date).days'),
    Mutant("rolling volatility keeps part-filled windows", "rut_edu/risk.py",
           "r.rolling(window).std(ddof=1) * np.sqrt(n)).iloc[window - 1:]",
           "r.rolling(window, min_periods=2).std(ddof=1) * np.sqrt(n)).iloc[1:]"),
    Mutant("Dimson beta keeps only the first slope", "rut_edu/risk.py",
           "return float(coefficients[1:].sum())", "return float(coefficients[1])"),
    Mutant("weekly levels end on Monday", "rut_edu/periods.py", 'Frequency("weekly", "W-FRI"',
           'Frequency("weekly", "W-MON"'),
    Mutant("a partial last period is kept", "rut_edu/periods.py",
           "if local[-1].normalize() < last_edge:", "if False:"),
    Mutant("a partial first period feeds the pivots", "rut_edu/periods.py",
           "if need_start and local[0].normalize() > first_edge:", "if False:"),
    Mutant("a trade open at the end is left out", "rut_edu/backtest.py",
           "    if stake:\n        # still open on the last bar", "    if False:\n        # still open on the last bar"),
    Mutant("close-to-close leaves the last position open", "rut_edu/backtest.py",
           "want[-1] = False", "want[-1] = want[-1]"),
    Mutant("close-to-close pays no cost on entry", "rut_edu/backtest.py",
           "shares = cash * (1 - fee) / c[t]", "shares = cash / c[t]"),
    Mutant("historical mean refitted only with the models", "rut_edu/forecasting.py",
           "predictions[start:end] = _running_means(ys, start, end, gap, window, first_train)",
           "predictions[start:end] = train_y.mean()"),
    Mutant("dates written as text pass unchecked", "rut_edu/validation.py",
           "        if _dates_as_text(index):", "        if False:"),
    Mutant("returns of -100% or worse accepted", "rut_edu/validation.py", "    if worst <= -1:", "    if False:"),
    Mutant("price levels pass as returns", "rut_edu/validation.py", "    if typical > 1:", "    if typical > 1000:"),
    Mutant("a universe accepts float factors above one", "rut_edu/universe.py",
           "if (factors > 1).any():", "if (factors > 1.5).any():"),
    Mutant("a bool counts as a whole number", "rut_edu/validation.py",
           "if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):",
           "if not isinstance(value, numbers.Integral):"),
    Mutant("an open lower bound admits its edge", "rut_edu/validation.py",
           "(value < low or (low_open and value == low))", "(value < low)"),
    Mutant("an account below zero keeps trading", "rut_edu/backtest.py", "        if curve[i] <= 0:", "        if False:"),
    Mutant("balanced-approach weights swapped", "rut_edu/rates/taylor.py",
           'TaylorRule("balanced approach", 0.5, 1.0, 2.0, 2.0)', 'TaylorRule("balanced approach", 1.0, 0.5, 2.0, 2.0)'),
    Mutant("Camarilla pivot at the close", "rut_edu/technicals.py",
           'levels = {"P": (h + l + c) / 3}', 'levels = {"P": c}'),
    Mutant("forecast volatility over 21 days", "rut_edu/forecasting.py",
           'columns["volatility_20"] = daily.rolling(20).std()', 'columns["volatility_20"] = daily.rolling(21).std()'),
    Mutant("backtest Sharpe ratio on 365 days", "rut_edu/backtest.py",
           "np.sqrt(TRADING_DAYS)) if spread > 0", "np.sqrt(365)) if spread > 0"),
    Mutant("CHOP at the range threshold does not vote", "rut_edu/technicals.py",
           "range_vote = ((chop >= chop_range)", "range_vote = ((chop > chop_range)"),
    Mutant("a fall exactly at the close-out move is survived", "rut_edu/instruments/leverage.py",
           "values <= -fall", "values < -fall"),
    Mutant("a zero forecast calls up", "rut_edu/forecasting.py",
           'return validation.finite_values(predicted, "predicted") > 0',
           'return validation.finite_values(predicted, "predicted") >= 0'),
    Mutant("t-statistic divides by n", "rut_edu/risk.py",
           "r.mean() / (r.std(ddof=1) / np.sqrt(len(r)))", "r.mean() / (r.std(ddof=1) / len(r))"),
    Mutant("Fama-French factors left in percent", "rut_edu/data/__init__.py",
           'return _frame(f"ff3_factors_{frequency}.csv", date_format) / 100.0',
           'return _frame(f"ff3_factors_{frequency}.csv", date_format)'),
    Mutant("glossary search keeps case", "rut_edu/glossary/__init__.py",
           "needle = _text(text).strip().casefold()", "needle = _text(text).strip()"),
    Mutant("float factor ignored in caps", "rut_edu/index.py",
           'return _wrap(p * q * f, index, "float_cap")', 'return _wrap(p * q, index, "float_cap")'),
    Mutant("divisor adjusted the wrong way", "rut_edu/index.py",
           "return old_divisor * new_market_value / old_market_value",
           "return old_divisor * old_market_value / new_market_value"),
    Mutant("smaller half takes the middle company", "rut_edu/index.py",
           "return float(arr[: arr.size // 2].sum())", "return float(arr[: (arr.size + 1) // 2].sum())"),
    Mutant("dividend taken from the wrong period", "rut_edu/index.py",
           "out = (p[1:] + d[1:]) / p[:-1] - 1.0", "out = (p[1:] + d[:-1]) / p[:-1] - 1.0"),
    Mutant("glued numbers keep three digits", "rut_edu/reporting.py",
           "SIGNIFICANT_DIGITS = 8", "SIGNIFICANT_DIGITS = 3"),
    Mutant("E-mini at the old $100 multiplier", "rut_edu/instruments/contracts.py",
           'underlying="Russell 2000",\n               venue="CME", multiplier=50.0,',
           'underlying="Russell 2000",\n               venue="CME", multiplier=100.0,'),
    Mutant("dividends added to the carry", "rut_edu/instruments/futures.py",
           "math.exp((rate - q) * days / DAYS_PER_YEAR)", "math.exp((rate + q) * days / DAYS_PER_YEAR)"),
    Mutant("Black-Scholes drift without the half", "rut_edu/instruments/options.py",
           "(r - q + 0.5 * sigma**2) * t", "(r - q + sigma**2) * t"),
    Mutant("hedge rounds down", "rut_edu/instruments/futures.py",
           "int(math.floor(exact + 0.5))", "int(math.floor(exact))"),
    Mutant("close-out uses the kept share", "rut_edu/instruments/leverage.py",
           "(1.0 - close_out) / leverage, 1.0 / leverage)", "close_out / leverage, 1.0 / leverage)"),
    Mutant("Taylor rule weighs the gap with a", "rut_edu/rates/taylor.py",
           'a * (pi - target) + b * values["output_gap"]', 'a * (pi - target) + a * values["output_gap"]'),
    Mutant("inflation over one period too few", "rut_edu/rates/inflation.py",
           "prices / prices.shift(periods) - 1.0", "prices / prices.shift(periods - 1) - 1.0"),
    Mutant("quarters with missing months averaged", "rut_edu/rates/inflation.py",
           "complete = grouped.count() == 3", "complete = grouped.count() >= 1"),
    Mutant("HAC lags ignored", "rut_edu/rates/markets.py", 'cov_kwds={"maxlags": lags}', 'cov_kwds={"maxlags": 0}'),
    Mutant("website range measured from zero, not from its minimum", "tooling/rut_book/widget_snapshot.py",
           'low - state["min"], high - state["min"]', 'low, high'),
    Mutant("history slider ends on a calendar month-end", "rut_edu/comparison.py",
           "last_of_month = pd.Series(daily, index=daily).groupby(daily.to_period(\"M\")).last()",
           "last_of_month = pd.Series(daily, index=daily).resample(\"ME\").last().index"),
)


def run(mutant: Mutant, timeout: float = 600) -> subprocess.CompletedProcess:
    """Run the unit tests against a copy of the project with ``mutant`` applied."""
    with tempfile.TemporaryDirectory(prefix="rut-edu-mutant-") as folder:
        work = Path(folder)
        for entry in ROOT.iterdir():
            if entry.name in ("rut_edu", "tooling", "tests"):
                shutil.copytree(entry, work / entry.name, ignore=shutil.ignore_patterns("__pycache__"))
            elif not entry.name.startswith(".") and entry.name != "_build":
                (work / entry.name).symlink_to(entry)
        target = work / mutant.path
        source = target.read_text()
        if source.count(mutant.before) != 1:
            raise RuntimeError(f"mutant {mutant.name!r}: the original line is not in {mutant.path} exactly once")
        target.write_text(source.replace(mutant.before, mutant.after))
        # The mutated module's own test file runs alone first: it kills most mutants within seconds, without
        # collecting the other files. A mutant it misses (and the unmutated copy) then meets every unit test.
        path = Path(mutant.path)
        own = f"tests/unit/test_{path.parent.name if path.parent.name not in ('rut_edu', 'rut_book') else path.stem}.py"
        stages = ([own], UNIT_TESTS) if own in UNIT_TESTS else (UNIT_TESTS,)
        for tests in stages:
            # `python -m pytest` puts the working folder first on sys.path, so the mutated copy is imported.
            result = subprocess.run(
                # nbval's import of nbformat costs 3 s a start, and no unit test runs a notebook
                [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "-p", "no:nbval", "-p", "no:anyio",
                 "-o", "addopts=", "-k", SLOW_UNIT_TESTS, *tests],
                cwd=work, capture_output=True, text=True, timeout=timeout,
                # the book tooling is installed from the project: point its import at the mutated copy too
                env={**os.environ, "PYTHONPATH": os.pathsep.join([str(work), str(work / "tooling")])},
            )
            if result.returncode != 0:
                break
        return result


def main() -> int:
    survivors = []
    for mutant in MUTANTS:
        result = run(mutant)
        killed = result.returncode != 0
        print(f"{'killed  ' if killed else 'SURVIVED'}  {mutant.name}")
        if not killed:
            survivors.append(mutant.name)
    print(f"\n{len(MUTANTS) - len(survivors)} of {len(MUTANTS)} mutants killed")
    return 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(main())
