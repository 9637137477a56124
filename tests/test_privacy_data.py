"""One's own data (GDPR Art. 15 and 20): the account page's download holds what the app stores about the person
and what they did, and nothing that lets its reader in."""

import sqlalchemy as sa

from clubs_exchange.auth.password_reset import request_password_reset
from clubs_exchange.extensions import db as _db
from clubs_exchange.interests.models import ExchangeInterest, InterestKind
from clubs_exchange.mail.models import OutboxMail
from clubs_exchange.notifications.models import Notification, NotificationKind
from clubs_exchange.privacy.personal_data import account_data
from clubs_exchange.proposals.models import ProposalAction, ProposalState, ProposalStep
from tests.helpers import counted_statements


def test_the_account_page_offers_the_download(client, login_as, secretary):
    login_as(secretary)
    page = client.get("/account").get_data(as_text=True)
    assert 'href="/account/data.json"' in page and "Download your data" in page


def test_the_download_holds_the_persons_data_and_no_secret(client, login_as, db, secretary, choir, make_proposal):
    proposal = make_proposal(ProposalState.SUBMITTED, organisation=choir, created_by_id=secretary.id,
                             title="Konzert in Lyon")
    db.session.add(ProposalStep(proposal_id=proposal.id, action=ProposalAction.SUBMIT, from_state=ProposalState.DRAFT,
                                to_state=ProposalState.SUBMITTED, actor_id=secretary.id))
    db.session.add(Notification(user_id=secretary.id, kind=NotificationKind.APPROVED, message="Approved: Lyon",
                                link="/"))
    db.session.commit()
    login_as(secretary)
    # An interest written through the form: the audit trail says who wrote it.
    client.post("/interests/new", data={"organisation_id": choir.id, "kind": "host_group", "activity": "choir",
                                        "group_size": "10", "age_group": "adults"})
    request_password_reset(secretary.email)  # a mail with a secret link
    db.session.commit()
    secret = db.session.scalars(sa.select(OutboxMail)).one().secret_values[0]

    answer = client.get("/account/data.json")
    assert answer.status_code == 200 and answer.mimetype == "application/json"
    assert "attachment" in answer.headers["Content-Disposition"] and "no-store" in answer.headers["Cache-Control"]
    data = answer.json
    assert data["about"] == "account" and data["account"]["email"] == secretary.email
    assert [m["organisation"]["name"] for m in data["memberships"]] == [choir.name]
    assert [p["title"] for p in data["proposals_written"]] == ["Konzert in Lyon"]
    assert [s["action"] for s in data["proposal_steps"]] == ["submit"]
    assert [i["activity"] for i in data["interests_written"]] == ["choir"]
    assert [n["message"] for n in data["notifications"]] == ["Approved: Lyon"]
    assert len(data["mails_to_you"]) == 1
    about = {e["object"] for e in data["audit_entries_about_you"]}
    assert {f"user:{secretary.id}", f"membership:{secretary.memberships[0].id}"} <= about
    assert any(e["object"].startswith("exchange_interest:") for e in data["audit_entries_by_you"])
    assert "consents_and_choices" in data
    text = answer.get_data(as_text=True)
    user = db.session.get(type(secretary), secretary.id)
    for hidden in (secret, user.password_hash, user.calendar_token):
        assert hidden not in text
    assert "password_hash" not in text and "calendar_token" not in text and "session_generation" not in text


def test_the_download_is_the_own_account_only(client, login_as, secretary, outsider):
    login_as(outsider)
    assert client.get("/account/data.json").json["account"]["email"] == outsider.email


def test_account_data_takes_a_fixed_number_of_queries(app, db, secretary, choir, make_proposal):
    def count() -> int:
        _db.session.expire_all()
        with counted_statements(_db.engine) as statements:
            account_data(db.session.get(type(secretary), secretary.id))
        return len(statements)

    make_proposal(organisation=choir, created_by_id=secretary.id)
    first = count()
    for n in range(5):
        make_proposal(organisation=choir, created_by_id=secretary.id)
        db.session.add(ExchangeInterest(organisation_id=choir.id, kind=InterestKind.HOST_GROUP, activity=f"x{n}"))
        db.session.add(Notification(user_id=secretary.id, kind=NotificationKind.APPROVED, message="A", link="/"))
    db.session.commit()
    assert count() == first
