"""An organisation's members page: the list, inviting a member with a one-time link, removing and leaving."""

import pytest
import sqlalchemy as sa

from clubs_exchange.auth.models import Invitation, MemberFunction, Membership, UserRole


@pytest.fixture
def choir(make_org):
    return make_org(name="Kammerchor Nord")


@pytest.fixture
def teacher(choir, make_user):
    return make_user(choir, name="Tim Teacher", function=MemberFunction.TEACHER)


def text(response) -> str:
    return response.get_data(as_text=True)


def membership_count(db, choir) -> int:
    return db.session.scalar(
        sa.select(sa.func.count()).select_from(Membership).where(Membership.organisation_id == choir.id)
    )


def test_members_page_lists_members_with_their_function(client, login_as, choir, member, teacher):
    login_as(member)
    response = client.get(f"/organisations/{choir.id}/members")
    html = text(response)
    assert response.status_code == 200
    assert "Clara Chor" in html and "Tim Teacher" in html and "Teacher" in html and "Secretary" in html
    assert "Leave Kammerchor Nord" in html and "Remove Tim Teacher" in html


def test_members_page_refuses_others_and_sends_anonymous_to_log_in(client, login_as, choir, member, outsider, staff):
    response = client.get(f"/organisations/{choir.id}/members")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    login_as(outsider)
    assert client.get(f"/organisations/{choir.id}/members").status_code == 403
    assert (
        client.post(
            f"/organisations/{choir.id}/members", data={"email": "x@example.org", "function": "member"}
        ).status_code
        == 403
    )
    login_as(staff)
    assert client.get(f"/organisations/{choir.id}/members").status_code == 200


def test_member_invites_a_member_and_sees_the_one_time_link(client, db, login_as, choir, member):
    login_as(member)
    response = client.post(
        f"/organisations/{choir.id}/members",
        data={"email": "nina@example.org", "name": "Nina", "function": "teacher"},
    )
    html = text(response)
    assert response.status_code == 200
    assert "/invitation/" in html and "shown only now" in html
    # The form is empty again, and the invitation is listed as open.
    assert 'value="nina@example.org"' not in html and "Open invitations" in html and "nina@example.org" in html
    invitation = db.session.scalar(sa.select(Invitation))
    assert invitation.organisation_id == choir.id and invitation.role == UserRole.MEMBER
    assert invitation.function == MemberFunction.TEACHER and invitation.invited_by_id == member.id


def test_the_invitation_link_lets_the_person_join(app, client, db, login_as, choir, member):
    # The link shown once to the inviter is the mailed one: from BASE_URL, never from the request's Host.
    app.config["BASE_URL"] = "https://twinning.testhausen.example"
    login_as(member)
    html = text(
        client.post(
            f"/organisations/{choir.id}/members",
            data={"email": "nina@example.org", "name": "Nina", "function": "member"},
        )
    )
    assert "http://localhost" not in html
    path = html.split("https://twinning.testhausen.example", 1)[1].split('"', 1)[0]
    client.post("/logout")
    response = client.post(path, data={"name": "Nina", "password": "long enough 1", "confirm": "long enough 1"})
    assert response.status_code == 303
    assert membership_count(db, choir) == 2


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "", "function": "member"}, "This field is required."),
        ({"email": "not-an-address", "function": "member"}, "Invalid email address."),
        ({"email": "a@example.org", "function": "president"}, "Not a valid choice."),
        (
            {"email": "a@example.org", "name": "x" * 10_000, "function": "member"},
            "At most 120 characters: this has 10000.",
        ),
        ({"email": "CLARA@example.org", "function": "member"}, "is a member of Kammerchor Nord already"),
    ],
)
def test_bad_invitations_come_back_with_422(client, db, login_as, choir, member, data, message):
    login_as(member)
    response = client.post(f"/organisations/{choir.id}/members", data=data)
    assert response.status_code == 422
    assert message in text(response)
    if data.get("email"):
        assert f'value="{data["email"]}"' in text(response)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Invitation)) == 0


def test_remove_a_member(client, db, login_as, choir, member, teacher):
    login_as(member)
    response = client.post(f"/organisations/{choir.id}/members/{teacher.memberships[0].id}/remove")
    assert response.status_code == 303 and response.headers["Location"].endswith(f"/organisations/{choir.id}/members")
    assert membership_count(db, choir) == 1
    html = text(client.get(response.headers["Location"]))
    assert "Tim Teacher is no longer a member of Kammerchor Nord." in html


def test_htmx_remove_answers_the_member_list(client, db, login_as, choir, member, teacher, staff, htmx_headers):
    login_as(staff)
    url = f"/organisations/{choir.id}/members/{teacher.memberships[0].id}/remove"
    response = client.post(url, headers=htmx_headers)
    html = text(response)
    assert response.status_code == 200 and "<html" not in html
    assert html.lstrip().startswith('<div id="member_list"')
    assert "no longer a member" in html and "Clara Chor" in html and "Remove Tim Teacher" not in html


def test_the_last_member_cannot_be_removed(client, db, login_as, choir, member, staff, htmx_headers):
    login_as(staff)
    url = f"/organisations/{choir.id}/members/{member.memberships[0].id}/remove"
    response = client.post(url, headers=htmx_headers)
    assert response.status_code == 422 and "<html" not in text(response)
    assert "last member of Kammerchor Nord" in text(response)
    response = client.post(url)
    assert response.status_code == 303
    assert "last member of Kammerchor Nord" in text(client.get(response.headers["Location"]))
    assert membership_count(db, choir) == 1


def test_a_member_may_leave_and_then_sees_the_profile(client, db, login_as, choir, member, teacher):
    login_as(teacher)
    response = client.post(f"/organisations/{choir.id}/members/{teacher.memberships[0].id}/remove")
    assert response.status_code == 303 and response.headers["Location"].endswith(f"/organisations/{choir.id}")
    assert membership_count(db, choir) == 1
    assert "You left Kammerchor Nord." in text(client.get(response.headers["Location"]))
    assert client.get(f"/organisations/{choir.id}/members").status_code == 403


def test_others_cannot_remove_and_foreign_or_unknown_memberships_are_404(
    client, db, login_as, choir, member, teacher, outsider, staff
):
    login_as(outsider)
    assert client.post(f"/organisations/{choir.id}/members/{teacher.memberships[0].id}/remove").status_code == 403
    # A membership of another organisation cannot be removed through this one.
    login_as(member)
    assert client.post(f"/organisations/{choir.id}/members/{outsider.memberships[0].id}/remove").status_code == 404
    for bad in ("99999", "abc"):
        assert client.post(f"/organisations/{choir.id}/members/{bad}/remove").status_code == 404
    assert membership_count(db, choir) == 2
