"""The form of a funding scheme: its terms as fields, its rates and bands as one text row per line."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, NumberRange, Optional, ValidationError

from clubs_exchange.forms import MaxLength
from clubs_exchange.funding.labels import DAY_COUNTING_LABELS, KIND_LABELS, ROUNDING_LABELS, SCHEME_FIELD_LABELS
from clubs_exchange.funding.terms import AmountKind, Band, Direction, Rate
from clubs_exchange.ids import IntField
from clubs_exchange.proposals.drafting import AmountError, format_amount, parse_amount
from clubs_exchange.proposals.forms import AmountField, not_after_bad_input

# Beyond these a number is a typing error: no scheme counts more days, people or weeks.
MAX_COUNT = 100_000
MAX_ROWS = 50
INT_FIELDS = (
    "min_days", "max_days", "min_participants", "max_participants", "min_leaders", "leader_ratio", "min_age",
    "max_age", "max_meetings_per_person_year", "min_share_in_partner_city_percent", "travel_share_percent",
    "full_group_size", "min_countries", "min_direct_participants", "min_invited_international",
    "apply_weeks_before", "apply_months_before", "report_weeks_after", "list_retention_months",
)
PERCENT_FIELDS = ("min_share_in_partner_city_percent", "travel_share_percent")
MONEY_FIELDS = ("cap_per_group_cents", "cap_per_participant_cents")
# Kinds that pay a rate, and kinds that read a table of bands.
RATE_KINDS = (AmountKind.PER_PARTICIPANT_DAY, AmountKind.PER_PERSON, AmountKind.GROUP_FLAT)
BAND_KINDS = (AmountKind.LUMP_SUM_BY_BAND, AmountKind.BY_DISTANCE_BAND)


def _choices(labels: dict) -> list[SelectChoice]:
    return [SelectChoice(value=member.value, label=label) for member, label in labels.items()]


class OptionalAmountField(AmountField):
    """An amount in euros with the reader's decimal mark, or nothing (no cap)."""

    def process_formdata(self, valuelist):
        if valuelist and not valuelist[0].strip():
            self.data = None
            return
        super().process_formdata(valuelist)

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return format_amount(self.data) if self.data is not None else ""


def _count_field(key: str, maximum: int = MAX_COUNT):
    return IntField(SCHEME_FIELD_LABELS[key], validators=[
        Optional(), not_after_bad_input,
        NumberRange(0, maximum, message=_l("Between 0 and %(max)s.", max=maximum)),
    ], render_kw={"min": 0, "max": maximum, "inputmode": "numeric"})


def _number(text: str, line: int, what) -> int | None:
    text = text.strip()
    if not text:
        return None
    if not text.isascii() or not text.isdigit() or len(text) > 6:
        raise ValidationError(_("Line %(line)d: %(what)s is not a whole number.", line=line, what=what))
    return int(text)


def _amount(text: str, line: int) -> int:
    if not text.strip():
        raise ValidationError(_("Line %(line)d: the amount is missing.", line=line))
    try:
        return parse_amount(text)
    except AmountError as error:
        raise ValidationError(_("Line %(line)d: %(problem)s", line=line, problem=error.message)) from error


def _lines(text: str | None) -> list[tuple[int, list[str]]]:
    rows = [(number, line.split(";")) for number, line in enumerate((text or "").splitlines(), 1) if line.strip()]
    if len(rows) > MAX_ROWS:
        raise ValidationError(_("At most %(max)d rows.", max=MAX_ROWS))
    return rows


# The fifth part of a rate's line for a partner city beyond Europe, in the reader's language.
OUTSIDE_EUROPE = _l("outside Europe")
IN_EUROPE = _l("in Europe")


