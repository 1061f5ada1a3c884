"""A small, readable backtest for one instrument, long only, and the range strategy the course tests.

Pure computation (no matplotlib, no ipywidgets). The rules, stated once:

* a signal is computed at the close of day ``t`` from bars up to ``t`` and acted on at the open of
  day ``t + 1`` (a market order: it pays the slippage);
* the stop-loss and take-profit are set from that open and watched from that first bar on; when
  a bar opens beyond a level (a gap) the exit is at the open, for better or worse; when one bar
  touches both levels the stop is assumed to come first (the cautious reading, since daily bars
  do not say which came first); a take-profit is a limit order and pays no slippage;
* the position risks ``risk_fraction`` of equity between entry and stop, and its notional value
  never exceeds ``max_leverage`` times equity;
* costs are in basis points of the notional traded: commission and half the bid-ask spread on
  every fill, slippage on market fills (entries, stops, gaps and time exits);
* one position at a time; equity is marked to the close each day;
* cash earns interest: from each close to the next, the cash not tied up in the position earns
  ``cash_interest`` for that day (:func:`bill_interest`: the three-month Treasury bill rate), and
  money borrowed to hold more than the equity (leverage above 1) pays the same rate; without
  ``cash_interest`` idle money earns nothing, which flatters buying and holding against a strategy
  that is mostly out of the market;
* a trade still open on the last bar is reported as open, marked to the last close: its profit
  counts the entry's costs but no exit, and it is kept apart from the closed trades' statistics;
* ruin: equity cannot fall below zero. If a close (or an exit) would leave it at zero or less, the
  trade is closed with reason ``RUIN``, its loss is the whole equity, equity stays at zero and no
  more trades are taken (the course does not model a debt to the broker).

:func:`run_close_to_close` is the engine's second mode, for signals about close-to-close returns
(the forecasts of :mod:`rut_edu.forecasting`): a position of 0 or 1 decided at each close and held
to the next, fully invested, paying one market fill each time the position changes and nothing
while it stays.

Buying and holding (:func:`buy_and_hold`) holds the price index: the Russell 2000's dividends, about 1 to 2%
a year, are not in the shipped prices, so every comparison here understates holding the index by them. The
Sharpe ratio is computed on returns in excess of the same cash rate.

The index cannot be traded; read the result as a position in an instrument that follows it
closely (an E-mini or Micro future, or an ETF) with the costs you set.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd

from rut_edu import data, risk, technicals, validation

# A nonzero cost below this many basis points (five cents on $100,000) is no broker's: it is a fraction passed
# where basis points are meant (0.001 for 10 bp).
MIN_COST_BPS = 0.005


@dataclasses.dataclass(frozen=True, kw_only=True)
class Costs:
    """Trading costs in basis points (hundredths of a per cent) of the notional of each fill."""

    commission_bps: float = 0.5
    spread_bps: float = 1.0  # the full bid-ask spread; half of it is paid on each fill
    slippage_bps: float = 1.0  # paid on market fills only

    def __post_init__(self):
        for name in ("commission_bps", "spread_bps", "slippage_bps"):
            value = validation.real_number(getattr(self, name), name, low=0.0, high=500.0,
                                           hint="basis points: 10 for 0.1%")
            if 0 < value < MIN_COST_BPS:
                raise ValueError(f"{name} is in basis points, and {value:g} bp of $100,000 is ${value * 10:.2g}: "
                                 f"a fraction passed as basis points? {value:g} is {value * 1e4:g} bp")

    def fill(self, market: bool) -> float:
        """The cost of one fill as a fraction of its notional."""
        return (self.commission_bps + self.spread_bps / 2 + (self.slippage_bps if market else 0.0)) / 1e4


# The costs chapter 7 tests the range strategy with: 1 bp of commission and a 2 bp bid-ask spread (half of it on each
# fill), plus 1 bp of slippage on market fills. Its widget lets the reader change the commission only.
RANGE_TEST_COSTS = Costs(commission_bps=1.0, spread_bps=2.0, slippage_bps=1.0)

OPEN_AT_END = "open at the end (marked to the last close)"
RUIN = "ruin: equity wiped out"


@dataclasses.dataclass(frozen=True)
class BacktestResult:
    """What a backtest did: its trades, its equity marked to each close, and the days it was in the market."""

    trades: pd.DataFrame  # one row per trade; a trade open on the last bar has reason OPEN_AT_END
    equity: pd.Series  # marked to each close
    in_market: pd.Series  # True on days a position is held at some point of the day
    initial_equity: float
    cash_interest: pd.Series  # the interest cash earned into each close (a fraction; zero without a cash rate)

    @property
    def closed_trades(self) -> pd.DataFrame:
        """The trades that were closed before the data ended."""
        return self.trades[self.trades["reason"] != OPEN_AT_END]

    @property
    def open_trade(self) -> pd.DataFrame:
        """The trade still open on the last bar (no row when none is), marked to the last close."""
        return self.trades[self.trades["reason"] == OPEN_AT_END]


TRADE_COLUMNS = ["entry_date", "entry_price", "exit_date", "exit_price", "reason", "stake_per_point", "pnl"]


# How many months past the last published monthly bill rate a backtest may run, earning that rate.
BILL_RATE_CARRY = 3


def bill_interest(dates) -> pd.Series:
    """What a dollar of cash earns from each close to the next: the three-month Treasury bill rate.

    From the close before ``dates[t]`` to the close of ``dates[t]`` cash earns
    ``(1 + b / 100) ** (d / 365) - 1``, where ``b`` is the month's average bill rate in percent (FRED's TB3MS,
    shipped with the package) for the month of the earlier close, and ``d`` the calendar days between the two
    closes (a weekend earns three days). The rate is a discount rate quoted per year, read here as a yield: a
    slight understatement. The first date earns nothing (there is no close before it). FRED publishes a
    month's average only after the month ends, so up to :data:`BILL_RATE_CARRY` months after the last
    published average earn that average.

    Parameters
    ----------
    dates : pandas.DatetimeIndex
        Trading dates, oldest first, without time zone, within the months the shipped bill rate covers.

    Returns
    -------
    pandas.Series
        Fractions, on ``dates``, named ``cash_interest``.

    Raises
    ------
    ValueError
        If ``dates`` is not a DatetimeIndex, or the dates are empty, repeated, unsorted, carry a time zone, or
        fall in a month with no bill rate, even carried forward (the message names the months covered).

    Examples
    --------
    Friday 5 January 2024 to Monday 8 January earns three days at January's average, 5.22%:

    >>> days = pd.DatetimeIndex(["2024-01-05", "2024-01-08"])
    >>> round(float(bill_interest(days).iloc[1]), 10) == round(1.0522 ** (3 / 365) - 1, 10)
    True
    """
    if not isinstance(dates, pd.DatetimeIndex):
        raise validation.WrongKindError(f"dates must be a pandas DatetimeIndex, got {type(dates).__name__}")
    if len(dates) == 0:
        raise ValueError("dates is empty")
    if dates.tz is not None:
        raise ValueError(f"dates must carry no time zone (the bill rate is by calendar month), got {dates.tz}")
    if dates.has_duplicates or not dates.is_monotonic_increasing:
        raise ValueError("dates must be sorted, oldest first, without repeats")
    rate = data.load_fred("tb3ms")
    months = dates[:-1].to_period("M")
    known = rate.set_axis(rate.index.to_period("M"))
    # FRED publishes a month's average after the month ends, so daily prices always run ahead of it: the
    # months after the last average (at most BILL_RATE_CARRY of them) earn that last average
    last = known.index[-1]
    ahead = pd.period_range(last + 1, last + BILL_RATE_CARRY, freq="M")
    known = pd.concat([known, pd.Series(float(known.iloc[-1]), index=ahead)])
    missing = months[~months.isin(known.index)]
    if len(missing):
        raise ValueError(f"no three-month bill rate for {missing[0]} (the data hold {known.index[0]} to {last}, "
                         f"and carry the last average {BILL_RATE_CARRY} months further): refresh the data or trim "
                         "the dates")
    annual = known.reindex(months).to_numpy() / 100
    days = np.diff(dates.to_numpy()).astype("timedelta64[D]").astype(float)
    earned = np.concatenate([[0.0], (1 + annual) ** (days / 365) - 1])
    return pd.Series(earned, index=dates, name="cash_interest")


def _interest_on(dates: pd.DatetimeIndex, cash_interest) -> list[float]:
    """The per-day cash interest a backtest uses: zeros when none is given, else checked against the dates. The
    first day earns nothing: the backtest holds no cash before its first close."""
    if cash_interest is None:
        return [0.0] * len(dates)
    if not isinstance(cash_interest, pd.Series):
        raise validation.WrongKindError("cash_interest must be a pandas Series (see bill_interest), "
                                        f"got {type(cash_interest).__name__}")
    if not cash_interest.index.equals(dates):
        raise ValueError("cash_interest must be on the bars' dates (see bill_interest)")
    values = validation.series(cash_interest.reset_index(drop=True), "cash_interest", sign="non-negative")
    if values.max() > 0.01:
        raise ValueError(f"cash_interest holds {values.max():.4g} for one day: it is a daily fraction (bill_interest "
                         "gives about 0.0002 at 5% a year), not a rate per year or in percent")
    return [0.0] + values.tolist()[1:]


def _trade_table(trades: list[tuple], dates: pd.DatetimeIndex) -> pd.DataFrame:
    table = pd.DataFrame(trades, columns=TRADE_COLUMNS)
    # positions were kept as row numbers in the loop (indexing dates one by one is slow); dates once here
    table["entry_date"] = dates[table["entry_date"].to_numpy(dtype=int)]
    table["exit_date"] = dates[table["exit_date"].to_numpy(dtype=int)]
    return table


def run_backtest(bars: pd.DataFrame, entries: pd.Series, stop_distance: pd.Series, target_distance: pd.Series,
                 *, risk_fraction: float = 0.01, max_leverage: float = 1.0, costs: Costs = Costs(),
                 initial_equity: float = 100_000.0, max_holding_days: int = 20,
                 cash_interest: pd.Series | None = None) -> BacktestResult:
    """Trade long on each signal at the next open, with a stop and a target, under the module's stated rules.

    Parameters
    ----------
    bars : pandas.DataFrame
        Daily price bars (see :func:`rut_edu.technicals.ohlc_frame`).
    entries : pandas.Series of bool
        True on the days whose close signals a purchase at the next open; on the bars' dates.
    stop_distance, target_distance : pandas.Series
        Points below and above the entry price for the stop and the target, known at the signal's
        close, positive on every signal day; on the bars' dates.
    risk_fraction : float, default 0.01
        Share of equity lost if the stop is hit (before gaps and costs), above 0 and at most 0.2.
    max_leverage : float, default 1
        The largest notional as a multiple of equity, 0.1 to 20.
    costs : Costs
        Commission, spread and slippage charged on each fill, in basis points of its value.
    initial_equity : float, default 100,000
        Dollars, above zero.
    max_holding_days : int, default 20
        A trade still open after this many bars is closed at the close; 1 to 1,000.
    cash_interest : pandas.Series, optional
        What a dollar of cash earns into each close, on the bars' dates (:func:`bill_interest`); without it
        cash earns nothing.

    Returns
    -------
    BacktestResult
        The trades, the daily equity (an open trade marked to the close), the days in the market and the cash interest
        earned.

    Raises
    ------
    ValueError
        On bad bars, series not on the bars' dates, a signal without a positive distance, a
        parameter out of range, or a cash interest that is not a daily fraction on the bars' dates.

    Examples
    --------
    >>> days = pd.bdate_range("2024-01-01", periods=3)
    >>> bars = pd.DataFrame({"open": [100.0, 100, 104], "high": [101.0, 106, 105], "low": [99.0, 99, 103],
    ...                      "close": [100.0, 105, 104]}, index=days)
    >>> signal = pd.Series([True, False, False], index=days)
    >>> free = Costs(commission_bps=0, spread_bps=0, slippage_bps=0)
    >>> result = run_backtest(bars, signal, signal * 2.0, signal * 5.0, costs=free)
    >>> result.trades[["entry_price", "exit_price", "reason"]].to_dict("records")
    [{'entry_price': 100.0, 'exit_price': 105.0, 'reason': 'target'}]
    """
    frame = technicals.ohlc_frame(bars)
    if not isinstance(entries, pd.Series) or not entries.index.equals(frame.index):
        raise ValueError("entries must be a Series of True/False on the bars' dates")
    if entries.dtype != bool:
        raise ValueError(f"entries must hold True/False, got dtype {entries.dtype}")
    stop = validation.series(stop_distance, "stop_distance", sign="non-negative")
    target = validation.series(target_distance, "target_distance", sign="non-negative")
    for name, series in (("stop_distance", stop), ("target_distance", target)):
        if not series.index.equals(frame.index):
            raise ValueError(f"{name} must be on the bars' dates")
        if (series[entries] <= 0).any():
            raise ValueError(f"{name} must be positive on every signal day")
    risk = validation.real_number(risk_fraction, "risk_fraction", low=0.0, low_open=True, high=0.2)
    leverage = validation.real_number(max_leverage, "max_leverage", low=0.1, high=20.0)
    if not isinstance(costs, Costs):
        raise ValueError(f"costs must be a backtest.Costs, got {costs!r}")
    equity = validation.real_number(initial_equity, "initial_equity", low=0.0, low_open=True)
    holding = validation.whole_number(max_holding_days, "max_holding_days", minimum=1, maximum=1000)
    interest = _interest_on(frame.index, cash_interest)

    o, h, l, c = (frame[k].to_numpy().tolist() for k in technicals.OHLC)
    signal, stops, targets = entries.to_numpy().tolist(), stop.to_numpy().tolist(), target.to_numpy().tolist()
    market_cost, limit_cost = costs.fill(market=True), costs.fill(market=False)
    dates = frame.index
    n = len(o)
    curve = np.empty(n)
    held = np.zeros(n, dtype=bool)
    trades = []
    cash = equity
    stake = 0.0  # dollars per point while in a trade
    entry_price = stop_level = target_level = equity_before_entry = 0.0
    entry_day = -1
    curve[0] = cash
    for i in range(1, n):
        # overnight, the money not in the position earns the day's interest (borrowed money pays it)
        cash += (cash - stake * entry_price) * interest[i]
        if stake == 0.0 and signal[i - 1] and cash > 0:
            entry_price = o[i]
            stop_level, target_level = entry_price - stops[i - 1], entry_price + targets[i - 1]
            stake = min(cash * risk / stops[i - 1], cash * leverage / entry_price)
            equity_before_entry = cash
            cash -= stake * entry_price * market_cost
            entry_day = i
        held[i] = stake != 0.0  # in the market at some point of this bar
        if stake:
            exit_price, reason, cost = None, "", 0.0
            if i > entry_day and o[i] <= stop_level:
                exit_price, reason, cost = o[i], "stop (gap)", market_cost
            elif i > entry_day and o[i] >= target_level:
                exit_price, reason, cost = o[i], "target (gap)", limit_cost
            elif l[i] <= stop_level:
                exit_price, cost = stop_level, market_cost
                reason = "stop (both touched)" if h[i] >= target_level else "stop"
            elif h[i] >= target_level:
                exit_price, reason, cost = target_level, "target", limit_cost
            elif i - entry_day + 1 >= holding:
                exit_price, reason, cost = c[i], "time", market_cost
            if exit_price is not None:
                gross = stake * (exit_price - entry_price)
                fees = stake * exit_price * cost + stake * entry_price * market_cost
                cash += gross - stake * exit_price * cost
                trades.append((entry_day, entry_price, i, exit_price, reason, stake, gross - fees))
                stake = 0.0
        curve[i] = cash + stake * (c[i] - entry_price) if stake else cash
        if curve[i] <= 0:
            # ruin: the account is wiped out; it cannot owe money here (no margin debt is modelled), so
            # equity stays at zero and trading stops
            if stake:
                trades.append((entry_day, entry_price, i, c[i], RUIN, stake, -equity_before_entry))
                stake = 0.0
            else:
                trades[-1] = trades[-1][:4] + (RUIN,) + trades[-1][5:6] + (-equity_before_entry,)
            curve[i:] = 0.0
            break
    if stake:
        # still open on the last bar: marked to the last close, the entry's costs paid, no exit yet
        entry_fee = stake * entry_price * market_cost
        trades.append((entry_day, entry_price, n - 1, c[-1], OPEN_AT_END, stake,
                       stake * (c[-1] - entry_price) - entry_fee))
    return BacktestResult(_trade_table(trades, dates), pd.Series(curve, index=dates, name="equity"),
                          pd.Series(held, index=dates, name="in_market"), equity,
                          pd.Series(interest, index=dates, name="cash_interest"))


def run_close_to_close(close: pd.Series, positions: pd.Series, *, costs: Costs = Costs(),
                       initial_equity: float = 100_000.0, cash_interest: pd.Series | None = None
                       ) -> BacktestResult:
    """Hold the instrument from one close to the next whenever ``positions`` says so, fully invested.

    The rules: the position for day ``t`` (True or False) is decided at the close of ``t`` and
    held to the close of ``t + 1``, filled in the closing auction at the close. Fully invested
    means all equity is in the position. Each change of position is one market fill and costs
    ``costs.fill(market=True)`` of the equity that changes hands; a position held over many days
    pays nothing in between. A position still held on the last day is closed at the last close
    (one exit fill), so every trade's costs are counted. No stop, no target, no leverage. Out of the
    market, the equity is cash and earns ``cash_interest`` from each close to the next.

    With positions True every day the result equals buying at the first close and selling at the
    last: equity ``E_0 (1 - c) P_T / P_0 (1 - c)``, or exactly buy and hold when costs are zero.

    Parameters
    ----------
    close : pandas.Series
        Positive closing prices, dated, at least 2.
    positions : pandas.Series of bool
        True on the days whose close starts (or continues) a long position; on the closes' dates.
    costs : Costs
        Commission, spread and slippage charged on each change of position.
    initial_equity : float, default 100,000
        Dollars, above zero.
    cash_interest : pandas.Series, optional
        What a dollar of cash earns into each close, on the closes' dates (:func:`bill_interest`); without it
        cash earns nothing.

    Returns
    -------
    BacktestResult
        Trades with reason ``"signal"`` (the position was switched off) or ``"end of data"``;
        ``in_market`` is True on the days whose return the position earns.

    Raises
    ------
    ValueError
        On bad prices, positions that are not True/False on the closes' dates, bad costs or equity, or a cash
        interest that is not a daily fraction on the closes' dates.

    Examples
    --------
    >>> days = pd.bdate_range("2024-01-01", periods=4)
    >>> close = pd.Series([100.0, 110.0, 99.0, 99.0], index=days)
    >>> held = pd.Series([True, True, False, False], index=days)
    >>> run_close_to_close(close, held, costs=Costs(commission_bps=0, spread_bps=0, slippage_bps=0)).equity.tolist()
    [100000.0, 110000.0, 99000.0, 99000.0]
    """
    prices = validation.series(close, "close", minimum=2, sign="positive", what="closing prices")
    if not isinstance(positions, pd.Series) or not positions.index.equals(prices.index):
        raise ValueError("positions must be a Series of True/False on the closes' dates")
    if positions.dtype != bool:
        raise ValueError(f"positions must hold True/False, got dtype {positions.dtype}")
    if not isinstance(costs, Costs):
        raise ValueError(f"costs must be a backtest.Costs, got {costs!r}")
    equity = validation.real_number(initial_equity, "initial_equity", low=0.0, low_open=True)
    interest = _interest_on(prices.index, cash_interest)
    c = prices.to_numpy().tolist()
    want = positions.to_numpy().tolist()
    want[-1] = False  # whatever the last signal, the position is closed at the last close
    fee = costs.fill(market=True)
    n = len(c)
    curve = np.empty(n)
    held = np.zeros(n, dtype=bool)
    trades = []
    cash, shares, entry_day, entry_value = equity, 0.0, -1, 0.0
    for t in range(n):
        if t > 0:
            cash += cash * interest[t]  # out of the market, the equity is cash and earns the day's interest
        if t > 0 and shares:
            held[t] = True  # the position earns day t's return
        if want[t] and not shares:
            entry_value, entry_day = cash, t
            shares = cash * (1 - fee) / c[t]
            cash = 0.0
        elif shares and not want[t]:
            cash = shares * c[t] * (1 - fee)
            reason = "end of data" if t == n - 1 and positions.iloc[-1] else "signal"
            trades.append((entry_day, c[entry_day], t, c[t], reason, shares, cash - entry_value))
            shares = 0.0
        curve[t] = cash + shares * c[t]
    return BacktestResult(_trade_table(trades, prices.index), pd.Series(curve, index=prices.index, name="equity"),
                          pd.Series(held, index=prices.index, name="in_market"), equity,
                          pd.Series(interest, index=prices.index, name="cash_interest"))


def buy_and_hold(close: pd.Series, *, initial_equity: float = 100_000.0) -> pd.Series:
    """The equity of ``initial_equity`` invested at the first close and held: ``E_0 P_t / P_0``, no costs.

    The benchmark every strategy in the course is drawn against. It holds the price index: dividends are not
    in the shipped prices, so it understates what holding the index (or an ETF that reinvests) earned.

    Parameters
    ----------
    close : pandas.Series
        Positive closes, oldest first, at least two.
    initial_equity : float, default 100,000
        Dollars at the first close, above 0.

    Returns
    -------
    pandas.Series
        Dollars, on the closes' dates, named ``buy_and_hold``.

    Raises
    ------
    ValueError
        On NaN, infinite, zero or negative closes, repeated or unsorted dates, or a bad amount.

    Examples
    --------
    >>> buy_and_hold(pd.Series([100.0, 110.0, 99.0]), initial_equity=1000.0).tolist()
    [1000.0, 1100.0, 990.0]
    """
    close = validation.series(close, "close", minimum=2, sign="positive")
    equity = validation.real_number(initial_equity, "initial_equity", low=0, low_open=True)
    return (close / close.iloc[0] * equity).rename("buy_and_hold")


@dataclasses.dataclass(frozen=True)
class Performance:
    """What a backtest earned and risked, beside buying and holding over the same days."""

    trades: int  # closed trades; the statistics below up to profit_factor are over these
    open_trades: int  # 0 or 1: a trade still open on the last bar
    open_trade_pnl: float | None  # dollars, marked to the last close after entry costs; None when none is open
    hit_rate: float | None  # None when there are no trades
    average_win: float | None  # dollars
    average_loss: float | None  # dollars, negative
    profit_factor: float | None  # gross profit / gross loss; None without a losing trade
    annualised_return: float
    annualised_volatility: float
    sharpe: float | None  # mean daily return over cash / its standard deviation x sqrt(252)
    # equity's return, volatility and drawdown include an open trade, marked to market
    max_drawdown: float
    exposure: float  # share of days in the market
    buy_hold_return: float
    buy_hold_volatility: float
    buy_hold_max_drawdown: float
    buy_hold_sharpe: float | None  # the same Sharpe ratio for holding the (price) index over the same days
    cash_return: float  # what cash alone earned a year over the same days (zero without a cash rate)

    def to_series(self) -> pd.Series:
        """Every field by its name (labels for a page: :func:`rut_edu.reporting.labelled`)."""
        return pd.Series({field.name: getattr(self, field.name) for field in dataclasses.fields(self)},
                         name="performance", dtype=object)


TRADING_DAYS = risk.PERIODS_PER_YEAR["daily"]


def _until_ruin(levels: np.ndarray) -> np.ndarray:
    # after a wipe-out the path stays at zero: returns end with the -100% day
    zero = np.flatnonzero(levels <= 0)
    return levels[:zero[0] + 1] if zero.size else levels


def _sharpe(levels: np.ndarray, cash: np.ndarray) -> float | None:
    # on returns in excess of what cash earned the same day (cash[t] is the interest into close t)
    alive = _until_ruin(levels)
    return risk._sharpe_value(risk._period_return_values(alive) - cash[1:len(alive)], TRADING_DAYS)


def _path_stats(levels: np.ndarray) -> tuple[float, float, float]:
    # risk's formulas on numbers the backtest made itself: an equity path may end at zero, which no price does
    annual = risk._compound_growth_value(levels, TRADING_DAYS)
    returns = risk._period_return_values(_until_ruin(levels))
    volatility = float(risk._annualise_spread(np.std(returns, ddof=1), TRADING_DAYS))
    drawdown = float(np.min(risk._drawdown_values(levels)))
    return annual, volatility, drawdown


def performance(result: BacktestResult, bars: pd.DataFrame) -> Performance:
    """Trade statistics and risk of a :func:`run_backtest` result, with buy and hold on the same bars.

    Parameters
    ----------
    result : BacktestResult
        What :func:`run_backtest` or :func:`run_close_to_close` returned for these bars.
    bars : pandas.DataFrame
        The bars the backtest ran on (buy and hold uses their closes).

    Returns
    -------
    Performance
        Trade counts, hit rate and payoffs, and the return, volatility, Sharpe ratio and drawdown of the equity and of
        buy and hold.

    Raises
    ------
    ValueError
        If the result and the bars do not cover the same dates, or fewer than 20 days.

    Examples
    --------
    >>> days = pd.bdate_range("2024-01-01", periods=30)
    >>> bars = pd.DataFrame({"open": 100.0, "high": 101.0, "low": 99.0, "close": 100.0 + np.arange(30) % 2},
    ...                     index=days)
    >>> none = pd.Series(False, index=days)
    >>> performance(run_backtest(bars, none, none * 1.0, none * 1.0), bars).trades
    0
    """
    if not isinstance(result, BacktestResult):
        raise validation.WrongKindError(f"result must be a BacktestResult, got {type(result).__name__}")
    frame = technicals.ohlc_frame(bars, minimum=20)
    if not result.equity.index.equals(frame.index):
        raise ValueError("the result and the bars cover different dates")
    pnl = result.closed_trades["pnl"].to_numpy()
    still_open = result.open_trade["pnl"].to_numpy()
    wins, losses = pnl[pnl > 0], pnl[pnl <= 0]
    equity = result.equity.to_numpy()
    closes = frame["close"].to_numpy()
    cash = result.cash_interest.to_numpy()
    annual, volatility, drawdown = _path_stats(equity)
    hold = _path_stats(closes)
    return Performance(
        trades=len(pnl), open_trades=len(still_open),
        open_trade_pnl=float(still_open[0]) if len(still_open) else None,
        hit_rate=float(len(wins) / len(pnl)) if len(pnl) else None,
        average_win=float(wins.mean()) if len(wins) else None,
        average_loss=float(losses.mean()) if len(losses) else None,
        profit_factor=float(wins.sum() / -losses.sum()) if len(losses) and losses.sum() < 0 else None,
        annualised_return=annual, annualised_volatility=volatility,
        sharpe=_sharpe(equity, cash),
        max_drawdown=drawdown, exposure=float(result.in_market.mean()),
        buy_hold_return=hold[0], buy_hold_volatility=hold[1], buy_hold_max_drawdown=hold[2],
        buy_hold_sharpe=_sharpe(closes, cash),
        # cash[0] is zero: nothing is earned before the start
        cash_return=risk._compound_growth_value(np.cumprod(1 + cash), TRADING_DAYS))


# ---------------------------------------------------------------------------------------------- the range strategy
@dataclasses.dataclass(frozen=True)
class RangeSignals:
    entries: pd.Series
    stop_distance: pd.Series
    target_distance: pd.Series
    regime: pd.Series


def range_strategy(bars: pd.DataFrame, *, pivot_method: str = "classic", range_filter: bool = True,
                   stop_atr: float = 2.0, target_atr: float = 2.0, window: int = 14) -> RangeSignals:
    """The course's range strategy: buy when the close is at or below the day's S1 pivot, in a range-bound market.

    At the close of day ``t``: if the close is at or below the S1 level in force that day (from day
    ``t - 1``'s bar) and, with ``range_filter``, the day is labelled ``range`` by
    :func:`rut_edu.technicals.range_regime`, buy at the next open. The stop sits ``stop_atr`` ATRs
    below the entry, the target ``target_atr`` ATRs above (ATR of day ``t``). Every input is
    known at the close of day ``t``.

    Parameters
    ----------
    bars : pandas.DataFrame
        Daily price bars, at least ``2 * window + 1``.
    pivot_method : str, default "classic"
        A key of :data:`rut_edu.technicals.PIVOT_METHODS`.
    range_filter : bool, default True
        Enter only on days :func:`rut_edu.technicals.range_regime` calls range-bound.
    stop_atr, target_atr : float, default 2
        Multiples of ATR, above 0 and at most 20.
    window : int, default 14
        The ATR, CHOP and ADX window.

    Returns
    -------
    RangeSignals
        Series on the bars' dates; days before the indicators exist never signal.

    Raises
    ------
    ValueError
        On bad bars or parameters.

    Examples
    --------
    >>> from rut_edu import data
    >>> signals = range_strategy(data.load_russell2000_daily().loc["2019":"2020"])
    >>> bool(signals.entries.any())
    True
    """
    frame = technicals.ohlc_frame(bars)
    method = validation.choice(pivot_method, "pivot_method", tuple(technicals.PIVOT_METHODS))
    range_filter = validation.flag(range_filter, "range_filter")
    stop_k = validation.real_number(stop_atr, "stop_atr", low=0.0, low_open=True, high=20.0)
    target_k = validation.real_number(target_atr, "target_atr", low=0.0, low_open=True, high=20.0)
    window = validation.whole_number(window, "window", minimum=2)
    s1 = technicals.pivot_levels(frame, method=method)["S1"].reindex(frame.index)
    ranges = technicals.atr(frame, window=window).reindex(frame.index)
    regime = technicals.range_regime(frame, window=window).reindex(frame.index).fillna("unknown")
    known = s1.notna() & ranges.notna() & (regime != "unknown")
    entries = known & (frame["close"] <= s1)
    if range_filter:
        entries &= regime == "range"
    distance = ranges.fillna(0.0)
    return RangeSignals(entries.astype(bool), (distance * stop_k).rename("stop_distance"),
                        (distance * target_k).rename("target_distance"), regime.rename("regime"))


def parameter_grid(bars: pd.DataFrame, *, stop_values, target_values, pivot_method: str = "classic",
                   range_filter: bool = True, costs: Costs = Costs(),
                   cash_interest: pd.Series | None = None) -> pd.DataFrame:
    """The range strategy's annualised return for every pair of stop and target multiples (rows: stop).

    Trying many settings and keeping the best overstates what the best would earn next time;
    the grid shows the whole spread so the best can be seen for what it is.

    Parameters
    ----------
    bars : pandas.DataFrame
        Daily price bars.
    stop_values, target_values : sequence of float
        ATR multiples, each above 0 and at most 20, at most 20 values each.
    pivot_method : str, default "classic"
        The pivot formula (a key of :data:`rut_edu.technicals.PIVOT_METHODS`).
    range_filter : bool, default True
        Trade only on days :func:`rut_edu.technicals.range_regime` calls range-bound.
    costs : Costs
        Commission, spread and slippage charged on every fill.
    cash_interest : pandas.Series, optional
        What cash earns into each close, on the bars' dates (:func:`bill_interest`); without it, nothing.

    Returns
    -------
    pandas.DataFrame
        Annualised return, indexed by stop multiple, one column per target multiple.

    Raises
    ------
    ValueError
        On bad bars or parameters.

    Examples
    --------
    >>> from rut_edu import data
    >>> grid = parameter_grid(data.load_russell2000_daily().loc["2015":"2016"], stop_values=[1.0, 2.0], target_values=[1.0, 2.0])
    >>> grid.shape
    (2, 2)
    """
    stops = validation.finite_values(stop_values, "stop_values", sign="positive")
    targets = validation.finite_values(target_values, "target_values", sign="positive")
    for name, values in (("stop_values", stops), ("target_values", targets)):
        if len(values) > 20 or values.max() > 20:
            raise ValueError(f"{name} must hold at most 20 multiples, each at most 20")
    if not isinstance(costs, Costs):
        raise ValueError(f"costs must be a backtest.Costs, got {costs!r}")
    frame = technicals.ohlc_frame(bars, minimum=60)
    base = range_strategy(frame, pivot_method=pivot_method, range_filter=range_filter, stop_atr=1.0, target_atr=1.0)
    grid = {}
    for target in targets:
        column = {}
        for stop in stops:
            result = run_backtest(frame, base.entries, base.stop_distance * stop, base.target_distance * target,
                                  costs=costs, cash_interest=cash_interest)
            column[float(stop)] = performance(result, frame).annualised_return
        grid[float(target)] = column
    table = pd.DataFrame(grid)
    table.index.name, table.columns.name = "stop (ATR)", "target (ATR)"
    return table


@dataclasses.dataclass(frozen=True)
class PreparedBacktest:
    """The bars and, for every pivot method with and without the range filter, signals at one ATR."""

    bars: pd.DataFrame
    signals: dict[tuple[str, bool], RangeSignals]
    cash_interest: pd.Series | None  # what cash earns into each close (None: nothing)


def prepare_backtest(bars: pd.DataFrame, *, cash_interest: pd.Series | None = None) -> PreparedBacktest:
    """Compute the indicators once, so a slider move only reruns the trading loop.

    Parameters
    ----------
    bars : pandas.DataFrame
        Daily OHLC bars, at least 60.
    cash_interest : pandas.Series, optional
        What cash earns into each close, on the bars' dates (:func:`bill_interest`), kept for every run.

    Returns
    -------
    PreparedBacktest
        The checked bars and, for each pivot method with and without the range filter, the signals with
        stop and target distances of one ATR (scale them by the chosen multiples).

    Raises
    ------
    ValueError
        On bad bars (as :func:`rut_edu.technicals.ohlc_frame`) or a cash interest that is not a daily fraction on
        the bars' dates.

    Examples
    --------
    >>> from rut_edu import data
    >>> prepared = prepare_backtest(data.load_russell2000_daily().loc["2019"])
    >>> sorted(prepared.signals)[:2]
    [('Camarilla', False), ('Camarilla', True)]
    """
    frame = technicals.ohlc_frame(bars, minimum=60)
    if cash_interest is not None:
        # a bad rate fails here, before the strategies are computed, not at a widget's first move
        _interest_on(frame.index, cash_interest)
    signals = {(method, use_filter): range_strategy(frame, pivot_method=method, range_filter=use_filter, stop_atr=1.0,
                                                    target_atr=1.0)
               for method in technicals.PIVOT_METHODS for use_filter in (True, False)}
    return PreparedBacktest(frame, signals, cash_interest)
