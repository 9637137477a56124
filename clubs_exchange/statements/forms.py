"""The accessibility feedback form: anyone may send it, logged in or not; name and address are optional."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Optional

from clubs_exchange.forms import MaxLength


class FeedbackForm(FlaskForm):
    page_url = StringField(_l("Page (address or name)"), validators=[
        DataRequired(_l("Please say on which page the problem is.")), MaxLength(500)])
    description = TextAreaField(_l("What went wrong?"), validators=[
        DataRequired(_l("Please describe the problem.")), MaxLength(5000)])
    name = StringField(_l("Your name (optional)"), validators=[Optional(), MaxLength(200)])
    email = EmailField(_l("Your e-mail address (optional)"), validators=[
        Optional(), Email(_l("Please enter an e-mail address such as name@example.org, or leave it empty.")),
        MaxLength(254)])
