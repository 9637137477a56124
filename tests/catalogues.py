"""The committed catalogues read as a reader of the page sees them: what a message says in a language."""

from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po

TRANSLATIONS = Path(__file__).resolve().parents[1] / "clubs_exchange" / "translations"


@cache
def _catalogue(language: str) -> dict[str, str]:
    with (TRANSLATIONS / language / "LC_MESSAGES" / "messages.po").open("rb") as f:
        return {m.id: m.string for m in read_po(f, locale=language) if m.id and isinstance(m.id, str)}


def translated(language: str, message: str) -> str:
    """The catalogue's translation of `message` (the English message itself for "en"); a missing one fails."""
    if language == "en":
        return message
    text = _catalogue(language).get(message)
    assert text, f"{message!r} has no {language} translation in the catalogue"
    return text


def compiled(language: str) -> bool:
    """Whether the catalogue is compiled: without its .mo file, Flask-Babel serves every page in English."""
    return (TRANSLATIONS / language / "LC_MESSAGES" / "messages.mo").exists()
