"""Which exchange interests fit an interest, and why: the matching rules as plain functions.

An interest *fits* another when both are open, belong to different organisations, name the same partner city
(or one of them says "any partner city"), and
  - their directions complement each other (one hosts a group and the other sends one, or both want a pupil
    exchange, or both want an online exchange) and the two organisations work in the same field: music with
    music, sports with sports, school with school (see `same_field`); or
  - they share the activity (see `shared_activity`), whatever their fields.
A hosting choir has nothing to offer a rowing club that wants to send its crew, although the directions
complement each other; a school and a choir that both name "concert" do. Two joint events complement each
other only through their activity.

Overlapping preferred periods, a matching age group and beds that cover the guests' group are reported as
further reasons; they make a fit better (fits are sorted by the number of reasons), never a condition.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from flask_babel import format_date, ngettext
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload

from clubs_exchange.extensions import db
from clubs_exchange.interests.models import ExchangeInterest, InterestKind
from clubs_exchange.organisations.models import AgeGroup


@dataclass
class Fit:
    """Another organisation's interest that fits, with the reasons as sentences addressed to the viewer."""

    interest: ExchangeInterest
    reasons: list[str]
    # Worth knowing but no reason to choose it, e.g. beds that do not cover the group.
    remarks: list[str] = field(default_factory=list)
    complements: bool = False


# --- the activity ------------------------------------------------------------------------------------------


