"""Forms to invite a person and to change an account's role."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, SelectField, StringField
from wtforms.validators import Email, InputRequired, Length, Optional

from clubs_exchange.auth.models import MemberFunction, UserRole


class InviteForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[InputRequired(), Email(), Length(max=254)])
    name = StringField(_l("Name"), validators=[Optional(), Length(max=120)])
    role = SelectField(_l("Role"), choices=UserRole.choices(), default=UserRole.MEMBER.value)
    organisation_id = SelectField(
        _l("Organisation"), coerce=lambda v: int(v) if v not in (None, "") else None, validators=[Optional()],
        validate_choice=True,
    )
    function = SelectField(_l("Function in the organisation"), choices=MemberFunction.choices(),
                           default=MemberFunction.MEMBER.value)


class UserForm(FlaskForm):
    name = StringField(_l("Name"), validators=[InputRequired(), Length(max=120)])
    role = SelectField(_l("Role"), choices=UserRole.choices())
    active = BooleanField(_l("Account is active (can log in)"))
