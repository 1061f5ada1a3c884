"""Reconstitution: who is eligible, how companies are ranked and placed, when it happens, and what it costs.

Pure computation (no matplotlib, no ipywidgets). Facts: FTSE Russell, *Russell US
Equity Indexes Construction and Methodology* v7.0 (May 2026), sections 4-6, 9 and
Appendix F. Conventions: market caps in dollars; float factors and voting shares
as decimals; a "universe" is a DataFrame with one row per company, labelled by
company, with the columns each function names.

Simplifications, said once here and again where they bite:

* one share class per company, so total market cap is price times shares;
* home-country assignment uses one country per indicator, not two-year averages;
* the simulator treats every live company as eligible, ignores style indexes, and lets new
  listings join at the next reconstitution rather than in the quarterly IPO windows.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd

from rut_edu import index, validation
from rut_edu.family import RANK_RANGES
from rut_edu.periods import CALENDAR_YEARS, nyse_sessions

# ---------------------------------------------------------------- eligibility (methodology v7.0, section 5)
MIN_PRICE = 1.0  # dollars, close on rank day (5.8.1)
MIN_TOTAL_CAP = 30e6  # dollars (5.9.1)
MIN_FLOAT = 0.05  # less than 5% of shares available is ineligible; exactly 5% is eligible (5.10.1, 6.5.1)
MIN_UNRESTRICTED_VOTING = 0.05  # share of voting rights with unrestricted holders (5.15)
ELIGIBLE_EXCHANGES = ("CBOE", "NYSE", "NYSE American", "NYSE Arca", "NASDAQ")  # 5.6-5.7
EXCLUDED_STRUCTURES = ("royalty trust", "LLC", "closed-end fund", "BDC", "SPAC", "blank-cheque company",
                       "limited partnership", "ETF", "mutual fund")  # 5.11-5.12
EXCLUDED_SHARE_TYPES = ("preferred", "convertible preferred", "redeemable", "participating preferred", "warrant",
                        "right", "depositary receipt", "instalment receipt", "trust receipt")  # 5.13
# Countries where companies incorporate or keep a head office for tax or legal benefit (Appendix B, abridged).
BENEFIT_DRIVEN_COUNTRIES = ("BM", "KY", "VG", "JE", "GG", "IM", "BS", "PA", "LR", "MH", "GI", "CW")
US_TERRITORIES = ("US", "PR", "GU", "VI", "AS", "MP")
# A total market cap under this many dollars is no listed company's: a table holding one is almost surely in
# millions or thousands of dollars (the screens read dollars).
IMPLAUSIBLE_TOTAL_CAP = 100_000.0


def _folded(value) -> str:
    """Text as the rules compare it: case and surrounding spaces ignored ("nasdaq", " NASDAQ ")."""
    return str(value).strip().casefold()


def _one_of(value, names) -> bool:
    return _folded(value) in {_folded(name) for name in names}


def home_country(incorporation: str, headquarters: str, most_liquid_exchange: str, assets: str,
                 revenue: str) -> str:
    """The country FTSE Russell assigns a company to, from its home-country indicators (simplified).

    If incorporation, headquarters and the country of the most liquid exchange agree,
    that is the country. Otherwise the country holding most assets decides, then the one
    with most revenue, then the headquarters; a headquarters in a benefit-driven country
    (Bermuda, the Cayman Islands...) gives way to the most liquid exchange's country.
    US territories count as the US. Simplified: one country per indicator, where the
    methodology averages assets and revenue over two years and may ask for more data.

    Parameters
    ----------
    incorporation, headquarters, most_liquid_exchange, assets, revenue : str
        Two-letter country codes (ISO 3166, any case): where the company is incorporated, where its
        head office is, the country of the exchange where it trades most, where most of its assets
        are and where most of its revenue comes from.

    Returns
    -------
    str
        The assigned country's two-letter code, upper case ('US' for a US territory).

    Raises
    ------
    ValueError
        A code that is not two letters.

    Examples
    --------
    >>> home_country(incorporation="US", headquarters="US", most_liquid_exchange="US", assets="US", revenue="US")
    'US'
    >>> home_country("KY", "KY", "US", "US", "US")  # incorporated and run from the Caymans, trades in New York
    'US'
    """
    names = ("incorporation", "headquarters", "most_liquid_exchange", "assets", "revenue")
    codes = []
    for name, code in zip(names, (incorporation, headquarters, most_liquid_exchange, assets, revenue)):
        if not isinstance(code, str):
            raise validation.WrongKindError(f"{name} must be a two-letter country code such as 'US' or 'KY', got {code!r}")
        if not (len(code) == 2 and code.isalpha()):
            raise ValueError(f"{name} must be a two-letter country code such as 'US' or 'KY', got {code!r}")
        codes.append(code.upper())
    codes = ["US" if c in US_TERRITORIES else c for c in codes]
    incorporation, headquarters, exchange, assets, revenue = codes
    if incorporation == headquarters == exchange:
        return exchange if headquarters in BENEFIT_DRIVEN_COUNTRIES else headquarters
    candidates = {incorporation, headquarters, exchange}
    for tie_break in (assets, revenue):
        if tie_break in candidates:
            return tie_break
    return exchange if headquarters in BENEFIT_DRIVEN_COUNTRIES else headquarters


def _price(company: Mapping) -> bool:
    if company["price"] >= MIN_PRICE:
        return True
    # An existing member below $1 stays eligible if its 30-day average close before rank day is at least $1.
    return bool(company["existing_member"]) and company["average_price_30d"] >= MIN_PRICE


@dataclasses.dataclass(frozen=True)
class EligibilityRule:
    """One screen of the methodology: what it asks, where it is written, and the test on one company."""

    description: str
    section: str
    passes: Callable[[Mapping], bool]


# One registry: each rule's name, text, source and test live together; screens follow this order.
ELIGIBILITY_RULES = {
    "price": EligibilityRule("close of at least $1 on rank day (existing members: or a 30-day average of $1)",
                             "5.8.1", _price),
    "total market cap": EligibilityRule("total market cap of at least $30 million", "5.9.1",
                                        lambda c: c["total_cap"] >= MIN_TOTAL_CAP),
    "float": EligibilityRule("at least 5% of shares available to the public", "5.10.1",
                             lambda c: c["float_factor"] >= MIN_FLOAT),
    "voting rights": EligibilityRule("at least 5% of voting rights with unrestricted holders", "5.15",
                                     lambda c: c["unrestricted_voting"] >= MIN_UNRESTRICTED_VOTING),
    "exchange": EligibilityRule("trades on an eligible US exchange", "5.6-5.7",
                                lambda c: _one_of(c["exchange"], ELIGIBLE_EXCHANGES)),
    "structure": EligibilityRule("an operating company, not a trust, fund, partnership or SPAC", "5.11-5.12",
                                 lambda c: not _one_of(c["structure"], EXCLUDED_STRUCTURES)),
    "share type": EligibilityRule("common stock, not preferred shares, warrants or depositary receipts", "5.13",
                                  lambda c: not _one_of(c["share_type"], EXCLUDED_SHARE_TYPES)),
    "country": EligibilityRule("assigned to the US by the home-country indicators (simplified)", "5.3, 5.5",
                               lambda c: home_country(*(str(c[k]).strip().upper() for k in (
                                   "incorporation", "headquarters", "exchange_country", "assets_country",
                                   "revenue_country"))) == "US"),
}
SCREEN_COLUMNS = ("price", "average_price_30d", "existing_member", "total_cap", "float_factor", "unrestricted_voting",
                  "exchange", "structure", "share_type", "incorporation", "headquarters", "exchange_country",
                  "assets_country", "revenue_country")
NUMERIC_SCREEN_COLUMNS = ("price", "average_price_30d", "total_cap", "float_factor", "unrestricted_voting")
SHARE_COLUMNS = ("float_factor", "unrestricted_voting")  # fractions of the shares or votes: 0 to 1


def _caps_in_dollars(caps: np.ndarray, name: str) -> None:
    small = caps[(caps > 0) & (caps < IMPLAUSIBLE_TOTAL_CAP)]
    if small.size:
        raise ValueError(f"{name} is in dollars, and {small.size} value(s) are below ${IMPLAUSIBLE_TOTAL_CAP:,.0f} "
                         f"(the smallest {small.min():,.6g}), which no listed company is worth: in millions? "
                         "multiply by 1,000,000")


def _check_candidates(universe: pd.DataFrame, columns=SCREEN_COLUMNS) -> None:
    if not isinstance(universe, pd.DataFrame) or universe.empty:
        raise ValueError("the universe must be a non-empty DataFrame, one row per company")
    missing = [c for c in columns if c not in universe.columns]
    if missing:
        raise ValueError(f"the universe lacks column(s) {missing}")
    if universe.index.has_duplicates:
        raise ValueError(f"duplicated companies: {sorted(set(universe.index[universe.index.duplicated()]))[:5]}")
    for column in set(NUMERIC_SCREEN_COLUMNS) & set(columns):
        values = validation.finite_values(universe[column].to_numpy(), f"column {column!r}", sign="non-negative")
        if column in SHARE_COLUMNS and (values > 1).any():
            raise ValueError(f"column {column!r} holds shares between 0 and 1; {int((values > 1).sum())} value(s) "
                             f"are above 1 (the largest {values.max():g}: percent? divide by 100)")
        if column == "total_cap":
            _caps_in_dollars(values, "column 'total_cap'")
    if "shares" in universe.columns:  # not screened, but a negative share count means the table is wrong
        validation.finite_values(universe["shares"].to_numpy(), "column 'shares'", sign="positive")
    if "existing_member" in columns:
        flags = universe["existing_member"]
        if not all(isinstance(flag, (bool, np.bool_)) for flag in flags):
            odd = next(flag for flag in flags if not isinstance(flag, (bool, np.bool_)))
            raise ValueError(f"column 'existing_member' must hold True/False, got {odd!r}")


def failed_rules(company: Mapping) -> list[str]:
    """The names of the eligibility rules one company fails (empty: it is eligible).

    Parameters
    ----------
    company : Mapping
        One company's rank-day fields, every name of ``SCREEN_COLUMNS``: prices in dollars, total cap
        in dollars, float factor and unrestricted voting share as fractions in [0, 1],
        ``existing_member`` True or False, and the text fields the rules read.

    Returns
    -------
    list of str
        Names of the rules in ``ELIGIBILITY_RULES`` the company fails, in the table's order.

    Raises
    ------
    ValueError
        A missing field, a negative or non-finite number, a fraction above 1, or a membership flag
        that is not True or False.

    Examples
    --------
    >>> company = dict(price=0.8, average_price_30d=1.2, existing_member=False, total_cap=25e6, float_factor=0.5,
    ...                unrestricted_voting=1.0, exchange="NASDAQ", structure="operating company",
    ...                share_type="common", incorporation="US", headquarters="US", exchange_country="US",
    ...                assets_country="US", revenue_country="US")
    >>> failed_rules(company)
    ['price', 'total market cap']
    """
    missing = [c for c in SCREEN_COLUMNS if c not in company]
    if missing:
        raise ValueError(f"the company lacks field(s) {missing}")
    for column in NUMERIC_SCREEN_COLUMNS:
        validation.real_number(company[column], column, low=0, high=1.0 if column in SHARE_COLUMNS else None)
    _caps_in_dollars(np.array([float(company["total_cap"])]), "total_cap")
    validation.flag(company["existing_member"], "existing_member")
    return [name for name, rule in ELIGIBILITY_RULES.items() if not rule.passes(company)]


# Ineligible candidates added to the synthetic universe by candidate_universe: (rule they fail, how many).
PROBLEM_CANDIDATES = (("price", 40), ("total market cap", 90), ("float", 25), ("voting rights", 10),
                      ("exchange", 45), ("structure", 40), ("share type", 30), ("country", 50))


def candidate_universe(*, seed: int = 2026) -> pd.DataFrame:
    """A SYNTHETIC rank-day candidate list: the synthetic universe plus companies that fail a screen.

    The 4,000 companies of :func:`rut_edu.universe.synthetic_universe`, at their rank-day
    values, pass every rule but a few of the smallest, which fall under $30 million;
    ``PROBLEM_CANDIDATES`` adds a few hundred that each fail one (penny stocks, companies
    under $30 million, OTC listings, SPACs, depositary receipts, foreign companies...), and
    20 US-listed penny stocks that were members and keep their place through the 30-day
    average exception. Nothing here is a real company.

    Parameters
    ----------
    seed : int, default 2026
        Seed of the random generator, 0 or more (the same seed gives the same table).

    Returns
    -------
    pandas.DataFrame
        One row per candidate company with the ``SCREEN_COLUMNS`` fields and ``shares``; the
        table's ``attrs["synthetic"]`` is True.

    Raises
    ------
    ValueError
        A negative or fractional seed.

    Examples
    --------
    >>> candidates = candidate_universe()
    >>> len(candidates), candidates.attrs["synthetic"]
    (4350, True)
    """
    from rut_edu import universe as synthetic

    seed = validation.whole_number(seed, "seed", minimum=0)
    rng = np.random.default_rng([seed, 104729])
    base = synthetic.synthetic_universe(seed=seed)
    clean = dict(existing_member=base["rank"] <= 3000,
                 unrestricted_voting=1.0, exchange=rng.choice(["NYSE", "NASDAQ"], len(base), p=[0.35, 0.65]),
                 structure="operating company", share_type="common", incorporation="US", headquarters="US",
                 exchange_country="US", assets_country="US", revenue_country="US")
    # Rank-day values: the universe's snapshot prices moved on after rank day.
    rank_day_price = base["rank_day_total_cap"] / base["shares"]
    clean["average_price_30d"] = rank_day_price
    table = base[["shares", "float_factor"]].assign(price=rank_day_price, total_cap=base["rank_day_total_cap"],
                                                    **clean)
    extra = []
    number = 0
    for rule, count in PROBLEM_CANDIDATES + (("none: 30-day average exception", 20),):
        for _ in range(count):
            number += 1
            cap = float(np.exp(rng.normal(np.log(4e8), 1.0)))
            price = float(np.exp(rng.normal(np.log(15.0), 0.6)))
            row = dict(price=price, shares=round(cap / price), float_factor=float(rng.uniform(0.3, 1.0)),
                       average_price_30d=price, existing_member=False, **{k: v for k, v in clean.items()
                       if k not in ("average_price_30d", "existing_member", "exchange")}, exchange="NASDAQ")
            if rule == "price":
                row.update(price=float(rng.uniform(0.2, 0.95)), average_price_30d=float(rng.uniform(0.3, 0.99)))
            elif rule == "none: 30-day average exception":
                row.update(price=float(rng.uniform(0.6, 0.99)), average_price_30d=float(rng.uniform(1.05, 1.6)),
                           existing_member=True)
            elif rule == "total market cap":
                row.update(price=float(rng.uniform(1.5, 6.0)))
                cap = float(rng.uniform(3e6, 29e6))
            elif rule == "float":
                row.update(float_factor=float(rng.uniform(0.005, 0.05)))
            elif rule == "voting rights":
                row.update(unrestricted_voting=float(rng.uniform(0.0, 0.049)))
            elif rule == "exchange":
                row.update(exchange=str(rng.choice(["OTC", "pink sheets"])))
            elif rule == "structure":
                row.update(structure=str(rng.choice(["SPAC", "closed-end fund", "limited partnership",
                                                     "royalty trust", "BDC"])))
            elif rule == "share type":
                row.update(share_type=str(rng.choice(["depositary receipt", "preferred", "warrant"])))
            elif rule == "country":
                home = str(rng.choice(["CA", "GB", "IL", "DE", "CN"]))
                row.update(incorporation=home, headquarters=home, exchange_country=home, assets_country=home,
                           revenue_country=home)
            row["shares"] = max(round(cap / row["price"]), 1)
            row["total_cap"] = row["price"] * row["shares"]
            extra.append(pd.Series(row, name=f"CAND-{number:04d}"))
    candidates = pd.concat([table, pd.DataFrame(extra)])
    candidates["existing_member"] = candidates["existing_member"].astype(bool)
    candidates.attrs["synthetic"] = True
    return candidates


def screen(universe: pd.DataFrame) -> pd.DataFrame:
    """Every eligibility rule applied to every company: one True/False column per rule, then ``eligible``.

    Parameters
    ----------
    universe : pandas.DataFrame
        Candidates labelled by company, with every column of ``SCREEN_COLUMNS`` (as
        :func:`candidate_universe` gives).

    Returns
    -------
    pandas.DataFrame
        One boolean column per rule of ``ELIGIBILITY_RULES`` (True: the company passes), then
        ``eligible``, True where it passes them all.

    Raises
    ------
    ValueError
        A missing column, an empty table, or a value no company could have (a negative price, a
        float factor above 1, a membership flag that is not True or False).

    Examples
    --------
    >>> int(screen(candidate_universe())["eligible"].sum())
    4004
    """
    _check_candidates(universe)
    rows = universe[list(SCREEN_COLUMNS)].to_dict("index")
    table = pd.DataFrame({name: [rule.passes(row) for row in rows.values()] for name, rule in ELIGIBILITY_RULES.items()},
                         index=universe.index)
    return table.assign(eligible=table.all(axis=1))


def exclusions(universe: pd.DataFrame) -> pd.Series:
    """How many companies each rule excludes (a company failing two rules counts under both).

    Parameters
    ----------
    universe : pandas.DataFrame
        Candidates as :func:`screen` takes them.

    Returns
    -------
    pandas.Series
        Companies excluded by each rule, labelled by the rule's name.

    Raises
    ------
    ValueError
        As :func:`screen`.

    Examples
    --------
    >>> exclusions(candidate_universe())[["price", "float"]].tolist()
    [40, 25]
    """
    table = screen(universe)
    return (~table[list(ELIGIBILITY_RULES)]).sum().rename("companies excluded")


# ---------------------------------------------------------------- ranking and membership (section 6)
SEGMENTS = ("Russell 1000", "Russell 2000 upper", "Russell 2000 lower", "Microcap only", "outside")
BAND_1000 = 0.025  # +/- 2.5 percentage points of cumulative market cap around rank 1,000 (6.10.1)
BAND_2000 = 0.005  # +/- 0.5 around rank 2,000


def rank_by_total_cap(total_caps: pd.Series) -> pd.Series:
    """Rank 1 for the largest total market cap (ties: the company listed first ranks higher).

    Parameters
    ----------
    total_caps : pandas.Series
        Total market cap in dollars of each company, labelled by company, all positive.

    Returns
    -------
    pandas.Series
        Integer ranks named ``rank``, 1 for the largest, with the caps' labels.

    Raises
    ------
    ValueError
        NaN, infinite, zero or negative caps, an empty series, or a company listed twice.

    Examples
    --------
    >>> rank_by_total_cap(pd.Series({"A": 5e9, "B": 9e9, "C": 1e8})).tolist()
    [2, 1, 3]
    """
    caps = validation.series(total_caps, "total_caps", sign="positive", what="total market caps")
    if caps.index.has_duplicates:
        raise ValueError("total_caps has duplicated companies")
    order = np.argsort(-caps.to_numpy(), kind="stable")
    ranks = np.empty(len(caps), dtype=int)
    ranks[order] = np.arange(1, len(caps) + 1)
    return pd.Series(ranks, index=caps.index, name="rank")


def segment_by_rank(ranks: pd.Series) -> pd.Series:
    """Each company's segment from its rank alone (no banding); ranks are whole numbers from 1.

    Parameters
    ----------
    ranks : pandas.Series
        Whole-number ranks from 1 (the largest company), labelled by company.

    Returns
    -------
    pandas.Series
        One of ``SEGMENTS`` per company, named ``segment``: ranks 1-1,000 in the Russell 1000,
        1,001-2,000 and 2,001-3,000 in the two halves of the Russell 2000, up to 4,000 in the
        Microcap only, and beyond that outside.

    Raises
    ------
    ValueError
        Ranks that are not positive whole numbers, or an empty series.

    Examples
    --------
    >>> segment_by_rank(pd.Series({"A": 5, "B": 1500, "C": 3500})).tolist()
    ['Russell 1000', 'Russell 2000 upper', 'Microcap only']
    """
    values = validation.series(ranks, "ranks", sign="positive", what="ranks").to_numpy()
    if not np.all(values == np.round(values)):
        raise ValueError("ranks must be whole numbers (1 for the largest company)")
    labels = np.select([values <= 1000, values <= 2000, values <= 3000, values <= 4000], list(SEGMENTS[:4]),
                       default="outside")
    return pd.Series(labels, index=ranks.index, name="segment")


def membership(segments: pd.Series) -> pd.DataFrame:
    """True/False membership of each Russell index, from segments.

    Parameters
    ----------
    segments : pandas.Series
        Each company's segment, a value of ``SEGMENTS``, labelled by company.

    Returns
    -------
    pandas.DataFrame
        One boolean column per index (Russell 3000E, 3000, 1000, 2000 and Microcap), one row per
        company.

    Raises
    ------
    ValueError
        A value that is not one of ``SEGMENTS``, or something other than a Series.

    Examples
    --------
    >>> membership(pd.Series({"B": "Russell 2000 lower"})).loc["B"].tolist()
    [True, True, False, True, True]
    """
    if not isinstance(segments, pd.Series) or segments.empty:
        raise ValueError("segments must be a non-empty Series of segment names labelled by company")
    unknown = set(segments.unique()) - set(SEGMENTS)
    if unknown:
        raise ValueError(f"segments holds unknown segment(s) {sorted(map(str, unknown))}; use {list(SEGMENTS)}")
    s = segments.to_numpy()
    return pd.DataFrame(
        {
            "Russell 3000E": s != "outside",
            "Russell 3000": np.isin(s, SEGMENTS[:3]),
            "Russell 1000": s == "Russell 1000",
            "Russell 2000": np.isin(s, SEGMENTS[1:3]),
            "Russell Microcap": np.isin(s, SEGMENTS[2:4]),
        },
        index=segments.index,
    )


@dataclasses.dataclass(frozen=True)
class Placement:
    """The result of ranking a universe: rank, cumulative percentile, segment, and whether a band kept it."""

    table: pd.DataFrame  # columns: total_cap, rank, percentile, by_rank, segment, banded
    breakpoint_percentiles: dict[int, float]

    def members(self, index_name: str = "Russell 2000") -> pd.Index:
        validation.choice(index_name, "index_name", list(RANK_RANGES))
        return self.table.index[membership(self.table["segment"])[index_name].to_numpy()]

    def counts(self) -> pd.Series:
        return membership(self.table["segment"]).sum().rename("companies")


def place(total_caps: pd.Series, *, previous: pd.Series | None = None, band_1000: float = BAND_1000,
          band_2000: float = BAND_2000) -> Placement:
    """Rank a universe by total market cap and place each company, with banding for existing members.

    Parameters
    ----------
    total_caps : pandas.Series
        Total market cap (dollars) of every eligible company, labelled by company.
    previous : pandas.Series, optional
        Each company's segment before this reconstitution (a value of ``SEGMENTS``);
        companies absent or ``"outside"`` are new. Without it nobody is banded.
    band_1000, band_2000 : float
        Half-widths of the bands, in cumulative market-cap share (0.025 = 2.5 points), in [0, 0.5).

    Returns
    -------
    Placement
        ``table`` with ``rank``, ``percentile`` (cumulative share of the Russell 3000E's cap
        through this company), ``by_rank`` (the segment rank alone gives), ``segment`` and
        ``banded`` (True where a band kept an existing member in its old segment).

    Raises
    ------
    ValueError
        Bad caps, duplicated companies, an unknown previous segment, or a band outside [0, 0.5).

    Notes
    -----
    Banding applies only to existing Russell 3000 members whose new rank is within 3,000
    (there is no band at 3,000 or 4,000). Such a member keeps its side of the 1,000 or 2,000
    breakpoint while its cumulative percentile stays within the band around that breakpoint's
    percentile. New entrants, and Microcap-only members, are placed by rank.

    Examples
    --------
    >>> placed = place(pd.Series({"A": 5e9, "B": 9e9, "C": 1e8}))
    >>> placed.table["rank"].tolist(), placed.table["segment"].unique().tolist()
    ([2, 1, 3], ['Russell 1000'])
    """
    band_1000, band_2000 = _bands(band_1000, band_2000)
    ranks = rank_by_total_cap(total_caps)  # validates the caps
    caps = total_caps.astype(float)
    previous_codes = None
    if previous is not None:
        if not isinstance(previous, pd.Series):
            raise ValueError("previous must be a Series of segments labelled by company")
        if previous.index.has_duplicates:
            repeated = sorted(set(previous.index[previous.index.duplicated()]))[:5]
            raise ValueError(f"previous lists some companies twice ({repeated}); give each one segment")
        unknown = set(previous.unique()) - set(SEGMENTS)
        if unknown:
            raise ValueError(f"previous holds unknown segment(s) {sorted(unknown)}; use {list(SEGMENTS)}")
        before = previous.reindex(caps.index).fillna("outside")
        previous_codes = before.map({name: code for code, name in enumerate(SEGMENTS)}).to_numpy(dtype=int)
    codes, _, percentile, by_rank, breakpoints = _place_codes(caps.to_numpy(), previous_codes, band_1000, band_2000)
    labels = np.array(SEGMENTS)
    table = pd.DataFrame({"total_cap": caps, "rank": ranks, "percentile": percentile, "by_rank": labels[by_rank],
                          "segment": labels[codes], "banded": codes != by_rank}, index=caps.index)
    return Placement(table, breakpoints)


def _bands(band_1000, band_2000) -> tuple[float, float]:
    return (validation.real_number(band_1000, "band_1000", low=0, high=0.5, high_open=True),
            validation.real_number(band_2000, "band_2000", low=0, high=0.5, high_open=True))


# The last rank of each segment but "outside": the Russell 2000 splits at rank 2,000, where the Microcap begins.
SEGMENT_BOUNDS = np.array([1000, 2000, 3000, 4000])


def within_band(percentile, *, breakpoint: float, half_width: float) -> np.ndarray:
    """Whether each cumulative percentile lies inside the band around a breakpoint, its edges included.

    The methodology moves an existing member across a breakpoint only once it is *outside* the
    band (section 6.10), so a member exactly on the edge stays: ``|percentile - breakpoint| <= half_width``.
    A band of zero width is no band: it holds nobody, not even the company at the breakpoint.

    Parameters
    ----------
    percentile : array-like of float
        Cumulative market-cap percentiles as fractions (0.9 = 90%), each 0 or more (companies ranked
        beyond 4,000 pass 1).
    breakpoint : float
        The breakpoint's own cumulative percentile, in [0, 1].
    half_width : float
        Half the band's width as a fraction (0.025 for the +/-2.5 points at rank 1,000), in [0, 0.5).

    Returns
    -------
    numpy.ndarray of bool
        True where the percentile is within ``half_width`` of the breakpoint.

    Raises
    ------
    ValueError
        On NaN, infinite or out-of-range values.

    Examples
    --------
    >>> within_band([0.87, 0.875, 0.92, 0.93], breakpoint=0.9, half_width=0.025).tolist()
    [False, True, True, False]
    >>> within_band([0.9], breakpoint=0.9, half_width=0.0).tolist()
    [False]
    """
    values = validation.finite_values(percentile, "percentile")
    if (values < 0).any():
        raise ValueError("percentile must hold fractions of 0 or more")
    # shares of the Russell 3000E's cap run to 1 at rank 4,000 and a little past it below: percent runs to 100
    if values.max() > 2:
        raise ValueError(f"percentile holds cumulative shares as fractions, got values up to {values.max():g} "
                         "(percent? divide by 100)")
    centre = validation.real_number(breakpoint, "breakpoint", low=0.0, high=1.0)
    half = validation.real_number(half_width, "half_width", low=0.0, high=0.5, high_open=True)
    # a tolerance of a few ulps so that an edge computed as 0.9 - 0.025 counts as the edge
    return np.abs(values - centre) <= half + 1e-12 if half > 0 else np.zeros(values.shape, dtype=bool)


def _place_codes(caps: np.ndarray, previous: np.ndarray | None, band_1000: float, band_2000: float):
    """The numpy core of :func:`place`: segment codes (indexes into ``SEGMENTS``) for checked inputs."""
    n = caps.size
    order = np.argsort(-caps, kind="stable")
    ranks = np.empty(n, dtype=int)
    ranks[order] = np.arange(1, n + 1)
    percentile = np.empty(n)
    percentile[order] = np.cumsum(caps[order]) / caps[order[:4000]].sum()
    by_rank = np.searchsorted(SEGMENT_BOUNDS, ranks, side="left")
    breakpoints = {rank: float(percentile[order[min(rank, n) - 1]]) for rank in (1000, 2000)}
    if previous is None:
        return by_rank, ranks, percentile, by_rank, breakpoints
    existing = (previous <= 2) & (ranks <= 3000)  # Russell 3000 members still ranked within 3,000
    codes = by_rank.copy()
    above_1000, above_2000 = ranks <= 1000, ranks <= 2000
    above_1000_before, above_2000_before = previous == 0, previous <= 1
    keep_1000 = existing & within_band(percentile, breakpoint=breakpoints[1000],
                                       half_width=band_1000) & (above_1000 != above_1000_before)
    keep_2000 = existing & within_band(percentile, breakpoint=breakpoints[2000],
                                       half_width=band_2000) & (above_2000 != above_2000_before)
    # A kept member stays on its old side of the breakpoint; everyone else goes by rank.
    above_1000 = np.where(keep_1000, above_1000_before, above_1000)
    above_2000 = np.where(keep_2000, above_2000_before, above_2000)
    codes = np.select([above_1000, above_2000, ranks <= 3000, ranks <= 4000], [0, 1, 2, 3], default=4)
    return codes, ranks, percentile, by_rank, breakpoints


# ---------------------------------------------------------------- the calendar (section 4, Appendix F)
@dataclasses.dataclass(frozen=True)
class ReconstitutionDates:
    """The dates of one reconstitution.

    FTSE Russell's wording is that changes are "effective after the close" on the implementation
    day (``implementation``: the last day the old list is traded, the day index funds rebalance in
    the closing auction); ``first_session`` is the next NYSE session, the first traded on the new
    membership.
    """

    year: int
    cycle: str
    rank_day: pd.Timestamp
    preliminary_list: pd.Timestamp
    lock_down: pd.Timestamp
    implementation: pd.Timestamp  # the changes are effective after the close of this day
    first_session: pd.Timestamp  # the next session, the first on the new membership
    source: str

    def to_series(self) -> pd.Series:
        return pd.Series({"rank_day": self.rank_day, "preliminary_list": self.preliminary_list,
                          "lock_down": self.lock_down, "implementation": self.implementation,
                          "first_session": self.first_session}, name=f"{self.cycle} {self.year}")


# Rank days published before the current rule (last business day of April) began in 2023.
PUBLISHED_RANK_DAYS = {
    2008: ("2008-05-30", "Russell market capitalization ranges, 2008"),
    2016: ("2016-05-27", "FTSE Russell reconstitution schedule, 2016"),
    2018: ("2018-05-11", "FTSE Russell reconstitution schedule, 2018"),
    2020: ("2020-05-08", "FTSE Russell reconstitution schedule, 2020"),
    2021: ("2021-05-07", "FTSE Russell reconstitution schedule, 2021"),
    2022: ("2022-05-06", "FTSE Russell reconstitution schedule, 2022"),
}
FIRST_ANNUAL_YEAR = 1989  # quarterly at launch in 1984, semi-annual from 1987, annual (June) from 1989
FIRST_COMPUTED_JUNE = 2023  # rank day on the last business day of April from 2023
FIRST_DECEMBER = 2026
CYCLES = ("June", "December")
def _check_year(year, first: int) -> int:
    return validation.whole_number(year, "year", minimum=first, maximum=CALENDAR_YEARS[1] - 1)


def _last_session_of_month(year: int, month: int) -> pd.Timestamp:
    sessions = nyse_sessions()
    in_month = sessions[(sessions.year == year) & (sessions.month == month)]
    return in_month[-1]


def _nth_friday(year: int, month: int, n: int) -> pd.Timestamp:
    fridays = pd.date_range(f"{year}-{month:02d}-01", periods=5, freq="W-FRI")
    return fridays[fridays.month == month][n - 1]


def _session(day: pd.Timestamp, what: str) -> pd.Timestamp:
    if day not in nyse_sessions():
        raise ValueError(f"the {what}, {day:%A %d %B %Y}, is not an NYSE trading day; the methodology would "
                         "publish another date, which this course does not guess")
    return day


def _next_session(day: pd.Timestamp) -> pd.Timestamp:
    sessions = nyse_sessions()
    return sessions[sessions.searchsorted(day, side="right")]


def schedule(year: int, *, cycle: str = "June") -> ReconstitutionDates:
    """The dates of the ``cycle`` reconstitution of ``year``, computed from the rules on NYSE sessions.

    June: rank day on the last NYSE session of April (from 2023; earlier years come from a
    table of published rank days, or raise), preliminary lists five weeks before the
    implementation, lock-down from the Monday 18 days before it, implementation after the
    close on the fourth Friday of June. December (from 2026): rank day on the last session
    of October, preliminary lists four weeks before, a two-week lock-down, implementation on
    the second Friday of December. The changes are effective after the close of the implementation
    day; ``first_session`` is the session after it.

    Parameters
    ----------
    year : int
        The year of the reconstitution: June from 1989 (with a published rank day before 2023),
        December from 2026, up to the last year of the course's calendar.
    cycle : {"June", "December"}, default "June"
        Which reconstitution of the year: the annual June one, or the December one FTSE Russell adds from 2026.

    Returns
    -------
    ReconstitutionDates
        Rank day, preliminary list, lock-down, implementation and first session, with the source
        of the dates.

    Raises
    ------
    ValueError
        An unknown cycle, a year before the schedule existed, a year with no published
        rank day, or an implementation day that is not a trading day.

    Examples
    --------
    >>> d = schedule(2026, cycle="December")
    >>> [f"{x:%Y-%m-%d}" for x in (d.rank_day, d.preliminary_list, d.implementation, d.first_session)]
    ['2026-10-30', '2026-11-13', '2026-12-11', '2026-12-14']
    """
    cycle = validation.choice(cycle, "cycle", list(CYCLES))
    if cycle == "December":
        year = _check_year(year, FIRST_DECEMBER)
        implementation = _session(_nth_friday(year, 12, 2), "implementation day (second Friday of December)")
        rank_day = _last_session_of_month(year, 10)
        return ReconstitutionDates(year, cycle, rank_day, implementation - pd.Timedelta(weeks=4),
                                   implementation - pd.Timedelta(days=11), implementation,
                                   _next_session(implementation), "methodology v7.0, Appendix F (computed)")
    year = _check_year(year, FIRST_ANNUAL_YEAR)
    implementation = _session(_nth_friday(year, 6, 4), "implementation day (fourth Friday of June)")
    if year >= FIRST_COMPUTED_JUNE:
        rank_day, source = _last_session_of_month(year, 4), "methodology v7.0, Appendix F (computed)"
    elif year in PUBLISHED_RANK_DAYS:
        published, source = PUBLISHED_RANK_DAYS[year]
        rank_day = pd.Timestamp(published)
    else:
        raise ValueError(f"no rank day for {year} in the course's table of published dates "
                         f"({sorted(PUBLISHED_RANK_DAYS)}); the rule computed here applies from {FIRST_COMPUTED_JUNE}")
    return ReconstitutionDates(year, cycle, rank_day, implementation - pd.Timedelta(weeks=5),
                               implementation - pd.Timedelta(days=18), implementation,
                               _next_session(implementation), source)


def ipo_windows(year: int) -> pd.DataFrame:
    """The quarterly IPO additions of ``year``: IPO rank day and the day after whose close they join.

    IPO rank days are the last sessions of January, April, July and October. March and
    September additions take effect after the close of the third Friday; June and
    December ones join with the reconstitution (December from 2026; before that, the
    December additions also came on the third Friday).

    Parameters
    ----------
    year : int
        A year from 2023 (the current rule) to the last year of the course's calendar.

    Returns
    -------
    pandas.DataFrame
        One row per quarter (1-4) with the ``IPO rank day`` and the day the additions join,
        ``joins after the close of``.

    Raises
    ------
    ValueError
        A year outside the range, or an addition day that is not an NYSE session.

    Examples
    --------
    >>> windows = ipo_windows(2026)
    >>> [f"{day:%Y-%m-%d}" for day in windows["joins_after_close_of"]]
    ['2026-03-20', '2026-06-26', '2026-09-18', '2026-12-11']
    """
    year = _check_year(year, FIRST_COMPUTED_JUNE)
    rows = []
    for quarter, (rank_month, month) in enumerate(((1, 3), (4, 6), (7, 9), (10, 12)), start=1):
        if month == 6:
            joins = schedule(year, cycle="June").implementation
        elif month == 12 and year >= FIRST_DECEMBER:
            joins = schedule(year, cycle="December").implementation
        else:
            joins = _session(_nth_friday(year, month, 3), f"IPO addition day (third Friday of month {month})")
        rows.append({"quarter": quarter, "ipo_rank_day": _last_session_of_month(year, rank_month),
                     "joins_after_close_of": joins})
    return pd.DataFrame(rows).set_index("quarter")


# ---------------------------------------------------------------- weights and turnover
def russell2000_weights(universe: pd.DataFrame, members: pd.Index) -> pd.Series:
    """Float-adjusted cap weights of ``members`` (uses :func:`rut_edu.index.float_adjusted_weights`).

    Parameters
    ----------
    universe : pandas.DataFrame
        Companies labelled by company, with ``price`` (dollars), ``shares`` and ``float_factor``
        (a fraction in (0, 1]).
    members : pandas.Index
        The companies in the index, each a label of ``universe``.

    Returns
    -------
    pandas.Series
        Each member's weight as a fraction; the weights add up to 1.

    Raises
    ------
    ValueError
        An empty universe, a bad price, share count or float factor, no members, or a member
        absent from the universe.

    Examples
    --------
    >>> table = pd.DataFrame({"price": [10.0, 20.0], "shares": [100, 100], "float_factor": [1.0, 0.5]},
    ...                      index=["A", "B"])
    >>> russell2000_weights(table, pd.Index(["A", "B"])).tolist()
    [0.5, 0.5]
    """
    if not isinstance(universe, pd.DataFrame) or universe.empty:
        raise ValueError("the universe must be a non-empty DataFrame with price, shares and float_factor")
    index.float_adjusted_caps(universe["price"], universe["shares"], universe["float_factor"])  # checks every row
    missing = pd.Index(members).difference(universe.index)
    if len(missing) or len(members) == 0:
        raise ValueError(f"members must be companies of the universe; unknown: {list(missing)[:5]}")
    table = universe.loc[members]
    return index.float_adjusted_weights(table["price"], table["shares"], table["float_factor"])


# Weights are fractions of the index; their sum may miss 1 by rounding, not by a unit mistake.
WEIGHT_SUM_TOLERANCE = 1e-6


def one_way_turnover(weights_before, weights_after) -> float:
    """Half the sum of absolute weight changes: the share of the index bought (and sold) at a rebalance.

    Series are aligned by company (absent on one side means weight 0 there); arrays must
    already be aligned. Each side's weights are fractions adding up to 1 (within
    ``WEIGHT_SUM_TOLERANCE``); weights in percent are refused with a hint.

    Parameters
    ----------
    weights_before, weights_after : pandas.Series or array-like of float
        Weights as fractions adding up to 1, before and after the rebalance: two Series labelled by
        company, or two arrays in the same company order.

    Returns
    -------
    float
        One-way turnover as a fraction of the index (0.5 = half the index changed hands).

    Raises
    ------
    ValueError
        Negative, NaN or infinite weights, weights not adding up to 1, a company listed twice, or
        arrays of different lengths.

    Examples
    --------
    >>> one_way_turnover(pd.Series({"A": 0.5, "B": 0.5}), pd.Series({"A": 0.5, "C": 0.5}))
    0.5
    """
    if isinstance(weights_before, pd.Series) and isinstance(weights_after, pd.Series):
        for name, weights in (("weights_before", weights_before), ("weights_after", weights_after)):
            validation.series(weights, name, sign="non-negative", what="weights")
            if weights.index.has_duplicates:
                raise ValueError(f"{name} has duplicated companies")
        aligned = pd.concat([weights_before, weights_after], axis=1).fillna(0.0)  # absent = weight 0
        weights_before, weights_after = aligned.iloc[:, 0].to_numpy(), aligned.iloc[:, 1].to_numpy()
    before = validation.finite_values(weights_before, "weights_before", sign="non-negative")
    after = validation.finite_values(weights_after, "weights_after", sign="non-negative")
    if before.size != after.size:
        raise ValueError("weights_before and weights_after must describe the same companies")
    for name, weights in (("weights_before", before), ("weights_after", after)):
        total = float(weights.sum())
        if abs(total - 1.0) > WEIGHT_SUM_TOLERANCE:
            hint = " (percent? divide by 100)" if abs(total - 100.0) < 1.0 else ""
            raise ValueError(f"{name} must be fractions that add up to 1; they add up to {total:.6g}{hint}")
    return float(0.5 * np.abs(after - before).sum())


# ---------------------------------------------------------------- the simulator
SCHEDULES = {"annual": 1, "semi-annual": 2}  # reconstitutions per year


@dataclasses.dataclass(frozen=True)
class SimulationResult:
    """What repeated reconstitutions did to the synthetic Russell 2000."""

    schedule: str
    band_1000: float
    band_2000: float
    years: int
    events: pd.DataFrame  # one row per reconstitution
    flip_flops: int  # companies that crossed the 1,000 breakpoint and crossed back at the next reconstitution

    def to_series(self) -> pd.Series:
        e = self.events
        return pd.Series({
            "reconstitutions": float(len(e)),
            "turnover_per_year": float(e["turnover"].sum() / self.years),
            "additions_per_year": float(e["additions"].sum() / self.years),
            "deletions_per_year": float(e["deletions"].sum() / self.years),
            "migrations_per_year": float((e["moved_up"] + e["moved_down"]).sum() / self.years),
            "flip_flops": float(self.flip_flops),
        }, name=f"{self.schedule}, bands {self.band_1000:.1%} / {self.band_2000:.1%}")


@dataclasses.dataclass(frozen=True)
class UniversePath:
    """A synthetic universe every half-year: dense arrays over every company that ever lived."""

    names: np.ndarray  # company labels, original universe first, then IPOs in order of arrival
    shares: np.ndarray
    float_factor: np.ndarray
    price: np.ndarray  # (half-years + 1, companies), NaN when the company is not listed
    initial_segments: np.ndarray  # segment codes at the start (placed by rank)

    def alive(self, step: int) -> np.ndarray:
        return ~np.isnan(self.price[step])


PATH_YEARS = 20  # every path runs this long, so a shorter simulation is the start of the same path


def universe_path(*, seed: int = 2026, volatility: float = 0.45) -> UniversePath:
    """Evolve the synthetic universe for ``PATH_YEARS`` in half-year steps (the same seed gives the same path).

    Prices follow a random walk: a common market move plus each company's own, with annual
    ``volatility``. About 4% of companies a year disappear (takeovers, delistings) and about
    5% of 4,000 a year arrive as IPOs, smaller than the average member. Cached, so every
    schedule and band width is compared on one path.

    Parameters
    ----------
    seed : int, default 2026
        Seed of the random generator, 0 or more.
    volatility : float, default 0.45
        Each company's own annual volatility as a fraction, in [0, 2].

    Returns
    -------
    UniversePath
        Prices every half-year (``2 * PATH_YEARS + 1`` rows, NaN while a company is not listed),
        shares, float factors and the starting segments, over every company that ever lived.

    Raises
    ------
    ValueError
        A negative or fractional seed, or a volatility out of range.

    Examples
    --------
    >>> path = universe_path()
    >>> path.price.shape[0], str(path.names[0])
    (41, 'SYN-0001')
    """
    return _universe_path(validation.whole_number(seed, "seed", minimum=0),
                          validation.real_number(volatility, "volatility", low=0, high=2))


@functools.lru_cache(maxsize=8)
def _universe_path(seed: int, volatility: float) -> UniversePath:
    from rut_edu import universe as synthetic

    years = PATH_YEARS
    rng = np.random.default_rng([seed, 7919])
    start = synthetic.synthetic_universe(seed=seed)
    half = 0.5
    ipo_counts = rng.poisson(0.05 * half * 4000, 2 * years)
    total = len(start) + int(ipo_counts.sum())
    price = np.full((2 * years + 1, total), np.nan)
    shares = np.empty(total)
    float_factor = np.empty(total)
    n0 = len(start)
    price[0, :n0], shares[:n0], float_factor[:n0] = start["price"], start["shares"], start["float_factor"]
    names = list(start.index)
    filled = n0
    for step in range(1, 2 * years + 1):
        current = price[step - 1]
        alive = np.flatnonzero(~np.isnan(current))
        market = rng.normal(0.03 * half, 0.18 * np.sqrt(half))
        own = rng.normal(-0.5 * volatility**2 * half, volatility * np.sqrt(half), alive.size)
        survives = rng.random(alive.size) > 0.04 * half
        price[step, alive[survives]] = current[alive[survives]] * np.exp(market + own[survives])
        n_ipos = int(ipo_counts[step - 1])
        caps = np.exp(rng.normal(np.log(4e8), 1.2, n_ipos))
        ipo_prices = np.exp(rng.normal(np.log(20.0), 0.5, n_ipos))
        new = slice(filled, filled + n_ipos)
        price[step, new], shares[new] = ipo_prices, np.round(caps / ipo_prices).clip(1, None)
        float_factor[new] = np.clip(rng.beta(4.0, 2.0, n_ipos), 0.06, 1.0)
        names += [f"IPO-{i:05d}" for i in range(filled - n0 + 1, filled - n0 + n_ipos + 1)]
        filled += n_ipos
    initial = _place_codes(price[0, :n0] * shares[:n0], None, BAND_1000, BAND_2000)[0]
    segments = np.full(total, 4)
    segments[:n0] = initial
    for array in (price, shares, float_factor, segments):
        array.flags.writeable = False
    return UniversePath(np.array(names), shares, float_factor, price, segments)


def _r2000_weights(path: UniversePath, step: int, members: np.ndarray) -> np.ndarray:
    """Float-adjusted weights (from :mod:`rut_edu.index`) of ``members``, zero elsewhere, over every company."""
    chosen = np.flatnonzero(members)
    dense = np.zeros(members.size)
    dense[chosen] = index.float_adjusted_weights(path.price[step, chosen], path.shares[chosen],
                                                 path.float_factor[chosen]).to_numpy()
    return dense


def simulate(*, seed: int = 2026, years: int = 10, schedule_name: str = "annual", band_1000: float = BAND_1000,
             band_2000: float = BAND_2000, volatility: float = 0.45) -> SimulationResult:
    """Reconstitute the evolving synthetic universe once (annual) or twice (semi-annual) a year.

    Between reconstitutions the membership is frozen: leavers are not replaced. At each
    reconstitution every live company is ranked by total market cap and placed as
    :func:`place` does. Reported per reconstitution: one-way turnover of the Russell 2000
    by float-adjusted weight (against the old members' weights just before), additions,
    deletions, migrations across the 1,000 breakpoint, and the members before and after.
    A flip-flop is a company that crosses the 1,000 breakpoint and crosses back at the
    next reconstitution.

    Parameters
    ----------
    seed : int, default 2026
        Seed of the universe's path, 0 or more.
    years : int, default 10
        Years simulated, 1 to ``PATH_YEARS``.
    schedule_name : {"annual", "semi-annual"}, default "annual"
        Reconstitutions per year, a key of ``SCHEDULES``.
    band_1000, band_2000 : float
        Half-widths of the bands at ranks 1,000 and 2,000 as fractions of cumulative cap, in [0, 0.5).
    volatility : float, default 0.45
        Each company's own annual volatility, as :func:`universe_path` takes it.

    Returns
    -------
    SimulationResult
        The settings, one row of ``events`` per reconstitution, and the count of flip-flops;
        ``to_series()`` gives the yearly averages.

    Raises
    ------
    ValueError
        An unknown schedule, a band outside [0, 0.5), or years, seed or volatility out of range.

    Examples
    --------
    >>> result = simulate(years=2)
    >>> len(result.events), round(float(result.to_series()["turnover_per_year"]), 3)
    (2, 0.089)
    """
    per_year = SCHEDULES[validation.choice(schedule_name, "schedule_name", list(SCHEDULES))]
    band_1000, band_2000 = _bands(band_1000, band_2000)
    years = validation.whole_number(years, "years", minimum=1, maximum=PATH_YEARS)
    path = universe_path(seed=seed, volatility=volatility)
    segments = path.initial_segments.copy()
    members = ((segments == 1) | (segments == 2))
    rows, crossed = [], []
    for step in range(2 // per_year, 2 * years + 1, 2 // per_year):
        alive = path.alive(step)
        old_members = members & alive
        drifted = _r2000_weights(path, step, old_members)
        index_alive = np.flatnonzero(alive)
        caps = path.price[step, index_alive] * path.shares[index_alive]
        codes = _place_codes(caps, segments[index_alive], band_1000, band_2000)[0]
        new_segments = np.full(segments.size, 4)
        new_segments[index_alive] = codes
        new_members = ((new_segments == 1) | (new_segments == 2))
        new_weights = _r2000_weights(path, step, new_members)
        moved_up = ((segments == 1) | (segments == 2)) & (new_segments == 0)
        moved_down = (segments == 0) & ((new_segments == 1) | (new_segments == 2))
        crossed.append(set(np.flatnonzero(moved_up | moved_down)))
        rows.append({"half_year": step, "turnover": one_way_turnover(drifted, new_weights),
                     "additions": int((new_members & ~members).sum()),
                     "deletions": int((old_members & ~new_members).sum()),
                     "left_between": int((members & ~alive).sum()),
                     "moved_up": int(moved_up.sum()), "moved_down": int(moved_down.sum()),
                     "members_before": int(old_members.sum()), "members": int(new_members.sum())})
        segments, members = new_segments, new_members
    flips = sum(len(a & b) for a, b in zip(crossed, crossed[1:]))
    return SimulationResult(schedule_name, band_1000, band_2000, years, pd.DataFrame(rows).set_index("half_year"),
                            flips)


def simulate_with_band(*, band_1000: float, schedule_name: str = "annual", years: int = 10,
                       seed: int = 2026) -> SimulationResult:
    """:func:`simulate` with the band at rank 2,000 kept a fifth of the band at 1,000, as in the methodology.

    Parameters
    ----------
    band_1000 : float
        Half-width of the band at rank 1,000 as a fraction of cumulative cap, in [0, 0.5).
    schedule_name : {"annual", "semi-annual"}, default "annual"
    years : int, default 10
        How many years of reconstitution to simulate, 1 or more.
    seed : int, default 2026
        As :func:`simulate` takes them.

    Returns
    -------
    SimulationResult
        The events, flip-flops and turnover of the simulated years.

    Raises
    ------
    ValueError
        As :func:`simulate`.

    Examples
    --------
    >>> simulate_with_band(band_1000=0.05, years=2).band_2000
    0.01
    """
    band_1000 = validation.real_number(band_1000, "band_1000", low=0, high=0.5, high_open=True)
    return simulate(seed=seed, years=years, schedule_name=schedule_name, band_1000=band_1000,
                    band_2000=band_1000 * BAND_2000 / BAND_1000)


def compare_settings(settings: Mapping[str, tuple[str, float]], *, years: int = 10, seed: int = 2026) -> pd.DataFrame:
    """:meth:`SimulationResult.to_series` for each named (schedule, band at 1,000) on one path, one row each.

    Parameters
    ----------
    settings : Mapping of str to (str, float)
        A name for each setting and its (schedule name, band at rank 1,000).
    years, seed : int
        As :func:`simulate` takes them.

    Returns
    -------
    pandas.DataFrame
        One row per setting, in the mapping's order, one column per line of
        :meth:`SimulationResult.to_series`.

    Raises
    ------
    ValueError
        An empty mapping, or a setting :func:`simulate` refuses.

    Examples
    --------
    >>> table = compare_settings({"annual": ("annual", 0.025), "no band": ("annual", 0.0)}, years=2)
    >>> table["turnover_per_year"].round(3).tolist()
    [0.089, 0.262]
    """
    if not isinstance(settings, Mapping) or not settings:
        raise ValueError("settings must map a name to a (schedule, band at 1,000) pair")
    return pd.DataFrame({name: simulate_with_band(band_1000=band, schedule_name=schedule_name, years=years, seed=seed).to_series()
                         for name, (schedule_name, band) in settings.items()}).T


def turnover_by_band(bands, *, years: int = 10, seed: int = 2026) -> pd.DataFrame:
    """One-way turnover per year for each band width at rank 1,000 (rows) and each schedule (columns).

    Parameters
    ----------
    bands : array-like of float
        Half-widths of the band at rank 1,000, fractions in [0, 0.5).
    years, seed : int
        As :func:`simulate` takes them.

    Returns
    -------
    pandas.DataFrame
        One-way turnover per year (a fraction of the index), one row per band and one column per
        schedule of ``SCHEDULES``.

    Raises
    ------
    ValueError
        Negative, NaN or out-of-range bands, or years or seed :func:`simulate` refuses.

    Examples
    --------
    >>> turnover_by_band([0.0, 0.025], years=2).round(3)["annual"].tolist()
    [0.262, 0.089]
    """
    bands = validation.finite_values(bands, "bands", sign="non-negative")
    return pd.DataFrame(
        {schedule_name: [simulate_with_band(band_1000=b, schedule_name=schedule_name, years=years,
                                            seed=seed).to_series()["turnover_per_year"]
                         for b in bands] for schedule_name in SCHEDULES},
        index=pd.Index(bands, name="band at rank 1,000"),
    )
