"""The forms city staff prepare applications, tag events and record memberships with."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

from clubs_exchange.awards.models import AwardStage, Criterion
from clubs_exchange.awards.placeholders import placeholder_error
from clubs_exchange.concurrency import version_field
from clubs_exchange.forms import MultiCheckboxField, select_choices
from clubs_exchange.ids import IntField


def _reasonable_year(form, field):
    if field.data and not 1950 <= field.data.year <= 2200:
        raise ValidationError(_l("Please give a date between 1950 and 2200."))


class ApplicationForm(FlaskForm):
    stage = SelectField(_l("Distinction applied for"), choices=AwardStage.choices(),
                        default=AwardStage.EUROPEAN_DIPLOMA.value)
    year = IntField(
        _l("Year"), validators=[InputRequired(), NumberRange(min=1955, max=2200)],
        description=_l("The year of the distinction; applications are due on 15 January of that year."),
    )
    twin_towns = MultiCheckboxField(_l("Twin towns named in the application"), coerce=int)
    previous_award_year = IntField(
        _l("Year of the previous award"), validators=[Optional(), NumberRange(min=1955, max=2200)],
        description=_l("Leave empty for the European Diploma, the first stage."),
    )
    period_start = DateField(_l("Activity report from"), validators=[Optional(), _reasonable_year],
                             description=_l("Empty: from the year after the previous award."))
    period_end = DateField(_l("Activity report until"), validators=[Optional(), _reasonable_year],
                           description=_l("Empty: to the end of the year before the deadline."))

    def offer_twin_towns(self, partners) -> None:
        self.twin_towns.choices = select_choices((p.id, f"{p.name} ({p.country})") for p in partners)


def _known_placeholders(form, field):
    message = placeholder_error(field.data or "")
    if message:
        raise ValidationError(message)


class ApplicationTextsForm(ApplicationForm):
    mayor_letter = TextAreaField(_l("Mayor's letter"), validators=[Length(max=20_000), _known_placeholders])
    dossier = TextAreaField(_l("Dossier"), validators=[Length(max=100_000), _known_placeholders])
    summary = TextAreaField(_l("Summary (one paragraph)"), validators=[Length(max=3_000), _known_placeholders])
    # The version of the application the form was loaded with (filled by obj=): see concurrency.py.
    version = version_field()


class CriterionForm(FlaskForm):
    criterion = SelectField(
        _l("Criterion this event supports"),
        choices=[],
        validators=[Optional()],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.criterion.choices = select_choices(
            [("", _l("Not tagged")), *((c.value, c.labels()[c]) for c in Criterion)]
        )


class MembershipForm(FlaskForm):
    name = StringField(_l("Association of local authorities"), validators=[InputRequired(), Length(max=200)],
                       description=_l("e.g. Council of European Municipalities and Regions (CEMR)"))
    since = DateField(_l("Member since"), validators=[InputRequired(), _reasonable_year])


class PeriodForm(FlaskForm):
    class Meta:
        csrf = False  # a GET form: it changes nothing

    from_ = DateField(_l("From"), validators=[Optional(), _reasonable_year], name="from")
    to = DateField(_l("Until"), validators=[Optional(), _reasonable_year])

    def validate_to(self, field):
        if field.data and self.from_.data and field.data < self.from_.data:
            raise ValidationError(_l("The end date must not be before the start date."))
