"""How a printed signature list is laid out: one signature column per event day where the funder pays by the
day (attendance is proof), else one column; pages across (A4 landscape) when the day columns need the width.
Standard library only."""

from dataclasses import dataclass
from datetime import date

from clubs_exchange.funding.terms import AmountKind

# More day columns than this do not fit beside the person's columns on A4: one signature column then.
MAX_DAY_COLUMNS = 7
# Rows left empty for people who join on the day (walk-ins): at least this many, or a quarter of the list.
MIN_EMPTY_ROWS = 6


@dataclass(frozen=True)
class SheetLayout:
    per_day: bool
    landscape: bool

    def empty_rows(self, listed: int) -> int:
        return max(MIN_EMPTY_ROWS, -(-listed // 4))


def sheet_layout(kind: AmountKind | None, days: list[date]) -> SheetLayout:
    """Per day for a daily rate (and where no scheme is chosen: the most a funder asks); one column for a lump
    sum, a flat amount or a rate per person (CERV: one signed list per invited town)."""
    per_day = (kind in (None, AmountKind.PER_PARTICIPANT_DAY) and 1 < len(days) <= MAX_DAY_COLUMNS)
    return SheetLayout(per_day=per_day, landscape=per_day and len(days) > 2)
