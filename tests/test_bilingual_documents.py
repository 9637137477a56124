"""The printed twinning certificate and partnership agreement: in the home city's language and the partner city's
side by side, each column in its own language and formats whatever the reader's; one language where the partner's
is another or the same. The partner city's language is staff's choice, first taken from the country."""

import re
from datetime import date

import pytest
import sqlalchemy as sa

from clubs_exchange.partners.models import AgreementTemplate, Milestone, MilestoneKind, PartnerCity
from tests.test_mail_language import app_config, compiled, fresh_catalogues, tr  # noqa: F401


def signed(db, partner, on=date(2030, 5, 9)):
    db.session.add(Milestone(partner_city=partner, kind=MilestoneKind.CERTIFICATE_SIGNED, happened_on=on,
                             place="Rathaus", signatories="Bürgermeisterin Roth\nMaire Dupont"))
    db.session.commit()
    return partner


def columns(html: str) -> dict[str, str]:
    """The document's columns by their lang attribute, in order."""
    found = re.findall(r'<div class="document-column" lang="([a-z]+)">(.*?)</div>', html, re.S)
    return dict(found)


def page(client, url, accept="en"):
    response = client.get(url, headers={"Accept-Language": accept})
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_the_certificate_of_an_austrian_partner_is_english_and_german_side_by_side(
    db, client, login_as, member, make_partner
):
    krems = signed(db, make_partner(name="Krems", country="Austria", language="de"))
    login_as(member)
    html = page(client, f"/partners/{krems.id}/certificate", accept="fr")  # the reader's language changes nothing
    found = columns(html)
    assert list(found) == ["en", "de"] and 'class="certificate printable bilingual"' in html
    assert "Twinning certificate" in found["en"] and "Rathaus, 9 May 2030" in found["en"]
    assert "Partnerschaftsurkunde" in found["de"] and "Rathaus, 09.05.2030" in found["de"]
    assert tr(
        "de", "The municipalities of %(home)s and %(partner)s seal their twinning, to bring their citizens together "
        "in peace and friendship across borders.", home="Testhausen", partner="Krems") in found["de"]
    # One heading for the page; the signatories once, under both columns.
    assert html.count("<h1") == 1 and html.count("Bürgermeisterin Roth") == 1
    # The page around it stays in the reader's language.
    assert '<html lang="fr">' in html


@pytest.mark.parametrize("country, language", [("France", "fr"), ("Romania", "ro")])
def test_a_german_city_prints_german_beside_french_or_romanian(app, db, client, login_as, member, make_partner,
                                                              country, language):
    app.config["CITY_LANGUAGE"] = "de"
    partner = signed(db, make_partner(name="Partnerort", country=country, language=language))
    login_as(member)
    found = columns(page(client, f"/partners/{partner.id}/certificate"))
    assert list(found) == ["de", language]
    assert "Partnerschaftsurkunde" in found["de"]
    assert tr(language, "Twinning certificate") in found[language]
    assert "Twinning certificate" not in "".join(found.values())


@pytest.mark.parametrize("partner_language", ["", "en"])
def test_one_language_where_the_partners_is_another_or_the_home_citys(db, client, login_as, member, make_partner,
                                                                    partner_language):
    partner = signed(db, make_partner(name="Tartu", country="Estonia", language=partner_language))
    login_as(member)
    html = page(client, f"/partners/{partner.id}/certificate")
    assert list(columns(html)) == ["en"] and "bilingual" not in html


def test_the_agreement_is_drafted_in_both_languages_from_each_languages_template(
    db, client, login_as, staff, make_partner
):
    krems = signed(db, make_partner(name="Krems", country="Austria", language="de"))
    login_as(staff)
    html = page(client, f"/partners/{krems.id}/agreement")
    found = columns(html)
    assert list(found) == ["en", "de"]
    assert "Partnership agreement between Testhausen and Krems (Austria)" in found["en"]
    # No German template of staff's own yet: the built-in one, translated, with the date written in German.
    assert "Partnerschaftsvereinbarung zwischen Testhausen und Krems (Austria)" in found["de"]
    assert "9. Mai 2030" in found["de"] and "9 May 2030" in found["en"]
    assert "the text in it is the built-in one" in html
    # Staff write the German one: the agreement takes it, the English stays as it was.
    response = client.post("/partners/agreement-template?language=de",
                           data={"text": "Vertrag zwischen {home_city} und {partner_city}, {date}"})
    assert response.status_code == 303 and response.headers["Location"].endswith("language=de")
    found = columns(page(client, f"/partners/{krems.id}/agreement"))
    assert "Vertrag zwischen Testhausen und Krems, 9. Mai 2030" in found["de"]
    assert "Partnership agreement between Testhausen" in found["en"]
    stored = db.session.scalars(sa.select(AgreementTemplate)).all()
    assert [(t.language, t.text[:8]) for t in stored] == [("de", "Vertrag ")]


