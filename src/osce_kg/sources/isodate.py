"""ISO dates with the precision the source gives: '1993', '1993-02' or '1993-02-15'.

A curated row must not pretend to know a day when its source gives only a year, so the
precision travels with the date and the first and last day of the stated period are both known.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

Precision = Literal["year", "month", "day"]

_FORM = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, order=True)
class IsoDate:
    """A date of year, month or day precision, as written in the data."""

    first: date
    last: date
    text: str
    precision: Precision

    def __str__(self) -> str:
        return self.text


def parse_iso(text: str) -> IsoDate:
    """Parse 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'; ValueError says what is wrong."""
    m = _FORM.match(text.strip())
    if not m:
        raise ValueError(f"not an ISO date YYYY, YYYY-MM or YYYY-MM-DD: {text!r}")
    year = int(m.group(1))
    if m.group(3):
        day = date(year, int(m.group(2)), int(m.group(3)))
        return IsoDate(day, day, m.group(0), "day")
    if m.group(2):
        month = int(m.group(2))
        if not 1 <= month <= 12:
            raise ValueError(f"month out of range in {text!r}")
        end = calendar.monthrange(year, month)[1]
        return IsoDate(date(year, month, 1), date(year, month, end), m.group(0), "month")
    return IsoDate(date(year, 1, 1), date(year, 12, 31), m.group(0), "year")


def may_precede(start: IsoDate, end: IsoDate) -> bool:
    """True when `end` does not begin before `start` does.

    First days are compared because the graph states every date as the first day of its period
    (docs/DESIGN.md): '1993-02-15' .. '1993' would there read as an end before the start.
    """
    return start.first <= end.first
