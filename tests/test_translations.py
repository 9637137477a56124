"""The catalogues: every message of the code translated in German, Romanian and French, and translated correctly."""

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from tests.helpers import extract_messages

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "clubs_exchange" / "translations"
LANGUAGES = ("de", "ro", "fr")
PLACEHOLDER = re.compile(r"%\([a-z_0-9]+\)[sdfr]|%[sdf]|\{[a-z_0-9]*\}")
TAG = re.compile(r"</?[a-z]+[^>]*>")


def _catalogue(language: str):
    with (TRANSLATIONS / language / "LC_MESSAGES" / "messages.po").open("rb") as f:
        return read_po(f, locale=language)


def _messages(catalogue):
    return [m for m in catalogue if m.id]


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> set:
    """What `make translations` would extract from the code today (babel.cfg)."""
    pot = extract_messages(tmp_path_factory.mktemp("pot"))
    ids = {(m.context, m.id) for m in read_po(io.BytesIO(pot)) if m.id}  # "To" (until) is not "To" (recipient)
    assert len(ids) > 1000, "the extraction found (almost) nothing: babel.cfg?"
    return ids


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_of_the_code_is_in_the_catalogue(language, extracted):
    missing = extracted - {(m.context, m.id) for m in _messages(_catalogue(language))}
    assert not missing, (
        f"{len(missing)} messages of the code are not in the {language} catalogue (run `make translations` "
        f"and translate them), e.g. {sorted(map(str, missing))[:5]}"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_and_none_is_fuzzy(language):
    catalogue = _catalogue(language)
    untranslated = [m.id for m in _messages(catalogue)
                    if not (all(m.string) if isinstance(m.string, tuple) else m.string)]
    fuzzy = [m.id for m in _messages(catalogue) if m.fuzzy]
    assert not untranslated, f"{len(untranslated)} untranslated in {language}, e.g. {untranslated[:5]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy in {language}, e.g. {fuzzy[:5]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_translation_keeps_the_placeholders_and_tags_of_its_message(language):
    wrong = []
    for message in _messages(_catalogue(language)):
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for i, string in enumerate(strings):
            if not string:
                continue
            source = ids[min(i, len(ids) - 1)] if len(ids) > 1 else ids[0]
            # A plural form may leave out the number where the language names it ("one guest" / "un invité").
            wanted = set(PLACEHOLDER.findall(source)) | (set(PLACEHOLDER.findall(ids[0])) if len(ids) > 1 else set())
            found = set(PLACEHOLDER.findall(string))
            extra = found - wanted
            lacking = set(PLACEHOLDER.findall(source)) - found
            if len(ids) > 1:
                lacking -= {"%(num)d", "%(count)d"}
            if extra or lacking or sorted(TAG.findall(source)) != sorted(TAG.findall(string)):
                wrong.append((source, string))
    assert not wrong, f"{len(wrong)} translations change placeholders or tags in {language}: {wrong[:3]}"


def test_romanian_is_written_with_the_comma_below_never_the_cedilla():
    cedillas = [m.string for m in _messages(_catalogue("ro")) if re.search("[şţŞŢ]", str(m.string))]
    assert not cedillas, f"ş/ţ (cedilla) instead of ș/ț (U+0219/U+021B): {cedillas[:3]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalogue_names_its_plural_rule_and_compiles(language, tmp_path):
    catalogue = _catalogue(language)
    assert catalogue.num_plurals in {"de": {2}, "fr": {2, 3}, "ro": {3}}[language]  # fr: CLDR has a third (millions)
    short = [m.id for m in _messages(catalogue) if isinstance(m.id, tuple) and len(m.string) != catalogue.num_plurals]
    assert not short, f"plural messages without {catalogue.num_plurals} forms: {short[:3]}"
    subprocess.run(
        [Path(sys.executable).with_name("pybabel"), "compile", "-i",
         str(TRANSLATIONS / language / "LC_MESSAGES" / "messages.po"), "-o", str(tmp_path / "m.mo"), "-l", language],
        check=True, capture_output=True,
    )


def test_the_glossary_names_the_council_of_europe_distinctions_by_their_official_names():
    glossary = (TRANSLATIONS / "GLOSSARY.md").read_text()
    for word in ("Europadiplom", "Ehrenfahne", "Ehrenplakette", "Europapreis", "Diplôme européen",
                 "Drapeau d’honneur", "Plaquette d’honneur", "Prix de l’Europe", "Städtepartnerschaft",
                 "jumelage", "înfrățire", "Gastfamilie", "famille d’accueil", "familie gazdă"):
        assert word in glossary, word


# The glossary's words, as patterns that every inflected form matches: a message that names the thing in English
# names it with the glossary's word in each language.
GLOSSARY_STEMS = {
    "host famil": {"de": "gastfamilie", "ro": "gazd", "fr": "d'accueil"},
    "twinning certificate": {
        "de": "partnerschaftsurkunde", "ro": r"cart\w* de înfrățire", "fr": r"chartes? de jumelage",
    },
    "partner cit": {"de": "partnerst", "ro": "partener", "fr": "partenaire"},
    "proposal": {"de": "vorschl", "ro": "propuner", "fr": "proposition"},
    "european diploma": {"de": "europadiplom", "ro": "diploma europeană", "fr": "diplôme européen"},
    "flag of honour": {"de": "ehrenfahne", "ro": "drapelul de onoare", "fr": "drapeau d'honneur"},
    "plaque of honour": {"de": "ehrenplakette", "ro": "placheta de onoare", "fr": "plaquette d'honneur"},
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_domain_words_are_the_glossarys_everywhere(language):
    astray = []
    for message in _messages(_catalogue(language)):
        source = " ".join(message.id) if isinstance(message.id, tuple) else message.id
        string = " ".join(message.string) if isinstance(message.string, tuple) else message.string
        for english, stems in GLOSSARY_STEMS.items():
            written = string.lower().replace("’", "'")
            if english in source.lower() and string.strip() and not re.search(stems[language], written):
                astray.append((source, string))
    assert not astray, f"{len(astray)} messages in {language} do not use the glossary's word: {astray[:3]}"
