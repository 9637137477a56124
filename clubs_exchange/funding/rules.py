"""A funding scheme's rules as plain functions: for a meeting, its participants and a scheme's terms, each rule's
verdict with its reason and figures, and the amount in integer cents with its arithmetic shown to people.

Runs without an app (tests, scripts): flask_babel's gettext returns the English message when no app is bound,
and money() formats in en_GB then. Inside a request (or a mail under force_locale) both follow the reader.

How the rules read the guidelines (assumptions, say so when a funder disagrees):
- Days are calendar days from the start to the end, counted per DayCounting; a one-day meeting counts one day
  under every counting. `max_days` caps the days funded (a longer meeting is still funded, for the maximum);
  `min_days` is a condition.
- Age is the year of the event's start minus the year of birth (lists hold a year, not a date). The age band
  applies to participants, not to leaders; a participant without a year of birth is not funded where a band is
  set. Out-of-band participants may come, unfunded; the rule fails only when no participant is left.
- The group size counts the people listed as participants and leaders (whatever their age); with `min_leaders`
  set, `min_participants` counts the participants without the leaders (Aachen: 4 participants and 1 leader).
- `invited_up_to_home` (Aachen, meetings at home): invited participants are funded up to the number of the
  home city's own participants (both after the age band), the first listed first.
- Leaders funded: floor(participants funded / ratio), at least 1 when there are any; `max_participants` then
  caps everyone funded, leaders kept first.
- Attendance (`days_present`, after the event) is in the scheme's counted days; a person is funded for the
  fewer of their days present and the days funded.
- GROUP_FLAT below `full_group_size`: a proportional share, people funded ÷ full_group_size × the flat amount
  (Lingen says "a share" without a formula).
- A cap per group applies to the total after a cap per participant; rounding comes last.
- A meeting that fails a condition gets no amount; the arithmetic still shows what it would have been.
- An estimate (no list yet) assumes the expected participants are all within the age band and have room under
  the yearly cap; where rates differ by age, it uses the first rate of the meeting's direction.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from flask import current_app, has_app_context
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _

from clubs_exchange.funding.countries import is_eu_member
from clubs_exchange.funding.terms import (
    AmountKind,
    Band,
    DayCounting,
    Direction,
    Meeting,
    Outcome,
    Rate,
    Role,
    Rounding,
    SchemeTerms,
    Verdict,
)


def _locale() -> str:
    if has_app_context():
        return str(get_locale() or "en_GB")
    return "en_GB"


def money(cents: int) -> str:
    """Cents as the reader writes money: "€396.00" outside an app, "396,00 €" for a German reader."""
    from babel.numbers import format_currency

    currency = current_app.config.get("CURRENCY", "EUR") if has_app_context() else "EUR"
    return format_currency(cents / 100, currency, locale=_locale())


def _day(d: date) -> str:
    from babel.dates import format_date

    return format_date(d, "medium", locale=_locale())


def _days(n: int) -> str:
    return ngettext("%(num)d day", "%(num)d days", n)


def _people(n: int, role: Role = Role.PARTICIPANT) -> str:
    if role == Role.LEADER:
        return ngettext("%(num)d leader", "%(num)d leaders", n)
    return ngettext("%(num)d participant", "%(num)d participants", n)


@dataclass(frozen=True)
class _Person:
    name: str
    role: Role
    age: int | None
    invited: bool
    days_present: int | None
    assumed: bool = False  # an estimate's stand-in: age and yearly cap assumed to fit


def _people_of(meeting: Meeting) -> list[_Person]:
    return [
        _Person(p.name, p.role, meeting.starts_on.year - p.birth_year if p.birth_year else None, p.invited,
                p.days_present)
        for p in meeting.participants
    ]


def _stand_ins(meeting: Meeting) -> list[_Person]:
    participants = meeting.expected_participants or 0
    leaders = meeting.expected_leaders or 0
    invited = min(meeting.expected_invited or 0, participants + leaders)
    people = [_Person(f"participant {i + 1}", Role.PARTICIPANT, None, False, None, True) for i in range(participants)]
    people += [_Person(f"leader {i + 1}", Role.LEADER, None, False, None, True) for i in range(leaders)]
    return [_Person(p.name, p.role, p.age, i < invited, None, True) for i, p in enumerate(people)]


# ---- the days -------------------------------------------------------------------------------------------------

def counted_days(meeting: Meeting, counting: DayCounting) -> int:
    calendar = (meeting.ends_on - meeting.starts_on).days + 1
    if calendar <= 1:
        return max(calendar, 0)
    if counting == DayCounting.TRAVEL_DAYS_AS_ONE:
        return calendar - 1
    if counting == DayCounting.FULL_DAYS_ONLY:
        return calendar - 2
    return calendar


def _counting_label(counting: DayCounting) -> str:
    return {
        DayCounting.EACH_TRAVEL_DAY: _("arrival and departure each count"),
        DayCounting.TRAVEL_DAYS_AS_ONE: _("arrival and departure together count as one day"),
        DayCounting.FULL_DAYS_ONLY: _("full days only"),
    }[counting]


def days_rule(terms: SchemeTerms, meeting: Meeting) -> tuple[Verdict, int]:
    """The verdict on the meeting's length, and the days funded."""
    days = counted_days(meeting, terms.day_counting)
    how = _counting_label(terms.day_counting)
    if terms.min_days is not None and days < terms.min_days:
        return Verdict("days", False, _("%(days)s counted (%(how)s); at least %(min)s needed.",
                                        days=_days(days), how=how, min=_days(terms.min_days))), days
    if terms.max_days is not None and days > terms.max_days:
        return Verdict("days", True, _("%(days)s counted (%(how)s); %(max)s funded at most.",
                                       days=_days(days), how=how, max=_days(terms.max_days))), terms.max_days
    return Verdict("days", True, _("%(days)s counted (%(how)s).", days=_days(days), how=how)), days


