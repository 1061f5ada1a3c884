"""A small mutation check: plausible one-line bugs in the core formulas must each fail a unit test.

Each mutant is applied to a copy of the package, and the unit tests (never nbval, never
the book build) run against that copy. A mutant that survives is a wrong number the
tests would not notice. Run by ``tests/project/test_mutants.py`` inside ``make test``, or alone:
``python tests/mutation_check.py``.
"""

from __future__ import annotations

import ast
import dataclasses
import gc
import io
import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Every unit test file (a new one joins by being there), the pinned real-data values first: they kill most mutants,
# and pytest -x stops at the first failure.
UNIT_TESTS = sorted((path.relative_to(ROOT).as_posix() for path in (ROOT / "tests" / "unit").glob("test_*.py")),
                    key=lambda name: (not name.endswith("test_pinned_values.py"), name))
# Left out: the built glossary page (slow), and the check that the shipped forecast cache matches the code,
# which any edit of the fitting code fails, so it would "kill" a mutant without testing its behaviour.
SLOW_UNIT_TESTS = "not built_glossary_page and not shipped_grid_cache"


@dataclasses.dataclass(frozen=True)
class Mutant:
    """A one-line bug: ``before`` becomes ``after`` in ``function`` of ``path``; ``killer`` is the unit test known to
    notice it.

    The code is found by meaning, not by its exact text: ``function`` (a qualified name such as
    ``"SiteWidget.state_index"``, or ``""`` for the module's own top level) is looked up in the module's syntax tree,
    and ``before`` is matched token by token inside it, so spacing, line breaks and the code around it may change
    freely (:func:`locate`). ``before`` must occur there exactly once.
    """

    name: str
    path: str
    function: str
    before: str
    after: str
    killer: str = ""


# Layout and comments are not part of what a mutant matches: editing either must not lose a mutant.
_IGNORED = {tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.ENDMARKER, tokenize.COMMENT}


def _tokens(text: str) -> list[tokenize.TokenInfo]:
    """The tokens of ``text`` that carry meaning (no layout, no comments); a fragment may end mid-bracket."""
    found = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type not in _IGNORED:
                found.append(token)
    except tokenize.TokenError:  # an open bracket at the end of a fragment
        pass
    return found


def _scope(tree: ast.Module, function: str) -> tuple[int, int]:
    """The first and last line of ``function`` (dotted through classes and nested functions) in ``tree``."""
    if not function:
        return 1, max(getattr(tree.body[-1], "end_lineno", 1), 1) if tree.body else 1
    node: ast.AST = tree
    for part in function.split("."):
        node = next((child for child in ast.iter_child_nodes(node)
                     if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and child.name == part),
                    None)
        if node is None:
            raise LookupError(f"no function or class {function!r}")
    return node.lineno, node.end_lineno


# CPython 3.11's parser is not safe to run from two threads at once (a "recursion depth mismatch" SystemError
# now and then, python/cpython#106905): the mutants are made in a thread pool, so they are located one at a time.
_PARSING = threading.Lock()


def locate(source: str, function: str, before: str) -> tuple[int, int]:
    """Where ``before`` sits in ``function`` of the module ``source``: its start and end as character offsets.

    Raises ``LookupError`` unless the function exists and its tokens contain ``before``'s exactly once."""
    with _PARSING:
        first, last = _scope(ast.parse(source), function)
        inside = [token for token in _tokens(source) if first <= token.start[0] <= last]
        wanted = [(token.type, token.string) for token in _tokens(before)]
    if not wanted:
        raise LookupError("the fragment to mutate is empty")
    width = len(wanted)
    hits = [k for k in range(len(inside) - width + 1)
            if [(token.type, token.string) for token in inside[k:k + width]] == wanted]
    if len(hits) != 1:
        raise LookupError(f"{before.strip()!r} occurs {len(hits)} times in {function or 'the module'}, not once")
    lines = source.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    start, end = inside[hits[0]].start, inside[hits[0] + width - 1].end
    return offsets[start[0] - 1] + start[1], offsets[end[0] - 1] + end[1]


def mutate(source: str, mutant: Mutant) -> str:
    """``source`` with the mutant's code replaced by its ``after`` (see :func:`locate`)."""
    start, end = locate(source, mutant.function, mutant.before)
    return source[:start] + mutant.after.strip() + source[end:]


