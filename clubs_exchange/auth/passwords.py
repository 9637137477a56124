"""What a new password must be (ASVS 2.1): long enough, not too long, not a common one, not the person's own
address or name. Every place that sets a password asks here: the forms (a validator, so the message stands at
the field with the form's other messages) and the steps behind them (so `flask create-admin`, and a form that
forgot to say whose password it is, are held to it too).

Only a password being set is checked: the hashes stored before these rules keep working, and the login form
takes any password up to its own limit. The password is hashed exactly as typed (no normalisation, nothing cut
off); the rules compare a normalised copy (NFKC, case-folded) so "PASSWORD" and "ｐａｓｓｗｏｒｄ" count as
"password". There are no composition rules (no "a digit and a capital"): length and the refusal of guessable
passwords do that work, as NIST SP 800-63B and ASVS 2.1 advise.

The demo data (clubs_exchange/demo.py) sets its one published password without asking here, on purpose.
"""

import unicodedata
from collections.abc import Iterable
from functools import cache
from importlib.resources import files

from flask_babel import lazy_gettext as _l

from clubs_exchange.errors import DomainError

MIN_LENGTH = 12
# ASVS 2.1.2: at least 64 permitted, more than 128 refused. The login form takes up to 200, so a password set
# before this limit keeps working.
MAX_LENGTH = 128
# A word of a person's name or address counts when it has at least this many letters: shorter ones ("li", "jo")
# sit inside too many good passphrases by chance.
OWN_WORD_MIN = 3
# The address (or the part before its @) and the whole name are refused anywhere in the password from this length on.
OWN_TEXT_MIN = 4
# Shown under every field where a password is chosen.
HELP = _l("At least %(min)d characters; spaces are allowed, no special characters needed.", min=MIN_LENGTH)
_TRAILING = "0123456789 !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"


class PasswordError(DomainError):
    """A new password the rules refuse; `field` is the form field it was typed into."""


@cache
def common_passwords() -> frozenset[str]:
    """The 30,000 most common passwords (zxcvbn's list, see data/README.md), read once per process."""
    text = files("clubs_exchange.auth").joinpath("data/common_passwords.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip())


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").casefold().strip()


def _alnum(text: str) -> str:
    return "".join(ch for ch in _fold(text) if ch.isalnum())


def _letters(text: str) -> str:
    return "".join(ch for ch in _fold(text) if ch.isalpha())


def _words(text: str) -> set[str]:
    """The runs of letters in text that are long enough to count (maria, schmidt in "maria.schmidt85")."""
    runs = "".join(ch if ch.isalpha() else " " for ch in _fold(text)).split()
    return {run for run in runs if len(run) >= OWN_WORD_MIN}


def _length(password: str) -> int:
    # ASVS 2.1.1 counts after runs of spaces are combined: padding with spaces does not make a password long.
    return len(" ".join(password.split()))


def is_common(password: str) -> bool:
    """On the list as typed, without its spaces, or with digits and signs merely added at its end
    ("Sunshine 2024!" is "sunshine")."""
    folded = _fold(password)
    listed = common_passwords()
    candidates = {folded, "".join(folded.split()), folded.rstrip(_TRAILING)}
    return any(candidate in listed for candidate in candidates if candidate)


def _made_of(password: str, words: set[str]) -> bool:
    """Nothing but these words once digits, spaces and signs are left out ("Schmidt Maria 1985!")."""
    rest = _letters(password)
    if not rest or not words:
        return False
    for word in sorted(words, key=len, reverse=True):
        rest = rest.replace(word, "")
    return not rest


def _contains_email(password: str, email: str) -> bool:
    email = _fold(email)
    return len(_alnum(email)) >= OWN_TEXT_MIN and _alnum(email) in _alnum(password)


def _contains_local_part(password: str, email: str) -> bool:
    local = _fold(email).split("@", 1)[0]
    return (len(_alnum(local)) >= OWN_TEXT_MIN and _alnum(local) in _alnum(password)) or _made_of(
        password, _words(local))


def _contains_name(password: str, names: Iterable[str]) -> bool:
    typed = _alnum(password)
    words: set[str] = set()
    for name in names:
        whole = _alnum(name)
        if len(whole) >= OWN_TEXT_MIN and whole in typed:
            return True
        words |= _words(name)
    return _made_of(password, words)


def password_problem(password: str, *, email: str = "", names: Iterable[str] = ()) -> str | None:
    """Why this new password is refused (translated, for the person), or None when it may be set.

    `email` and `names` are the person's own: their address and the names they go by (a name being changed
    counts along with the old one)."""
    from flask_babel import gettext as _

    password = password or ""
    names = [name for name in names if name]
    if len(password) > MAX_LENGTH:
        # Said, never cut: a password cut without a word would not be the one the person keeps.
        return _("At most %(max)d characters: this has %(length)d. Please shorten it by %(over)d.",
                 max=MAX_LENGTH, length=len(password), over=len(password) - MAX_LENGTH)
    if _length(password) < MIN_LENGTH:
        return _("At least %(min)d characters, please: this has %(length)d. Spaces are allowed, so a few words "
                 "you remember make a good password.", min=MIN_LENGTH, length=_length(password))
    if is_common(password):
        return _("This is one of the most common passwords, the first ones anybody tries. Please choose another.")
    # The whole address first, then the name, then the address's part before the @: of two true reasons the
    # message names the one the person will recognise (a local part is often the name).
    email_message = _("The password must not contain your e-mail address or its part before the @: it is the "
                      "first thing anybody tries. Please choose another.")
    if _contains_email(password, email):
        return email_message
    if _contains_name(password, names):
        return _("The password must not be made of your name: it is the first thing anybody tries. "
                 "Please choose another.")
    if _contains_local_part(password, email):
        return email_message
    return None


def check_new_password(password: str, *, email: str = "", names: Iterable[str] = (), field: str = "password") -> None:
    """Raise PasswordError (at `field`) when the password may not be set."""
    problem = password_problem(password, email=email, names=names)
    if problem is not None:
        raise PasswordError(problem, field)


class NewPassword:
    """The policy as a WTForms validator. The form says whose password it is with `password_owner()`, which
    returns (email, names); without it only the rules that need no person apply (the step behind the form still
    checks them all)."""

    field_flags: dict = {}

    def __call__(self, form, field):
        from wtforms.validators import StopValidation

        owner = getattr(form, "password_owner", None)
        email, names = owner() if owner is not None else ("", ())
        problem = password_problem(field.data or "", email=email, names=names)
        if problem is not None:
            raise StopValidation(problem)

