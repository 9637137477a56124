"""The timeline of a partnership: its milestones and its changes of level, newest first."""

from dataclasses import dataclass
from datetime import date

from clubs_exchange.clock import local
from clubs_exchange.partners.models import LevelChange, Milestone


@dataclass(frozen=True)
class TimelineEntry:
    on: date
    milestone: Milestone | None = None
    level_change: LevelChange | None = None


def timeline(milestones: list[Milestone], level_changes: list[LevelChange]) -> list[TimelineEntry]:
    entries = [TimelineEntry(m.happened_on, milestone=m) for m in milestones]
    entries += [TimelineEntry(local(c.at).date(), level_change=c) for c in level_changes]
    # On the same day a milestone (the signing) comes before the change of level it caused.
    return sorted(entries, key=lambda e: (e.on, e.milestone is None), reverse=True)
