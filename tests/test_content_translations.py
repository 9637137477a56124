"""Content in the reader's language: translations of a proposal's title and description and of a partner city's
description, written by people; readers see theirs where there is one, else the original marked with its language.

The reader's language is set as the city's default (BABEL_DEFAULT_LOCALE) and sent as Accept-Language, so these
tests hold with and without the language selector."""

import pytest
import sqlalchemy as sa

from clubs_exchange.localised.models import TextTranslation, TranslatedField
from clubs_exchange.localised.reading import localised

JUNE = "/calendar/?year=2031&month=6"


@pytest.fixture
def reader(request):
    """The reader's language: parametrize with indirect=True; English otherwise."""
    return getattr(request, "param", "en")


@pytest.fixture
def app_config(app_config, reader):
    return {**app_config, "BABEL_DEFAULT_LOCALE": reader}


@pytest.fixture
def read(client, reader):
    def get(path, **kwargs):
        return client.get(path, headers={"Accept-Language": reader}, **kwargs)

    return get


@pytest.fixture
def event(approved, choir):
    """An event of the choir, written in English, with its title and description in German."""
    proposal = approved(organisation=choir, title="Joint concert", description="Two choirs sing together.",
                        language="en")
    return proposal


def translate(db, subject, field, language, text, author=None):
    kind = "partner_city_id" if subject.__class__.__name__ == "PartnerCity" else "proposal_id"
    db.session.add(TextTranslation(**{kind: subject.id}, field=TranslatedField(field), language=language,
                                   text=text, written_by=author))
    db.session.commit()


def translations(db):
    return db.session.scalars(sa.select(TextTranslation).order_by(TextTranslation.id)).all()


def post_translation(client, url, **data):
    return client.post(url, data=data, headers={"Accept-Language": "en"})


# --- writing ------------------------------------------------------------------------------------------------


def test_a_member_of_the_organisation_writes_a_translation_and_the_page_lists_it(db, login_as, secretary, event):
    client = login_as(secretary)
    url = f"/proposals/{event.id}/translations"
    response = post_translation(client, url, field="title", language="de", text="  Gemeinsames Konzert ")
    assert response.status_code == 303
    [stored] = translations(db)
    assert (stored.proposal_id, stored.field, stored.language, stored.text) == (
        event.id, "title", "de", "Gemeinsames Konzert")
    assert stored.written_by_id == secretary.id
    page = client.get(url).get_data(as_text=True)
    assert "Gemeinsames Konzert" in page
    assert secretary.name in page
    assert '<td lang="de">' in page


def test_a_second_translation_into_the_same_language_replaces_the_first(db, login_as, secretary, event):
    client = login_as(secretary)
    url = f"/proposals/{event.id}/translations"
    post_translation(client, url, field="title", language="de", text="Konzert")
    post_translation(client, url, field="title", language="de", text="Gemeinsames Konzert")
    assert [t.text for t in translations(db)] == ["Gemeinsames Konzert"]


def test_the_change_link_starts_the_form_from_the_translation(db, login_as, secretary, event):
    translate(db, event, "description", "fr", "Deux chœurs chantent ensemble.")
    page = login_as(secretary).get(f"/proposals/{event.id}/translations?field=description&language=fr")
    html = page.get_data(as_text=True)
    assert "Deux chœurs chantent ensemble.</textarea>" in html
    assert '<option selected value="fr">' in html


def test_staff_translate_a_partner_citys_description(db, login_as, staff, make_partner):
    lyon = make_partner(name="Lyon", description="A city on two rivers.", description_language="en")
    response = post_translation(login_as(staff), f"/partners/{lyon.id}/translations", field="description",
                                language="fr", text="Une ville sur deux fleuves.")
    assert response.status_code == 303
    [stored] = translations(db)
    assert (stored.partner_city_id, stored.language, stored.written_by_id) == (lyon.id, "fr", staff.id)


