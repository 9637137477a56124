"""Every kind of mail is written in its recipient's stored language (else the city's default), whatever the
language of the request that sends it: subject, words, dates and money. In-app notifications are shown in their
reader's language, not in the language of whoever's step wrote them. With the real catalogues, compiled here."""

from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
import sqlalchemy as sa
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from clubs_exchange.auth.invitations import create_invitation
from clubs_exchange.auth.models import UserRole
from clubs_exchange.clock import utcnow
from clubs_exchange.extensions import babel
from clubs_exchange.interests.models import InterestKind
from clubs_exchange.mail.models import OutboxMail
from clubs_exchange.notifications import digest, events
from clubs_exchange.notifications.models import Notification, NotificationKind, NotificationPreference, SubmittedMail
from clubs_exchange.proposals.models import ProposalAction, ProposalState
from tests.test_translations import TRANSLATIONS

LANGUAGES = ("de", "fr", "ro")
# The request that sends the mail reads another language than the recipient.
SENDER = {"de": "ro", "fr": "de", "ro": "fr"}
NBSP, NNBSP = "\u00a0", "\u202f"
MONEY = {"de": f"1.234,50{NBSP}€", "fr": f"1{NNBSP}234,50{NBSP}€", "ro": f"1.234,50{NBSP}EUR"}
SPAN = {"de": "12.06.2031, 18:00–21:00", "fr": "12 juin 2031, 18:00–21:00", "ro": "12 iun. 2031, 18:00–21:00"}
CATALOGUES = {}


@pytest.fixture(scope="module")
def compiled(tmp_path_factory):
    """The real catalogues, compiled for this module (the .mo files are build output, not in git)."""
    folder = tmp_path_factory.mktemp("translations")
    for language in LANGUAGES:
        with (TRANSLATIONS / language / "LC_MESSAGES" / "messages.po").open("rb") as po:
            CATALOGUES[language] = read_po(po, locale=language)
        (folder / language / "LC_MESSAGES").mkdir(parents=True)
        with open(folder / language / "LC_MESSAGES" / "messages.mo", "wb") as mo:
            write_mo(mo, CATALOGUES[language])
    return folder


@pytest.fixture
def app_config(app_config, compiled):
    return {**app_config, "BABEL_TRANSLATION_DIRECTORIES": str(compiled)}


@pytest.fixture(autouse=True)
def fresh_catalogues(app):
    # Flask-Babel keeps loaded catalogues by locale on its one object shared by every app (see test_formats.py).
    with app.app_context():
        babel.domain_instance.cache.clear()
    yield
    with app.app_context():
        babel.domain_instance.cache.clear()


def tr(language: str, msgid: str, **values) -> str:
    """The catalogue's translation, filled in as the app fills it."""
    text = CATALOGUES[language][msgid].string
    return text % values if values else text


def sent_from(app, language):
    """A request in another language than the recipient's, as when someone else's step sends the mail."""
    return app.test_request_context("/", headers={"Accept-Language": SENDER[language]})


def mail_to(db, user_or_email) -> OutboxMail:
    email = getattr(user_or_email, "email", user_or_email)
    db.session.flush()
    [mail] = db.session.scalars(sa.select(OutboxMail).where(OutboxMail.recipient == email))
    return mail


def assert_written_in(mail, language):
    assert f'<html lang="{language}">' in mail.html_body
    assert tr(language, "Twinning office") in mail.text_body


def test_a_german_mail_reads_german_words_from_the_real_catalogue(app, db, make_user):
    """Not only "whatever the catalogue says": a known German sentence, as the translators wrote it."""
    gerda = make_user(name="Gerda", language="de")
    with sent_from(app, "de"):
        events.password_reset(gerda, "tok-123", 30)
        mail = mail_to(db, gerda)
    assert mail.subject == "Neues Passwort festlegen"
    assert mail.text_body.startswith("Guten Tag Gerda,") and "Partnerschaftsbüro" in mail.text_body