MUTANTS = (
    Mutant("trading days per year 250", "rut_edu/validation.py", "", '("daily", 4.5, 252)',
           '("daily", 4.5, 250)',
           killer="tests/unit/test_periods.py::test_registry_entries"),
    Mutant("population standard deviation", "rut_edu/risk.py", "annualised_volatility",
           "return float(_annualise_spread(r.std(ddof=1), n))", "return float(_annualise_spread(r.std(ddof=0), n))",
           killer="tests/unit/test_risk.py::test_annualised_volatility_by_hand"),
    Mutant("beta divides by the asset's variance", "rut_edu/risk.py", "beta",
           "a.cov(m, ddof=1) / m.var(ddof=1)", "a.cov(m, ddof=1) / a.var(ddof=1)",
           killer="tests/unit/test_risk.py::test_beta_correlation_and_capture_by_hand"),
    Mutant("flat market days count as up", "rut_edu/risk.py", "capture_ratios",
           "up, down = m > 0, m < 0", "up, down = m >= 0, m < 0",
           killer="tests/unit/test_pinned_values.py::test_full_sample_statistics_pinned_and_matched_by_numpy"),
    Mutant("recovery needs a strict new high", "rut_edu/risk.py", "drawdown_in_window",
           "back = after[after >= window.loc[peak]]", "back = after[after > window.loc[peak]]",
           killer="tests/unit/test_pinned_values.py::test_getting_back_exactly_to_the_old_high_counts_as_recovery"),
    Mutant("days to recover counted from the peak", "rut_edu/risk.py", "drawdown_episodes",
           '"days_to_recover": (recovery_date - trough_date).days', '"days_to_recover": (recovery_date - peak_date).days',
           killer="tests/unit/test_pinned_values.py::test_drawdown_episodes_of_the_russell_2000_pinned_whole"),
    Mutant("rolling volatility keeps part-filled windows", "rut_edu/risk.py", "rolling_volatility",
           "_annualise_spread(r.rolling(window).std(ddof=1), n).iloc[window - 1:]",
           "_annualise_spread(r.rolling(window, min_periods=2).std(ddof=1), n).iloc[1:]",
           killer="tests/unit/test_pinned_values.py::test_rolling_statistics_equal_a_loop_over_every_window"),
    Mutant("Dimson beta keeps only the first slope", "rut_edu/risk.py", "dimson_beta",
           "return float(coefficients[1:].sum())", "return float(coefficients[1])",
           killer="tests/unit/test_risk.py::test_dimson_beta_recovers_a_lagged_reaction"),
    Mutant("weekly levels end on Monday", "rut_edu/periods.py", "", 'Frequency("weekly", "W-FRI"',
           'Frequency("weekly", "W-MON"',
           killer="tests/unit/test_periods.py::test_a_last_week_the_data_do_not_finish_is_dropped"),
    Mutant("a partial last period is kept", "rut_edu/periods.py", "complete_periods",
           "if local[-1].normalize() < last_edge:", "if False:",
           killer="tests/unit/test_periods.py::test_a_last_week_the_data_do_not_finish_is_dropped"),
    Mutant("a partial first period feeds the pivots", "rut_edu/periods.py", "complete_periods",
           "if need_start and local[0].normalize() > first_edge:", "if False:",
           killer="tests/unit/test_periods.py::test_a_partial_first_period_keeps_its_end_value_but_not_its_summary"),
    Mutant("a trade open at the end is left out", "rut_edu/backtest.py", "run_backtest",
           "if stake:\n        entry_fee = stake * entry_price * market_cost",
           "if False:\n        entry_fee = stake * entry_price * market_cost",
           killer="tests/unit/test_backtest.py::test_a_trade_open_at_the_end_is_reported_marked_to_market"),
    Mutant("close-to-close leaves the last position open", "rut_edu/backtest.py", "run_close_to_close",
           "want[-1] = False", "want[-1] = want[-1]",
           killer="tests/unit/test_backtest.py::test_close_to_close_by_hand"),
    Mutant("close-to-close pays no cost on entry", "rut_edu/backtest.py", "run_close_to_close",
           "shares = cash * (1 - fee) / c[t]", "shares = cash / c[t]",
           killer="tests/unit/test_backtest.py::test_close_to_close_by_hand"),
    Mutant("historical mean refitted only with the models", "rut_edu/forecasting.py", "_walk_forward",
           "predictions[start:end] = _running_means(ys, start, end, gap, window, first_train)",
           "predictions[start:end] = train_y.mean()",
           killer="tests/unit/test_forecasting.py::test_no_test_day_ever_enters_its_training_window"),
    Mutant("dates written as text pass unchecked", "rut_edu/validation.py", "dates",
           "        if _dates_as_text(index):", "        if False:",
           killer="tests/unit/test_validation.py::test_dates_as_text_are_refused_even_when_in_order"),
    Mutant("returns of -100% or worse accepted", "rut_edu/validation.py", "returns", "    if worst <= -1:", "    if False:",
           killer="tests/unit/test_validation.py::test_a_return_of_minus_100_percent_is_refused_and_just_above_it_is_kept"),
    Mutant("price levels pass as returns", "rut_edu/validation.py", "not_price_levels",
           "if typical > 1:", "if typical > 1000:",
           killer="tests/unit/test_validation.py::test_price_levels_are_told_apart_from_returns_at_a_median_size_of_one"),
    Mutant("a universe accepts float factors above one", "rut_edu/universe.py", "_check_universe",
           "if (factors > 1).any():", "if (factors > 1.5).any():",
           killer="tests/unit/test_validation.py::test_a_universe_refuses_a_float_factor_above_one_and_a_negative_price"),
    Mutant("a bool counts as a whole number", "rut_edu/validation.py", "whole_number",
           "if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):",
           "if not isinstance(value, numbers.Integral):",
           killer="tests/unit/test_validation.py::test_a_whole_number_is_an_int_and_nothing_that_looks_like_one[True]"),
    Mutant("an open lower bound admits its edge", "rut_edu/validation.py", "real_number",
           "(value < low or (low_open and value == low))", "(value < low)",
           killer="tests/unit/test_validation.py::test_bounds_are_inclusive_unless_said_open"),
    Mutant("an account below zero keeps trading", "rut_edu/backtest.py", "run_backtest",
           "if curve[i] <= 0:", "if False:",
           killer="tests/unit/test_backtest.py::test_ruin_stops_at_zero_equity"),
    Mutant("balanced-approach weights swapped", "rut_edu/rates/taylor.py", "",
           'TaylorRule("balanced approach", 0.5, 1.0, 2.0, 2.0)', 'TaylorRule("balanced approach", 1.0, 0.5, 2.0, 2.0)',
           killer="tests/unit/test_result_fields.py::test_taylor_rule_registry_by_hand"),
    Mutant("Camarilla pivot at the close", "rut_edu/technicals.py", "_camarilla",
           'levels = {"P": (h + l + c) / 3}', 'levels = {"P": c}',
           killer="tests/unit/test_result_fields.py::test_every_pivot_level_by_hand"),
    Mutant("forecast volatility over 21 days", "rut_edu/forecasting.py", "forecast_features",
           'columns["volatility_20"] = daily.rolling(20).std()', 'columns["volatility_20"] = daily.rolling(21).std()',
           killer="tests/unit/test_result_fields.py::test_forecast_features_by_hand"),
    Mutant("backtest Sharpe ratio on 365 days", "rut_edu/backtest.py", "_sharpe",
           "cash[1:len(alive)], TRADING_DAYS)", "cash[1:len(alive)], 365)",
           killer="tests/unit/test_backtest.py::test_performance_against_direct_computations"),
    Mutant("CHOP at the range threshold does not vote", "rut_edu/technicals.py", "range_regime",
           "range_vote = ((chop >= chop_range)", "range_vote = ((chop > chop_range)",
           killer="tests/unit/test_result_fields.py::test_thresholds_hold_at_exactly_the_limit"),
    Mutant("a fall exactly at the close-out move is survived", "rut_edu/instruments/leverage.py", "close_out_days",
           "values <= -fall", "values < -fall",
           killer="tests/unit/test_result_fields.py::test_thresholds_hold_at_exactly_the_limit"),
    Mutant("a zero forecast calls up", "rut_edu/forecasting.py", "calls_up",
           'return validation.finite_values(predicted, "predicted") > 0',
           'return validation.finite_values(predicted, "predicted") >= 0',
           killer="tests/unit/test_forecasting.py::test_baselines"),
    Mutant("t-statistic divides by n", "rut_edu/risk.py", "mean_t_statistic",
           "r.mean() / (r.std(ddof=1) / np.sqrt(len(r)))", "r.mean() / (r.std(ddof=1) / len(r))",
           killer="tests/unit/test_risk.py::test_downside_deviation_and_worst_periods_by_hand"),
    Mutant("Fama-French factors left in percent", "rut_edu/data/__init__.py", "load_ff_factors",
           'return _frame(f"ff3_factors_{frequency}.csv", date_format) / 100.0',
           'return _frame(f"ff3_factors_{frequency}.csv", date_format)',
           killer="tests/unit/test_pinned_values.py::test_loader_matches_its_file_cell_for_cell[ff3_factors_annual.csv]"),
    Mutant("glossary search keeps case", "rut_edu/glossary/__init__.py", "search",
           "needle = _text(text).strip().casefold()", "needle = _text(text).strip()",
           killer="tests/unit/test_pinned_values.py::test_glossary_search_folds_case"),
    Mutant("float factor ignored in caps", "rut_edu/index.py", "float_adjusted_caps",
           'return _wrap(p * q * f, index, "float_cap")', 'return _wrap(p * q, index, "float_cap")',
           killer="tests/unit/test_index.py::test_five_company_weights_by_hand"),
    Mutant("divisor adjusted the wrong way", "rut_edu/index.py", "adjust_divisor",
           "return old_divisor * new_market_value / old_market_value",
           "return old_divisor * old_market_value / new_market_value",
           killer="tests/unit/test_index.py::test_divisor_walkthrough_by_hand"),
    Mutant("smaller half takes the middle company", "rut_edu/index.py", "smallest_half_share",
           "return float(arr[: arr.size // 2].sum())", "return float(arr[: (arr.size + 1) // 2].sum())",
           killer="tests/unit/test_pinned_values.py::test_odd_counts_and_ties_in_concentration"),
    Mutant("dividend taken from the wrong period", "rut_edu/index.py", "total_return",
           "out = (p[1:] + d[1:]) / p[:-1] - 1.0", "out = (p[1:] + d[:-1]) / p[:-1] - 1.0",
           killer="tests/unit/test_index.py::test_price_and_total_return_by_hand"),
    Mutant("glued numbers keep three digits", "rut_edu/reporting.py", "",
           "SIGNIFICANT_DIGITS = 8", "SIGNIFICANT_DIGITS = 3",
           killer="tests/unit/test_pinned_values.py::test_reporting_rounds_to_significant_digits"),
    Mutant("E-mini at the old $100 multiplier", "rut_edu/instruments/contracts.py", "",
           'underlying="Russell 2000",\n               venue="CME", multiplier=50.0,',
           'underlying="Russell 2000",\n               venue="CME", multiplier=100.0,',
           killer="tests/unit/test_instruments.py::test_published_multipliers_and_ticks"),
    Mutant("dividends added to the carry", "rut_edu/instruments/futures.py", "futures_fair_value",
           "math.exp((rate - q) * days / DAYS_PER_YEAR)", "math.exp((rate + q) * days / DAYS_PER_YEAR)",
           killer="tests/unit/test_instruments.py::test_fair_value_by_hand"),
    Mutant("Black-Scholes drift without the half", "rut_edu/instruments/options.py", "black_scholes",
           "(r - q + 0.5 * sigma**2) * t", "(r - q + sigma**2) * t",
           killer="tests/unit/test_instruments.py::test_black_scholes_matches_the_textbook_and_an_integration_oracle"),
    Mutant("hedge rounds down", "rut_edu/instruments/futures.py", "hedge",
           "int(math.floor(exact + 0.5))", "int(math.floor(exact))",
           killer="tests/unit/test_instruments.py::test_rounding_leaves_at_most_half_a_contract"),
    Mutant("close-out uses the kept share", "rut_edu/instruments/leverage.py", "cfd_position",
           "(1.0 - close_out) / leverage, 1.0 / leverage)", "close_out / leverage, 1.0 / leverage)",
           killer="tests/unit/test_instruments.py::test_cfd_position_by_hand"),
    Mutant("Taylor rule weighs the gap with a", "rut_edu/rates/taylor.py", "taylor_rate",
           'a * (pi - target) + b * values["output_gap"]', 'a * (pi - target) + a * values["output_gap"]',
           killer="tests/unit/test_rates.py::test_taylor_rule_by_hand"),
    Mutant("inflation over one period too few", "rut_edu/rates/inflation.py", "inflation_rate",
           "prices / prices.shift(periods) - 1.0", "prices / prices.shift(periods - 1) - 1.0",
           killer="tests/unit/test_rates.py::test_the_real_rate_for_one_quarter_by_hand"),
    Mutant("quarters with missing months averaged", "rut_edu/rates/inflation.py", "quarterly_average",
           "complete = grouped.count() == 3", "complete = grouped.count() >= 1",
           killer="tests/unit/test_rates.py::test_quarterly_average_keeps_complete_quarters_only"),
    Mutant("HAC lags ignored", "rut_edu/rates/markets.py", "rate_regression",
           'cov_kwds={"maxlags": lags}', 'cov_kwds={"maxlags": 0}',
           killer="tests/unit/test_rates.py::test_rate_regression_matches_direct_least_squares_and_newey_west"),
    Mutant("website range measured from zero, not from its minimum", "tooling/rut_book/widget_snapshot.py", "_range_slider",
           'low - state["min"], high - state["min"]', 'low, high',
           killer="tests/unit/test_widget_snapshot.py::test_a_box_keeps_its_children_in_order_and_marks_the_choices"),
    Mutant("history slider ends on a calendar month-end", "rut_edu/comparison.py", "window_stops",
           "last_of_month = pd.Series(daily, index=daily).groupby(daily.to_period(\"M\")).last()",
           "last_of_month = pd.Series(daily, index=daily).resample(\"ME\").last().index",
           killer="tests/unit/test_widgets.py::test_history_window_report_by_hand_and_wiring"),
    Mutant("website states numbered with the last control slowest", "rut_edu/widgets/site_grid.py", "SiteWidget.state_index",
           "index = index * len(axis.values) + axis.position(value)",
           "index = index + len(axis.values) * axis.position(value)",
           killer="tests/unit/test_site_grid.py::test_state_index_is_mixed_radix_worked_by_hand"),
    Mutant("phone drawing keeps labels that touch", "rut_edu/plotting/__init__.py", "_overlapping",
           "left.x1 + left.height / 2 > right.x0", "left.x1 > right.x0 + left.height",
           killer="tests/unit/test_plotting.py::test_dense_dates_are_thinned_with_the_labels_the_full_width_figure_chose"),
    Mutant("figure check blind to labels drawn on one spot", "rut_edu/plotting/__init__.py", "_boxes_overlap",
           "min(one.y1, other.y1) - max(one.y0, other.y0) > 1", "min(one.y1, other.y1) - max(one.y0, other.y0) > 100",
           killer="tests/unit/test_plotting.py::test_text_problems_names_overlaps_text_off_the_canvas_and_small_type_by_hand"),
    Mutant("phone drawing keeps type too small to read", "rut_edu/plotting/__init__.py", "phone_layout",
           "text.set_fontsize(PHONE_SMALLEST_POINTS)", "text.set_fontsize(_size)",
           killer="tests/unit/test_plotting.py::test_text_problems_names_overlaps_text_off_the_canvas_and_small_type_by_hand"),
    Mutant("timeline labels all on one level", "rut_edu/plotting/charts.py", "_place_labels",
           "if inside and not any(_boxes_overlap(box, other) for other in placed):", "if True:",
           killer="tests/unit/test_plotting.py::test_a_timelines_labels_stay_apart_at_both_widths"),
    # the survivors of the independent probe (issue 36), each now killed by its module's own test file
    Mutant("downside deviation ignores its threshold", "rut_edu/risk.py", "downside_deviation",
           "shortfall = np.minimum(r.to_numpy() - threshold, 0.0)", "shortfall = np.minimum(r.to_numpy(), 0.0)",
           killer="tests/unit/test_risk.py::test_downside_deviation_and_worst_periods_by_hand"),
    Mutant("synthetic float cap from the wrong cap", "rut_edu/universe.py", "synthetic_universe",
           '"float_cap": price * shares * float_factor', '"float_cap": rank_day_cap * float_factor',
           killer="tests/unit/test_universe.py::test_float_adjusted_cap_is_the_total_cap_times_the_float_factor"),
    Mutant("forecast cache key forgets the refit interval", "rut_edu/forecasting.py", "_grid_key",
           "GRID_WALK, refit_every, sklearn.__version__", "GRID_WALK, sklearn.__version__",
           killer="tests/unit/test_forecasting.py::test_the_grid_key_follows_the_settings_the_data_and_the_version_only"),
    Mutant("stored forecasts taken for rows that changed", "rut_edu/forecasting.py", "_walk_forward",
           "if None not in reused:", "if True:",
           killer="tests/unit/test_forecasting.py::test_a_revised_day_refits_every_block_trained_on_it"),
    Mutant("one-sided trend read from the smoother", "rut_edu/rates/trend.py", "local_level_trend",
           'pd.Series(result.filtered_state[0], index=series.index, name="filtered trend")',
           'pd.Series(result.smoothed_state[0], index=series.index, name="filtered trend")',
           killer="tests/unit/test_rates.py::test_the_filtered_trend_is_the_kalman_filter_by_hand_and_one_sided"),
    Mutant("median of an even count is its upper middle", "rut_edu/validation.py", "not_price_levels",
           "typical = float(np.median(np.abs(np.asarray(values, dtype=float))))",
           "typical = float(np.sort(np.abs(np.asarray(values, dtype=float)))[len(values) // 2])",
           killer="tests/unit/test_validation.py::test_the_median_of_an_even_count_is_the_mean_of_the_two_middle_values"),
    Mutant("too few returns noted at exactly the threshold", "rut_edu/comparison.py", "caveats",
           "if count < risk.FEW_RETURNS:", "if count <= risk.FEW_RETURNS:",
           killer="tests/unit/test_comparison.py::test_too_few_returns_is_noted_below_the_threshold_only"),
    Mutant("glossary search keeps case in definitions", "rut_edu/glossary/__init__.py", "search",
           "needle in e.definition.casefold()", "needle in e.definition",
           killer="tests/unit/test_glossary.py::test_search_folds_case_in_definitions_as_in_names"),
    Mutant("quiz precision of zero accepted", "rut_edu/quiz.py", "load",
           "precision < 1", "precision < 0",
           killer="tests/unit/test_quiz.py::test_a_precision_that_is_not_a_whole_number_of_at_least_one_is_refused"),
    Mutant("site grid refuses exactly its limit", "rut_edu/widgets/site_grid.py", "SiteWidget.__post_init__",
           "if self.size > MAX_STATES:", "if self.size >= MAX_STATES:",
           killer="tests/unit/test_site_grid.py::test_a_grid_of_exactly_the_limit_is_accepted"),
    Mutant("every error shown to readers as a readout", "rut_edu/widgets/site_grid.py", "readout_or_problem",
           "except ValueError as problem:", "except Exception as problem:",
           killer="tests/unit/test_site_grid.py::test_only_the_functions_own_refusals_become_readouts"),
    Mutant("ordinals forget the teens", "rut_edu/reporting.py", "ordinal",
           'suffix = "th" if n % 100 in (11, 12, 13) else', 'suffix = "th" if n in (11, 12, 13) else',
           killer="tests/unit/test_reporting.py::test_ordinals_by_hand_with_the_teens_and_the_hundreds"),
    Mutant("semi-annual turnover per year halved", "rut_edu/reconstitution.py", "SimulationResult.to_series",
           '"turnover_per_year": float(e["turnover"].sum() / self.years)',
           '"turnover_per_year": float(e["turnover"].sum() / len(e))',
           killer="tests/unit/test_reconstitution.py::test_rates_per_year_add_every_reconstitution_of_a_year_by_hand"),
    Mutant("exactly 5% free float ineligible", "rut_edu/reconstitution.py", "",
           'lambda c: c["float_factor"] >= MIN_FLOAT', 'lambda c: c["float_factor"] > MIN_FLOAT',
           killer="tests/unit/test_reconstitution.py::test_each_rule_by_hand"),
    Mutant("percent returns pass as decimals", "rut_edu/validation.py", "not_percent",
           "if typical * np.sqrt(periods_per_year) > PERCENT_LIKE_ANNUAL_MOVE:",
           "if typical > PERCENT_LIKE_ANNUAL_MOVE:",
           killer="tests/unit/test_validation.py::test_returns_in_percent_are_refused_with_the_fix"),
    Mutant("weekly bars accepted where windows count days", "rut_edu/technicals.py", "ohlc_frame",
           'if seen is not None and seen[0] != "daily":', 'if seen is not None and seen[0] == "monthly":',
           killer="tests/unit/test_technicals.py::test_weekly_bars_are_refused_where_windows_count_days"),
    Mutant("a frequency the dates contradict is accepted", "rut_edu/validation.py", "frequency_agrees",
           "if named != observed:", "if named != observed and False:",
           killer="tests/unit/test_validation.py::test_a_frequency_the_dates_contradict_is_refused"),
)