def test_who_may_write_translations(db, login_as, client, member, outsider, choir, make_proposal, event,
                                    make_partner):
    draft = make_proposal(organisation=choir)
    lyon = make_partner()
    login_as(outsider)
    # Another organisation's draft does not exist for its members; its calendar event does, but not its texts.
    assert client.get(f"/proposals/{draft.id}/translations").status_code == 404
    assert client.get(f"/proposals/{event.id}/translations").status_code == 403
    refused = post_translation(client, f"/proposals/{event.id}/translations", field="title", language="de",
                               text="Übernommen")
    assert refused.status_code == 403
    assert translations(db) == []
    assert client.get("/proposals/999999/translations").status_code == 404
    # A partner city's texts are the office's.
    login_as(member)
    assert client.get(f"/partners/{lyon.id}/translations").status_code == 403
    assert client.get("/partners/999999/translations").status_code == 404
    assert client.get(f"/proposals/{event.id}/translations").status_code == 200


def test_the_translations_link_shows_to_those_who_may_translate(login_as, client, member, outsider, event):
    link = f'href="/proposals/{event.id}/translations"'
    assert link in login_as(member).get(f"/proposals/{event.id}").get_data(as_text=True)
    assert link not in login_as(outsider).get(f"/proposals/{event.id}").get_data(as_text=True)


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"field": "title", "language": "de", "text": "   "}, "text", "Write the translation."),
    ({"field": "title", "language": "en", "text": "Joint concert"}, "language",
     "The original is in English: choose another language."),
    ({"field": "title", "language": "es", "text": "Concierto"}, "language", "Choose one of the languages offered."),
    ({"field": "venue", "language": "de", "text": "Halle"}, "field", "Choose one of the texts offered."),
    ({"field": "title", "language": "de", "text": "K" * 201}, "text", "At most 200 characters."),
])
def test_a_refused_translation_is_told_at_its_field_and_kept(db, login_as, secretary, event, data, field, message):
    response = post_translation(login_as(secretary), f"/proposals/{event.id}/translations", **data)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    error_at = html.index(f'id="{field}-error"')
    assert message in html[error_at:error_at + 300]
    if data["text"].strip():
        assert data["text"] in html  # what was typed is still there
    assert translations(db) == []


def test_the_form_offers_the_languages_but_the_originals(login_as, secretary, event):
    html = login_as(secretary).get(f"/proposals/{event.id}/translations").get_data(as_text=True)
    select = html[html.index('<select', html.index('for="language"')):]
    select = select[:select.index("</select>")]
    assert 'value="de"' in select and 'value="fr"' in select and 'value="ro"' in select
    assert 'value="en"' not in select


# --- reading ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("reader", ["de"], indirect=True)
def test_a_german_reader_sees_the_german_title_everywhere(db, read, login_as, member, event, page_cache_off):
    translate(db, event, "title", "de", "Gemeinsames Konzert")
    translate(db, event, "description", "de", "Zwei Chöre singen gemeinsam.")
    login_as(member)
    proposal_page = read(f"/proposals/{event.id}").get_data(as_text=True)
    assert "<h1>Gemeinsames Konzert</h1>" in proposal_page
    assert "Zwei Chöre singen gemeinsam." in proposal_page
    assert "Two choirs sing together." not in proposal_page
    event_page = read(f"/calendar/event/{event.id}").get_data(as_text=True)
    assert "Gemeinsames Konzert" in event_page and "Joint concert" not in event_page
    assert "Zwei Chöre singen gemeinsam." in event_page
    month = read(JUNE).get_data(as_text=True)
    assert "Gemeinsames Konzert" in month and "Joint concert" not in month
    listed = read("/calendar/list?from=2031-06-01").get_data(as_text=True)
    assert "Gemeinsames Konzert" in listed and "Joint concert" not in listed
    one_event = read(f"/calendar/event/{event.id}.ics").get_data(as_text=True)
    assert "X-WR-CALNAME:Gemeinsames Konzert" in one_event
    assert "SUMMARY;LANGUAGE=de:Gemeinsames Konzert" in one_event
    feed = read(f"/calendar/feed/{member.calendar_token}.ics").get_data(as_text=True)
    assert "SUMMARY;LANGUAGE=de:Gemeinsames Konzert" in feed
    assert "Zwei Chöre singen gemeinsam." in feed.replace("\r\n ", "")
    assert "Joint concert" not in feed