@pytest.mark.parametrize("language", LANGUAGES)
def test_proposal_submitted_with_its_dates_and_money(app, db, make_user, make_org, make_proposal, language):
    staff = make_user(role=UserRole.STAFF, language=language)
    organisation = make_org(name="FC Testhausen")
    proposal = make_proposal(ProposalState.SUBMITTED, organisation=organisation, title="Sommerfest",
                             budget_cents=123_450, starts_at=datetime(2031, 6, 12, 16, 0, tzinfo=UTC))
    step = SimpleNamespace(proposal=proposal, action=ProposalAction.SUBMIT, actor=None, comment="", at=None)
    with sent_from(app, language):
        events.staff_told(proposal, step)
        mail = mail_to(db, staff)
    assert mail.subject == tr(language, "%(organisation)s submitted “%(title)s” for review.",
                              organisation="FC Testhausen", title="Sommerfest")
    assert f"{tr(language, 'Requested budget')}: {MONEY[language]}" in mail.text_body
    assert SPAN[language] in mail.text_body and MONEY[language] in mail.html_body
    assert_written_in(mail, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_proposal_outcome(app, db, make_user, make_org, make_proposal, language):
    organisation = make_org()
    secretary = make_user(organisation, language=language)
    proposal = make_proposal(ProposalState.SUBMITTED, organisation=organisation, title="Chorfahrt")
    step = SimpleNamespace(proposal=proposal, action=ProposalAction.APPROVE, actor=None, comment="Schön.", at=None)
    with sent_from(app, language):
        events.organisation_told(proposal, step)
        mail = mail_to(db, secretary)
    assert mail.subject == tr(language, "“%(title)s” is approved and in the partnership calendar.", title="Chorfahrt")
    assert tr(language, "Hello %(name)s,", name=secretary.name) in mail.text_body
    assert_written_in(mail, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_interest_fits(app, db, make_user, make_org, make_partner, make_interest, language):
    partner = make_partner()
    hosts = make_org(name="SV Gastgeber")
    host = make_user(hosts, language=language)
    make_interest(organisation=hosts, partner_city=partner, kind=InterestKind.HOST_GROUP, activity="")
    travellers = make_org(name="FC Reiselust")
    new = make_interest(organisation=travellers, partner_city=partner, kind=InterestKind.SEND_GROUP, activity="")
    with sent_from(app, language):
        events.interest_created(new)
        mail = mail_to(db, host)
    # Their interest has no activity: its kind's name stands in, in the recipient's language too.
    assert mail.subject == tr(language, "A new exchange interest of %(organisation)s fits yours: %(activity)s",
                              organisation="FC Reiselust", activity=tr(language, "Host a group"))
    assert_written_in(mail, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_organisation_registered_to_staff_and_to_the_person_who_registered(app, db, make_user, make_org, language):
    staff = make_user(role=UserRole.STAFF, language=language)
    organisation = make_org(name="Kammerchor")
    founder = make_user(organisation, language=language)
    with sent_from(app, language):
        events.organisation_registered(organisation, founder, verification_token="verify-tok")
        to_staff, to_founder = mail_to(db, staff), mail_to(db, founder)
    assert to_staff.subject == tr(language, "%(organisation)s registered and waits for verification.",
                                  organisation="Kammerchor")
    assert tr(language, "Kind: %(kind)s", kind=tr(language, "Sports club")) in to_staff.text_body
    assert to_founder.subject == tr(language, "%(organisation)s is registered", organisation="Kammerchor")
    assert_written_in(to_staff, language)
    assert_written_in(to_founder, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_registration_with_a_known_address(app, db, make_user, language):
    owner = make_user(language=language)
    with sent_from(app, language):
        events.registration_with_known_address(owner, "Kammerchor")
        mail = mail_to(db, owner)
    assert mail.subject == tr(language, "Someone tried to register with your e-mail address")
    assert_written_in(mail, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_organisation_verified(app, db, make_user, make_org, language):
    organisation = make_org(name="Kammerchor")
    secretary = make_user(organisation, language=language)
    with sent_from(app, language):
        events.organisation_verified(organisation, None)
        mail = mail_to(db, secretary)
    assert mail.subject == tr(language, "%(organisation)s is verified: you can now submit proposals.",
                              organisation="Kammerchor")
    assert_written_in(mail, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_password_reset_and_email_verification(app, db, make_user, language):
    user = make_user(language=language)
    with sent_from(app, language):
        events.password_reset(user, "reset-tok", 30)
        events.email_verification(user, "verify-tok", 48)
        db.session.flush()
        reset, verification = db.session.scalars(
            sa.select(OutboxMail).where(OutboxMail.recipient == user.email).order_by(OutboxMail.id))
    assert reset.subject == tr(language, "Choose a new password")
    assert verification.subject == tr(language, "Confirm your e-mail address")
    assert_written_in(reset, language)
    assert_written_in(verification, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_digest_lists_its_news_in_the_recipients_language(app, db, make_user, make_org, make_proposal, language):
    staff = make_user(role=UserRole.STAFF, language=language)
    db.session.add(NotificationPreference(user_id=staff.id, submitted_mail=SubmittedMail.DIGEST))
    proposal = make_proposal(ProposalState.SUBMITTED, organisation=make_org(name="FC Testhausen"), title="Fest")
    step = SimpleNamespace(proposal=proposal, action=ProposalAction.SUBMIT, actor=None, comment="", at=None)
    with sent_from(app, language):
        events.staff_told(proposal, step)  # the notification, written in the sender's request
        db.session.flush()
    with app.test_request_context("/"):
        assert digest.queue_digests(now=utcnow()) == 1
        mail = mail_to(db, staff)
    assert tr(language, "%(organisation)s submitted “%(title)s” for review.",
              organisation="FC Testhausen", title="Fest") in mail.text_body
    assert_written_in(mail, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_invitation_without_an_account_is_in_the_citys_default_language(app, db, make_user, make_org, language):
    """The invitee has no account and so no language yet: the city's default (BABEL_DEFAULT_LOCALE), whatever
    the inviter reads. The test's city works in each of the three in turn."""
    app.config["BABEL_DEFAULT_LOCALE"] = language
    inviter = make_user(make_org(name="Kammerchor"), name="Ines", language=SENDER[language])
    with sent_from(app, language):
        invitation, token = create_invitation(email="neu@example.org", organisation=inviter.memberships[0].organisation,
                                              invited_by=inviter)
        invitation.expires_at = datetime(2031, 6, 12, 10, 0, tzinfo=UTC)
        events.invitation(invitation, token)
        mail = mail_to(db, "neu@example.org")
    assert mail.subject == tr(language, "You are invited to the twinning exchanges of %(city)s", city="Testhausen")
    day = {"de": "12.06.2031", "fr": "12 juin 2031", "ro": "12 iun. 2031"}[language]
    assert day in mail.text_body
    assert_written_in(mail, language)


def test_an_invitation_in_an_english_city_is_english(app, db, make_user):
    inviter = make_user(language="de")
    with app.test_request_context("/", headers={"Accept-Language": "de"}):
        invitation, token = create_invitation(email="new@example.org", invited_by=inviter)
        events.invitation(invitation, token)
        mail = mail_to(db, "new@example.org")
    assert mail.subject == "You are invited to the twinning exchanges of Testhausen"


# --- in-app notifications ------------------------------------------------------------------------------


def test_a_notification_reads_in_its_readers_language_not_the_writers(
    app, db, client, login_as, make_user, make_org, make_proposal
):
    organisation = make_org(name="FC Testhausen")
    staff = make_user(role=UserRole.STAFF, language="de")
    proposal = make_proposal(ProposalState.SUBMITTED, organisation=organisation, title="Sommerfest")
    step = SimpleNamespace(proposal=proposal, action=ProposalAction.SUBMIT, actor=None, comment="", at=None)
    with app.test_request_context("/", headers={"Accept-Language": "fr"}):  # the secretary reads French
        events.staff_told(proposal, step)
        db.session.commit()
    login_as(staff)
    html = client.get("/notifications/").get_data(as_text=True)
    assert "FC Testhausen hat „Sommerfest“ zur Prüfung eingereicht." in html
    # The reader changes language: the same notification follows.
    staff.language = "ro"
    db.session.commit()
    html = client.get("/notifications/").get_data(as_text=True)
    assert tr("ro", "%(organisation)s submitted “%(title)s” for review.", organisation="FC Testhausen",
              title="Sommerfest") in html


def test_a_notification_from_before_the_languages_shows_the_text_it_was_written_with(
    db, client, login_as, make_user
):
    reader = make_user(language="de")
    db.session.add(Notification(user_id=reader.id, kind=NotificationKind.APPROVED, link="/proposals/1",
                                message="“Old event” is approved and in the partnership calendar."))
    db.session.commit()
    login_as(reader)
    html = client.get("/notifications/").get_data(as_text=True)
    assert "“Old event” is approved and in the partnership calendar." in html


def test_behind_a_path_prefix_stored_links_hold_it_once_in_pages_and_mails(app, db, make_user, make_org,
                                                                           make_proposal):
    """The app reached under /twinning (a proxy's path): a notification written in such a request stores the
    path within the app; the page adds the prefix, the digest BASE_URL's path — each once."""
    from clubs_exchange.notifications.inbox import link_target

    app.config["BASE_URL"] = "https://city.example/twinning"
    staff = make_user(role=UserRole.STAFF)
    db.session.add(NotificationPreference(user_id=staff.id, submitted_mail=SubmittedMail.DIGEST))
    proposal = make_proposal(ProposalState.SUBMITTED, title="Fest")
    step = SimpleNamespace(proposal=proposal, action=ProposalAction.SUBMIT, actor=None, comment="", at=None)
    with app.test_request_context("/", base_url="https://city.example/twinning"):
        events.staff_told(proposal, step)
        db.session.flush()
        notification = db.session.scalars(sa.select(Notification).where(Notification.user_id == staff.id)).one()
        assert notification.link == f"/review/{proposal.id}"
        assert link_target(notification) == f"/twinning/review/{proposal.id}"
    with app.test_request_context("/"):
        digest.queue_digests(now=utcnow())
        mail = mail_to(db, staff)
    assert f"https://city.example/twinning/review/{proposal.id}" in mail.text_body
    assert "/twinning/twinning/" not in mail.text_body + mail.html_body
