"""The form of a scheme's yearly budget."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import InputRequired, Optional

from clubs_exchange.concurrency import version_field
from clubs_exchange.forms import MaxLength
from clubs_exchange.funding.forms import OptionalAmountField


class BudgetForm(FlaskForm):
    amount = OptionalAmountField(_l("Budget"), validators=[InputRequired(message=_l(
        "Enter the budget, 0 if there is none."))], render_kw={"inputmode": "decimal"},
        description=_l("In euros, for the whole year: the money this scheme may grant to events starting in it."))
    notes = TextAreaField(_l("Notes"), validators=[Optional(), MaxLength(2000)], render_kw={"rows": 3},
                          description=_l("Where the money comes from, a council decision, what is held back."))
    # When changing a budget: the version the form was loaded with (concurrency.py).
    version = version_field()
