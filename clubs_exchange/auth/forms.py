"""Forms for logging in, registering an organisation, accepting an invitation and one's own account."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    PasswordField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import Email, EqualTo, InputRequired, Length, NumberRange, Optional

from clubs_exchange.auth import passwords
from clubs_exchange.auth.passwords import NewPassword
from clubs_exchange.forms import MaxLength
from clubs_exchange.ids import IntField
from clubs_exchange.organisations.models import OrganisationKind


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[InputRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[InputRequired(), Length(max=200)])
    remember = BooleanField(_l("Keep me logged in on this computer"))


class PasswordFields:
    """A new password, typed twice. Whose it is (for the rule against one's own address and name) the form says
    with password_owner(); routes set owner_email and owner_names where the form has no such fields."""

    password = PasswordField(_l("Password"), validators=[InputRequired(), NewPassword()], description=passwords.HELP)
    confirm = PasswordField(
        _l("Repeat the password"), validators=[InputRequired(), EqualTo("password", _l("The passwords differ."))]
    )
    owner_email: str = ""
    owner_names: tuple[str, ...] = ()

    def password_owner(self) -> tuple[str, tuple[str, ...]]:
        return self.owner_email, self.owner_names


class AcceptInvitationForm(FlaskForm, PasswordFields):
    name = StringField(_l("Your name"), validators=[InputRequired(), MaxLength(120)])

    def password_owner(self) -> tuple[str, tuple[str, ...]]:
        return self.owner_email, (*self.owner_names, self.name.data or "")


class RegisterOrganisationForm(FlaskForm, PasswordFields):
    organisation_name = StringField(_l("Name of the organisation"), validators=[InputRequired(), MaxLength(160)])
    kind = SelectField(
        _l("Kind"),
        choices=[SelectChoice("", _l("— choose —")), *OrganisationKind.choices()],
        validators=[InputRequired(message=_l("Choose the kind of organisation."))],
    )
    discipline = StringField(
        _l("Discipline or subject"), validators=[Optional(), MaxLength(120)],
        description=_l("Football, chamber choir, secondary school ..."),
    )
    member_count = IntField(
        _l("Number of members or pupils"), validators=[Optional(), NumberRange(min=1, max=1_000_000)]
    )
    description = TextAreaField(_l("Short description"), validators=[Optional(), MaxLength(4000)])
    name = StringField(_l("Your name"), validators=[InputRequired(), MaxLength(120)])
    email = EmailField(_l("Your e-mail"), validators=[InputRequired(), Email(), MaxLength(254)])
    phone = StringField(_l("Phone"), validators=[Optional(), MaxLength(40)])

    def password_owner(self) -> tuple[str, tuple[str, ...]]:
        return self.email.data or "", (self.name.data or "",)


class ForgotPasswordForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[InputRequired(), Email(), MaxLength(254)])


class ResendVerificationForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[InputRequired(), Email(), MaxLength(254)])


class VerifyEmailForm(FlaskForm):
    """The one button that confirms the address: opening the link (a mail scanner does) changes nothing."""


class ResetPasswordForm(FlaskForm, PasswordFields):
    pass


class AccountForm(FlaskForm):
    name = StringField(_l("Your name"), validators=[InputRequired(), MaxLength(120)])
    language = SelectField(_l("Language"), validate_choice=True)
    current_password = PasswordField(_l("Current password"), validators=[Optional(), MaxLength(200)])
    new_password = PasswordField(_l("New password"), validators=[Optional(), NewPassword()],
                                 description=passwords.HELP)
    # Set by the route: the account's address and its name before this change.
    owner_email: str = ""
    owner_names: tuple[str, ...] = ()

    def password_owner(self) -> tuple[str, tuple[str, ...]]:
        return self.owner_email, (*self.owner_names, self.name.data or "")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from clubs_exchange.languages import offered

        # Each language named in itself, marked with its language for screen readers; "" keeps the browser's.
        self.language.choices = [("", _l("As your browser says"), {})] + [
            (code, name, {"lang": code}) for code, name in offered().items()
        ]
        if self.language.data is None:
            self.language.data = ""
