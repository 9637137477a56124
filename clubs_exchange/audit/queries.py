"""Which entries a page shows: an object's trail, and the list with its filters (also what the CSV holds)."""

from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.fields import DateField
from wtforms.validators import Length, NumberRange, Optional, ValidationError

from clubs_exchange.audit.models import AuditAction, AuditEntry
from clubs_exchange.audit.trail import BY_NAME, SUBJECTS
from clubs_exchange.calendar.grid import start_of_day
from clubs_exchange.clock import city_tz
from clubs_exchange.extensions import db
from clubs_exchange.forms import select_choices
from clubs_exchange.ids import MAX_ID, IntField

TRAIL_LENGTH = 20


def _reasonable_year(form, field):
    if field.data and not 2000 <= field.data.year <= 2200:
        raise ValidationError(_l("Choose a date between %(first)s and %(last)s.", first=2000, last=2200))


def subject_name_of(obj) -> str | None:
    subject = SUBJECTS.get(type(obj))
    return subject.name if subject else None


def trail_for(object_type: str, object_id: int, *, limit: int = TRAIL_LENGTH) -> list[AuditEntry]:
    """The latest entries of an object and of what belongs to it (an organisation's memberships): one query."""
    query = (
        sa.select(AuditEntry)
        .where(
            sa.or_(
                sa.and_(AuditEntry.object_type == object_type, AuditEntry.object_id == object_id),
                sa.and_(AuditEntry.parent_type == object_type, AuditEntry.parent_id == object_id),
            )
        )
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(query))


class AuditFilterForm(FlaskForm):
    """A GET form: the filters live in the address, so a filtered list can be bookmarked and exported."""

    class Meta:
        csrf = False

    type = SelectField(_l("Kind of object"), default="")
    id = IntField(_l("Object number"), validators=[Optional(), NumberRange(min=1, max=MAX_ID)])
    who = StringField(_l("Who (name contains)"), validators=[Optional(), Length(max=120)])
    action = SelectField(
        _l("Action"), default="", choices=select_choices([("", _l("All actions"))]) + AuditAction.choices()
    )
    from_ = DateField(_l("From"), name="from", validators=[Optional(), _reasonable_year])
    to = DateField(_l("To"), validators=[Optional(), _reasonable_year])

    def validate_to(self, field):
        if field.data and self.from_.data and field.data < self.from_.data:
            raise ValidationError(_l("The end date must not be before the start date."))


@dataclass(frozen=True)
class AuditFilters:
    object_type: str | None = None
    object_id: int | None = None
    who: str = ""
    action: AuditAction | None = None
    first: date | None = None
    last: date | None = None

    def args(self) -> dict:
        values = {
            "type": self.object_type, "id": self.object_id, "who": self.who or None,
            "action": self.action.value if self.action else None,
            "from": self.first.isoformat() if self.first else None,
            "to": self.last.isoformat() if self.last else None,
        }
        return {k: v for k, v in values.items() if v is not None}


def read_filters(args) -> tuple[AuditFilterForm, AuditFilters, bool]:
    """The form bound to the address and the filters that passed validation (a wrong value is left out)."""
    form = AuditFilterForm(formdata=args)
    form.type.choices = select_choices(
        [("", _l("All kinds")), *sorted(((n, s.title) for n, s in BY_NAME.items()), key=lambda p: str(p[1]))]
    )
    valid = form.validate()

    def ok(field):
        return field.data if field.data not in (None, "") and not field.errors else None

    filters = AuditFilters(
        object_type=ok(form.type),
        object_id=ok(form.id),
        who=" ".join((ok(form.who) or "").split()),
        action=AuditAction(ok(form.action)) if ok(form.action) else None,
        first=ok(form.from_),
        last=ok(form.to),
    )
    return form, filters, valid


def audit_query(filters: AuditFilters) -> sa.Select:
    """The entries matching the filters, newest first. The object number finds the object and what belongs
    to it, as on its page."""
    query = sa.select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    if filters.object_type and filters.object_id:
        query = query.where(
            sa.or_(
                sa.and_(AuditEntry.object_type == filters.object_type, AuditEntry.object_id == filters.object_id),
                sa.and_(AuditEntry.parent_type == filters.object_type, AuditEntry.parent_id == filters.object_id),
            )
        )
    elif filters.object_type:
        query = query.where(AuditEntry.object_type == filters.object_type)
    elif filters.object_id:
        query = query.where(AuditEntry.object_id == filters.object_id)
    if filters.who:
        query = query.where(sa.func.lower(AuditEntry.actor_name).contains(filters.who.lower(), autoescape=True))
    if filters.action:
        query = query.where(AuditEntry.action == filters.action)
    tz = city_tz()
    if filters.first:
        query = query.where(AuditEntry.at >= start_of_day(filters.first, tz))
    if filters.last:
        query = query.where(AuditEntry.at < start_of_day(filters.last + timedelta(days=1), tz))
    return query
