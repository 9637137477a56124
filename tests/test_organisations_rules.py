"""The organisations area's rules, without HTTP: search, what a profile shows to whom, saving, members."""

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from clubs_exchange.auth.models import Invitation, MemberFunction, Membership, UserRole
from clubs_exchange.organisations.directory import organisation_search
from clubs_exchange.organisations.members import MembershipError, invite_member, memberships_of, remove_member
from clubs_exchange.organisations.models import OrganisationKind, OrganisationStatus
from clubs_exchange.organisations.profile import ProfileError, load_profile, update_profile, verify
from clubs_exchange.proposals.models import ProposalState

NOW = datetime(2031, 6, 1, 12, 0, tzinfo=UTC)


def names(db, query) -> list[str]:
    return [o.name for o in db.session.scalars(query)]


# --- search ---------------------------------------------------------------------------------------------


def test_search_finds_name_or_discipline_in_any_case(db, make_org):
    make_org(name="Kammerchor Nord", kind=OrganisationKind.CHOIR_MUSIC, discipline="chamber choir")
    make_org(name="FC Süd", discipline="football")
    make_org(name="Gymnasium am Markt", kind=OrganisationKind.SCHOOL, discipline="secondary school")
    assert names(db, organisation_search("KAMMER")) == ["Kammerchor Nord"]
    assert names(db, organisation_search("choir")) == ["Kammerchor Nord"]
    assert names(db, organisation_search("foot")) == ["FC Süd"]
    assert names(db, organisation_search("")) == ["FC Süd", "Gymnasium am Markt", "Kammerchor Nord"]


def test_search_takes_wildcards_literally(db, make_org):
    make_org(name="100% Sport")
    make_org(name="1000 Stimmen", discipline="choir")
    assert names(db, organisation_search("100%")) == ["100% Sport"]
    assert names(db, organisation_search("_")) == []


def test_search_filters_by_kind_and_status(db, make_org):
    make_org(name="A choir", kind=OrganisationKind.CHOIR_MUSIC)
    make_org(name="B choir", kind=OrganisationKind.CHOIR_MUSIC, status=OrganisationStatus.PENDING)
    make_org(name="C club")
    assert names(db, organisation_search(kind=OrganisationKind.CHOIR_MUSIC)) == ["A choir", "B choir"]
    assert names(db, organisation_search(status=OrganisationStatus.PENDING)) == ["B choir"]
    assert names(db, organisation_search("choir", kind=OrganisationKind.SPORTS_CLUB)) == []


# --- the profile -----------------------------------------------------------------------------------------


@pytest.fixture
def busy_org(make_org, make_partner, make_interest, make_proposal):
    org = make_org(name="Kammerchor Nord")
    partner = make_partner(name="Tours")
    make_interest(organisation=org, activity="joint concert", partner_city=partner)
    make_interest(organisation=org, activity="old idea", is_open=False)
    make_interest(activity="someone else's")
    for state in (
        ProposalState.DRAFT,
        ProposalState.SUBMITTED,
        ProposalState.APPROVED,
        ProposalState.CANCELLED,
    ):
        make_proposal(
            state,
            organisation=org,
            partner_city=partner,
            title=f"Ours {state.value}",
            starts_at=NOW + timedelta(days=30),
        )
    make_proposal(
        ProposalState.APPROVED,
        organisation=org,
        partner_city=partner,
        title="Last year's concert",
        starts_at=NOW - timedelta(days=300),
    )
    other = make_org(name="FC Süd")
    guest = make_proposal(
        ProposalState.APPROVED,
        organisation=other,
        partner_city=partner,
        title="Co-organised",
        starts_at=NOW + timedelta(days=10),
    )
    guest.co_organisers.append(org)
    make_proposal(ProposalState.APPROVED, organisation=other, partner_city=partner, title="Not ours")
    return org


def test_profile_shows_members_every_proposal_and_others_only_calendar_ones(db, busy_org):
    db.session.commit()
    full = load_profile(busy_org, sees_everything=True, now=NOW)
    public = load_profile(busy_org, sees_everything=False, now=NOW)
    assert {p.title for p in full.proposals} == {
        "Ours draft",
        "Ours submitted",
        "Ours approved",
        "Ours cancelled",
        "Last year's concert",
    }
    assert {p.title for p in public.proposals} == {"Ours approved", "Ours cancelled", "Last year's concert"}


