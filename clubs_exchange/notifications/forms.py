"""The staff member's choice of mails about submitted proposals."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField
from wtforms.validators import InputRequired

from clubs_exchange.notifications.models import SubmittedMail


class PreferencesForm(FlaskForm):
    submitted_mail = RadioField(
        _l("Mails about submitted proposals"), choices=SubmittedMail.choices(), validators=[InputRequired()]
    )
