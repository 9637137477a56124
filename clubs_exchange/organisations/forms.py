"""Forms of the organisations area: the list's filters, the profile, and inviting a member."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, Form, SearchField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import Email, InputRequired, Length, NumberRange, Optional

from clubs_exchange.auth.models import MemberFunction
from clubs_exchange.forms import MaxLength, MultiCheckboxField, select_choices
from clubs_exchange.ids import IntField
from clubs_exchange.organisations.models import AgeGroup, OrganisationKind, OrganisationStatus


class OrganisationFilterForm(Form):
    """The list's search box and filters: read from the query string, no CSRF (a GET changes nothing)."""

    q = SearchField(_l("Search by name or discipline"), validators=[Optional(), Length(max=100)])
    kind = SelectField(
        _l("Kind"),
        choices=[*select_choices([("", _l("All kinds"))]), *OrganisationKind.choices()],
        default="",
    )
    status = SelectField(
        _l("Status"),
        choices=[*select_choices([("", _l("Any status"))]), *OrganisationStatus.choices()],
        default="",
    )


class OrganisationForm(FlaskForm):
    name = StringField(_l("Name of the organisation"), validators=[InputRequired(), MaxLength(160)])
    kind = SelectField(
        _l("Kind"),
        choices=[SelectChoice("", _l("— choose —")), *OrganisationKind.choices()],
        validators=[InputRequired(message=_l("Choose the kind of organisation."))],
    )
    discipline = StringField(
        _l("Discipline or subject"),
        validators=[Optional(), MaxLength(120)],
        description=_l("Football, chamber choir, secondary school ..."),
    )
    member_count = IntField(
        _l("Number of members or pupils"), validators=[Optional(), NumberRange(min=1, max=1_000_000)]
    )
    age_groups = MultiCheckboxField(_l("Age groups"), choices=AgeGroup.choices())
    languages = StringField(
        _l("Languages spoken"),
        validators=[Optional(), MaxLength(200)],
        description=_l("Separated by commas, e.g. German, English, French"),
    )
    contact_name = StringField(_l("Contact person"), validators=[Optional(), MaxLength(120)])
    email = EmailField(_l("E-mail"), validators=[Optional(), Email(), MaxLength(254)])
    phone = StringField(_l("Phone"), validators=[Optional(), MaxLength(40)])
    description = TextAreaField(_l("Short description"), validators=[Optional(), MaxLength(4000)])


class InviteMemberForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[InputRequired(), Email(), MaxLength(254)])
    name = StringField(_l("Name"), validators=[Optional(), MaxLength(120)])
    function = SelectField(
        _l("Function in the organisation"),
        choices=MemberFunction.choices(),
        default=MemberFunction.MEMBER.value,
    )


class MemberFunctionForm(FlaskForm):
    function = SelectField(_l("Function in the organisation"), choices=MemberFunction.choices())
