"""Form helpers every area shares: error bookkeeping, the answer status, multi-choice fields."""

from wtforms import SelectChoice, SelectMultipleField, widgets


def select_choices(pairs) -> list[SelectChoice]:
    """(value, label) pairs as SelectField options; WTForms 3.3 deprecates plain tuples."""
    return [SelectChoice(value=str(value), label=label) for value, label in pairs]


def add_error(field, message: str) -> None:
    """Attach a message found by a rule (not a validator) to a field, to be shown next to it."""
    if not isinstance(field.errors, list):
        field.errors = list(field.errors)
    field.errors.append(message)


def has_errors(form) -> bool:
    # form.errors is cached by WTForms; look at the fields themselves.
    return bool(getattr(form, "form_errors", None)) or any(field.errors for field in form)


def form_status(form) -> int:
    """422 for a form that comes back with messages, so htmx and tests can tell it from a fresh one."""
    return 422 if has_errors(form) else 200


class MultiCheckboxField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class MaxLength:
    """At most `max` characters, and the message says how many were entered.

    Unlike WTForms' Length it sets no `maxlength` attribute: with one, a browser cuts a pasted text at the
    limit without a word, and the person never learns that the end of their text is gone.
    """

    field_flags: dict = {}

    def __init__(self, max: int):
        self.max = max

    def __call__(self, form, field):
        from flask_babel import gettext as _
        from wtforms.validators import ValidationError

        length = len(field.data or "")
        if length > self.max:
            raise ValidationError(
                _("At most %(max)d characters: this has %(length)d. Please shorten it by %(over)d.",
                  max=self.max, length=length, over=length - self.max)
            )
