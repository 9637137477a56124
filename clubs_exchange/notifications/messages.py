"""A notification's message, kept untranslated and translated when it is shown, so each reader reads it in their
language (the page's, or their mail's) and not in the language of whoever's request wrote it.

A message is a lazy one (lazy_gettext with its values); a value may itself be a lazy message (an interest's
kind), kept as {"msgid": ...} and translated with the rest.
"""

from flask_babel import force_locale, gettext
from flask_babel.speaklater import LazyString

from clubs_exchange import languages


def _untranslated(value):
    if isinstance(value, LazyString) and value._func.__name__ == "gettext" and not value._kwargs:
        return {"msgid": value._args[0]}
    return str(value)


def stored(message) -> dict:
    """The columns of a notification for this message: its id and values, and the text in the city's language
    (what a reader sees if the message is no longer in the code). A plain string stays as written."""
    if isinstance(message, LazyString) and message._func.__name__ == "gettext" and len(message._args) == 1:
        params = {key: _untranslated(value) for key, value in message._kwargs.items()}
        with force_locale(languages.format_locale(languages.default_language())):
            text = str(message)
        return {"message": text[:400], "message_id": message._args[0], "message_params": params}
    return {"message": str(message)[:400], "message_id": None, "message_params": None}


def shown(notification) -> str:
    """The message in the current language; a row from before the languages shows the text it was written with."""
    if not notification.message_id:
        return notification.message
    params = {key: gettext(value["msgid"]) if isinstance(value, dict) else value
              for key, value in (notification.message_params or {}).items()}
    try:
        return gettext(notification.message_id, **params)
    except (KeyError, ValueError, TypeError):
        return notification.message  # values that no longer fit the message: the text as written
