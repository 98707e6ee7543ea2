"""The legal periods of moderation, counted in calendar months."""

from __future__ import annotations

import calendar
from datetime import datetime

# DSA Art. 20(1): a decision can be appealed for at least six months after the commenter is told of it.
APPEAL_WINDOW_MONTHS = 6
# TCO Regulation Art. 6(2): content removed under a removal order, and its data, are kept for six months.
PRESERVATION_MONTHS = 6


def add_months(moment: datetime, months: int) -> datetime:
    """``moment`` plus whole calendar months; the 31 August plus six months is the last day of February."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)