def test_profile_shows_open_interests_of_its_own_only(db, busy_org):
    assert [i.activity for i in load_profile(busy_org, sees_everything=True, now=NOW).interests] == ["joint concert"]


def test_profile_events_are_approved_ones_it_organises_or_co_organises_upcoming_first(db, busy_org):
    db.session.commit()
    profile = load_profile(busy_org, sees_everything=False, now=NOW)
    assert [e.title for e in profile.upcoming_events] == ["Co-organised", "Ours approved"]
    assert [e.title for e in profile.past_events] == ["Last year's concert"]


# --- saving the profile ----------------------------------------------------------------------------------


def test_update_profile_saves_age_groups_in_choice_order(db, make_org):
    org = make_org()
    update_profile(
        org,
        name="  Kammerchor Nord ",
        kind=OrganisationKind.CHOIR_MUSIC,
        age_groups=["seniors", "youth"],
        languages="German, French",
        email="Info@Chor.example ",
        member_count=40,
    )
    db.session.commit()
    assert org.name == "Kammerchor Nord"
    assert org.age_groups == "youth,seniors"
    assert [g.value for g in org.age_group_list] == ["youth", "seniors"]
    assert org.email == "info@chor.example" and org.member_count == 40


def test_update_profile_refuses_another_organisations_name_in_any_case(db, make_org):
    make_org(name="FC Süd")
    org = make_org(name="Kammerchor Nord")
    with pytest.raises(ProfileError) as caught:
        update_profile(org, name="fc süd", kind=OrganisationKind.SPORTS_CLUB)
    assert caught.value.field == "name" and "registered already" in caught.value.message
    # Its own name, in another case, is fine.
    update_profile(org, name="KAMMERCHOR NORD", kind=OrganisationKind.CHOIR_MUSIC)
    assert org.name == "KAMMERCHOR NORD"


def test_verify_records_who_and_when_once(db, make_org, make_user):
    org = make_org(status=OrganisationStatus.PENDING)
    staff = make_user(role=UserRole.STAFF)
    assert verify(org, by=staff) is True
    assert org.is_verified and org.verified_by_id == staff.id and org.verified_at is not None
    first = org.verified_at
    assert verify(org, by=staff) is False
    assert org.verified_at == first


# --- members ---------------------------------------------------------------------------------------------


def test_invite_member_creates_a_member_invitation_for_the_organisation(db, make_org, make_user):
    org = make_org()
    secretary = make_user(org)
    invitation, token = invite_member(
        org, email=" Nina@Example.org", name="Nina", function=MemberFunction.TEACHER, invited_by=secretary
    )
    db.session.commit()
    stored = db.session.scalar(sa.select(Invitation))
    assert stored.email == "nina@example.org" and stored.organisation_id == org.id
    assert stored.role == UserRole.MEMBER and stored.function == MemberFunction.TEACHER
    assert token and stored.token_hash != token


def test_invite_member_refuses_a_present_member(db, make_org, make_user):
    org = make_org(name="FC Süd")
    secretary = make_user(org, email="sec@example.org")
    with pytest.raises(MembershipError) as caught:
        invite_member(org, email="SEC@example.org", invited_by=secretary)
    assert caught.value.field == "email" and "member of FC Süd already" in caught.value.message


def test_remove_member_keeps_the_last_one(db, make_org, make_user):
    org = make_org()
    first, second = make_user(org, name="Anna"), make_user(org, name="Bert")
    remove_member(org, second.memberships[0])
    db.session.commit()
    assert [m.user.name for m in memberships_of(org)] == ["Anna"]
    with pytest.raises(MembershipError, match="last member"):
        remove_member(org, first.memberships[0])
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Membership)) == 1


def test_remove_member_refuses_a_membership_of_another_organisation(db, make_org, make_user):
    org, other = make_org(), make_org()
    make_user(org)
    stranger = make_user(other)
    make_user(other)
    with pytest.raises(MembershipError, match="not a member"):
        remove_member(org, stranger.memberships[0])