# ---- who is funded --------------------------------------------------------------------------------------------

def group_size_rule(terms: SchemeTerms, people: list[_Person]) -> Verdict | None:
    if terms.min_participants is None and terms.min_leaders is None:
        return None
    participants = sum(p.role == Role.PARTICIPANT for p in people)
    leaders = sum(p.role == Role.LEADER for p in people)
    counted = participants if terms.min_leaders is not None else participants + leaders
    lacking = []
    if terms.min_participants is not None and counted < terms.min_participants:
        lacking.append(_("at least %(num)s needed", num=_people(terms.min_participants)) if terms.min_leaders
                       is not None else ngettext("at least %(num)d person needed", "at least %(num)d people needed",
                                                 terms.min_participants))
    if terms.min_leaders is not None and leaders < terms.min_leaders:
        lacking.append(_("at least %(num)s needed", num=_people(terms.min_leaders, Role.LEADER)))
    figures = _("%(participants)s and %(leaders)s", participants=_people(participants),
                leaders=_people(leaders, Role.LEADER))
    if lacking:
        return Verdict("group_size", False, _("%(figures)s: %(lacking)s.", figures=figures,
                                              lacking="; ".join(lacking)))
    return Verdict("group_size", True, figures + ".")


def age_band_rule(terms: SchemeTerms, participants: list[_Person]) -> tuple[Verdict | None, list[_Person]]:
    """The participants within the age band (leaders are not in this list)."""
    if terms.min_age is None and terms.max_age is None:
        return None, participants
    low, high = terms.min_age or 0, terms.max_age if terms.max_age is not None else 999

    def within(p: _Person) -> bool:
        return p.assumed or (p.age is not None and low <= p.age <= high)

    inside = [p for p in participants if within(p)]
    outside = [p for p in participants if not within(p) and p.age is not None]
    unknown = [p for p in participants if not within(p) and p.age is None]
    if terms.min_age is None:
        band = _("ages up to %(high)d", high=high)
    elif terms.max_age is None:
        band = _("ages %(low)d and over", low=low)
    else:
        band = _("ages %(low)d–%(high)d", low=low, high=high)
    parts = [_("%(inside)d of %(all)s within %(band)s", inside=len(inside), all=_people(len(participants)),
               band=band)]
    if outside:
        parts.append(ngettext("%(num)d outside the band is not funded", "%(num)d outside the band are not funded",
                              len(outside)))
    if unknown:
        parts.append(ngettext("%(num)d without a year of birth is not funded",
                              "%(num)d without a year of birth are not funded", len(unknown)))
    return Verdict("age_band", bool(inside), "; ".join(parts) + "."), inside