@pytest.mark.parametrize("reader", ["de"], indirect=True)
def test_a_new_translation_shows_in_the_cached_grid_and_feed_at_once(db, read, login_as, member, secretary, event):
    login_as(member)
    feed_url = f"/calendar/feed/{member.calendar_token}.ics"
    assert "Joint concert" in read(JUNE).get_data(as_text=True)
    etag = read(feed_url).headers["ETag"]
    post_translation(login_as(secretary), f"/proposals/{event.id}/translations", field="title", language="de",
                     text="Gemeinsames Konzert")
    login_as(member)
    assert "Gemeinsames Konzert" in read(JUNE).get_data(as_text=True)
    again = read(feed_url)
    assert again.headers["ETag"] != etag
    assert "Gemeinsames Konzert" in again.get_data(as_text=True)


@pytest.mark.parametrize("reader", ["fr"], indirect=True)
def test_a_french_reader_without_a_french_text_sees_the_original_marked(db, read, login_as, member, event,
                                                                       page_cache_off):
    translate(db, event, "title", "de", "Gemeinsames Konzert")
    login_as(member)
    proposal_page = read(f"/proposals/{event.id}").get_data(as_text=True)
    assert '<h1><span lang="en">Joint concert</span> <small class="original-note">' in proposal_page
    assert "Gemeinsames Konzert" not in proposal_page
    # The note is in the reader's language and names the original's (WCAG 3.1.2: the part carries its lang).
    assert "anglais" in proposal_page[proposal_page.index('class="original-note"'):][:120]
    assert '<div class="description" lang="en">' in proposal_page
    month = read(JUNE).get_data(as_text=True)
    assert '<span lang="en">Joint concert</span>' in month
    event_page = read(f"/calendar/event/{event.id}").get_data(as_text=True)
    assert '<span lang="en">Joint concert</span>' in event_page
    feed = read(f"/calendar/feed/{member.calendar_token}.ics").get_data(as_text=True)
    assert "SUMMARY;LANGUAGE=en:Joint concert" in feed


def test_an_english_reader_of_an_english_original_sees_no_note(read, login_as, member, event, page_cache_off):
    html = login_as(member).get(f"/proposals/{event.id}").get_data(as_text=True)
    assert "<h1>Joint concert</h1>" in html
    assert "original-note" not in html


@pytest.mark.parametrize("reader", ["de"], indirect=True)
def test_a_partner_citys_description_in_the_readers_language(db, read, login_as, member, make_partner):
    lyon = make_partner(name="Lyon", description="A city on two rivers.", description_language="en")
    translate(db, lyon, "description", "de", "Eine Stadt an zwei Flüssen.")
    login_as(member)
    html = read(f"/partners/{lyon.id}").get_data(as_text=True)
    assert "Eine Stadt an zwei Flüssen." in html
    assert "A city on two rivers." not in html


def test_texts_from_before_languages_were_recorded_read_as_the_citys_language(app, make_proposal):
    proposal = make_proposal(title="Old proposal")
    assert proposal.language is None
    with app.test_request_context():
        shown = localised(proposal, "title", language="en")
        assert (shown.text, shown.language, shown.is_translation, shown.foreign) == ("Old proposal", "en", False, False)
        shown = localised(proposal, "title", language="ro")
        assert (shown.language, shown.foreign) == ("en", True)


# --- the original's language ---------------------------------------------------------------------------------