def parse_rates(text: str | None) -> list[Rate]:
    """"direction;lowest age;highest age;amount" a line, direction incoming, outgoing or empty for both; a fifth
    part, "outside Europe" or "in Europe" (in the reader's language), for a rate that applies to partner cities
    there only."""
    rates = []
    for line, parts in _lines(text):
        where = parts[4].strip().lower() if len(parts) == 5 else ""
        places = {"": None, str(OUTSIDE_EUROPE).lower(): True, str(IN_EUROPE).lower(): False}
        if where not in places:
            raise ValidationError(_("Line %(line)d: the fifth part, if any, is “%(outside)s” or “%(inside)s”.",
                                    line=line, outside=OUTSIDE_EUROPE, inside=IN_EUROPE))
        outside_europe = places[where]
        parts = parts[:4]
        if len(parts) != 4:
            raise ValidationError(_("Line %(line)d: four parts separated by “;” are expected: direction; lowest "
                                    "age; highest age; amount.", line=line))
        direction_text = parts[0].strip().lower()
        if direction_text not in ("", *(d.value for d in Direction)):
            raise ValidationError(_("Line %(line)d: the direction is “incoming”, “outgoing” or empty for both.",
                                    line=line))
        min_age, max_age = _number(parts[1], line, _("the lowest age")), _number(parts[2], line, _("the highest age"))
        if min_age is not None and max_age is not None and min_age > max_age:
            raise ValidationError(_("Line %(line)d: the lowest age is above the highest.", line=line))
        direction = Direction(direction_text) if direction_text else None
        rates.append(Rate(cents=_amount(parts[3], line), direction=direction, min_age=min_age, max_age=max_age,
                          outside_europe=outside_europe))
    return rates


def parse_bands(text: str | None) -> list[Band]:
    """"from;to;amount" a line, "to" empty for no upper limit."""
    bands = []
    for line, parts in _lines(text):
        if len(parts) != 3:
            raise ValidationError(_("Line %(line)d: three parts separated by “;” are expected: from; to; amount.",
                                    line=line))
        low = _number(parts[0], line, _("“from”"))
        if low is None:
            raise ValidationError(_("Line %(line)d: “from” is missing.", line=line))
        high = _number(parts[1], line, _("“to”"))
        if high is not None and high < low:
            raise ValidationError(_("Line %(line)d: “to” is below “from”.", line=line))
        if bands and (bands[-1].high is None or low <= bands[-1].high):
            raise ValidationError(_("Line %(line)d: the band overlaps the one before; list the bands in rising "
                                    "order.", line=line))
        bands.append(Band(low=low, high=high, cents=_amount(parts[2], line)))
    return bands


def rates_text(rates) -> str:
    return "\n".join(f"{r.direction.value if r.direction else ''};{'' if r.min_age is None else r.min_age};"
                     f"{'' if r.max_age is None else r.max_age};{format_amount(r.cents)}"
                     + ("" if r.outside_europe is None else f";{OUTSIDE_EUROPE if r.outside_europe else IN_EUROPE}")
                     for r in rates)


def bands_text(bands) -> str:
    return "\n".join(f"{b.low};{'' if b.high is None else b.high};{format_amount(b.cents)}" for b in bands)