@dataclasses.dataclass(frozen=True)
class Outcome:
    """How a mutant fared: the last pytest run, and the tests that run asked for (the stage that decided)."""

    result: subprocess.CompletedProcess
    tests: tuple[str, ...]

    @property
    def killed(self) -> bool:
        return self.result.returncode == 1 and "failed" in self.result.stdout


def _copy(work: Path) -> None:
    for entry in ROOT.iterdir():
        if entry.name in ("rut_edu", "tooling", "tests"):
            shutil.copytree(entry, work / entry.name, ignore=shutil.ignore_patterns("__pycache__"))
        elif not entry.name.startswith(".") and entry.name != "_build":
            (work / entry.name).symlink_to(entry)


# What every unit test run imports before it reaches the project: a warm runner imports these once, then forks a
# child per run, so a mutant costs a fork and its tests rather than an interpreter start and these imports
# (about 2 s each). Nothing of the project itself (rut_edu, rut_book, the tests) may be imported here, or a child
# would keep the unmutated module.
WARM_IMPORTS = ("numpy", "pandas", "scipy.stats", "matplotlib.pyplot", "ipywidgets", "IPython.display", "yaml",
                "statsmodels.api", "sklearn.linear_model", "hypothesis", "hypothesis.extra.pandas", "nbformat",
                "docutils.core", "pytest", "_pytest.doctest")


