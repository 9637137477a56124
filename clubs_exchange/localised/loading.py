"""How pages load translations with what they show: in the same query where a page lists many subjects."""

from sqlalchemy.orm import joinedload

from clubs_exchange.localised.languages import reader_language
from clubs_exchange.localised.models import TextTranslation, TranslatedField
from clubs_exchange.proposals.models import Proposal


def titles_in_reader_language():
    """A loader option for long lists of events (the month grid, a partner's events): each event's title in the
    reader's language, joined in the events' own query. At most one row per event joins, so rows do not
    multiply; the events' `translations` then hold that title only, which is all these pages show."""
    return joinedload(Proposal.translations.and_(
        TextTranslation.field == TranslatedField.TITLE, TextTranslation.language == reader_language()
    ))
