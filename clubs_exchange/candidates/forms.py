"""The forms for partner candidates, their ties, the CSV import and the list's filters."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from clubs_exchange.candidates.models import TieKind, TieStrength
from clubs_exchange.forms import select_choices
from clubs_exchange.ids import IntField
from clubs_exchange.partners.forms import OPTIONAL_STRUCTURE, OptionalEnumField


class CandidateForm(FlaskForm):
    name = StringField(_l("Municipality"), validators=[InputRequired(), Length(max=120)])
    country = StringField(_l("Country"), validators=[InputRequired(), Length(max=80)])
    region = StringField(_l("Region"), validators=[Optional(), Length(max=120)])
    population = IntField(_l("Population"), validators=[Optional(), NumberRange(min=1, max=100_000_000)])
    structure = OptionalEnumField(_l("Structure"), choices=select_choices(OPTIONAL_STRUCTURE), default="")
    languages = StringField(_l("Languages"), validators=[Optional(), Length(max=200)],
                            description=_l("Separated by commas, e.g. French, English"))
    activities = StringField(_l("Club activities"), validators=[Optional(), Length(max=400)],
                             description=_l("Tags separated by commas, e.g. football, choir, schools"))
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=5000)])


class TieForm(FlaskForm):
    kind = SelectField(_l("Kind of tie"), choices=TieKind.choices(), default=TieKind.CITIZENS.value)
    ours = StringField(_l("Who (here)"), validators=[InputRequired(), Length(max=200)],
                       description=_l("e.g. FC Blau-Weiß 1921, or Council member A. Example"))
    theirs = StringField(_l("With whom (there)"), validators=[InputRequired(), Length(max=200)])
    since = DateField(_l("Since"), validators=[Optional()])
    strength = SelectField(_l("Strength"), choices=TieStrength.choices(), default=TieStrength.REGULAR.value)


class ImportForm(FlaskForm):
    file = FileField(_l("CSV file"), validators=[FileRequired()], render_kw={"accept": ".csv,.txt,text/csv"},
                     description=_l("Columns: name, country, population, structure, languages, activities."))
    source = StringField(_l("Published by"), validators=[Optional(), Length(max=120)],
                         description=_l("e.g. CEMR twinning search, spring list"))


class FilterForm(FlaskForm):
    class Meta:
        csrf = False

    q = StringField(_l("Search"), validators=[Optional(), Length(max=100)])
    min_score = IntField(_l("Lowest score"), validators=[Optional(), NumberRange(min=0, max=100)])
    sort = SelectField(
        _l("Sort by"), default="score",
        choices=select_choices([("score", _l("Fit score")), ("name", _l("Name")), ("population", _l("Population"))]),
    )
