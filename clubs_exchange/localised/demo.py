"""Demo translations: a few events of the calendar and a partner city read in German, French and Romanian."""

import sqlalchemy as sa

from clubs_exchange.extensions import db
from clubs_exchange.localised.models import TextTranslation, TranslatedField
from clubs_exchange.partners.models import PartnerCity
from clubs_exchange.proposals.models import Proposal, ProposalState

T, D = TranslatedField.TITLE, TranslatedField.DESCRIPTION
# By the English title's beginning: the texts in the other languages.
EVENT_TEXTS = {
    "Friendly match": {
        "de": ("Freundschaftsspiel", "Ein Freundschaftsspiel mit unseren Gästen aus der Partnerstadt."),
        "fr": ("Match amical", "Un match amical avec nos invités de la ville partenaire."),
        "ro": ("Meci amical", "Un meci amical cu oaspeții noștri din orașul partener."),
    },
    "Joint concert": {
        "de": ("Gemeinsames Konzert", "Chöre beider Städte singen gemeinsam."),
        "fr": ("Concert commun", "Les chœurs des deux villes chantent ensemble."),
    },
    "Pupil exchange": {
        "de": ("Schüleraustausch", "Schülerinnen und Schüler wohnen eine Woche in Gastfamilien."),
        "ro": ("Schimb de elevi", "Elevii locuiesc o săptămână în familii gazdă."),
    },
}
ANNECY = (
    "Our twin town on the lake, in the French Alps. The friendship society organises a citizens' journey every "
    "summer.",
    {
        "fr": "Notre ville jumelle au bord du lac, dans les Alpes françaises. Le comité de jumelage organise un "
              "voyage des citoyens chaque été.",
        "de": "Unsere Partnerstadt am See, in den französischen Alpen. Der Freundeskreis organisiert jeden Sommer "
              "eine Bürgerreise.",
    },
)
# One event written in German: readers of English and French see the original, marked as German.
GERMAN_ORIGINAL = ("Heimatabend mit den Gästen aus der Partnerstadt",
                   "Lieder, Geschichten und Bilder aus 40 Jahren Partnerschaft.")


def seed_content_translations(staff) -> None:
    events = list(db.session.scalars(
        sa.select(Proposal).where(Proposal.state == ProposalState.APPROVED)
        .order_by(Proposal.starts_at, Proposal.id)
    ))
    done = set()
    for proposal in events:
        beginning = next((b for b in EVENT_TEXTS if proposal.title.startswith(b)), None)
        if beginning is None or beginning in done:
            continue
        done.add(beginning)
        author = proposal.created_by or staff
        place = proposal.title.removeprefix(beginning)  # " with Annecy"
        for language, (title, description) in EVENT_TEXTS[beginning].items():
            partner_name = proposal.partner_city.name
            joined = {"de": " mit ", "fr": " avec ", "ro": " cu "}[language]
            shown_title = f"{title}{joined}{partner_name}" if place else title
            proposal.translations += [
                TextTranslation(field=T, language=language, text=shown_title, written_by=author),
                TextTranslation(field=D, language=language, text=description, written_by=author),
            ]
    if events:
        german = events[len(events) // 2]
        german.title, german.description, german.language = (*GERMAN_ORIGINAL, "de")
        german.translations = [
            TextTranslation(field=T, language="en", text="Local heritage evening with our partner city's guests",
                            written_by=staff),
        ]
    annecy = db.session.scalar(sa.select(PartnerCity).where(PartnerCity.name == "Annecy"))
    if annecy is not None:
        annecy.description = ANNECY[0]
        annecy.translations = [
            TextTranslation(field=D, language=language, text=text, written_by=staff)
            for language, text in ANNECY[1].items()
        ]
    db.session.flush()
