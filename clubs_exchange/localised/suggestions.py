"""The seam for a machine translation service: none is reachable from the intranet, so by default there is none.

Set TRANSLATION_SUGGESTER to the import path of a callable `suggest(text, source, target) -> str | None`
(for example "mycity.translate:suggest", a wrapper around the city's own service); the translation form then
starts from its suggestion, for a person to check and correct before saving. A suggester that fails or
answers nothing leaves the form empty.
"""

import logging

from flask import current_app
from werkzeug.utils import import_string

log = logging.getLogger(__name__)


def suggest_translation(text: str, source: str, target: str) -> str | None:
    """A machine's draft of `text` (in language `source`) in language `target`, or None."""
    name = current_app.config.get("TRANSLATION_SUGGESTER")
    if not name or not (text or "").strip():
        return None
    suggester = import_string(name) if isinstance(name, str) else name
    try:
        suggestion = suggester(text, source, target)
    except Exception:  # a service that is down must not take the form with it
        log.exception("translation suggester %s failed", name)
        return None
    return suggestion.strip() if isinstance(suggestion, str) and suggestion.strip() else None
