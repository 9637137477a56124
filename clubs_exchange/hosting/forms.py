"""Forms of the hosting area: a host household, a guest, a guest list import, a move and a swap."""

from datetime import date, datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, DateField, SelectField, StringField, TextAreaField
from wtforms.validators import Email, InputRequired, Length, NumberRange, Optional, ValidationError

from clubs_exchange import clock
from clubs_exchange.concurrency import version_field
from clubs_exchange.ids import IntField

CONSENT_WORDING = _l(
    "We agree that the twinning office of the city stores the data in this form to place visitors of partner "
    "cities with us, and shows them to the organisers of the visits we host. We can withdraw this consent at any "
    "time; the data are then deleted."
)


def parse_periods(text: str) -> list[tuple[date, date]]:
    """Lines such as "2027-07-01 to 2027-07-20" (or a single day); raises ValueError naming the bad line."""
    periods = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        parts = [p.strip() for p in line.replace("–", " to ").replace(" - ", " to ").split(" to ")]
        try:
            days = [datetime.strptime(p, "%Y-%m-%d").date() for p in parts if p]  # noqa: DTZ007 (a date only)
        except ValueError:
            raise ValueError(line) from None
        if len(days) not in (1, 2) or days[0] > days[-1]:
            raise ValueError(line)
        periods.append((days[0], days[-1]))
    return periods


def format_periods(periods) -> str:
    return "\n".join(
        p.starts_on.isoformat() if p.starts_on == p.ends_on else f"{p.starts_on.isoformat()} to {p.ends_on.isoformat()}"
        for p in periods
    )


class HostForm(FlaskForm):
    contact_name = StringField(_l("Contact person"), validators=[InputRequired(), Length(max=120)],
                               description=_l("The name the household is known by, e.g. Familie Becker (Jana Becker)"))
    address = StringField(_l("Address"), validators=[InputRequired(), Length(max=300)])
    phone = StringField(_l("Phone"), validators=[Optional(), Length(max=40)])
    email = StringField(_l("E-mail"), validators=[Optional(), Email(), Length(max=254)])
    beds = IntField(_l("Beds for guests"), validators=[InputRequired(), NumberRange(min=1, max=20)], default=2)
    languages = StringField(_l("Languages spoken"), validators=[Optional(), Length(max=200)],
                            description=_l("Separated by commas, e.g. German, French"))
    children = IntField(_l("Children in the household"), validators=[Optional(), NumberRange(min=0, max=20)],
                            default=0)
    has_pets = BooleanField(_l("Pets in the household"))
    pets = StringField(_l("Which pets"), validators=[Optional(), Length(max=200)])
    smoke_free = BooleanField(_l("Smoke-free home"), default=True)
    takes_minors = BooleanField(_l("Can take minors"))
    caters_dietary = BooleanField(_l("Can cater for dietary needs (vegetarian, halal, allergies)"))
    accessible = BooleanField(_l("Accessible: guest room and bathroom on the ground floor or without stairs"))
    unavailable = TextAreaField(_l("Not available"), validators=[Optional(), Length(max=2000)],
                                description=_l("One period a line: 2027-07-01 to 2027-07-20, or a single day"))
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=4000)])
    consent_on = DateField(_l("Date of consent"), validators=[InputRequired()])
    consent_wording = TextAreaField(_l("Wording of the consent"), validators=[InputRequired(), Length(max=4000)],
                                    description=_l("The text the household agreed to, as they saw it"))
    organisation_id = SelectField(_l("Proposed by"), choices=[], validate_choice=False)
    # When changing a household: the version the form was loaded with (filled by obj=), see concurrency.py.
    version = version_field()

    def unavailable_periods(self) -> list[tuple[date, date]]:
        """The periods away, read after validation (Optional() skips validate_unavailable when it is empty)."""
        return parse_periods(self.unavailable.data)

    def validate_unavailable(self, field):
        try:
            parse_periods(field.data)
        except ValueError as error:
            raise ValidationError(
                _("“%(line)s” is not a period: write 2027-07-01 to 2027-07-20.", line=str(error))
            ) from None

    def validate_consent_on(self, field):
        if field.data and field.data > clock.today():
            raise ValidationError(_("The consent cannot be dated in the future."))


class GuestForm(FlaskForm):
    name = StringField(_l("Full name"), validators=[InputRequired(), Length(max=120)])
    date_of_birth = DateField(_l("Date of birth"), validators=[Optional()])
    age = IntField(_l("Age"), validators=[Optional(), NumberRange(min=0, max=120)],
                       description=_l("If the date of birth is not known"))
    gender = StringField(_l("Gender"), validators=[Optional(), Length(max=40)],
                         description=_l("Only if the group wishes to state it for rooming"))
    languages = StringField(_l("Languages"), validators=[Optional(), Length(max=200)],
                            description=_l("Separated by commas"))
    dietary_needs = StringField(_l("Dietary needs"), validators=[Optional(), Length(max=200)])
    allergies = StringField(_l("Allergies"), validators=[Optional(), Length(max=200)])
    pet_allergy = BooleanField(_l("Allergic to pets"))
    accessibility_needs = StringField(_l("Accessibility needs"), validators=[Optional(), Length(max=200)],
                                      description=_l("e.g. wheelchair, no stairs: only accessible homes then"))
    wishes_with = StringField(_l("Wishes to be placed with"), validators=[Optional(), Length(max=300)],
                              description=_l("Names of other guests of the group, separated by commas"))
    parental_consent = BooleanField(_l("Parental consent recorded (for a minor)"))
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=2000)])

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        # Optional() ends each field's own checks when it is empty, so the pair is checked here.
        if self.age.data is None and self.date_of_birth.data is None and not self.date_of_birth.errors \
                and not self.age.errors:
            self.age.errors.append(_("Give a date of birth or an age."))
            return False
        return valid

    def validate_date_of_birth(self, field):
        if field.data and field.data > clock.today():
            raise ValidationError(_("The date of birth lies in the future."))


class ImportForm(FlaskForm):
    file = FileField(_l("CSV file"), render_kw={"accept": ".csv,.txt,text/csv"},
                     description=_l("A new file replaces the text below."))
    text = TextAreaField(_l("Or the contents of the file"),
                         description=_l("Correct the marked rows here and import again, or upload a corrected file."))


class MoveForm(FlaskForm):
    guest_id = IntField(validators=[InputRequired()], minimum=1)
    household_id = SelectField(_l("Household"), choices=[], validate_choice=False)


class SwapForm(FlaskForm):
    guest_id = IntField(validators=[InputRequired()], minimum=1)
    other_guest_id = SelectField(_l("Swap with"), choices=[], validate_choice=False)