def _pytest_arguments(tests) -> list[str]:
    # nbval is left out (no unit test runs a notebook); Hypothesis's pytest plugin was imported by the warm runner
    # before pytest could rewrite its asserts, which pytest reports on every run
    return ["-x", "-q", "-p", "no:cacheprovider", "-p", "no:nbval", "-p", "no:anyio", "-o", "addopts=",
            "-W", "ignore::pytest.PytestAssertRewriteWarning", "-k", SLOW_UNIT_TESTS, *tests]


def _project_path(work: Path) -> list[str]:
    # the book tooling is installed from the project: point its import at the copy too
    return [str(work), str(work / "tooling")]


class WarmRunner:
    """A Python process that has imported :data:`WARM_IMPORTS` and runs pytest in a forked child per request.

    Requests and answers are single JSON lines on the process's stdin and stdout; a child writes its output to
    a temporary file and its exit status is pytest's. One runner serves one thread at a time.
    """

    def __init__(self) -> None:
        self.process = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--serve"],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT,
                                        env={**os.environ, "MPLBACKEND": "Agg"})

    def run(self, work: Path, tests, timeout: float) -> subprocess.CompletedProcess:
        request = {"work": str(work), "arguments": _pytest_arguments(tests), "timeout": timeout}
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline()
        if not answer:
            raise RuntimeError(f"the warm pytest runner stopped (exit status {self.process.wait()})")
        answer = json.loads(answer)
        return subprocess.CompletedProcess(["pytest", *request["arguments"]], answer["returncode"], answer["output"])

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=30)


