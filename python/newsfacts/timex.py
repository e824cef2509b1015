"""The calendar interval of a TIMEX3 value, at the value's own resolution.

``2017-08`` covers 2017-08-01 .. 2017-08-31, ``2017-W39`` Monday 2017-09-25 .. Sunday 2017-10-01,
``2017-Q3`` 2017-07-01 .. 2017-09-30. Both ends are inclusive days (a time of day gives the same
instant twice). Values without a place on the calendar (``P3D``, ``PRESENT_REF``,
``XXXX-WXX-1``) have none.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(?:-(WE|[1-7]))?$")
_PART = re.compile(r"^(\d{4})-(Q[1-4]|H[12]|SP|SU|FA|WI)$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEARS = re.compile(r"^(\d{2,4})$")

#: First and last month of each quarter, half-year and (northern meteorological) season.
_PARTS = {
    "Q1": (1, 3),
    "Q2": (4, 6),
    "Q3": (7, 9),
    "Q4": (10, 12),
    "H1": (1, 6),
    "H2": (7, 12),
    "SP": (3, 5),
    "SU": (6, 8),
    "FA": (9, 11),
    "WI": (12, 14),  # December to February of the next year
}


def _month_end(year: int, month: int) -> dt.datetime:
    """The first instant of the last day of ``month`` (months past 12 run into the next year)."""
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    last = nxt - dt.timedelta(days=1)
    return dt.datetime(last.year, last.month, last.day)


def _interval(value: str) -> tuple[dt.datetime, dt.datetime] | None:
    m = _DAY.match(value)
    if m:
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
        if m[4] is not None:
            t = dt.datetime(y, mo, d, int(m[4]), int(m[5]), int(m[6] or 0))
            return t, t
        day = dt.datetime(y, mo, d)
        return day, day
    m = _WEEK.match(value)
    if m:
        y, w, day = int(m[1]), int(m[2]), m[3]
        if day is None:
            first, last = 1, 7
        elif day == "WE":
            first, last = 6, 7
        else:
            first = last = int(day)
        a, b = dt.date.fromisocalendar(y, w, first), dt.date.fromisocalendar(y, w, last)
        return dt.datetime(a.year, a.month, a.day), dt.datetime(b.year, b.month, b.day)
    m = _PART.match(value)
    if m:
        y = int(m[1])
        first, last = _PARTS[m[2]]
        return dt.datetime(y, first, 1), _month_end(y, last)
    m = _MONTH.match(value)
    if m:
        y, mo = int(m[1]), int(m[2])
        return dt.datetime(y, mo, 1), _month_end(y, mo)
    m = _YEARS.match(value)
    if m:
        digits = m[1]
        span = 10 ** (4 - len(digits))  # 2017: one year; 201: a decade; 20: a century
        first = int(digits) * span
        return dt.datetime(max(first, 1), 1, 1), dt.datetime(first + span - 1, 12, 31)
    return None


@functools.lru_cache(maxsize=4096)
def interval(value: str | None) -> tuple[dt.datetime | None, dt.datetime | None]:
    """The first and last day (or the instant) a TIMEX3 value stands for.

    Parameters
    ----------
    value : str or None
        A TIMEX3 value as in a record's ``dates`` (``2017-09-27``, ``2017-08``, ``2017-W39``,
        ``2017-Q3``, ``2017-SU``, ``201`` for the 2010s, ``2017-09-27T18:00``, ...).

    Returns
    -------
    tuple of (datetime.datetime or None, datetime.datetime or None)
        ``(start, end)``, both inclusive; ``(None, None)`` for durations, sets, references
        (``PRESENT_REF``), values with unknown parts (``XXXX-09``) and impossible dates.

    Examples
    --------
    >>> from newsfacts.timex import interval
    >>> [d.date().isoformat() for d in interval("2017-08")]
    ['2017-08-01', '2017-08-31']
    >>> [d.date().isoformat() for d in interval("2017-W39")]
    ['2017-09-25', '2017-10-01']
    """
    if not isinstance(value, str):
        return None, None
    try:
        got = _interval(value.strip())
    except ValueError:  # month 13, day 31 of a 30-day month, week 54, year 0
        return None, None
    return got if got is not None else (None, None)
