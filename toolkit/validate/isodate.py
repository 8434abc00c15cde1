"""The W3C (XSD 1.1) date and time forms that TEI allows in ``@when`` and its kin, checked without a library.

``elementpath``'s datatypes did this before at a cost of about 70 ms of import for every ``edition validate``; the
eight lexical forms and their value rules are small enough to state here. ``tests/test_isodate.py`` checks, on
generated values, that this module agrees with ``elementpath`` (still installed, for ``xmlschema``) on every value
but one family: a 29 February in a year above 9999, where ``elementpath`` tests whether the *next* year is leap
and this module follows XSD's (proleptic Gregorian) rule.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["is_temporal"]

_ZONE = r"(?:Z|[+-](?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00))?"
_YEAR = r"(?P<year>-?[0-9]*[0-9]{4})"
_MONTH, _DAY = r"(?P<month>[0-9]{2})", r"(?P<day>[0-9]{2})"
_TIME = r"(?P<hour>[0-9]{2}):(?P<minute>[0-9]{2}):(?P<second>[0-9]{2})(?:\.(?P<fraction>[0-9]+))?"
#: dateTime (or date), time, gYearMonth (or gYear), gMonthDay (or gMonth), gDay: at most one alternative matches.
_FORMS = (
    rf"{_YEAR}-{_MONTH}-{_DAY}(?:T{_TIME})?",
    _TIME,
    rf"{_YEAR}(?:-{_MONTH})?",
    rf"--{_MONTH}(?:-{_DAY})?",
    rf"---{_DAY}",
)
_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
#: the largest year magnitude a value may have (XSD leaves it open; elementpath stops here, and so did this rule)
_MAX_YEAR = 2**31
#: one pattern for the eight forms; each alternative's groups are named ``a<n>_<field>`` so that the names differ
_PATTERN = re.compile("|".join(f"(?:{form.replace('(?P<', f'(?P<a{n}_')}){_ZONE}" for n, form in enumerate(_FORMS)))


@lru_cache(maxsize=4096)  # a corpus repeats its dates: each distinct value is parsed once
def is_temporal(value: str) -> bool:
    """True if ``value`` (surrounding white space aside) is an XSD 1.1 dateTime, date, time, gYearMonth, gYear,
    gMonthDay, gMonth or gDay: its lexical form, and a day that exists in its month and year."""
    match = _PATTERN.fullmatch(value.strip())
    if match is None:
        return False
    found = {name.partition("_")[2]: text for name, text in match.groupdict().items() if text is not None}
    year, month, day = found.get("year"), int(found.get("month", 1)), int(found.get("day", 1))
    if year is not None and not _year_allowed(year):
        return False
    leap = True if year is None else _is_leap(int(year))  # without a year (gMonthDay), 29 February may recur
    if not 1 <= month <= 12 or not 1 <= day <= (29 if month == 2 and leap else _DAYS[month - 1]):
        return False
    if "hour" not in found:
        return True
    return _time_allowed(int(found["hour"]), int(found["minute"]), int(found["second"]), found.get("fraction", ""))


def _year_allowed(year: str) -> bool:
    """Four digits or more, no leading zero beyond four, and within the range the year can hold."""
    digits = year.lstrip("-")
    if len(digits) > 4 and digits.startswith("0"):
        return False
    number = int(year)
    # XSD 1.1 has a year 0000 (1 BCE): the years up to it count one further from zero than their digits say
    return abs(number - 1 if number <= 0 else number) <= _MAX_YEAR


def _time_allowed(hour: int, minute: int, second: int, fraction: str) -> bool:
    """A time of day, or 24:00:00 (the end of the day) with a fraction that is zero to the microsecond."""
    if hour == 24:
        return minute == second == 0 and not fraction[:6].strip("0")
    return hour <= 23 and minute <= 59 and second <= 59


def _is_leap(year: int) -> bool:
    """The proleptic Gregorian rule, as :func:`calendar.isleap` states it (that module costs milliseconds of import,
    for its locale-aware tables, in every run)."""
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
