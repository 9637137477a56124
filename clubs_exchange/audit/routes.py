"""The audit list for staff: every recorded change, filtered by kind of object, person, action and dates."""

from dataclasses import dataclass

from flask import request

from clubs_exchange.audit import bp
from clubs_exchange.audit.display import lines
from clubs_exchange.audit.queries import audit_query, read_filters, subject_name_of, trail_for
from clubs_exchange.htmx import render
from clubs_exchange.paging import paginate
from clubs_exchange.permissions import staff_only

staff_only(bp)


@bp.get("/")
def index():
    form, filters, valid = read_filters(request.args)
    page = paginate(audit_query(filters))
    return render(
        "audit/index.html", "audit_results", status=200 if valid else 422,
        form=form, filters=filters, page=page, lines=lines(page.items), args=filters.args(),
    )


@dataclass(frozen=True)
class Trail:
    type: str
    lines: list
    with_object: bool


@bp.app_template_global("audit_trail")
def audit_trail(obj) -> Trail:
    """The latest entries of an object for the trail on its page (templates/audit/_trail.html): one query,
    plus one per kind of object the entries name by id."""
    object_type = subject_name_of(obj)
    entries = trail_for(object_type, obj.id) if object_type else []
    # Entries of what belongs to the object (its memberships) need their own "what" column.
    mixed = any(e.object_type != object_type for e in entries)
    return Trail(type=object_type or "", lines=lines(entries), with_object=mixed)