def test_the_proposal_form_records_the_language_of_the_original(db, login_as, secretary, choir, make_partner):
    from clubs_exchange.proposals.models import Proposal

    partner = make_partner()
    response = login_as(secretary).post("/proposals/new", data={
        "title": "Sommerkonzert", "kind": "concert", "partner_city_id": partner.id, "organisation_id": choir.id,
        "direction": "incoming", "starts_at": "2031-06-12T18:00", "ends_at": "2031-06-12T21:30",
        "participants_ours": "10", "participants_guests": "10", "guests_needing_host": "0", "language": "de",
    })
    assert response.status_code == 303
    assert db.session.scalar(sa.select(Proposal.language).where(Proposal.title == "Sommerkonzert")) == "de"


def test_the_proposal_form_refuses_an_unsupported_language(login_as, secretary, choir, make_partner):
    partner = make_partner()
    response = login_as(secretary).post("/proposals/new", data={
        "title": "Concierto", "kind": "concert", "partner_city_id": partner.id, "organisation_id": choir.id,
        "direction": "incoming", "starts_at": "2031-06-12T18:00", "ends_at": "2031-06-12T21:30",
        "participants_ours": "10", "participants_guests": "10", "guests_needing_host": "0", "language": "es",
    })
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Choose one of the languages offered." in html[html.index('id="language-error"'):][:200]


def test_staff_write_a_partner_citys_description_and_its_language(db, login_as, staff, make_partner):
    lyon = make_partner(name="Lyon", country="France")
    response = login_as(staff).post(f"/partners/{lyon.id}/edit", data={
        "name": "Lyon", "country": "France", "relationship_level": "twinning", "state": "active",
        "description": "Une ville sur deux fleuves.", "text_language": "fr",
    })
    assert response.status_code == 303
    db.session.refresh(lyon)
    assert (lyon.description, lyon.description_language) == ("Une ville sur deux fleuves.", "fr")


# --- the seam for a machine translation service ---------------------------------------------------------------


def suggest_for_tests(text, source, target):
    return f"[{source}→{target}] {text}"


def test_without_a_service_the_form_starts_empty(login_as, secretary, event):
    html = login_as(secretary).get(f"/proposals/{event.id}/translations?field=title&language=de").get_data(
        as_text=True)
    assert "machine’s suggestion" not in html
    textarea = html[html.index('<textarea id="text"'):]
    assert textarea[textarea.index(">") + 1:].lstrip().startswith("</textarea>")


def test_a_configured_service_prefills_the_form_with_its_suggestion(app, login_as, secretary, event):
    app.config["TRANSLATION_SUGGESTER"] = "tests.test_content_translations:suggest_for_tests"
    html = login_as(secretary).get(f"/proposals/{event.id}/translations?field=title&language=de").get_data(
        as_text=True)
    assert "[en→de] Joint concert</textarea>" in html
    assert "machine’s suggestion" in html


def test_a_failing_service_leaves_the_form_empty(app, login_as, secretary, event):
    def broken(text, source, target):
        raise ConnectionError("no service on the intranet")

    app.config["TRANSLATION_SUGGESTER"] = broken
    response = login_as(secretary).get(f"/proposals/{event.id}/translations?field=title&language=de")
    assert response.status_code == 200
    assert "machine’s suggestion" not in response.get_data(as_text=True)


def test_translations_go_with_their_proposal(db, event, app):
    translate(db, event, "title", "de", "Gemeinsames Konzert")
    db.session.delete(event)
    db.session.commit()
    assert translations(db) == []


def test_a_translation_is_in_the_proposals_audit_trail(db, login_as, secretary, event):
    from clubs_exchange.audit.models import AuditEntry

    post_translation(login_as(secretary), f"/proposals/{event.id}/translations", field="title", language="ro",
                     text="Concert comun")
    entries = db.session.scalars(sa.select(AuditEntry)).all()
    assert any("Concert comun" in str(entry.changes) for entry in entries)
