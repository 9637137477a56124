"""The form city staff keep a partner city with."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.validators import InputRequired, Length, Optional

from clubs_exchange.partners.models import RelationshipLevel


class PartnerCityForm(FlaskForm):
    name = StringField(_l("Name of the city"), validators=[InputRequired(), Length(max=120)])
    country = StringField(_l("Country"), validators=[InputRequired(), Length(max=80)])
    relationship_level = SelectField(
        _l("Relationship"),
        choices=RelationshipLevel.choices(),
        default=RelationshipLevel.CONTACT.value,
        description=_l("Town contact, town friendship, or a twinning sealed by a certificate."),
    )
    languages = StringField(
        _l("Languages"),
        validators=[Optional(), Length(max=200)],
        description=_l("Separated by commas, e.g. French, English"),
    )
