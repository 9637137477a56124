"""Form helpers every area shares: error bookkeeping, the answer status, multi-choice fields."""

from markupsafe import Markup, escape
from wtforms import SelectChoice, SelectMultipleField, widgets


def select_choices(pairs) -> list[SelectChoice]:
    """(value, label) pairs as SelectField options; WTForms 3.3 deprecates plain tuples."""
    return [SelectChoice(value=str(value), label=label) for value, label in pairs]


class LongSelect(widgets.Select):
    """WTForms' select, the same HTML, for lists of hundreds of options (the calendar's organisations).

    WTForms builds every option from an attribute dict through html_params() and a Markup of its own: about
    0.1 ms an option, which made the 400 organisations of a busy month a third of the page's time (profiled).
    Plain options (no attributes of their own, no groups) are written here in one pass; anything else is
    left to WTForms.
    """

    def __call__(self, field, **kwargs):
        if self.multiple or field.has_groups():
            return super().__call__(field, **kwargs)
        choices = list(field._iter_choices_normalized())
        if any(choice.render_kw for choice in choices):
            return super().__call__(field, **kwargs)
        return self.select_tag(field, _option_tags(choices), **kwargs)

    def select_tag(self, field, options: Markup, **kwargs) -> Markup:
        """The <select> with the field's attributes around options already written."""
        head = str(super().__call__(_NoChoices(field), **kwargs)).removesuffix("</select>")
        return Markup(head + str(options) + "</select>")  # `options` is Markup already: written, not escaped


def option_tags(field) -> Markup:
    """The <option>s of a select field with plain choices (no attributes of their own, no groups), as
    LongSelect writes them: to be kept with a cached part of a page and given to RenderedOptions."""
    return _option_tags(field._iter_choices_normalized())


def _option_tags(choices) -> Markup:
    return Markup("".join(
        f'<option {"selected " if choice.selected else ""}value="{escape(choice.value)}">'
        f"{escape(choice.label or choice.value)}</option>"
        for choice in choices
    ))


class RenderedOptions(LongSelect):
    """A select whose options were written once by option_tags() and kept (the month grid's organisations,
    kept with the grid): the tag from the field as it is now (its id, aria attributes, errors), the options
    as given. The field's own choices still validate what was sent."""

    def __init__(self, options: Markup):
        super().__init__()
        self.options = options

    def __call__(self, field, **kwargs):
        return self.select_tag(field, self.options, **kwargs)


class _NoChoices:
    """The field as the widget sees it for the <select> tag alone: every attribute, no options."""

    def __init__(self, field):
        self._field = field

    def __getattr__(self, name):
        return getattr(self._field, name)

    def has_groups(self) -> bool:
        return False

    def _iter_choices_normalized(self):
        return iter(())


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
