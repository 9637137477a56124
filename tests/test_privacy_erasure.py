"""Erasure on request (GDPR Art. 17): a person asks on the account page, staff erase; afterwards the person's name
and address are nowhere: not in the database file, not in the outbox, not in the log."""

import json
import logging
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from clubs_exchange.audit.models import AuditEntry
from clubs_exchange.auth.invitations import create_invitation
from clubs_exchange.auth.models import Invitation, MemberFunction, User, UserRole
from clubs_exchange.clock import utcnow
from clubs_exchange.funding.models import EventParticipant
from clubs_exchange.hosting.models import HostHousehold, HostStatus, Placement
from clubs_exchange.mail.models import OutboxMail
from clubs_exchange.notifications.models import Notification, NotificationKind
from clubs_exchange.organisations.models import Organisation
from clubs_exchange.permissions import can_decide_erasure
from clubs_exchange.privacy.erasure import NO_PASSWORD, erase_account, scrub
from clubs_exchange.privacy.models import ErasureRequest, ErasureState
from clubs_exchange.proposals.models import ProposalAction, ProposalState, ProposalStep

NAME = "Jürgen Quellmann-Ärzt"
EMAIL = "j.quellmann@example.org"


def forms_of(term: str) -> list[bytes]:
    """The term as a database may hold it: UTF-8, lower case, and as JSON writes it (\\u escapes)."""
    escaped = json.dumps(term)[1:-1]
    return sorted({term.encode(), term.lower().encode(), escaped.encode(), escaped.lower().encode()})


def database_text(db) -> str:
    """Every row of every table as text (the same search on PostgreSQL, where there is no file to read)."""
    db.session.commit()  # nothing of the test's session unwritten, nor a transaction holding the file
    with db.engine.connect() as conn:
        return "\n".join(repr(row) for table in db.metadata.sorted_tables for row in conn.execute(sa.select(table)))


def database_file_bytes(db) -> bytes | None:
    """The SQLite file after VACUUM (deleted rows' bytes would otherwise linger in free pages), with any journal."""
    if db.engine.dialect.name != "sqlite":
        return None
    db.session.commit()  # nothing of the test's session unwritten, nor a transaction holding the file
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("VACUUM")
    path = db.engine.url.database
    data = b""
    for suffix in ("", "-wal", "-journal"):
        try:
            with open(path + suffix, "rb") as file:
                data += file.read()
        except FileNotFoundError:
            pass
    return data


def traces(text_or_bytes, *terms) -> list:
    haystack = text_or_bytes if isinstance(text_or_bytes, bytes) else text_or_bytes.encode()
    return [form for term in terms for form in forms_of(term) if form in haystack]


@pytest.fixture
def registered(client, db, make_user, make_org, make_proposal):
    """A person who registered a choir (with staff told by notification and mail), was invited into a second
    organisation under a shorter spelling, wrote a proposal that staff commented on by name, and was mailed."""
    staff = make_user(role=UserRole.STAFF, name="Stella Staff")
    answer = client.post("/register", data={
        "organisation_name": "Chor am Quell", "kind": "choir_music", "discipline": "choir", "member_count": "20",
        "description": "We sing.", "name": NAME, "email": EMAIL, "password": "a long enough pass 9",
        "confirm": "a long enough pass 9"})
    assert answer.status_code == 303
    person = db.session.scalar(sa.select(User).where(User.email == EMAIL))
    person.mark_email_verified()
    other = make_org()
    create_invitation(email=EMAIL, name="Jürgen Q.", role=UserRole.MEMBER, organisation=other,
                      function=MemberFunction.MEMBER, invited_by=staff)
    proposal = make_proposal(ProposalState.CHANGES_REQUESTED, organisation=person.memberships[0].organisation,
                             created_by_id=person.id)
    comment = f"Thank you, {NAME}: please add the venue. Write to {EMAIL}."
    db.session.add(ProposalStep(proposal_id=proposal.id, action=ProposalAction.REQUEST_CHANGES,
                                from_state=ProposalState.SUBMITTED, to_state=ProposalState.CHANGES_REQUESTED,
                                actor_id=staff.id, comment=comment))
    db.session.add(Notification(user_id=staff.id, kind=NotificationKind.CHANGES_REQUESTED, message=comment,
                                message_id="%(who)s asked", message_params={"who": NAME}, link="/"))
    db.session.commit()
    return person, staff, proposal


