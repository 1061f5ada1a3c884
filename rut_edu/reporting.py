"""Numbers a chapter shows: rounded to what a reader needs, so stored outputs are portable.

numpy and OpenBLAS pick SIMD kernels for the CPU they run on, so a sum or a log
can differ in its last binary digits from one machine to the next. A chapter's
stored outputs (compared by nbval) must not carry those digits: every number
glued into the prose goes through :func:`glue`, which keeps
``SIGNIFICANT_DIGITS`` significant digits, and every table is rounded before it
is shown. Eight digits are more than any format in the text prints (the widest
is a four-digit level with two decimals) and about eight orders of magnitude
coarser than the differences between CPUs.
"""

from __future__ import annotations

import datetime as _dt
import numbers

from rut_edu import validation

SIGNIFICANT_DIGITS = 8


def significant(value: float, *, digits: int = SIGNIFICANT_DIGITS) -> float:
    """``value`` rounded to ``digits`` significant digits.

    Parameters
    ----------
    value : float
        A finite number.
    digits : int, default 8
        Significant digits to keep, 1 to 17.

    Returns
    -------
    float
        The rounded value.

    Raises
    ------
    ValueError
        A NaN or infinite value (it would print as text nobody should read), or digits below 1.

    Examples
    --------
    >>> significant(0.8500085445995058)
    0.85000854
    >>> significant(1234.56789, digits=3)
    1230.0
    """
    digits = validation.whole_number(digits, "digits", minimum=1, maximum=17)
    value = validation.real_number(value, "a number to show")
    return float(f"{value:.{digits}g}")


def portable(value):
    """A glued value as it is stored: floats rounded by :func:`significant`; ints, text and dates as they are.

    Parameters
    ----------
    value : int, float, str or date
        A number or a piece of text to glue.

    Returns
    -------
    int, float, str or date
        Floats rounded to :data:`SIGNIFICANT_DIGITS` significant digits; the rest unchanged.

    Raises
    ------
    ValueError
        For a bool, a NaN or infinite float, or a value of another kind (a table: round it and show it).

    Examples
    --------
    >>> portable(0.2160986663812678), portable(2026), portable("16 March 2020")
    (0.21609867, 2026, '16 March 2020')
    """
    if isinstance(value, bool):
        raise validation.WrongKindError("glue a number or text, not a bool")
    if isinstance(value, numbers.Integral):
        return int(value)  # counts are exact on every CPU
    if isinstance(value, numbers.Real):
        return significant(value)
    if isinstance(value, (str, _dt.date)):
        return value
    raise validation.WrongKindError(f"glue numbers or text; got {type(value).__name__} (round a table before showing it)")


def ordinal(n: int) -> str:
    """``n`` as an English ordinal with thousands separators: 1st, 2nd, 3rd, 11th, 51st, 1,002nd.

    Parameters
    ----------
    n : int
        A whole number, 1 or more.

    Returns
    -------
    str
        Text such as ``1,002nd``.

    Raises
    ------
    ValueError
        If ``n`` is not a whole number of at least 1.

    Examples
    --------
    >>> [ordinal(k) for k in (1, 2, 3, 4, 11, 12, 13, 21, 51, 112, 1002)]
    ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '51st', '112th', '1,002nd']
    """
    n = validation.whole_number(n, "n", minimum=1)
    suffix = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n:,}{suffix}"


# MyST-NB reads glued values from outputs carrying this metadata (its "scrapbook" convention):
# the display data, with each MIME type behind this prefix when the value is not shown in the notebook.
GLUE_MIME_PREFIX = "application/papermill.record/"


def glue(name: str, value, *, display: bool = False) -> None:
    """Store ``value`` under ``name`` for ``{glue:text}`name:format``` in the chapter's prose.

    Floats are rounded with :func:`portable` first, so the stored output is the same on every
    CPU. The output is the one MyST-NB's own ``glue`` writes (display data tagged with the
    name), written here so that the teaching library does not depend on the book's tooling.

    Parameters
    ----------
    name : str
        The name the prose refers to.
    value : object
        Any value IPython can display; floats are rounded to portable digits.
    display : bool
        Also show the value in the notebook.

    Raises
    ------
    ValueError
        If ``name`` is empty or ``display`` is not True or False.

    Examples
    --------
    In a chapter, the prose then reads ``{glue:text}`volatility:.1%``` as 21.6%:

    >>> glue("volatility", 0.2160986663812678)  # doctest: +SKIP
    """
    from IPython.core.formatters import format_display_data
    from IPython.display import display as show

    if not isinstance(name, str) or not name.strip():
        raise ValueError(f"name must be a non-empty string, got {name!r}")
    validation.flag(display, "display")
    bundle, metadata = format_display_data(portable(value))
    prefix = "" if display else GLUE_MIME_PREFIX
    metadata["scrapbook"] = {"name": name, "mime_prefix": prefix}
    show({prefix + kind: data for kind, data in bundle.items()}, raw=True, metadata=metadata)


