"""The form to state or change an exchange interest, and the month field it needs."""

import re
from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Field, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, NumberRange, Optional, ValidationError
from wtforms.widgets import MonthInput

from clubs_exchange.forms import MaxLength
from clubs_exchange.ids import IntField, optional_id
from clubs_exchange.interests.models import ExchangeInterest, InterestKind
from clubs_exchange.organisations.models import AgeGroup

FIRST_YEAR, LAST_YEAR = 2000, 2100
MAX_PEOPLE = 10_000


class MonthField(Field):
    """A month as <input type="month"> (YYYY-MM), kept as the first day of that month.

    Browsers without a month picker show a text box; "2027-5" is accepted too. A bad value keeps what was
    typed in the box and puts a message at the field.
    """

    widget = MonthInput()

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("render_kw", {"min": f"{FIRST_YEAR}-01", "max": f"{LAST_YEAR}-12"})
        super().__init__(label, validators, **kwargs)

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        return self.data.strftime("%Y-%m") if self.data else ""

    def process_formdata(self, valuelist):
        self.data = None
        text = (valuelist[0] if valuelist else "").strip()
        if not text:
            return
        match = re.fullmatch(r"(\d{4})-(\d{1,2})", text)
        if not match or not 1 <= int(match[2]) <= 12:
            raise ValueError(_("Enter a month as YYYY-MM, for example 2027-05."))
        year, month = int(match[1]), int(match[2])
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise ValueError(_("Choose a year from %(first)d to %(last)d.", first=FIRST_YEAR, last=LAST_YEAR))
        self.data = date(year, month, 1)


def optional_value(value) -> str:
    return "" if value is None else str(value)


def strip(value):
    return value.strip() if isinstance(value, str) else value


class InterestForm(FlaskForm):
    partner_city_id = SelectField(_l("Partner city"), coerce=optional_id, validate_choice=True)
    kind = SelectField(_l("What"), validators=[InputRequired(message=_l("Choose what your organisation wants."))])
    activity = StringField(
        _l("Activity"), filters=[strip], validators=[DataRequired(), MaxLength(120)],
        description=_l("Football match, concert, choir workshop ..."),
    )
    group_size = IntField(
        _l("Group size"), validators=[
            Optional(), NumberRange(min=1, max=MAX_PEOPLE, message=_l("Enter a number from 1 to 10,000."))
        ],
        description=_l("How many people travel or take part."),
    )
    age_group = SelectField(_l("Age group"), coerce=optional_value)
    period_from = MonthField(_l("Preferred period from"))
    period_to = MonthField(_l("Preferred period to"))
    beds_offered = IntField(
        _l("Beds offered in members' homes"), validators=[
            Optional(), NumberRange(min=0, max=MAX_PEOPLE, message=_l("Enter a number from 0 to 10,000."))
        ],
        description=_l("For a group you host: how many guests your members can put up."),
    )
    notes = TextAreaField(_l("Notes"), filters=[strip], validators=[Optional(), MaxLength(4000)])

    def __init__(self, *args, partner_cities=(), **kwargs):
        super().__init__(*args, **kwargs)
        # Choices are built per request, so their labels come in the person's language.
        self.partner_city_id.choices = [SelectChoice("", _("Any partner city"))] + [
            SelectChoice(str(city.id), f"{city.name} ({city.country})") for city in partner_cities
        ]
        self.kind.choices = [SelectChoice("", _("— choose —"))] + [SelectChoice(m.value, m.label) for m in InterestKind]
        self.age_group.choices = [SelectChoice("", _("— not stated —"))] + [
            SelectChoice(m.value, m.label) for m in AgeGroup
        ]

    def validate_period_to(self, field):
        if field.data and self.period_from.data and field.data < self.period_from.data:
            raise ValidationError(_("The end of the preferred period cannot be before its start."))

    def fill(self, interest: ExchangeInterest) -> None:
        """Copy the checked entries onto the interest."""
        interest.partner_city_id = self.partner_city_id.data
        interest.kind = InterestKind(self.kind.data)
        interest.activity = self.activity.data
        interest.group_size = self.group_size.data
        interest.age_group = AgeGroup(self.age_group.data) if self.age_group.data else None
        interest.period_from = self.period_from.data
        interest.period_to = self.period_to.data
        interest.beds_offered = self.beds_offered.data or 0
        interest.notes = self.notes.data or ""


class NewInterestForm(InterestForm):
    organisation_id = SelectField(_l("Organisation"), coerce=optional_id, validators=[InputRequired()])

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation_id.choices = [SelectChoice(str(o.id), o.name) for o in organisations]

    def fill(self, interest: ExchangeInterest) -> None:
        interest.organisation_id = self.organisation_id.data
        super().fill(interest)