def _forked_pytest(work: str, arguments: list[str], timeout: float) -> tuple[int, str]:
    """Run pytest on ``work`` in a forked child; its exit status and output (a killed child: status -9)."""
    with tempfile.TemporaryFile(mode="w+") as log:
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:  # the child: the project copy first on the path, as `python -m pytest` in it would have it
            status = 3
            try:
                os.dup2(log.fileno(), 1)
                os.dup2(log.fileno(), 2)
                os.chdir(work)
                sys.path[:0] = _project_path(Path(work))
                os.environ["PYTHONPATH"] = os.pathsep.join(_project_path(Path(work)))
                import pytest

                status = int(pytest.main(arguments))
            except BaseException:
                import traceback

                traceback.print_exc()
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(status)
        # the child is killed if it outlives its timeout; the wait itself blocks until it ends, either way
        killer = threading.Timer(timeout, os.kill, (pid, signal.SIGKILL))
        killer.start()
        try:
            _, status = os.waitpid(pid, 0)
        finally:
            killer.cancel()
            killer.join()  # no thread is left behind when the runner forks its next child
        log.seek(0)
        return os.waitstatus_to_exitcode(status), log.read()


def serve() -> None:
    """The warm runner's loop (``python tests/mutation_check.py --serve``): a JSON request per line."""
    import importlib

    del sys.path[0]  # this script's folder: a child finds the tests in its copy of the project
    for name in WARM_IMPORTS:
        importlib.import_module(name)
    leaked = sorted(name for name in sys.modules if name.split(".")[0] in ("rut_edu", "rut_book", "conftest"))
    if leaked:
        raise RuntimeError(f"the warm runner must not import the project, but it imported {leaked}")
    # The imports' objects move to the collector's permanent generation: a child's collections (pytest runs two
    # at its end) no longer walk them, which halves a mutant's run (0.72 to 0.35 s of pytest for one test).
    gc.freeze()
    for line in sys.stdin:
        request = json.loads(line)
        returncode, output = _forked_pytest(request["work"], request["arguments"], request["timeout"])
        print(json.dumps({"returncode": returncode, "output": output}), flush=True)


