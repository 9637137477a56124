"""Forms of the proposals area: the proposal itself, a step in its life, and the list's filters."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Form, RadioField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.fields import DateTimeLocalField
from wtforms.validators import InputRequired, NumberRange, Optional, StopValidation, ValidationError

from clubs_exchange.clock import city_tz
from clubs_exchange.concurrency import version_field
from clubs_exchange.forms import MaxLength, MultiCheckboxField, add_error, select_choices
from clubs_exchange.ids import IntField, optional_id
from clubs_exchange.localised.languages import language_choices, supported_languages
from clubs_exchange.proposals.drafting import (
    AmountError,
    city_time_problem,
    format_amount,
    parse_amount,
    proposal_problems,
)
from clubs_exchange.proposals.models import Direction, EventKind, ProposalState

# The most people one exchange can bring together; beyond it a number is a typing error.
MAX_PARTICIPANTS = 100_000
# The fields checked as soon as they change (htmx), and the ones whose message depends on them. The texts are
# among them so that a pasted text over the limit is told on leaving the field, not only on saving.
INLINE_FIELDS = (
    "title",
    "starts_at",
    "ends_at",
    "participants_ours",
    "participants_guests",
    "guests_needing_host",
    "venue",
    "budget",
    "description",
)
RELATED_FIELDS = {
    "starts_at": ("ends_at",),
    "ends_at": ("starts_at",),
    "participants_guests": ("guests_needing_host",),
    "guests_needing_host": ("participants_guests",),
}


def not_after_bad_input(form, field):
    """Stop here if the text could not be read at all: one message ("Not a valid ...") is enough."""
    if field.process_errors:
        raise StopValidation()


class CityDateTimeField(DateTimeLocalField):
    """A date and time typed in the city's time zone (<input type="datetime-local">), held aware."""

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("format", ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"])
        kwargs.setdefault("invalid_value_message", _l("Enter a date and a time."))
        super().__init__(label, validators, tz=city_tz, **kwargs)

    def process_formdata(self, valuelist):
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        super().process_formdata([valuelist[0].strip()[:40]])

    def pre_validate(self, form):
        if self.data is not None and not self.process_errors:
            problem = city_time_problem(self.data, city_tz())
            if problem:
                raise ValidationError(problem)


class AmountField(StringField):
    """An amount of money typed in the city currency ("1250.50" or "1250,50"), held as integer cents."""

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        self.data = None
        try:
            self.data = parse_amount(valuelist[0])
        except AmountError as error:
            raise ValueError(error.args[0]) from error

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return format_amount(self.data) if self.data else ""


def count_field(label):
    return IntField(
        label,
        validators=[
            InputRequired(message=_l("Enter a number, 0 if none.")),
            not_after_bad_input,
            NumberRange(0, MAX_PARTICIPANTS, message=_l("Between 0 and %(max)s.", max=MAX_PARTICIPANTS)),
        ],
        default=0,
        render_kw={"min": 0, "max": MAX_PARTICIPANTS},
    )


class ProposalForm(FlaskForm):
    title = StringField(_l("Title"), validators=[InputRequired(), MaxLength(200)])
    # Chosen, never the first option by default: a choir would otherwise propose a "match" without noticing.
    kind = SelectField(
        _l("Kind of event"),
        choices=[SelectChoice("", _l("— choose —")), *EventKind.choices()],
        validators=[InputRequired(message=_l("Choose the kind of event."))],
    )
    partner_city_id = SelectField(
        _l("Partner city"),
        coerce=optional_id,
        invalid_value_message=_l("Not a valid choice."),
        validators=[InputRequired(message=_l("Choose the partner city."))],
    )
    organisation_id = SelectField(
        _l("Proposing organisation"),
        coerce=optional_id,
        invalid_value_message=_l("Not a valid choice."),
        validators=[InputRequired(message=_l("Choose your organisation."))],
    )
    co_organiser_ids = MultiCheckboxField(
        _l("Co-organisers"),
        coerce=int,
        validators=[Optional()],
        invalid_value_message=_l("Not a valid choice."),
        description=_l("Other organisations of our city that take part in organising the event."),
    )
    direction = RadioField(_l("Direction"), choices=Direction.choices(), default=Direction.INCOMING.value)
    starts_at = CityDateTimeField(_l("Start"), validators=[InputRequired(_l("Enter a date and a time."))])
    ends_at = CityDateTimeField(_l("End"), validators=[InputRequired(_l("Enter a date and a time."))])
    venue = StringField(_l("Venue"), validators=[Optional(), MaxLength(200)])
    participants_ours = count_field(_l("Participants from our city"))
    participants_guests = count_field(_l("Guests from the partner city"))
    guests_needing_host = count_field(_l("Guests who need a private host"))
    budget = AmountField(
        _l("Requested budget"), validators=[Optional()], render_kw={"inputmode": "decimal"}
    )
    description = TextAreaField(_l("Description"), validators=[Optional(), MaxLength(5000)])
    # When changing a proposal: the version the form was loaded with (filled from the proposal by obj=).
    version = version_field()

    # Checked in validate_language: the choices depend on the app's languages.
    language = SelectField(_l("Language of title and description"), validate_choice=False)

    def validate_language(self, field):
        if field.data and field.data not in supported_languages():
            raise ValidationError(_l("Choose one of the languages offered."))

    def set_choices(self, *, organisations, partners, all_organisations) -> None:
        """Fill the selects: `organisations` are the person's own, the others are (id, name) pairs."""
        own = list(organisations)
        placeholder = [("", _l("— choose —"))]
        self.organisation_id.choices = select_choices((placeholder if len(own) != 1 else []) + own)
        self.partner_city_id.choices = select_choices(placeholder + list(partners))
        # With one organisation of one's own, offering it as its own co-organiser would only invite a mistake.
        others = [(i, name) for i, name in all_organisations if len(own) != 1 or i != own[0][0]]
        self.co_organiser_ids.choices = select_choices(others)
        self.language.choices = select_choices(language_choices())

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)

        def value(name):
            field = getattr(self, name)
            return None if field.errors else field.data

        for name, message in proposal_problems(
            starts_at=value("starts_at"),
            ends_at=value("ends_at"),
            participants_guests=value("participants_guests"),
            guests_needing_host=value("guests_needing_host"),
            organisation_id=value("organisation_id"),
            co_organiser_ids=value("co_organiser_ids"),
        ).items():
            add_error(getattr(self, name), message)
            valid = False
        return valid


class StepForm(FlaskForm):
    """A step the proposing organisation takes from the proposal page."""

    action = SelectField(
        choices=select_choices([("submit", "submit"), ("resubmit", "resubmit"), ("withdraw", "withdraw")]),
        validators=[InputRequired()],
    )
    comment = TextAreaField(_l("Note for the twinning office"), validators=[Optional(), MaxLength(2000)])
    version = version_field()


class ProposalFilterForm(Form):
    """The list's filters: read from the query string, no CSRF (a GET changes nothing)."""

    state = SelectField(
        _l("State"), choices=[SelectChoice("", _l("Any state")), *ProposalState.choices()], default=""
    )
    partner = SelectField(
        _l("Partner city"), coerce=optional_id, invalid_value_message=_l("Not a valid choice.")
    )
    kind = SelectField(
        _l("Kind of event"), choices=[SelectChoice("", _l("All kinds")), *EventKind.choices()], default=""
    )
    organisation = SelectField(
        _l("Organisation"), coerce=optional_id, invalid_value_message=_l("Not a valid choice.")
    )