def test_an_erased_person_leaves_no_trace(client, login_as, db, registered, caplog):
    person, staff, proposal = registered
    assert traces(database_text(db), NAME, EMAIL)  # the search finds what is there

    login_as(person)
    page = client.get("/account").get_data(as_text=True)
    assert "Ask for the erasure of my account" in page
    answer = client.post("/account/erasure", data={"reason": f"I am {NAME} and I move away."})
    assert answer.status_code == 303
    assert "You asked for the erasure of your account" in client.get("/account").get_data(as_text=True)
    person_cookie = client.get_cookie("session").value

    caplog.set_level(logging.DEBUG)
    caplog.clear()
    login_as(staff)
    listing = client.get("/privacy/erasure-requests").get_data(as_text=True)
    assert NAME in listing and "Chor am Quell" in listing
    erasure = db.session.scalar(sa.select(ErasureRequest))
    answer = client.post(f"/privacy/erasure-requests/{erasure.id}/erase", follow_redirects=True)
    assert answer.status_code == 200
    shown = answer.get_data(as_text=True)
    assert f"Former member #{person.id}" in shown and NAME not in shown
    # What staff look at afterwards still makes sense, and names nobody.
    for url in ("/audit/", f"/proposals/{proposal.id}", "/outbox/", "/accounts/", "/notifications/"):
        page = client.get(url)
        text = page.get_data(as_text=True)
        at = text.find(NAME)
        assert page.status_code == 200 and not traces(text, NAME, EMAIL), (url, text[at - 400:at + 100])
    assert f"Former member #{person.id}" in client.get(f"/proposals/{proposal.id}").get_data(as_text=True)

    assert not traces(caplog.text, NAME, EMAIL)
    mails = db.session.scalars(sa.select(OutboxMail)).all()
    assert mails and not traces("\n".join(f"{m.recipient} {m.subject} {m.text_body} {m.html_body}" for m in mails),
                                NAME, EMAIL)
    assert not traces(database_text(db), NAME, EMAIL, "Jürgen Q.")
    file = database_file_bytes(db)
    if file is not None:
        assert b"Chor am Quell" in file  # the file is the database: the organisation stays
        assert not traces(file, NAME, EMAIL, "Jürgen Q.")

    # The account can be used no more: the old session is anonymous, the password opens nothing.
    person = db.session.get(User, person.id)
    assert (person.active, person.memberships, person.password_hash) == (False, [], NO_PASSWORD)
    client.set_cookie("session", person_cookie)
    assert client.get("/account").status_code == 302
    refused = client.post("/login", data={"email": EMAIL, "password": "a long enough pass 9"})
    assert refused.status_code == 422
    assert db.session.get(ErasureRequest, erasure.id).state == ErasureState.ERASED
    assert db.session.get(ErasureRequest, erasure.id).reason == ""
    # The proposal keeps its author, as a former member.
    assert db.session.get(type(proposal), proposal.id).created_by_id == person.id


def test_the_organisation_keeps_its_contact_fields_when_they_were_somebody_else(db, make_user, make_org):
    org = make_org(contact_name="Office of the club", email="office@club.example", phone="+49 1")
    person = make_user(org, name="Karla Kurz", email="karla@example.org")
    erase_account(person)
    db.session.commit()
    org = db.session.get(Organisation, org.id)
    assert (org.contact_name, org.email, org.phone) == ("Office of the club", "office@club.example", "+49 1")


