"""Properties of the date checks (TEI301/TEI302): no false alarm on a well-ordered range, no miss on a reversed one."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from toolkit.validate.rules import bounds, is_reversed, is_temporal

DAYS = st.dates(min_value=date(1, 1, 1), max_value=date(9998, 12, 31))
MOMENTS = st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9998, 12, 30))
ZONES = st.sampled_from(["", "Z", "-04:00", "+03:00", "+14:00", "-14:00"])


def forms(day: date) -> list[str]:
    """The same day written as a date, a month and a year."""
    return [day.isoformat(), day.isoformat()[:7], day.isoformat()[:4]]


@given(DAYS)
def test_every_w3c_form_of_a_day_is_temporal_and_spans_forwards(day: date) -> None:
    for value in forms(day):
        assert is_temporal(value)
        span = bounds(value)
        assert span is not None and span[0] <= span[1]


@given(DAYS, DAYS)
def test_a_range_is_reversed_exactly_when_its_days_are(one: date, other: date) -> None:
    first, last = min(one, other), max(one, other)
    assert not is_reversed(first.isoformat(), last.isoformat())
    assert is_reversed(last.isoformat(), first.isoformat()) == (last > first)


@given(DAYS)
def test_coarser_and_finer_forms_of_the_same_day_are_never_reversed(day: date) -> None:
    for coarse in forms(day):
        for fine in forms(day):
            assert not is_reversed(coarse, fine)


@given(MOMENTS, ZONES, ZONES)
def test_a_moment_is_never_after_itself_whatever_zones_are_written(moment: datetime, zone: str, other: str) -> None:
    stamp = moment.replace(microsecond=0).isoformat()
    if zone == other:
        assert not is_reversed(stamp + zone, stamp + other)
    assert not is_reversed(stamp, stamp + zone) and not is_reversed(stamp + zone, stamp)


@given(MOMENTS)
def test_an_evening_in_washington_is_within_its_local_day(moment: datetime) -> None:
    evening = moment.replace(hour=22, minute=0, second=0, microsecond=0)
    assert not is_reversed(evening.isoformat() + "-04:00", evening.date().isoformat())
    assert is_reversed((evening + timedelta(days=2)).isoformat() + "-04:00", evening.date().isoformat())


def test_odd_but_valid_values_are_compared_without_crashing() -> None:
    assert is_temporal("1962-10-27T19:45:00.123456789-04:00")
    assert not is_reversed("1962-10-27T19:45:00.123456789-04:00", "1962-10-27T19:45:01-04:00")
    assert bounds("9999") is None and not is_reversed("9999", "1962")
    assert bounds("19:45:00") is None