def invited_rule(terms: SchemeTerms, meeting: Meeting,
                 participants: list[_Person]) -> tuple[Verdict | None, list[_Person]]:
    """At home, the invited guests funded up to as many as the home city's own participants (Aachen)."""
    if not terms.invited_up_to_home or meeting.direction != Direction.INCOMING:
        return None, participants
    home = [p for p in participants if not p.invited]
    invited = [p for p in participants if p.invited]
    funded = invited[:len(home)]
    return Verdict("invited", True, _("%(funded)d of %(invited)s from abroad funded, up to as many as ours "
                                      "(%(home)d).", funded=len(funded), invited=_people(len(invited)),
                                      home=len(home))), home + funded


def yearly_cap_rule(terms: SchemeTerms, meeting: Meeting,
                    people: list[_Person]) -> tuple[Verdict | None, list[_Person]]:
    if terms.max_meetings_per_person_year is None:
        return None, people
    limit = terms.max_meetings_per_person_year
    over = [p for p in people if not p.assumed and meeting.meetings_this_year.get(p.name, 0) >= limit]
    left = [p for p in people if p not in over]
    rule = ngettext("at most %(num)d funded meeting per person and year",
                    "at most %(num)d funded meetings per person and year", limit)
    if not over:
        return Verdict("yearly_cap", True, _("Everyone has room (%(rule)s).", rule=rule)), left
    reason = ngettext("%(num)d person has had the funded meetings of this year already (%(rule)s): not funded.",
                      "%(num)d people have had the funded meetings of this year already (%(rule)s): not funded.",
                      len(over), rule=rule)
    return Verdict("yearly_cap", bool(left), reason), left