def test_a_request_is_withdrawn_and_declined_with_a_mail(client, login_as, db, make_user, staff):
    person = make_user(name="Wanda Weg")
    login_as(person)
    client.post("/account/erasure", data={"reason": ""})
    assert client.post("/account/erasure", data={"reason": ""}).status_code == 303  # a second one: said, not stored
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ErasureRequest)) == 1
    client.post("/account/erasure/withdraw")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ErasureRequest)) == 0
    client.post("/account/erasure", data={"reason": "Please."})
    erasure = db.session.scalar(sa.select(ErasureRequest))
    login_as(staff)
    client.post(f"/privacy/erasure-requests/{erasure.id}/decline")
    assert db.session.get(ErasureRequest, erasure.id).state == ErasureState.DECLINED
    to_person = sa.select(OutboxMail).where(OutboxMail.recipient == person.email)
    subjects = [m.subject for m in db.session.scalars(to_person)]
    assert subjects == ["Your request to erase your account"] * 3
    assert db.session.get(User, person.id).active


def test_a_reason_too_long_comes_back_beside_its_field(client, login_as, db, member):
    login_as(member)
    answer = client.post("/account/erasure", data={"reason": "x" * 2001})
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    assert "At most 2000 characters" in page and "x" * 2001 in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ErasureRequest)) == 0


def test_who_decides_on_an_erasure(make_user, staff, admin, member):
    colleague = make_user(role=UserRole.STAFF)
    assert can_decide_erasure(staff, member) and can_decide_erasure(admin, member)
    assert not can_decide_erasure(staff, colleague) and can_decide_erasure(admin, colleague)
    assert not can_decide_erasure(admin, admin) and not can_decide_erasure(member, member)


def test_staff_cannot_erase_a_colleague_nor_an_administrator(client, login_as, db, make_user, staff, admin):
    colleague = make_user(role=UserRole.STAFF)
    erasure = ErasureRequest(user_id=colleague.id)
    db.session.add(erasure)
    db.session.commit()
    login_as(staff)
    assert client.post(f"/privacy/erasure-requests/{erasure.id}/erase").status_code == 403
    assert "A colleague decides" in client.get("/privacy/erasure-requests").get_data(as_text=True)
    login_as(admin)
    assert client.post(f"/privacy/erasure-requests/{erasure.id}/erase").status_code == 303
    assert db.session.get(User, colleague.id).is_erased


def test_an_erased_account_is_not_switched_on_again(client, login_as, db, admin, member):
    erase_account(member)
    db.session.commit()
    login_as(admin)
    answer = client.post(f"/accounts/{member.id}", data={"name": "Back", "role": "member", "active": "y"})
    assert answer.status_code == 422 and "cannot log in again" in answer.get_data(as_text=True)
    assert not db.session.get(User, member.id).active


def test_scrub_replaces_whole_words_only(db, make_user):
    for label in ("User Five", "User Fiver", "user five · Club"):
        db.session.add(AuditEntry(actor_name="system", object_type="x", object_id=1, object_label=label,
                                  action="changed", changes={"name": [label, "Other"]}))
    db.session.commit()
    assert scrub(["User Five"], "Former member #5") == 2
    labels = sorted(e.object_label for e in db.session.scalars(sa.select(AuditEntry)))
    assert labels == ["Former member #5", "Former member #5 · Club", "User Fiver"]


def test_invitations_to_the_address_go_and_others_stay(db, make_user, staff):
    person = make_user(name="Ines Ort", email="ines@example.org")
    create_invitation(email="ines@example.org", name="Ines", role=UserRole.STAFF, organisation=None,
                      function=MemberFunction.MEMBER, invited_by=staff)
    create_invitation(email="other@example.org", name="Otto", role=UserRole.STAFF, organisation=None,
                      function=MemberFunction.MEMBER, invited_by=person)
    db.session.commit()
    erase_account(person)
    db.session.commit()
    assert [i.email for i in db.session.scalars(sa.select(Invitation))] == ["other@example.org"]


# --- households and participants -----------------------------------------------------------------------


