"""TEI3xx: dates — ISO 8601 values (W3C forms), ranges that end before they start, dates without a value."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

from lxml import etree

from toolkit.corpus import Document
from toolkit.validate.isodate import is_temporal
from toolkit.validate.rules.checker import EDITION, RULES, TEI, Checker, local, tei

DATE_ATTRIBUTES = ("when", "notBefore", "notAfter", "from", "to")
#: Elements whose ``@from``/``@to`` are page ranges or spans, not dates.
NOT_DATABLE = frozenset({"citedRange", "biblScope", "locus", "locusGrp", "span", "spanGrp", "arc", "relation"})
#: XSD's rule for comparing a value with a time zone and one without: the latter may be anywhere within 14 hours.
ZONE_LEEWAY = timedelta(hours=14)

_BOUNDS = re.compile(
    r"^(?P<y>\d{4})(?:-(?P<m>\d\d)(?:-(?P<d>\d\d)(?:T(?P<t>\d\d:\d\d:\d\d(?:\.\d+)?))?)?)?(?P<tz>Z|[+-]\d\d:\d\d)?$"
)


def bounds(value: str) -> tuple[datetime, datetime, bool] | None:
    """The first and last instant a valid date value can mean, and whether it has a time zone (else read as UTC).

    ``None`` for forms that are not compared (times of day, recurring months and days, years beyond 9998).
    """
    match = _BOUNDS.match(value)
    if match is None:
        return None
    tz = UTC
    if match["tz"] and match["tz"] != "Z":
        sign = 1 if match["tz"][0] == "+" else -1
        tz = timezone(sign * timedelta(hours=int(match["tz"][1:3]), minutes=int(match["tz"][4:6])))
    year, month, day = int(match["y"]), int(match["m"] or 1), int(match["d"] or 1)
    try:
        if match["t"]:
            hours, minutes, seconds = match["t"].split(":")
            moment = datetime(year, month, day, tzinfo=tz) + timedelta(
                hours=int(hours), minutes=int(minutes), seconds=float(seconds)
            )
            return moment, moment, bool(match["tz"])
        start = datetime(year, month, day, tzinfo=tz)
        if match["d"]:
            end = start + timedelta(days=1)
        elif match["m"]:
            end = datetime(year + month // 12, month % 12 + 1, 1, tzinfo=tz)
        else:
            end = datetime(year + 1, 1, 1, tzinfo=tz)
    except (ValueError, OverflowError):
        return None
    return start, end - timedelta(microseconds=1), bool(match["tz"])


def is_reversed(first: str, last: str) -> bool:
    """True when the range from ``first`` to ``last`` certainly ends before it starts."""
    start, end = bounds(first), bounds(last)
    if start is None or end is None:
        return False
    leeway = ZONE_LEEWAY if start[2] != end[2] else timedelta(0)
    return start[0] - leeway > end[1] + leeway


@RULES.attributes(
    frozenset(DATE_ATTRIBUTES),
    or_elements=frozenset({"date", "time"}),
    codes={"TEI301": TEI, "TEI302": EDITION, "TEI303": EDITION},
)
def dates(checker: Checker, doc: Document, element: etree._Element) -> None:
    """TEI301 invalid ISO 8601 value; TEI302 a range that ends before it starts; TEI303 a date without a value."""
    name = local(element)
    if name in NOT_DATABLE:
        return
    values = {a: value for a in DATE_ATTRIBUTES if (value := element.get(a)) is not None}
    valid: dict[str, str] = {}
    for attribute, value in values.items():
        if is_temporal(value):
            valid[attribute] = value
        else:
            checker.report(
                "TEI301",
                doc,
                element,
                f"@{attribute}={value!r} is not an ISO 8601 date or time (W3C form)",
                "write e.g. 1962-10-27, 1962-10, 1962, 1962-10-27T19:45:00-04:00 or 19:45:00",
            )
    for first, last in (("from", "to"), ("notBefore", "notAfter")):
        if first in valid and last in valid and is_reversed(valid[first], valid[last]):
            checker.report("TEI302", doc, element, f"@{first}={valid[first]!r} is later than @{last}={valid[last]!r}")
    if name in ("date", "time") and element.tag == tei(name) and not values:
        checker.report(
            "TEI303",
            doc,
            element,
            f"<{name}> has no normalised value",
            "add @when (or @notBefore/@notAfter, @from/@to) in ISO 8601",
        )
