"""Forms of the participant lists: a person on the list, taking over guests."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.validators import InputRequired, NumberRange, Optional

from clubs_exchange.forms import MaxLength, MultiCheckboxField, select_choices
from clubs_exchange.funding.models import ParticipantRole
from clubs_exchange.funding.participants import HOME
from clubs_exchange.hosting.forms import ImportForm
from clubs_exchange.ids import IntField


def delegation_choices(proposal, towns) -> list:
    """The home city first, then the partner towns (the event's own first)."""
    from flask import current_app

    ordered = sorted(towns, key=lambda t: (t.id != proposal.partner_city_id, t.name))
    return select_choices([(HOME, current_app.config.get("CITY_NAME") or _l("Home city"))]
                          + [(t.id, f"{t.name} ({t.country})") for t in ordered])


AUTO = "auto"


class ParticipantForm(FlaskForm):
    name = StringField(_l("Name"), validators=[InputRequired(), MaxLength(120)])
    residence = StringField(_l("Place of residence"), validators=[Optional(), MaxLength(120)])
    organisation_name = StringField(_l("Organisation or school"), validators=[Optional(), MaxLength(200)])
    birth_year = IntField(_l("Year of birth"), validators=[Optional(), NumberRange(min=1900, max=2100)],
                          minimum=0, maximum=9999)
    role = SelectField(_l("Role"), choices=ParticipantRole.choices(), default=ParticipantRole.PARTICIPANT.value)
    delegation = SelectField(_l("Delegation"), choices=[], validate_choice=True)
    invited = SelectField(_l("Invited from abroad (travels in from another country)"), default=AUTO,
                          choices=select_choices([
                              (AUTO, _l("As the delegation travels")),
                              ("yes", _l("yes")), ("no", _l("no"))]))

    def validate_birth_year(self, field):
        from flask_babel import gettext as _
        from wtforms.validators import ValidationError

        from clubs_exchange import clock

        if field.data is not None and field.data > clock.today().year:
            raise ValidationError(_("The year of birth lies in the future."))


class TakeOverForm(FlaskForm):
    guests = MultiCheckboxField(_l("Guests"), choices=[], coerce=int)
    delegation = SelectField(_l("Into the delegation of"), choices=[])


class ListImportForm(ImportForm):
    """The guest import's upload and text box, with the delegation the rows go to."""

    delegation = SelectField(_l("Delegation"), choices=[])
