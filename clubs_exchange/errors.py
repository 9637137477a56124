"""Domain errors: a rule refuses a step with a message, and names the form field it concerns.

Every area's errors derive from DomainError; routes turn one into a message beside the field and the form
again, with 422, through `refuse` or `show_at_field` (rolled back first, so nothing half-done is committed).
`done` is the other way out of the same step: committed once, said, and on to the next page.
"""

from flask import flash, url_for

from clubs_exchange.extensions import db
from clubs_exchange.forms import add_error


class DomainError(Exception):
    """A step the rules refuse: `message` is for the person (translated), `field` the form field it concerns."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return str(self.message)


def show_at_field(form, error: DomainError) -> None:
    """Roll back what the refused step began and put its message beside its field (or above the form)."""
    db.session.rollback()
    field = getattr(form, error.field, None) if (form is not None and error.field) else None
    if field is not None and hasattr(field, "errors"):
        add_error(field, error.message)
    elif form is not None:
        form.form_errors = [*getattr(form, "form_errors", []), error.message]
    else:
        flash(error.message, "error")


def refuse(form, error: DomainError, template: str, *, block: str | None = None, **context):
    """The form again with the refusal beside its field: rolled back, 422, page or htmx fragment."""
    from clubs_exchange.htmx import render

    show_at_field(form, error)
    return render(template, block, status=422, form=form, **context)


def done(message: str, endpoint: str, **values):
    """The step went through: commit once, say so, and go on to url_for(endpoint, **values) (303, or
    HX-Redirect for an htmx request)."""
    from clubs_exchange.htmx import redirect_after_post

    db.session.commit()
    flash(message, "success")
    return redirect_after_post(url_for(endpoint, **values))