def test_a_household_with_past_stays_stays_as_erased_and_gives_up_future_ones(
        client, login_as, db, staff, make_host, make_guest, make_proposal):
    household = make_host(contact_name="Familie Sonnenschein", address="Wiesenweg 7, Testhausen",
                          email="sonne@example.org", phone="+49 30 777")
    past = make_proposal(ProposalState.APPROVED, direction="incoming",
                         starts_at=datetime(2025, 5, 1, 10, tzinfo=UTC), ends_at=datetime(2025, 5, 3, 10, tzinfo=UTC))
    coming = make_proposal(ProposalState.APPROVED, direction="incoming",
                           starts_at=utcnow() + timedelta(days=30),
                           ends_at=utcnow() + timedelta(days=32))
    for event in (past, coming):
        guest = make_guest(proposal_id=event.id)
        db.session.add(Placement(guest_id=guest.id, household_id=household.id, proposal_id=event.id))
    db.session.commit()
    login_as(staff)
    exported = client.get(f"/hosting/hosts/{household.id}/export.json")
    assert exported.json["about"] == "host_household" and exported.json["address"] == "Wiesenweg 7, Testhausen"
    assert exported.json["consents"][0]["wording"]
    assert "attachment" in exported.headers["Content-Disposition"]

    assert client.post(f"/hosting/hosts/{household.id}/erase").status_code == 303
    kept = db.session.get(HostHousehold, household.id)
    assert kept.status == HostStatus.ERASED and kept.contact_name == f"Erased household #{household.id}"
    assert [p.proposal_id for p in db.session.scalars(sa.select(Placement))] == [past.id]
    assert not traces(database_text(db), "Familie Sonnenschein", "Wiesenweg 7", "sonne@example.org", "+49 30 777")
    assert "Familie Sonnenschein" not in client.get("/hosting/hosts/").get_data(as_text=True)


def test_a_household_without_stays_is_deleted(client, login_as, db, staff, make_host):
    household_id = make_host(contact_name="Familie Mond").id
    login_as(staff)
    client.get(f"/hosting/hosts/{household_id}")  # a view in the log
    assert client.post(f"/hosting/hosts/{household_id}/erase").headers["Location"].endswith("/hosting/hosts/")
    assert db.session.get(HostHousehold, household_id) is None
    assert not traces(database_text(db), "Familie Mond")


def test_a_participant_is_exported_and_erased_by_staff(client, login_as, db, staff, make_proposal):
    event = make_proposal(ProposalState.APPROVED)
    participant = EventParticipant(proposal_id=event.id, name="Paula Pünktlich", residence="Lyon", birth_year=2009)
    db.session.add(participant)
    db.session.commit()
    login_as(staff)
    exported = client.get(f"/privacy/participants/{participant.id}/data.json").json
    assert (exported["about"], exported["name"], exported["birth_year"]) == ("participant", "Paula Pünktlich", 2009)
    answer = client.post(f"/privacy/participants/{participant.id}/erase", data={"next": f"/proposals/{event.id}"})
    assert answer.headers["Location"].endswith(f"/proposals/{event.id}")
    kept = db.session.get(EventParticipant, participant.id)
    assert (kept.name, kept.residence, kept.birth_year) == (f"Erased participant #{participant.id}", "", 2009)
    assert not traces(database_text(db), "Paula Pünktlich")


def test_the_list_of_requests_takes_a_fixed_number_of_queries(client, login_as, db, staff, make_user, make_org,
                                                              page_cache_off):
    from clubs_exchange.auth.models import Membership
    from tests.helpers import counted_statements

    def add_request():
        person = make_user(make_org())
        db.session.add_all([Membership(user_id=person.id, organisation_id=make_org().id),
                            ErasureRequest(user_id=person.id)])
        db.session.commit()

    def queries() -> int:
        with counted_statements(db.engine) as statements:
            assert client.get("/privacy/erasure-requests").status_code == 200
        return len(statements)

    login_as(staff)
    add_request()
    first = queries()
    for _ in range(4):
        add_request()
    assert queries() == first