def leader_ratio_rule(terms: SchemeTerms, participants: int, leaders: int) -> tuple[Verdict | None, int]:
    """How many of the leaders are funded: one per `leader_ratio` participants funded, at least one."""
    if terms.leader_ratio is None or not leaders:
        return None, leaders
    allowed = max(1, participants // terms.leader_ratio) if participants else 0
    funded = min(leaders, allowed)
    return Verdict("leaders", True, _("%(funded)d of %(leaders)s within 1 per %(ratio)d.", funded=funded,
                                      leaders=_people(leaders, Role.LEADER), ratio=terms.leader_ratio)), funded


def max_participants_rule(terms: SchemeTerms, participants: int, leaders: int) -> tuple[Verdict | None, int, int]:
    """Everyone funded at most `max_participants`, leaders kept first: (verdict, participants, leaders)."""
    if terms.max_participants is None:
        return None, participants, leaders
    limit = terms.max_participants
    total = participants + leaders
    if total <= limit:
        return Verdict("max_participants", True, _("%(total)d funded (at most %(max)d).", total=total,
                                                   max=limit)), participants, leaders
    leaders = min(leaders, limit)
    return (Verdict("max_participants", True, _("%(funded)d of %(total)d funded (at most %(max)d).",
                                                funded=limit, total=total, max=limit)),
            limit - leaders, leaders)


# ---- the meeting ----------------------------------------------------------------------------------------------

def partner_city_rule(terms: SchemeTerms, meeting: Meeting) -> Verdict | None:
    """The share of the trip spent in the partner city (trips only)."""
    if terms.min_share_in_partner_city_percent is None or meeting.direction != Direction.OUTGOING:
        return None
    calendar = (meeting.ends_on - meeting.starts_on).days + 1
    wanted = terms.min_share_in_partner_city_percent
    if meeting.days_in_partner_city is None:
        return Verdict("partner_city", False, _("The days in the partner city are not known; at least %(percent)d%% "
                                                "of the trip are needed.", percent=wanted))
    there = meeting.days_in_partner_city
    passed = there * 100 >= wanted * calendar
    return Verdict("partner_city", passed, _("%(there)s of %(all)s in the partner city; at least %(percent)d%% "
                                             "needed.", there=_days(there), all=_days(calendar), percent=wanted))


def countries_rules(terms: SchemeTerms, meeting: Meeting) -> list[Verdict]:
    verdicts = []
    countries = sorted({c.strip().upper() for c in meeting.countries if c and c.strip()})
    named = ", ".join(countries) or "–"
    if terms.min_countries is not None:
        verdicts.append(Verdict("countries", len(countries) >= terms.min_countries, ngettext(
            "%(num)d country (%(named)s); at least %(min)d needed.",
            "%(num)d countries (%(named)s); at least %(min)d needed.", len(countries), named=named,
            min=terms.min_countries)))
    if terms.eu_member_required:
        members = [c for c in countries if is_eu_member(c)]
        verdicts.append(Verdict("eu_member", bool(members), _(
            "EU member states among them: %(members)s.", members=", ".join(members)) if members else _(
            "No EU member state among the countries; one is needed.")))
    return verdicts


def participant_threshold_rules(terms: SchemeTerms, people: list[_Person]) -> list[Verdict]:
    """CERV: direct participants (everyone listed) and invited international participants among them."""
    verdicts = []
    direct = len(people)
    invited = sum(p.invited for p in people)
    if terms.min_direct_participants is not None:
        verdicts.append(Verdict("direct_participants", direct >= terms.min_direct_participants, ngettext(
            "%(num)d direct participant; at least %(min)d needed.",
            "%(num)d direct participants; at least %(min)d needed.", direct, min=terms.min_direct_participants)))
    if terms.min_invited_international is not None:
        verdicts.append(Verdict("invited_international", invited >= terms.min_invited_international, ngettext(
            "%(num)d invited international participant; at least %(min)d needed.",
            "%(num)d invited international participants; at least %(min)d needed.", invited,
            min=terms.min_invited_international)))
    return verdicts


def _months_before(day: date, months: int) -> date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def apply_by(terms: SchemeTerms, starts_on: date) -> date | None:
    """The last day to apply on, from the scheme's lead time."""
    if terms.apply_months_before is not None:
        return _months_before(starts_on, terms.apply_months_before)
    if terms.apply_weeks_before is not None:
        return starts_on - timedelta(weeks=terms.apply_weeks_before)
    return None


def lead_time_rule(terms: SchemeTerms, meeting: Meeting, today: date) -> Verdict | None:
    deadline = apply_by(terms, meeting.starts_on)
    if deadline is None:
        return None
    lead = (ngettext("%(num)d month before the start", "%(num)d months before the start", terms.apply_months_before)
            if terms.apply_months_before is not None else
            ngettext("%(num)d week before the start", "%(num)d weeks before the start", terms.apply_weeks_before))
    if meeting.applied_on is not None:
        return Verdict("lead_time", meeting.applied_on <= deadline, _(
            "Applied on %(applied)s; due by %(deadline)s (%(lead)s).", applied=_day(meeting.applied_on),
            deadline=_day(deadline), lead=lead))
    if today <= deadline:
        return Verdict("lead_time", True, _("Apply by %(deadline)s (%(lead)s).", deadline=_day(deadline), lead=lead))
    return Verdict("lead_time", False, _("The application was due by %(deadline)s (%(lead)s); today is %(today)s.",
                                         deadline=_day(deadline), lead=lead, today=_day(today)))


# ---- the amount -----------------------------------------------------------------------------------------------

def _rate_for(terms: SchemeTerms, meeting: Meeting, person: _Person | None) -> Rate | None:
    candidates = [r for r in terms.rates
                  if (r.direction is None or r.direction == meeting.direction)
                  and (r.outside_europe is None or r.outside_europe == meeting.partner_outside_europe)]
    if person is not None and person.role == Role.PARTICIPANT and person.age is not None:
        for r in candidates:
            if (r.min_age is None or person.age >= r.min_age) and (r.max_age is None or person.age <= r.max_age):
                return r
        return None
    unbounded = [r for r in candidates if r.min_age is None and r.max_age is None]
    return (unbounded or candidates or [None])[0]


def _band_for(bands: tuple[Band, ...], value: int) -> Band | None:
    return next((b for b in bands if value >= b.low and (b.high is None or value <= b.high)), None)


def _percent_of(cents: int, percent: int) -> int:
    return (cents * percent + 50) // 100  # half a cent up


def _per_head(terms: SchemeTerms, meeting: Meeting, funded: list[_Person],
              days: int | None) -> tuple[int, list[str], Verdict | None]:
    """Per participant-day (days given) or per person: each funded person at their rate."""
    groups: dict[tuple[Role, int, int], int] = {}
    total = 0
    capped = 0
    for person in funded:
        rate = _rate_for(terms, meeting, person)
        if rate is None:
            continue
        person_days = min(person.days_present, days) if days is not None and person.days_present is not None else days
        role = Role.LEADER if person.role == Role.LEADER else Role.PARTICIPANT
        key = (role, rate.cents, person_days if person_days is not None else 1)
        groups[key] = groups.get(key, 0) + 1
        amount = rate.cents * (person_days if person_days is not None else 1)
        if terms.cap_per_participant_cents is not None and amount > terms.cap_per_participant_cents:
            capped += 1
            amount = terms.cap_per_participant_cents
        total += amount
    lines = []
    for (role, rate_cents, person_days), count in sorted(groups.items(), key=lambda g: (g[0][0] == Role.LEADER,
                                                                                        -g[0][2], g[0][1])):
        subtotal = count * rate_cents * person_days
        if days is not None:
            lines.append(_("%(people)s × %(days)s × %(rate)s = %(total)s", people=_people(count, role),
                           days=_days(person_days), rate=money(rate_cents), total=money(subtotal)))
        else:
            lines.append(_("%(people)s × %(rate)s = %(total)s", people=_people(count, role), rate=money(rate_cents),
                           total=money(subtotal)))
    if capped:
        lines.append(ngettext("%(num)d person capped at %(cap)s; in all %(total)s",
                              "%(num)d people capped at %(cap)s each; in all %(total)s", capped,
                              cap=money(terms.cap_per_participant_cents or 0), total=money(total)))
    verdict = None if groups or not funded else Verdict("amount", False, _("No rate applies to this meeting."))
    return total, lines, verdict


def amount(terms: SchemeTerms, meeting: Meeting, funded: list[_Person],
           days: int) -> tuple[int, list[str], Verdict | None]:
    """The amount before caps and rounding, its arithmetic, and a verdict when a figure it needs is missing."""
    kind = terms.kind
    if kind == AmountKind.PER_PARTICIPANT_DAY:
        total, lines, verdict = _per_head(terms, meeting, funded, days)
        if terms.travel_share_percent and meeting.travel_cost_cents:
            share = _percent_of(meeting.travel_cost_cents, terms.travel_share_percent)
            lines.append(_("+ %(percent)d%% of the travel cost %(cost)s = %(share)s",
                           percent=terms.travel_share_percent, cost=money(meeting.travel_cost_cents),
                           share=money(share)))
            total += share
        return total, lines, verdict
    if kind == AmountKind.PER_PERSON:
        return _per_head(terms, meeting, funded, None)
    if kind == AmountKind.BY_DISTANCE_BAND:
        if meeting.distance_km is None:
            return 0, [], Verdict("amount", False, _("The distance is not known."))
        band = _band_for(terms.bands, meeting.distance_km)
        if band is None:
            return 0, [], Verdict("amount", False, _("No band for %(km)d km.", km=meeting.distance_km))
        total = len(funded) * band.cents
        return total, [_("%(people)s × %(rate)s (%(km)d km) = %(total)s", people=_people(len(funded)),
                         rate=money(band.cents), km=meeting.distance_km, total=money(total))], None
    if kind == AmountKind.TRAVEL_SHARE:
        if not meeting.travel_cost_cents:
            return 0, [], Verdict("amount", False, _("The travel cost is not known."))
        total = _percent_of(meeting.travel_cost_cents, terms.travel_share_percent or 0)
        return total, [_("%(percent)d%% of the travel cost %(cost)s = %(share)s", percent=terms.travel_share_percent
                         or 0, cost=money(meeting.travel_cost_cents), share=money(total))], None
    if kind == AmountKind.LUMP_SUM_BY_BAND:
        band = _band_for(terms.bands, len(funded))
        if band is None:
            return 0, [], Verdict("amount", False, _("No lump sum for %(num)s.", num=_people(len(funded))))
        span = (_("%(low)d–%(high)d", low=band.low, high=band.high) if band.high is not None
                else _("%(low)d or more", low=band.low))
        return band.cents, [_("%(people)s: the band %(span)s, a lump sum of %(total)s", people=_people(len(funded)),
                              span=span, total=money(band.cents))], None
    # GROUP_FLAT: the rate that fits most of the participants (youth or adults), the full amount from
    # full_group_size, a proportional share below it.
    rates: dict[Rate, int] = {}
    for person in funded:
        rate = _rate_for(terms, meeting, person if person.role == Role.PARTICIPANT else None)
        if rate is not None and person.role == Role.PARTICIPANT:
            rates[rate] = rates.get(rate, 0) + 1
    rate = max(rates, key=lambda r: rates[r]) if rates else _rate_for(terms, meeting, None)
    if rate is None:
        return 0, [], Verdict("amount", False, _("No rate applies to this meeting."))
    size = len(funded)
    full = terms.full_group_size
    if full is None or size >= full:
        return rate.cents, [_("%(people)s: the full %(flat)s", people=_people(size), flat=money(rate.cents))], None
    total = rate.cents * size // full
    return total, [_("%(people)s of %(full)d: %(size)d/%(full)d × %(flat)s = %(total)s", people=_people(size),
                     full=full, size=size, flat=money(rate.cents), total=money(total))], None


def _caps_and_rounding(terms: SchemeTerms, total: int, lines: list[str]) -> int:
    if terms.cap_per_group_cents is not None and total > terms.cap_per_group_cents:
        lines.append(_("%(total)s, at most %(cap)s per group: %(cap)s", total=money(total),
                       cap=money(terms.cap_per_group_cents)))
        total = terms.cap_per_group_cents
    rounded = total
    if terms.rounding == Rounding.EURO_DOWN:
        rounded = total // 100 * 100
    elif terms.rounding == Rounding.EURO_NEAREST:
        rounded = (total + 50) // 100 * 100
    if rounded != total:
        lines.append(_("%(total)s rounded to whole euros: %(rounded)s", total=money(total), rounded=money(rounded)))
    return rounded


# ---- all of it ------------------------------------------------------------------------------------------------

def _assess(terms: SchemeTerms, meeting: Meeting, people: list[_Person], today: date) -> Outcome:
    verdicts: list[Verdict] = []
    lines: list[str] = []

    def add(verdict: Verdict | None) -> None:
        if verdict is not None:
            verdicts.append(verdict)

    days_verdict, days = days_rule(terms, meeting)
    add(days_verdict)
    add(group_size_rule(terms, people))
    listed = [p for p in people if p.role in (Role.PARTICIPANT, Role.LEADER)]
    verdict, listed = yearly_cap_rule(terms, meeting, listed)
    add(verdict)
    verdict, participants = age_band_rule(terms, [p for p in listed if p.role == Role.PARTICIPANT])
    add(verdict)
    verdict, participants = invited_rule(terms, meeting, participants)
    add(verdict)
    leaders = [p for p in listed if p.role == Role.LEADER]
    verdict, funded_leaders = leader_ratio_rule(terms, len(participants), len(leaders))
    add(verdict)
    if verdict is not None:
        lines.append(verdict.reason)
    verdict, n_participants, funded_leaders = max_participants_rule(terms, len(participants), funded_leaders)
    add(verdict)
    add(partner_city_rule(terms, meeting))
    verdicts.extend(countries_rules(terms, meeting))
    verdicts.extend(participant_threshold_rules(terms, people))
    add(lead_time_rule(terms, meeting, today))

    # CERV counts every direct participant; the city schemes the participants and leaders funded.
    if terms.kind == AmountKind.LUMP_SUM_BY_BAND:
        funded = people
    else:
        funded = participants[:n_participants] + leaders[:funded_leaders]
    total, amount_lines, verdict = amount(terms, meeting, funded, days)
    add(verdict)
    lines = amount_lines + lines
    total = _caps_and_rounding(terms, total, lines)
    failed = sum(not v.passed for v in verdicts)
    if failed:
        lines.append(ngettext("%(num)d condition not met: no amount (it would be %(amount)s).",
                              "%(num)d conditions not met: no amount (it would be %(amount)s).", failed,
                              amount=money(total)))
        total = 0
    return Outcome(tuple(verdicts), total, tuple(lines))


def assess(terms: SchemeTerms, meeting: Meeting, *, today: date) -> Outcome:
    """Each rule's verdict and the amount for a meeting with its participant list (and attendance, after it)."""
    return _assess(terms, meeting, _people_of(meeting), today)


def estimate(terms: SchemeTerms, meeting: Meeting, *, today: date) -> Outcome:
    """The same before a list exists, from the expected participants and leaders (see the module's assumptions)."""
    return _assess(terms, meeting, _stand_ins(meeting), today)
