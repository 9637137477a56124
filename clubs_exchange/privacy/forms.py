"""The form to ask for one's account to be erased."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import TextAreaField

from clubs_exchange.forms import MaxLength


class ErasureRequestForm(FlaskForm):
    reason = TextAreaField(_l("Why (optional)"), validators=[MaxLength(2000)])