def glue_all(values: dict) -> None:
    """Glue every ``name: value`` of ``values`` for the chapter's prose, in order: one call for a table of numbers.

    Parameters
    ----------
    values : dict
        Names (non-empty strings) to values, each as :func:`glue` takes it.

    Raises
    ------
    ValueError
        If ``values`` is not a non-empty dict, or a name or value is one :func:`glue` refuses.

    Examples
    --------
    >>> glue_all({"volatility": 0.2160986663812678, "start": "10 September 1987"})  # doctest: +SKIP
    """
    if not isinstance(values, dict) or not values:
        raise ValueError("values must be a non-empty dict of names and values to glue")
    for name, value in values.items():
        glue(name, value)


# One registry of display labels: a result's keys and a table's columns are snake_case names for code
# (``performance.to_series()["sharpe"]``); a page shows each one by its label here, or, when it has none, by its
# name with spaces for the underscores (``days_to_trough`` reads "days to trough").
LABELS: dict[str, str] = {
    # rut_edu.backtest.Performance
    "trades": "trades (closed)", "open_trades": "open at the end", "open_trade_pnl": "open trade, marked to market ($)",
    "average_win": "average win ($)", "average_loss": "average loss ($)", "sharpe": "Sharpe ratio (returns over cash)",
    "max_drawdown": "maximum drawdown", "exposure": "time in the market",
    "buy_hold_return": "buy and hold (price index): annualised return",
    "buy_hold_volatility": "buy and hold (price index): annualised volatility",
    "buy_hold_max_drawdown": "buy and hold (price index): maximum drawdown",
    "buy_hold_sharpe": "buy and hold (price index): Sharpe ratio", "cash_return": "cash alone: annualised return",
    # rut_edu.forecasting.Evaluation
    "effective_days": "effective independent days", "hit_rate_low": "hit rate, 95% low",
    "hit_rate_high": "hit rate, 95% high", "base_rate": "share of up days", "mse_ratio": "MSE / random walk MSE",
    "r2_vs_mean": "R squared vs historical mean", "dm_statistic": "Diebold-Mariano vs random walk",
    "dm_p_value": "p-value",
    # rut_edu.reconstitution
    "lock_down": "lock-down begins", "implementation": "implementation (effective after the close)",
    "first_session": "first session on the new membership", "turnover_per_year": "one-way turnover per year",
    "migrations_per_year": "migrations 1000/2000 per year", "flip_flops": "flip-flops", "half_year": "half-year",
    "ipo_rank_day": "IPO rank day", "joins_after_close_of": "joins after the close of",
    # rut_edu.index
    "market_value_millions": "market value ($m)",
    # rut_edu.risk and rut_edu.comparison
    "t_statistic": "t-statistic", "asset_max_drawdown": "asset maximum drawdown",
    "market_max_drawdown": "market maximum drawdown",
    # rut_edu.rates
    "log_likelihood": "log-likelihood", "standard_error": "HAC standard error", "r_squared": "R squared",
    # rut_edu.instruments
    "dollars_per_point": "dollars per index point", "third_friday": "third Friday", "tick_dollars": "tick (dollars)",
    "as_of": "terms as of",
    "contracts_to_sell": "contracts to sell", "hedged_notional": "notional sold", "remaining_beta": "beta left",
    "daily_financing": "financing per night", "close_out_move": "index fall that closes the position",
    "wipe_out_move": "index fall that loses the whole margin", "move_points": "index move (points)",
    "profit": "profit or loss", "profit_share_of_margin": "as a share of margin",
    "wipe_out_points": "fall that loses the margin (points)",
    "wipe_out_sigmas": "that fall in daily standard deviations",
    "close_out_fall": "fall that closes the position",
}


def label(name):
    """How a page shows a result's key or a table's column: its entry in :data:`LABELS`, or the name spaced.

    Parameters
    ----------
    name : str or object
        A snake_case name; anything else (a date, a number, a company's ticker) is returned as it is.

    Returns
    -------
    str or object
        The display label.

    Examples
    --------
    >>> label("sharpe"), label("days_to_trough"), label(2024)
    ('Sharpe ratio (returns over cash)', 'days to trough', 2024)
    """
    if not isinstance(name, str):
        return name
    return LABELS.get(name, name.replace("_", " "))




def _date_text(value):
    import pandas as pd

    if isinstance(value, pd.Timestamp) and value == value.normalize():
        return value.strftime("%Y-%m-%d")
    return value