_RUNNERS: queue.SimpleQueue = queue.SimpleQueue()


def _pytest(work: Path, tests, timeout: float) -> subprocess.CompletedProcess:
    """Run the unit tests ``tests`` against the project copy ``work``, in a warm runner free at the time."""
    try:
        runner = _RUNNERS.get_nowait()
    except queue.Empty:
        runner = WarmRunner()
    try:
        return runner.run(work, tests, timeout)
    finally:
        _RUNNERS.put(runner)


def close_runners() -> None:
    """Stop the warm runners this process started."""
    while True:
        try:
            _RUNNERS.get_nowait().close()
        except queue.Empty:
            return


def stages(mutant: Mutant) -> list[tuple[str, ...]]:
    """The test sets a mutant meets, fastest first: its known killer, its module's own test file, every unit test."""
    path = Path(mutant.path)
    own = f"tests/unit/test_{path.parent.name if path.parent.name not in ('rut_edu', 'rut_book') else path.stem}.py"
    found = [(mutant.killer,)] if mutant.killer else []
    if own in UNIT_TESTS:
        found.append((own,))
    return [*found, tuple(UNIT_TESTS)]


def run(mutant: Mutant, timeout: float = 600) -> Outcome:
    """Run the unit tests against a copy of the project with ``mutant`` applied, stage by stage.

    The first stage is the one test known to kill the mutant, so most mutants cost one interpreter start and
    one test. If that test no longer exists or no longer fails, the mutant meets its module's own test file,
    then every unit test: a stale hint costs time, never a wrong verdict. (The unmutated copy must pass the
    same tests, see ``tests/project/test_mutants.py``.)
    """
    with tempfile.TemporaryDirectory(prefix="rut-edu-mutant-") as folder:
        work = Path(folder)
        _copy(work)
        target = work / mutant.path
        try:
            target.write_text(mutate(target.read_text(), mutant))
        except LookupError as problem:
            raise RuntimeError(f"mutant {mutant.name!r} in {mutant.path}: {problem}") from None
        for tests in stages(mutant):
            outcome = Outcome(_pytest(work, tests, timeout), tests)
            if outcome.killed:
                break
        return outcome


