"""The forms of an event's funding page: the figures of an estimate and a plan, and one form per step."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, NumberRange, Optional, ValidationError

from clubs_exchange.concurrency import version_field
from clubs_exchange.forms import MaxLength
from clubs_exchange.funding.forms import OptionalAmountField
from clubs_exchange.funding.labels import DIRECTION_LABELS
from clubs_exchange.ids import IntField
from clubs_exchange.proposals.forms import AmountField, not_after_bad_input

MAX_KM = 40_000
MAX_DAYS = 366
MAX_PEOPLE = 100_000


def _count(label, maximum: int, description=None):
    return IntField(label, validators=[
        Optional(), not_after_bad_input, NumberRange(0, maximum, message=_l("Between 0 and %(max)s.", max=maximum)),
    ], render_kw={"min": 0, "max": maximum, "inputmode": "numeric"}, description=description)


def _reasonable(form, field):
    if field.data and not 2000 <= field.data.year <= 2200:
        raise ValidationError(_l("Please give a date between 2000 and 2200."))


def _day(label):
    return DateField(label, validators=[InputRequired(_l("Enter a date.")), _reasonable])


class FiguresForm(FlaskForm):
    """What the estimate needs beyond the proposal's own figures."""

    direction = SelectField(_l("Who travels"), choices=[
        SelectChoice(value=d.value, label=label) for d, label in DIRECTION_LABELS.items()
    ], validators=[Optional()])
    expected_leaders = _count(_l("Leaders among the participants"), MAX_PEOPLE,
                              _l("The schemes fund leaders by their own ratio."))
    travel_cost = OptionalAmountField(_l("Travel cost (cheapest fare, in all)"),
                                      render_kw={"inputmode": "decimal", "autocomplete": "off"})
    distance_km = _count(_l("Distance to the partner city (km)"), MAX_KM)
    days_in_partner_city = _count(_l("Days spent in the partner city"), MAX_DAYS)


class EstimateForm(FiguresForm):
    """The figures typed for the estimate of every scheme: a GET form, it changes nothing."""

    class Meta:
        csrf = False


class PlanForm(FiguresForm):
    scheme_id = SelectField(_l("Funding scheme"), choices=[], validate_choice=False)
    version = version_field()  # changing a planned application's figures; empty for a new one


class ApplyForm(FlaskForm):
    applied_on = _day(_l("Sent to the funder on"))
    amount = AmountField(_l("Amount applied for"), validators=[InputRequired(_l("Enter an amount."))],
                         render_kw={"inputmode": "decimal", "autocomplete": "off"})
    version = version_field()


class GrantForm(FlaskForm):
    decided_on = _day(_l("Granted on"))
    amount = AmountField(_l("Amount granted"), validators=[InputRequired(_l("Enter an amount."))],
                         render_kw={"inputmode": "decimal", "autocomplete": "off"})
    reference = StringField(_l("Funder's reference"), validators=[InputRequired(_l("Enter the reference.")),
                                                                 MaxLength(120)])
    version = version_field()


class RefuseForm(FlaskForm):
    decided_on = _day(_l("Refused on"))
    reason = TextAreaField(_l("Reason given by the funder"), validators=[InputRequired(_l("Enter the reason.")),
                                                                         MaxLength(2000)])
    version = version_field()


class PayForm(FlaskForm):
    paid_on = _day(_l("Paid on"))
    amount = AmountField(_l("Amount paid"), validators=[InputRequired(_l("Enter an amount."))],
                         render_kw={"inputmode": "decimal", "autocomplete": "off"})
    version = version_field()


class StepForm(FlaskForm):
    """Withdraw, submit the report: a button and the version the page showed."""

    version = version_field()


STEP_FORMS = {"apply": ApplyForm, "grant": GrantForm, "refuse": RefuseForm, "withdraw": StepForm,
              "report": StepForm, "pay": PayForm}