def dangling(db) -> list[str]:
    """Every foreign key whose value names no row: SQLite runs without foreign keys, so ON DELETE rules never
    fire there; the code must leave what PostgreSQL would."""
    db.session.commit()
    found = []
    with db.engine.connect() as conn:
        for table in db.metadata.sorted_tables:
            for fk in table.foreign_key_constraints:
                (column,), (target,) = fk.columns, [e.column for e in fk.elements]
                orphans = conn.scalar(sa.select(sa.func.count()).select_from(table).where(
                    column.is_not(None), ~sa.exists().where(target == column)))
                if orphans:
                    found.append(f"{table.name}.{column.name}: {orphans}")
    return found


def test_feedback_the_person_sent_keeps_the_barrier_and_loses_who_sent_it(client, login_as, db, registered):
    person, staff, proposal = registered
    sent = client.post("/accessibility/feedback", data={
        "page_url": "/calendar", "name": NAME, "email": EMAIL.upper(),
        "description": f"As {NAME} I cannot read the grey dates; write to {EMAIL}."})
    assert sent.status_code == 303
    other = client.post("/accessibility/feedback", data={
        "page_url": "/", "name": "Someone Else", "email": "else@example.org",
        "description": f"My neighbour {NAME} cannot read the calendar."})
    assert other.status_code == 303
    erase_account(db.session.get(User, person.id), decided_by=staff)
    db.session.commit()
    from clubs_exchange.statements.models import AccessibilityFeedback

    theirs, others = db.session.scalars(sa.select(AccessibilityFeedback).order_by(AccessibilityFeedback.id)).all()
    former = f"Former member #{person.id}"
    assert (theirs.name, theirs.email, theirs.page_url) == ("", "", "/calendar")
    assert theirs.description == f"As {former} I cannot read the grey dates; write to {former}."
    assert (others.name, others.email) == ("Someone Else", "else@example.org")
    assert others.description == f"My neighbour {former} cannot read the calendar."
    assert not traces(database_text(db), NAME, EMAIL)
    login_as(staff)
    client.get("/accessibility/feedback/received")   # shows the flashes still waiting from the registration
    received = client.get("/accessibility/feedback/received").get_data(as_text=True)
    assert "grey dates" in received and not traces(received, NAME, EMAIL)


def test_an_erased_guest_leaves_no_participant_pointing_at_it(client, login_as, db, staff, make_guest, make_proposal):
    event = make_proposal(ProposalState.APPROVED, direction="incoming")
    guest = make_guest(proposal_id=event.id)
    participant = EventParticipant(proposal_id=event.id, name=guest.name, birth_year=2009, guest_id=guest.id)
    db.session.add(participant)
    db.session.commit()
    login_as(staff)
    assert client.post(f"/hosting/guests/{guest.id}/erase").status_code == 303
    assert db.session.get(EventParticipant, participant.id).guest_id is None   # as ON DELETE SET NULL leaves it
    assert dangling(db) == []


def test_the_guest_purge_and_the_household_erasure_leave_no_dangling_key(client, login_as, db, staff, make_guest,
                                                                        make_host, make_proposal):
    from clubs_exchange.hosting.retention import purge_guest_data

    past = make_proposal(ProposalState.APPROVED, direction="incoming",
                         starts_at=datetime(2024, 5, 1, 10, tzinfo=UTC), ends_at=datetime(2024, 5, 3, 10, tzinfo=UTC))
    guest = make_guest(proposal_id=past.id)
    db.session.add(EventParticipant(proposal_id=past.id, name=guest.name, birth_year=2009, guest_id=guest.id))
    household = make_host(contact_name="Familie Stern")
    login_as(staff)
    client.get(f"/hosting/hosts/{household.id}")   # a view in the log names the household
    db.session.commit()
    purge_guest_data(utcnow(), 6)
    db.session.commit()
    assert client.post(f"/hosting/hosts/{household.id}/erase").status_code == 303
    assert db.session.scalar(sa.select(EventParticipant.guest_id)) is None
    assert dangling(db) == []
