"""The instruments that stand in for the index, and their contract terms: the one table of terms.

Pure computation; the conventions of :mod:`rut_edu.instruments` hold (points, dollars,
decimals per year, ACT/365).
"""

from __future__ import annotations

import dataclasses

import pandas as pd

from rut_edu import validation

KINDS = ("future", "index option", "ETF", "CFD")
DAYS_PER_YEAR = 365  # ACT/365: time to expiry in years is calendar days / 365


@dataclasses.dataclass(frozen=True, kw_only=True)
class Instrument:
    """One instrument's terms as published, with where and when they were read."""

    symbol: str
    name: str
    kind: str  # one of KINDS
    underlying: str
    venue: str
    multiplier: float | None  # dollars per point of the value the contract is written on (None: bought by the share)
    index_fraction: float  # 1.0, or 0.1 for a contract written on a tenth of the index
    tick_points: float | None  # minimum price step in points of that value (None: not fixed or not recorded)
    settlement: str
    exercise: str | None  # options only
    expense_ratio: float | None  # funds only, per year
    traded: str
    as_of: str  # when these terms were read from the source
    source: str  # key in book/references.bib

    @property
    def dollars_per_point(self) -> float | None:
        """Dollars gained per one-point rise of the index, per contract (None for a fund or a CFD)."""
        return None if self.multiplier is None else self.multiplier * self.index_fraction

    def to_series(self) -> pd.Series:
        return pd.Series({
            "name": self.name, "kind": self.kind, "underlying": self.underlying, "venue": self.venue,
            "dollars_per_point": self.dollars_per_point,
            "tick_dollars": None if self.tick_points is None or self.dollars_per_point is None
            else round(self.tick_points * self.dollars_per_point, 2),
            "settlement": self.settlement, "exercise": self.exercise,
            "expense_ratio": self.expense_ratio, "traded": self.traded, "as_of": self.as_of,
            "source": self.source,
        }, name=self.symbol)