def labelled(table):
    """``table`` with its row and column labels as a page shows them (:func:`label`); the values untouched.

    Parameters
    ----------
    table : pandas.DataFrame or pandas.Series
        A result's :meth:`to_series` or :meth:`to_frame`, or any table with snake_case labels.

    Returns
    -------
    pandas.DataFrame or pandas.Series
        A copy with display labels.

    Raises
    ------
    WrongKindError
        If ``table`` is not a DataFrame or Series.

    Examples
    --------
    >>> import pandas as pd
    >>> labelled(pd.Series({"sharpe": 0.41, "max_drawdown": -0.25})).to_dict()
    {'Sharpe ratio (returns over cash)': 0.41, 'maximum drawdown': -0.25}
    """
    import pandas as pd

    if not isinstance(table, (pd.DataFrame, pd.Series)):
        raise validation.WrongKindError(f"table must be a pandas DataFrame or Series, got {type(table).__name__}")
    shown = table.rename(index=label) if not isinstance(table.index, pd.DatetimeIndex) else table.copy()
    if isinstance(shown, pd.DataFrame):
        shown = shown.rename(columns=label)
        shown.columns.name = label(table.columns.name)
    else:
        shown.name = label(table.name)
    shown.index.name = label(table.index.name)
    return shown


def for_reading(table):
    """A table as a page shows it: display labels (:func:`labelled`), dates without a time of day.

    Column and index names such as ``days_to_trough`` are the names code uses; a reader sees
    ``days to trough``. A timestamp at midnight is shown as its date (``2020-03-18``, not
    ``2020-03-18 00:00:00``). For display only: the dates become text, so compute first.

    Parameters
    ----------
    table : pandas.DataFrame or pandas.Series
        The table to show, with no missing values (say what a gap means before showing it).

    Returns
    -------
    pandas.DataFrame or pandas.Series
        A copy with readable labels; values other than midnight timestamps are unchanged.

    Raises
    ------
    ValueError
        If ``table`` is not a DataFrame or Series, is empty, or holds a missing (NaN, NaT) or infinite value.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"days_to_trough": [392], "peak": [pd.Timestamp("2018-08-31")]})
    >>> for_reading(frame)
       days to trough        peak
    0             392  2018-08-31
    """
    import numpy as np
    import pandas as pd

    if not isinstance(table, (pd.DataFrame, pd.Series)):
        raise validation.WrongKindError(f"table must be a pandas DataFrame or Series, got {type(table).__name__}")
    if table.empty:
        raise ValueError("table is empty: there is nothing to show")
    if table.isna().to_numpy().any():
        raise ValueError("table holds a missing value (NaN or NaT): say what the gap means before showing it")
    if isinstance(table, pd.DataFrame):
        numbers = table.select_dtypes("number")
    else:
        numbers = table if pd.api.types.is_numeric_dtype(table) else table.iloc[:0]
    if np.isinf(numbers.to_numpy(dtype=float)).any():
        raise ValueError("table holds an infinite value: a reader cannot use it")
    shown = table.copy()
    if isinstance(shown, pd.Series):
        shown = shown.map(_date_text).rename(label(shown.name))
    else:
        shown = shown.apply(lambda column: column.map(_date_text)).rename(columns=label)
        shown.columns.name = label(shown.columns.name)
    if isinstance(shown.index, pd.DatetimeIndex) and (shown.index == shown.index.normalize()).all():
        shown.index = shown.index.strftime("%Y-%m-%d")
    shown.index.name = label(table.index.name)
    return shown


def unrecovered(table, *, as_of, date_column: str = "recovery", days_column: str = "days_to_recover"):
    """A drawdown table with each fall not yet recovered said in words, ready for :func:`for_reading`.

    A missing recovery date means the index had not regained its peak when the data end; shown as a blank it
    would read as "recovered at once", so it becomes ``"not recovered by <as_of>"`` and its day count ``"-"``.

    Parameters
    ----------
    table : pandas.DataFrame
        Drawdown episodes, with ``date_column`` (timestamps, NaT for none yet) and ``days_column``.
    as_of : pandas.Timestamp
        The last day of data.
    date_column, days_column : str
        The columns to fill.

    Returns
    -------
    pandas.DataFrame
        A copy; recovered rows keep their dates (as ``YYYY-MM-DD`` text) and day counts.

    Raises
    ------
    ValueError
        If ``table`` is not a DataFrame holding both columns, or ``as_of`` is not a date.

    Examples
    --------
    >>> import pandas as pd
    >>> falls = pd.DataFrame({"recovery": [pd.Timestamp("2021-01-08"), pd.NaT], "days_to_recover": [300.0, None]})
    >>> unrecovered(falls, as_of=pd.Timestamp("2025-08-29"))["recovery"].tolist()
    ['2021-01-08', 'not recovered by 2025-08-29']
    """
    import pandas as pd

    from rut_edu import validation

    if not isinstance(table, pd.DataFrame) or not {date_column, days_column} <= set(table.columns):
        raise ValueError(f"table must be a DataFrame with columns {date_column!r} and {days_column!r}")
    as_of = validation.date(as_of, "as_of")
    open_falls = table[date_column].isna()
    shown = table.copy()
    shown[date_column] = [f"not recovered by {as_of:%Y-%m-%d}" if gap else f"{day:%Y-%m-%d}"
                          for day, gap in zip(table[date_column], open_falls)]
    shown[days_column] = ["-" if gap else int(days) for days, gap in zip(table[days_column], open_falls)]
    return shown
