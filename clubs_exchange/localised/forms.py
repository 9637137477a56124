"""The form a translation is written in."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, TextAreaField
from wtforms.validators import InputRequired

from clubs_exchange.forms import select_choices


class TranslationForm(FlaskForm):
    # The choices are checked by the rule (writing.save_translation), which says why a language is refused.
    field = SelectField(_l("Text"), validate_choice=False)
    language = SelectField(_l("Language"), validate_choice=False)
    text = TextAreaField(
        _l("Translation"), validators=[InputRequired(message=_l("Write the translation."))],
        render_kw={"rows": 6},
    )

    def set_choices(self, *, fields, languages) -> None:
        self.field.choices = select_choices(fields)
        self.language.choices = select_choices(languages)
