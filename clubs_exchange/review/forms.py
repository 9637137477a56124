"""Forms of the review area: the queue's filters, a decision on a proposal, cancelling an event."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from clubs_exchange.concurrency import version_field
from clubs_exchange.forms import LongSelect, select_choices
from clubs_exchange.ids import optional_id
from clubs_exchange.proposals.models import EventKind
from clubs_exchange.review.decisions import DECISIONS

COMMENT_MAX = 5000


class QueueFilterForm(FlaskForm):
    """The GET form above the queue; it changes nothing, so it carries no CSRF token."""

    class Meta:
        csrf = False

    partner = SelectField(_l("Partner city"), coerce=optional_id, validators=[Optional()], widget=LongSelect())
    kind = SelectField(_l("Kind of event"), validators=[Optional()])

    def __init__(self, *args, partner_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        # Built per request: labels in the reader's language, partner cities as they are now.
        self.partner.choices = select_choices([("", _l("All partner cities")), *partner_choices])
        self.kind.choices = select_choices([("", _l("All kinds")), *((k.value, k.label) for k in EventKind)])


class DecisionForm(FlaskForm):
    action = SelectField(_l("Decision"))
    comment = TextAreaField(
        _l("Comment to the organisation"),
        validators=[Optional(), Length(max=COMMENT_MAX)],
    )
    confirm_conflicts = BooleanField(_l("I have seen the conflicts; approve anyway"))
    version = version_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.action.choices = select_choices((a.value, a.label) for a in DECISIONS)


class CancelForm(FlaskForm):
    reason = TextAreaField(
        _l("Why is the event cancelled?"),
        validators=[DataRequired(_l("Please give the reason: the organisers and the calendar show it.")),
                    Length(max=COMMENT_MAX)],
    )
    version = version_field()
