"""toolkit.validate.isodate: the date rule's own W3C date parser agrees with elementpath's datatypes (its former
engine), on generated values near and far from the eight forms."""

from __future__ import annotations

import re
from calendar import isleap

import pytest
from elementpath import datatypes
from hypothesis import example, given, settings
from hypothesis import strategies as st

from toolkit.validate.isodate import is_temporal

ELEMENTPATH_TYPES = (
    datatypes.DateTime,
    datatypes.Date,
    datatypes.Time,
    datatypes.GregorianYearMonth,
    datatypes.GregorianYear,
    datatypes.GregorianMonthDay,
    datatypes.GregorianMonth,
    datatypes.GregorianDay,
)


def elementpath_says(value: str) -> bool:
    """What the rule answered before, with elementpath (XSD 1.1 types)."""
    for kind in ELEMENTPATH_TYPES:
        try:
            kind.fromstring(value)
        except (ValueError, TypeError, ArithmeticError):
            continue
        return True
    return False


def elementpath_quirk(value: str) -> bool:
    """elementpath tests 29 February of a year above 9999 against the leap rule of the year after (a bug of its)."""
    found = re.match(r"(\d{5,})-02-29(?:T|Z|[+-]|$)", value.strip())
    return found is not None and isleap(int(found[1])) != isleap(int(found[1]) + 1)


def two(low: int = 0, high: int = 99) -> st.SearchStrategy[str]:
    return st.integers(low, high).map(lambda n: f"{n:02d}")


years = st.one_of(
    st.integers(0, 9999).map(lambda n: f"{n:04d}"),
    st.integers(-9999, 0).map(lambda n: f"-{-n:04d}"),
    st.integers(10000, 2**31 + 10).map(str),
    st.integers(2**31 - 3, 2**31 + 3).map(lambda n: f"-{n}"),
    st.sampled_from(["01962", "-01962", "196", "0000", "-0000", "10000", "99999"]),
)
zones = st.one_of(
    st.just(""),
    st.just("Z"),
    st.tuples(st.sampled_from("+-"), two(0, 15), two(0, 61)).map(lambda t: f"{t[0]}{t[1]}:{t[2]}"),
)
fractions = st.one_of(st.just(""), st.text("0123456789", min_size=1, max_size=9).map(lambda f: "." + f))
times = st.tuples(two(0, 25), two(0, 61), two(0, 61), fractions).map(lambda t: f"{t[0]}:{t[1]}:{t[2]}{t[3]}")
dates = st.tuples(years, two(0, 13), two(0, 32)).map(lambda t: f"{t[0]}-{t[1]}-{t[2]}")
forms = st.one_of(
    st.tuples(dates, times).map(lambda t: f"{t[0]}T{t[1]}"),
    dates,
    times,
    st.tuples(years, two(0, 13)).map(lambda t: f"{t[0]}-{t[1]}"),
    years,
    st.tuples(two(0, 13), two(0, 32)).map(lambda t: f"--{t[0]}-{t[1]}"),
    two(0, 13).map(lambda m: f"--{m}"),
    two(0, 32).map(lambda d: f"---{d}"),
)
values = st.tuples(forms, zones).map("".join)
padded = st.tuples(st.sampled_from(["", " ", "\n", "\t ", "\u00a0"]), values, st.sampled_from(["", " ", "\n"])).map(
    "".join
)
mangled = st.tuples(values, st.integers(0, 30), st.sampled_from(["", "x", "-", ":", "T", "0", " ", "Z", "+"])).map(
    lambda t: t[0][: t[1]] + t[2] + t[0][t[1] + 1 :]
)


@settings(max_examples=3000, deadline=None)
@given(st.one_of(values, padded, mangled, st.text(max_size=12)))
@example("1962-10-27")
@example("1962-02-29")
@example("2000-02-29T24:00:00")
@example("24:00:00.0000001")
@example("24:00:00.000001")
@example("0000-02-29")
@example("-0001-02-29")
@example("--02-29")
@example("1962-10-27T19:45:00-04:00")
@example("1962-10-27T19:45:00+14:01")
def test_is_temporal_agrees_with_elementpath(value: str) -> None:
    expected = elementpath_says(value)
    if elementpath_quirk(value):
        expected = not expected
    assert is_temporal(value) is expected, value


@pytest.mark.parametrize(("value", "valid"), [("10000-02-29", True), ("10003-02-29", False), ("10004-02-29", True)])
def test_29_february_beyond_9999_follows_the_gregorian_leap_rule(value: str, valid: bool) -> None:
    assert is_temporal(value) is valid