class SchemeForm(FlaskForm):
    name = StringField(SCHEME_FIELD_LABELS["name"], validators=[InputRequired(), MaxLength(200)])
    funder = StringField(SCHEME_FIELD_LABELS["funder"], validators=[InputRequired(), MaxLength(200)])
    kind = SelectField(SCHEME_FIELD_LABELS["kind"], choices=[SelectChoice("", _l("— choose —")),
                                                             *_choices(KIND_LABELS)],
                       validators=[InputRequired(message=_l("Choose the kind of amount."))])
    active = BooleanField(SCHEME_FIELD_LABELS["active"], default=True,
                          description=_l("Offered schemes are the ones proposals are checked against."))
    rates = TextAreaField(_l("Rates"), render_kw={"rows": 4}, description=_l(
        "One rate a line: direction; lowest age; highest age; amount. Direction is “incoming”, “outgoing” or "
        "empty for both; an empty age has no limit. Example: outgoing;12;21;4,90"))
    bands = TextAreaField(_l("Bands"), render_kw={"rows": 6}, description=_l(
        "One band a line: from; to; amount, in participants for a lump sum, in kilometres by distance; an empty "
        "“to” has no upper limit. Example: 50;100;8455,00"))
    day_counting = SelectField(SCHEME_FIELD_LABELS["day_counting"], choices=_choices(DAY_COUNTING_LABELS))
    min_days = _count_field("min_days")
    max_days = _count_field("max_days")
    min_participants = _count_field("min_participants")
    max_participants = _count_field("max_participants")
    min_leaders = _count_field("min_leaders")
    leader_ratio = _count_field("leader_ratio")
    min_age = _count_field("min_age", 150)
    max_age = _count_field("max_age", 150)
    cap_per_group_cents = OptionalAmountField(SCHEME_FIELD_LABELS["cap_per_group_cents"],
                                              render_kw={"inputmode": "decimal"})
    cap_per_participant_cents = OptionalAmountField(SCHEME_FIELD_LABELS["cap_per_participant_cents"],
                                                    render_kw={"inputmode": "decimal"})
    max_meetings_per_person_year = _count_field("max_meetings_per_person_year")
    min_share_in_partner_city_percent = _count_field("min_share_in_partner_city_percent", 100)
    travel_share_percent = _count_field("travel_share_percent", 100)
    full_group_size = _count_field("full_group_size")
    min_countries = _count_field("min_countries", 100)
    eu_member_required = BooleanField(SCHEME_FIELD_LABELS["eu_member_required"])
    min_direct_participants = _count_field("min_direct_participants")
    min_invited_international = _count_field("min_invited_international")
    apply_weeks_before = _count_field("apply_weeks_before", 520)
    apply_months_before = _count_field("apply_months_before", 120)
    invited_up_to_home = BooleanField(SCHEME_FIELD_LABELS["invited_up_to_home"])
    report_weeks_after = _count_field("report_weeks_after", 520)
    list_retention_months = _count_field("list_retention_months", 1200)
    rounding = SelectField(SCHEME_FIELD_LABELS["rounding"], choices=_choices(ROUNDING_LABELS))
    source_url = StringField(SCHEME_FIELD_LABELS["source_url"], validators=[Optional(), MaxLength(500)],
                             description=_l("The address of the guideline or call the terms come from."))
    notes = TextAreaField(SCHEME_FIELD_LABELS["notes"], validators=[Optional(), MaxLength(5000)])

    def validate_rates(self, field):
        field.parsed = parse_rates(field.data)

    def validate_bands(self, field):
        field.parsed = parse_bands(field.data)

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        return self._check_together() and valid

    def _check_together(self) -> bool:
        """What single fields cannot tell: ranges that run backwards, a kind without its rates or bands."""
        problems = []
        for low, high, message in (
            ("min_days", "max_days", _l("The maximum is below the minimum days.")),
            ("min_age", "max_age", _l("The maximum is below the minimum age.")),
            ("min_participants", "max_participants", _l("Fewer are funded than the group must have.")),
        ):
            a, b = getattr(self, low).data, getattr(self, high).data
            if a is not None and b is not None and not getattr(self, high).errors and b < a:
                problems.append((getattr(self, high), message))
        kind = self.kind.data
        if kind in RATE_KINDS and not self.rates.errors and not getattr(self.rates, "parsed", None):
            problems.append((self.rates, _l("This kind of amount needs at least one rate.")))
        if kind in BAND_KINDS and not self.bands.errors and not getattr(self.bands, "parsed", None):
            problems.append((self.bands, _l("This kind of amount needs its table of bands.")))
        if kind == AmountKind.TRAVEL_SHARE and self.travel_share_percent.data is None \
                and not self.travel_share_percent.errors:
            problems.append((self.travel_share_percent, _l("Enter the share of the travel cost.")))
        for field, message in problems:
            field.errors = [*field.errors, message]
        return not problems