def activity_words(text: str | None) -> tuple[str, ...]:
    """An activity as comparable words: case folded, accents dropped, punctuation and hyphens as spaces.

    "Football-Match!" -> ("football", "match"); "Fußball" -> ("fussball",); "Chorkonzert" stays one word.
    """
    decomposed = unicodedata.normalize("NFKD", (text or "").casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return tuple(re.findall(r"[^\W_]+", plain))


def shared_activity(mine: str | None, theirs: str | None) -> str | None:
    """The activity both name, or None.

    They share it when the words of one appear, in order and as whole words, within the other: "football"
    and "Football match" share "football"; "football match" and "football tournament" do not (one club
    wants a match, the other a tournament: reported as a direction fit at most), nor do "ball" and
    "football". Returned is the shorter one as the person wrote it, so the reason reads naturally.
    """
    a, b = activity_words(mine), activity_words(theirs)
    if not a or not b:
        return None
    short, long_, text = (a, b, mine) if len(a) <= len(b) else (b, a, theirs)
    n = len(short)
    if any(long_[i : i + n] == short for i in range(len(long_) - n + 1)):
        return " ".join((text or "").split())
    return None


# --- periods -------------------------------------------------------------------------------------------------


def month_span(start: date | None, end: date | None) -> str:
    """A preferred period as a person reads it: "May 2027", "May–June 2027", "from May 2027", ""."""
    if start is None and end is None:
        return ""
    if end is None:
        return _("from %(month)s", month=format_date(start, "LLLL yyyy"))
    if start is None:
        return _("until %(month)s", month=format_date(end, "LLLL yyyy"))
    if (start.year, start.month) == (end.year, end.month):
        return format_date(start, "LLLL yyyy")
    if start.year == end.year:
        return f"{format_date(start, 'LLLL')}–{format_date(end, 'LLLL yyyy')}"
    return f"{format_date(start, 'LLLL yyyy')}–{format_date(end, 'LLLL yyyy')}"


def period_overlap(a: ExchangeInterest, b: ExchangeInterest) -> tuple[date | None, date | None] | None:
    """The months both prefer, or None. An open end ("from May") runs on; no period at all says nothing."""
    if (a.period_from is None and a.period_to is None) or (b.period_from is None and b.period_to is None):
        return None
    starts = [d for d in (a.period_from, b.period_from) if d is not None]
    ends = [d for d in (a.period_to, b.period_to) if d is not None]
    start = max(starts) if starts else None
    end = min(ends) if ends else None
    if start is not None and end is not None and start > end:
        return None
    return start, end


# --- one pair -------------------------------------------------------------------------------------------------

_SAME_KIND_COMPLEMENTS = {
    InterestKind.PUPIL_EXCHANGE: lambda: _("You both want a pupil exchange"),
    InterestKind.ONLINE_EXCHANGE: lambda: _("You both want an online exchange"),
}


def direction_reason(mine: ExchangeInterest, theirs: ExchangeInterest) -> str | None:
    if mine.kind == InterestKind.SEND_GROUP and theirs.kind == InterestKind.HOST_GROUP:
        return _("They host a group; you want to send one")
    if mine.kind == InterestKind.HOST_GROUP and theirs.kind == InterestKind.SEND_GROUP:
        return _("They want to send a group; you host one")
    if mine.kind == theirs.kind and mine.kind in _SAME_KIND_COMPLEMENTS:
        return _SAME_KIND_COMPLEMENTS[mine.kind]()
    return None


def same_field(a: ExchangeInterest, b: ExchangeInterest) -> bool:
    """Whether the two organisations are of one kind (sports club, choir or music club, school, association).

    An organisation not loaded (an interest not yet saved) has no known field, and shares none.
    """
    mine, theirs = a.organisation, b.organisation
    return mine is not None and theirs is not None and mine.kind == theirs.kind


def same_partner_city(a: ExchangeInterest, b: ExchangeInterest) -> bool:
    return a.partner_city_id is None or b.partner_city_id is None or a.partner_city_id == b.partner_city_id


def age_reason(mine: ExchangeInterest, theirs: ExchangeInterest) -> str | None:
    if mine.age_group is None or theirs.age_group is None:
        return None
    if mine.age_group == theirs.age_group:
        return _("Same age group: %(age_group)s", age_group=mine.age_group.label)
    if AgeGroup.MIXED in (mine.age_group, theirs.age_group):
        return _("Age groups go together: %(theirs)s and %(mine)s",
                 theirs=theirs.age_group.label, mine=mine.age_group.label)
    return None


def bed_sentences(mine: ExchangeInterest, theirs: ExchangeInterest) -> tuple[list[str], list[str]]:
    """(reasons, remarks) about whether the host side's beds cover the guest side's group.

    Host and send pair up one way; in a pupil exchange each side hosts the other in turn.
    """
    reasons: list[str] = []
    remarks: list[str] = []
    they_host = theirs.kind == InterestKind.HOST_GROUP and mine.kind == InterestKind.SEND_GROUP
    we_host = mine.kind == InterestKind.HOST_GROUP and theirs.kind == InterestKind.SEND_GROUP
    both = mine.kind == theirs.kind == InterestKind.PUPIL_EXCHANGE
    if (they_host or both) and mine.group_size:
        beds, group = theirs.beds_offered or 0, mine.group_size
        if beds >= group:
            reasons.append(ngettext("Their %(num)d bed covers your group of %(group)d",
                                    "Their %(num)d beds cover your group of %(group)d", beds, group=group))
        else:
            remarks.append(ngettext("Their %(num)d bed does not cover your group of %(group)d",
                                    "Their %(num)d beds do not cover your group of %(group)d", beds, group=group))
    if (we_host or both) and theirs.group_size:
        beds, group = mine.beds_offered or 0, theirs.group_size
        if beds >= group:
            reasons.append(ngettext("Your %(num)d bed covers their group of %(group)d",
                                    "Your %(num)d beds cover their group of %(group)d", beds, group=group))
        else:
            remarks.append(ngettext("Your %(num)d bed does not cover their group of %(group)d",
                                    "Your %(num)d beds do not cover their group of %(group)d", beds, group=group))
    return reasons, remarks


def fit(mine: ExchangeInterest, theirs: ExchangeInterest) -> Fit | None:
    """Whether `theirs` fits `mine`, and why; None when it does not."""
    if theirs is mine or (mine.id is not None and theirs.id == mine.id):
        return None
    if not theirs.is_open or theirs.organisation_id == mine.organisation_id:
        return None
    if not same_partner_city(mine, theirs):
        return None
    direction = direction_reason(mine, theirs)
    activity = shared_activity(mine.activity, theirs.activity)
    # By direction alone, only within one field; a shared activity brings the direction along as a reason.
    if activity is None and (direction is None or not same_field(mine, theirs)):
        return None
    reasons = [r for r in (direction,) if r]
    if activity:
        reasons.append(_("Same activity: %(activity)s", activity=activity))
    if (overlap := period_overlap(mine, theirs)) is not None:
        reasons.append(_("Preferred periods overlap: %(period)s", period=month_span(*overlap)))
    if age := age_reason(mine, theirs):
        reasons.append(age)
    bed_reasons, remarks = bed_sentences(mine, theirs)
    reasons.extend(bed_reasons)
    return Fit(interest=theirs, reasons=reasons, remarks=remarks, complements=direction is not None)


# --- all of them ---------------------------------------------------------------------------------------------


def candidates_query(interest: ExchangeInterest) -> sa.Select:
    """Open interests of other organisations for the same partner city, or for any: one query."""
    query = (
        sa.select(ExchangeInterest)
        .where(ExchangeInterest.is_open.is_(True))
        .where(ExchangeInterest.organisation_id != interest.organisation_id)
        .options(joinedload(ExchangeInterest.organisation), joinedload(ExchangeInterest.partner_city))
    )
    if interest.id is not None:
        query = query.where(ExchangeInterest.id != interest.id)
    if interest.partner_city_id is not None:
        query = query.where(
            sa.or_(
                ExchangeInterest.partner_city_id == interest.partner_city_id,
                ExchangeInterest.partner_city_id.is_(None),
            )
        )
    return query


def sort_key(f: Fit):
    return (-len(f.reasons), not f.complements, f.interest.organisation.name.casefold(), f.interest.id)


def fits_for(interest: ExchangeInterest) -> list[Fit]:
    """The interests that fit `interest`, best first (more reasons first).

    The direction and activity rules run in Python over the city's open interests, loaded in one query with
    their organisations and partner cities: a few hundred organisations make this cheap, and the activity
    comparison (whole words, accents folded) is not something SQL does the same way on SQLite and PostgreSQL.
    """
    candidates = db.session.scalars(candidates_query(interest)).unique()
    fits = [f for other in candidates if (f := fit(interest, other)) is not None]
    return sorted(fits, key=sort_key)