INSTRUMENTS: dict[str, Instrument] = {i.symbol: i for i in (
    Instrument(symbol="RTY", name="E-mini Russell 2000 futures", kind="future", underlying="Russell 2000",
               venue="CME", multiplier=50.0, index_fraction=1.0, tick_points=0.1,
               settlement="cash, to a special opening quotation on the third Friday", exercise=None,
               expense_ratio=None, traded="since 10 July 2017", as_of="2026-11-22", source="cme2026rty"),
    Instrument(symbol="M2K", name="Micro E-mini Russell 2000 futures", kind="future", underlying="Russell 2000",
               venue="CME", multiplier=5.0, index_fraction=1.0, tick_points=0.1, settlement="cash, as RTY",
               exercise=None, expense_ratio=None, traded="since May 2019", as_of="2026-11-22", source="cme2026m2k"),
    Instrument(symbol="TF", name="Russell 2000 Index Mini futures", kind="future", underlying="Russell 2000",
               venue="ICE", multiplier=100.0, index_fraction=1.0, tick_points=0.1, settlement="cash", exercise=None,
               expense_ratio=None, traded="2007-2017 (delisted as open interest ran off)", as_of="2017-06-30",
               source="ice2017tf"),
    Instrument(symbol="RL", name="Russell 2000 futures (the first contract)", kind="future",
               underlying="Russell 2000", venue="CME", multiplier=500.0, index_fraction=1.0, tick_points=None,
               settlement="cash", exercise=None, expense_ratio=None, traded="1993-2008", as_of="2017-06-12",
               source="cme2017return"),
    Instrument(symbol="ES", name="E-mini S&P 500 futures (for comparison)", kind="future", underlying="S&P 500",
               venue="CME", multiplier=50.0, index_fraction=1.0, tick_points=0.25,
               settlement="cash, to a special opening quotation on the third Friday", exercise=None,
               expense_ratio=None, traded="since 1997", as_of="2026-11-22", source="cme2026es"),
    Instrument(symbol="RUT", name="Russell 2000 index options", kind="index option", underlying="Russell 2000",
               venue="Cboe", multiplier=100.0, index_fraction=1.0, tick_points=None,
               settlement="cash; standard series AM-settled, weeklies and end-of-month PM-settled",
               exercise="European", expense_ratio=None, traded="listed at Cboe", as_of="2026-11-22",
               source="cboe2026rut"),
    Instrument(symbol="MRUT", name="Mini-Russell 2000 index options", kind="index option",
               underlying="a tenth of the Russell 2000", venue="Cboe", multiplier=100.0, index_fraction=0.1,
               tick_points=None, settlement="cash, PM-settled", exercise="European", expense_ratio=None,
               traded="since 2021", as_of="2026-11-22", source="cboe2026rut"),
    Instrument(symbol="IWM", name="iShares Russell 2000 ETF", kind="ETF", underlying="Russell 2000",
               venue="NYSE Arca", multiplier=None, index_fraction=1.0, tick_points=None,
               settlement="shares; creation and redemption in kind by authorised participants", exercise=None,
               expense_ratio=0.0019, traded="since 22 May 2000", as_of="2026-05-05", source="etfcom2026iwm"),
    Instrument(symbol="VTWO", name="Vanguard Russell 2000 ETF", kind="ETF", underlying="Russell 2000",
               venue="Nasdaq", multiplier=None, index_fraction=1.0, tick_points=None,
               settlement="shares; creation and redemption in kind by authorised participants", exercise=None,
               expense_ratio=0.0007, traded="since 20 September 2010", as_of="2025-12-01",
               source="ainvest2025vtwo"),
    Instrument(symbol="CFD", name="Russell 2000 index CFD (generic)", kind="CFD",
               underlying="Russell 2000 (broker's price)", venue="over the counter, the broker is the counterparty",
               multiplier=None, index_fraction=1.0, tick_points=None,
               settlement="cash, at the broker's price when the position is closed", exercise=None,
               expense_ratio=None,
               traded="not offered to retail clients in the United States; EU retail leverage capped at 10:1",
               as_of="2018-08-01", source="esma2018cfd"),
)}

# Reported average daily volume, in contracts (CME Monthly Equity Index Review, October 2019).
REPORTED_VOLUME = {"RTY": 145_267, "ES": 1_560_774}
REPORTED_VOLUME_PERIOD = "2019, year to October"
REPORTED_VOLUME_SOURCE = "cme2019review"
REPORTED_VOLUME_DAY = "2019-10-31"  # the report's last trading day: index levels for its notional are read there


@dataclasses.dataclass(frozen=True, kw_only=True)
class ExchangeMargin:
    """A futures exchange's least initial margin per contract on one day, with the price it stood against.

    A futures trader does not choose leverage freely: the clearing house fixes the least deposit per
    contract (CME's "performance bond", set with SPAN and reset as volatility changes) and a broker
    may ask for more. The highest leverage on offer is the notional value over that deposit.
    """

    symbol: str  # a key of INSTRUMENTS
    initial_margin: float  # dollars per contract
    futures_price: float  # points, the settlement price the margin was quoted against
    as_of: str
    source: str  # key in book/references.bib

    @property
    def notional(self) -> float:
        """Dollars of index one contract carried at :attr:`futures_price`."""
        return self.futures_price * instrument(self.symbol).dollars_per_point

    @property
    def margin_share(self) -> float:
        """The margin as a share of the notional value (0.05 is 5%)."""
        return self.initial_margin / self.notional

    @property
    def highest_leverage(self) -> float:
        """Notional over the least margin: the most leverage the exchange allowed that day."""
        return self.notional / self.initial_margin


# One dated example, from a broker's note: ICE's $100 contract settled at 1,163.10 on 4 Nov 2015 and needed
# $5,940 of initial margin (as of 11 Nov 2015). Exchanges publish their rates in clearing advisories;
# the level moves with volatility, so the course teaches the ratio, not a current number.
EXCHANGE_MARGIN_EXAMPLE = ExchangeMargin(symbol="TF", initial_margin=5_940.0, futures_price=1_163.10,
                                         as_of="2015-11-11", source="daniels2015tf")



