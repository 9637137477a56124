"""The forms city staff keep partner cities with: the city, its contacts, its level, milestones, the agreement."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import DateField, EmailField, SelectField, StringField, TextAreaField, URLField
from wtforms.validators import Email, InputRequired, Length, NumberRange, Optional, ValidationError

from clubs_exchange import clock
from clubs_exchange.forms import select_choices
from clubs_exchange.ids import IntField
from clubs_exchange.localised.languages import city_language, language_choices, original_language, supported_languages
from clubs_exchange.partners.models import CityStructure, MilestoneKind, PartnershipState, RelationshipLevel

# The lazy labels themselves (not .label, which is a str made at import, in no request's language).
OPTIONAL_STRUCTURE = [("", _l("Not known")), *((s.value, label) for s, label in CityStructure.labels().items())]


class OptionalEnumField(SelectField):
    """A select of enum values with "" for none: an object's None (or a form without the field) is ""."""

    def process_data(self, value):
        self.data = "" if value is None else str(getattr(value, "value", value))


def structure_choices():
    return select_choices(OPTIONAL_STRUCTURE)


def document_language_choices():
    from flask import current_app

    # Each language named in itself, marked with its language (WCAG 3.1.2), as the header's switcher does.
    return [("", _l("Another language"), {}),
            *((code, name, {"lang": code}) for code, name in current_app.config["SUPPORTED_LANGUAGES"].items())]


class PartnerCityForm(FlaskForm):
    name = StringField(_l("Name of the city"), validators=[InputRequired(), Length(max=120)])
    country = StringField(_l("Country"), validators=[InputRequired(), Length(max=80)])
    region = StringField(_l("Region"), validators=[Optional(), Length(max=120)])
    population = IntField(_l("Population"), validators=[Optional(), NumberRange(min=1, max=100_000_000)])
    structure = OptionalEnumField(_l("Structure"), choices=structure_choices(), default="")
    relationship_level = SelectField(
        _l("Relationship"),
        choices=RelationshipLevel.choices(),
        default=RelationshipLevel.CONTACT.value,
        description=_l("Town contact, town friendship, or a twinning sealed by a certificate."),
    )
    friendship_until = DateField(
        _l("Friendship until"), validators=[Optional()],
        description=_l("A town friendship needs an end date or the project it is bound to."),
    )
    friendship_project = StringField(_l("Friendship project"), validators=[Optional(), Length(max=200)])
    level_changed_on = DateField(
        _l("Date of the change of level"), validators=[Optional()], default=lambda: clock.today(),
        description=_l(
            "Only used when the level changes: the day it happened (the council's decision, the signing), shown in "
            "the history."
        ),
    )
    level_note = StringField(
        _l("Note on a change of level"), validators=[Optional(), Length(max=500)],
        description=_l("Kept in the level history, e.g. the council's decision."),
    )
    state = SelectField(_l("State"), choices=PartnershipState.choices(), default=PartnershipState.EXPLORING.value)
    languages = StringField(
        _l("Languages"),
        validators=[Optional(), Length(max=200)],
        description=_l("Separated by commas, e.g. French, English"),
    )
    language = SelectField(
        _l("Language of the printed documents"), choices=document_language_choices, default="",
        description=_l(
            "The certificate and the agreement are printed in the home city's language and in this one side by "
            "side. Left empty for a new partner city, it follows the country."
        ),
    )
    activities = StringField(
        _l("Main club activities"), validators=[Optional(), Length(max=400)],
        description=_l("Tags separated by commas, e.g. football, choirs, schools"),
    )
    website = URLField(
        _l("Website"), validators=[Optional(), Length(max=300)],
        description=_l("The full address, starting with https://"),
    )
    description = TextAreaField(
        _l("Description"), validators=[Optional(), Length(max=5000)],
        description=_l("What members should know about the city; translations are added on its page."),
    )
    # Checked in validate_language; the choices are the app's languages (set in __init__, inside a request).
    text_language = SelectField(_l("Language of the description"), validate_choice=False)

    def __init__(self, *args, obj=None, **kwargs):
        super().__init__(*args, obj=obj, **kwargs)
        self.text_language.choices = select_choices(language_choices())
        if not self.text_language.data:
            self.text_language.data = original_language(obj) if obj is not None else city_language()

    def validate_text_language(self, field):
        if field.data not in supported_languages():
            raise ValidationError(_l("Choose one of the languages offered."))


class ContactForm(FlaskForm):
    name = StringField(_l("Name"), validators=[InputRequired(), Length(max=120)])
    role = StringField(_l("Role"), validators=[Optional(), Length(max=120)])
    email = EmailField(_l("E-mail"), validators=[Optional(), Email(), Length(max=254)])
    phone = StringField(_l("Phone"), validators=[Optional(), Length(max=40)])
    language = StringField(_l("Language"), validators=[Optional(), Length(max=60)])


class MilestoneForm(FlaskForm):
    kind = SelectField(_l("Milestone"), choices=MilestoneKind.choices(), default=MilestoneKind.MAYORS_VISIT.value)
    title = StringField(_l("Name of the milestone"), validators=[Optional(), Length(max=200)],
                        description=_l("For another milestone only."))
    happened_on = DateField(_l("Date"), validators=[InputRequired()])
    place = StringField(_l("Place"), validators=[Optional(), Length(max=200)])
    people = TextAreaField(_l("People"), validators=[Optional(), Length(max=2000)])
    signatories = TextAreaField(
        _l("Signatories"), validators=[Optional(), Length(max=2000)],
        description=_l("For a signed certificate: one per line, name and office, both sides."),
    )
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=5000)])


class AgreementTemplateForm(FlaskForm):
    text = TextAreaField(
        _l("Template"), validators=[InputRequired(), Length(max=20_000)],
        description=_l(
            "Plain text. Placeholders: {home_city}, {partner_city}, {partner_country}, {date}, {signatories}."
        ),
    )


class ImageForm(FlaskForm):
    image = FileField(_l("Coat of arms or photo"), validators=[FileRequired()],
                      description=_l("PNG, JPEG, GIF or WebP."))
