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


def _spaced(label):
    return label.replace("_", " ") if isinstance(label, str) else label


def _date_text(value):
    import pandas as pd

    if isinstance(value, pd.Timestamp) and value == value.normalize():
        return value.strftime("%Y-%m-%d")
    return value


def for_reading(table):
    """A table as a page shows it: spaces for the underscores in its labels, dates without a time of day.

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
        shown = shown.map(_date_text).rename(_spaced(shown.name))
    else:
        shown = shown.apply(lambda column: column.map(_date_text)).rename(columns=_spaced)
        shown.columns.name = _spaced(shown.columns.name)
    if isinstance(shown.index, pd.DatetimeIndex) and (shown.index == shown.index.normalize()).all():
        shown.index = shown.index.strftime("%Y-%m-%d")
    shown.index.name = _spaced(table.index.name)
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