def run_unmutated(tests, timeout: float = 900) -> Outcome:
    """Run ``tests`` against an unchanged copy of the project: each must pass, or a mutant's death proves nothing."""
    with tempfile.TemporaryDirectory(prefix="rut-edu-unmutated-") as folder:
        work = Path(folder)
        _copy(work)
        tests = tuple(dict.fromkeys(tests))
        return Outcome(_pytest(work, tests, timeout), tests)


def main() -> int:
    survivors, deciding = [], []
    for mutant in MUTANTS:
        outcome = run(mutant)
        print(f"{'killed  ' if outcome.killed else 'SURVIVED'}  {mutant.name}  ({' '.join(outcome.tests)[:80]})")
        deciding.extend(outcome.tests)
        if not outcome.killed:
            survivors.append(mutant.name)
    unmutated = run_unmutated(deciding)
    print(f"\nthe unmutated copy {'passes' if unmutated.result.returncode == 0 else 'FAILS'} the deciding tests")
    print(f"{len(MUTANTS) - len(survivors)} of {len(MUTANTS)} mutants killed")
    return 1 if survivors or unmutated.result.returncode != 0 else 0


if __name__ == "__main__":
    if sys.argv[1:] == ["--serve"]:
        serve()
    else:
        try:
            sys.exit(main())
        finally:
            close_runners()
