"""Ids in URLs and integer query parameters: one converter and one parser, bounded to what the database holds.

An id of 10²⁰, "²", "-1" or "abc" names nothing: the route does not match (404) and no query is sent that the
database would refuse. A query parameter that is not a number in range is "no such filter" (None), never a 500.
"""

from flask import request
from werkzeug.routing import BaseConverter, ValidationError
from wtforms import IntegerField

MAX_ID = 2**31 - 1  # PostgreSQL's integer; SQLite's is larger, but no row of ours gets there


def parse_int(text: str | None, *, minimum: int = 1, maximum: int = MAX_ID) -> int | None:
    """ASCII digits (an optional leading "-" where minimum < 0) within [minimum, maximum], else None."""
    if text is None:
        return None
    text = text.strip()
    digits = text[1:] if text.startswith("-") and minimum < 0 else text
    # str.isdigit() accepts "²" and "٣", which int() then refuses or reads: only ASCII digits are numbers here.
    if not digits or len(digits) > len(str(max(abs(minimum), abs(maximum)))) or not digits.isascii() \
            or not digits.isdigit():
        return None
    value = int(text)
    return value if minimum <= value <= maximum else None


def optional_id(value):
    """A select's value as an id (coerce=): None for the empty choice; anything else stays text, so the select
    refuses it as "Not a valid choice" (never int() on "²" or on 10²⁰)."""
    if value in (None, "") or isinstance(value, int):
        return value or None
    ident = parse_int(str(value))
    return str(value) if ident is None else ident


def int_arg(name: str, default: int | None = None, *, minimum: int = 1, maximum: int = MAX_ID) -> int | None:
    """An integer query parameter (?page=, ?partner=): the default when absent, malformed or out of range."""
    value = parse_int(request.args.get(name), minimum=minimum, maximum=maximum)
    return default if value is None else value


class IdConverter(BaseConverter):
    """`<id:proposal_id>`: an int in 1 … 2³¹−1; anything else does not match the route, so the answer is 404."""

    regex = r"[0-9]{1,10}"
    part_isolating = True

    def to_python(self, value: str) -> int:
        ident = parse_int(value)
        if ident is None:
            raise ValidationError()
        return ident

    def to_url(self, value) -> str:
        return str(int(value))


class IntField(IntegerField):
    """WTForms' IntegerField read by parse_int: "²", "٣" or 10⁴⁰⁰ are the field's message, never an int() that
    a validator or the database then fails on (NumberRange overflows on 400 digits; SQLite beyond 2⁶³)."""

    # The default range only keeps int() and the database safe; the field's validators (NumberRange) say the
    # range a person sees, so "-5" still gets "Between 0 and 100000." rather than "Not a valid integer value.".
    def __init__(self, label=None, validators=None, *, minimum: int = -MAX_ID, maximum: int = MAX_ID, **kwargs):
        super().__init__(label, validators, **kwargs)
        self.minimum, self.maximum = minimum, maximum

    def process_formdata(self, valuelist):
        if not valuelist or not valuelist[0].strip():
            return
        self.data = parse_int(valuelist[0], minimum=self.minimum, maximum=self.maximum)
        if self.data is None:
            raise ValueError(self.gettext("Not a valid integer value."))