def test_the_template_from_before_the_languages_is_the_home_citys(db, client, login_as, staff, make_partner):
    db.session.add(AgreementTemplate(text="Old treaty of {home_city}", language=None))
    db.session.commit()
    krems = make_partner(name="Krems", country="Austria", language="de")
    login_as(staff)
    found = columns(page(client, f"/partners/{krems.id}/agreement"))
    assert "Old treaty of Testhausen" in found["en"] and "Old treaty" not in found["de"]
    assert "Old treaty of {home_city}" in page(client, "/partners/agreement-template")
    # Saving the home city's template keeps the one row, now marked with its language.
    client.post("/partners/agreement-template", data={"text": "New treaty of {home_city}"})
    [template] = db.session.scalars(sa.select(AgreementTemplate)).all()
    assert (template.language, template.text) == ("en", "New treaty of {home_city}")


def test_the_template_page_edits_one_language_and_refuses_others(client, login_as, staff):
    login_as(staff)
    html = page(client, "/partners/agreement-template?language=fr")
    assert "Convention de jumelage entre {home_city} et {partner_city}" in html
    assert client.get("/partners/agreement-template?language=xx").status_code == 404
    response = client.post("/partners/agreement-template?language=ro", data={"text": "Acord {twin}"})
    assert response.status_code == 422 and "Acord {twin}" in response.get_data(as_text=True)


def test_a_new_partner_city_takes_its_countrys_language_and_staff_can_change_it(db, client, login_as, staff):
    login_as(staff)
    form = {"name": "Sibiu", "country": "Romania", "relationship_level": "contact", "state": "exploring",
            "language": ""}
    assert client.post("/partners/new", data=form).status_code == 303
    sibiu = db.session.scalar(sa.select(PartnerCity).where(PartnerCity.name == "Sibiu"))
    assert sibiu.language == "ro"
    assert "Română" in page(client, f"/partners/{sibiu.id}")
    # A Belgian city reads Dutch or French: staff's to choose, no guess.
    form.update(name="Kortrijk", country="Belgium")
    client.post("/partners/new", data=form)
    assert db.session.scalar(sa.select(PartnerCity.language).where(PartnerCity.name == "Kortrijk")) == ""
    # Staff choose French for it, then "another language" again.
    kortrijk = db.session.scalar(sa.select(PartnerCity).where(PartnerCity.name == "Kortrijk"))
    edit = {**form, "language": "fr"}
    assert client.post(f"/partners/{kortrijk.id}/edit", data=edit).status_code == 303
    assert kortrijk.language == "fr"
    assert client.post(f"/partners/{kortrijk.id}/edit", data={**edit, "language": ""}).status_code == 303
    assert kortrijk.language == ""
    response = client.post(f"/partners/{kortrijk.id}/edit", data={**edit, "language": "xx"})
    assert response.status_code == 422 and kortrijk.language == ""


def test_the_demo_has_a_french_and_a_romanian_bilingual_certificate(db, demo, client, login_as):
    staff = next(u for u in demo.values() if u.role.value == "staff")
    login_as(staff)
    partners = {p.name: p for p in db.session.scalars(sa.select(PartnerCity))}
    for name, language in (("Annecy", "fr"), ("Sibiu", "ro")):
        assert partners[name].language == language
        found = columns(page(client, f"/partners/{partners[name].id}/certificate"))
        assert list(found) == ["en", language]
        found = columns(page(client, f"/partners/{partners[name].id}/agreement"))
        assert list(found) == ["en", language]