def instrument(symbol: str) -> Instrument:
    """The terms of the instrument with ``symbol`` (a key of :data:`INSTRUMENTS`).

    Parameters
    ----------
    symbol : str
        For example ``"RTY"``, ``"M2K"``, ``"RUT"``, ``"IWM"`` or ``"CFD"``.

    Returns
    -------
    Instrument
        Its multiplier, tick, settlement, exercise style, costs and the date its terms were checked.

    Raises
    ------
    ValueError
        If no instrument has that symbol.

    Examples
    --------
    >>> instrument("RTY").dollars_per_point
    50.0
    >>> instrument("MRUT").dollars_per_point  # $100 times a tenth of the index
    10.0
    """
    return INSTRUMENTS[validation.choice(symbol, "symbol", tuple(INSTRUMENTS))]


def terms_table(*, kind: str = "all") -> pd.DataFrame:
    """The published terms of every instrument of one ``kind``, one row each (columns without content dropped).

    Parameters
    ----------
    kind : str, default "all"
        One of :data:`KINDS` (``"future"``, ``"index option"``, ``"ETF"``, ``"CFD"``), or ``"all"``.

    Returns
    -------
    pandas.DataFrame
        Indexed by symbol.

    Raises
    ------
    ValueError
        If ``kind`` is neither one of :data:`KINDS` nor ``"all"``.

    Examples
    --------
    >>> terms_table(kind="future")["tick_dollars"].to_dict()["M2K"]
    0.5
    """
    kind = validation.choice(kind, "kind", KINDS + ("all",))
    rows = [i.to_series() for i in INSTRUMENTS.values() if kind in ("all", i.kind)]
    return pd.DataFrame(rows).dropna(axis="columns", how="all")


def _contract(symbol: str) -> Instrument:
    chosen = instrument(symbol)
    if chosen.dollars_per_point is None:
        sized = "a fund is bought by the share" if chosen.kind == "ETF" else "a CFD is sized by its stake per point"
        raise ValueError(f"{symbol} has no contract multiplier: {sized}")
    return chosen


def _level(value, name: str = "index_level") -> float:
    return validation.real_number(value, name, low=0.0, low_open=True)


def notional_value(symbol: str, index_level: float, *, contracts: int) -> float:
    """The value of the index exposure that ``contracts`` contracts of ``symbol`` carry, in dollars.

    ``contracts`` times dollars per index point times the index level.

    Parameters
    ----------
    symbol : str
        A futures or options symbol of :data:`INSTRUMENTS`.
    index_level : float
        The index (or futures) price in points, above zero.
    contracts : int
        How many contracts, at least 1.

    Returns
    -------
    float
        Dollars.

    Raises
    ------
    ValueError
        For a fund or a CFD (no multiplier), a level at or below zero, or fewer than one contract.

    Examples
    --------
    >>> notional_value("RTY", 2000.0, contracts=3)
    300000.0
    """
    chosen = _contract(symbol)
    contracts = validation.whole_number(contracts, "contracts", minimum=1)
    return contracts * chosen.dollars_per_point * _level(index_level)


def tick_value(symbol: str) -> float:
    """Dollars gained or lost per contract when the price moves by one minimum tick.

    Parameters
    ----------
    symbol : str
        A futures symbol of :data:`INSTRUMENTS` whose tick is recorded.

    Returns
    -------
    float
        Dollars per tick per contract.

    Raises
    ------
    ValueError
        If the instrument has no multiplier or no recorded tick.

    Examples
    --------
    >>> tick_value("RTY"), tick_value("M2K"), tick_value("TF")
    (5.0, 0.5, 10.0)
    """
    chosen = _contract(symbol)
    if chosen.tick_points is None:
        raise ValueError(f"{symbol} has no single recorded tick size (options ticks depend on the premium)")
    return round(chosen.tick_points * chosen.dollars_per_point, 10)
