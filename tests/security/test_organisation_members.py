"""Inside an organisation: only its secretary (or city staff) invites, removes or changes functions; the last
secretary stays."""

import sqlalchemy as sa

from clubs_exchange.auth.models import Invitation, MemberFunction, Membership


def invitations(db):
    return db.session.scalars(sa.select(Invitation)).all()


def membership(db, user, organisation):
    return db.session.scalar(sa.select(Membership).filter_by(user_id=user.id, organisation_id=organisation.id))


def members_url(organisation):
    return f"/organisations/{organisation.id}/members"


def remove_url(organisation, m):
    return f"/organisations/{organisation.id}/members/{m.id}/remove"


def function_url(organisation, m):
    return f"/organisations/{organisation.id}/members/{m.id}/function"


INVITE = {"email": "nina@example.org", "name": "Nina", "function": "secretary"}


def test_a_plain_member_cannot_invite(client, login_as, db, choir, secretary, make_user):
    for function in (MemberFunction.MEMBER, MemberFunction.TEACHER):
        login_as(make_user(choir, function=function))
        assert client.post(members_url(choir), data=INVITE).status_code == 403
    assert invitations(db) == []


def test_a_plain_member_cannot_remove_the_secretary(client, login_as, db, choir, secretary, make_user):
    login_as(make_user(choir, function=MemberFunction.MEMBER))
    assert client.post(remove_url(choir, secretary.memberships[0])).status_code == 403
    assert membership(db, secretary, choir) is not None
    login_as(secretary)
    assert client.get(members_url(choir)).status_code == 200


def test_a_plain_member_cannot_change_functions(client, login_as, db, choir, secretary, make_user):
    plain = make_user(choir, function=MemberFunction.MEMBER)
    login_as(plain)
    mine = membership(db, plain, choir)
    assert client.post(function_url(choir, mine), data={"function": "secretary"}).status_code == 403
    assert client.post(function_url(choir, secretary.memberships[0]), data={"function": "member"}).status_code == 403
    assert membership(db, plain, choir).function == MemberFunction.MEMBER
    assert membership(db, secretary, choir).function == MemberFunction.SECRETARY


def test_a_plain_member_sees_the_list_and_may_leave_but_has_no_controls_for_others(
        client, login_as, db, choir, secretary, make_user):
    plain = make_user(choir, function=MemberFunction.MEMBER, name="Paul Plain")
    login_as(plain)
    html = client.get(members_url(choir)).get_data(as_text=True)
    assert secretary.name in html
    assert "Create invitation link" not in html
    assert f"Remove {secretary.name}" not in html
    assert "Change function" not in html
    assert "Leave Chor am Markt" in html
    assert client.post(remove_url(choir, membership(db, plain, choir))).status_code == 303
    assert membership(db, plain, choir) is None


def test_the_secretary_invites_removes_and_changes_functions(client, login_as, db, choir, secretary, make_user):
    plain = make_user(choir, function=MemberFunction.MEMBER, name="Paul Plain")
    login_as(secretary)
    html = client.get(members_url(choir)).get_data(as_text=True)
    assert "Create invitation link" in html and "Remove Paul Plain" in html and "Change function" in html
    assert client.post(members_url(choir), data=INVITE).status_code == 200
    assert [i.function for i in invitations(db)] == [MemberFunction.SECRETARY]
    response = client.post(function_url(choir, membership(db, plain, choir)), data={"function": "teacher"})
    assert response.status_code == 303
    assert membership(db, plain, choir).function == MemberFunction.TEACHER
    assert client.post(remove_url(choir, membership(db, plain, choir))).status_code == 303
    assert membership(db, plain, choir) is None


def test_the_last_secretary_cannot_be_removed_nor_leave_nor_lose_the_function(
        client, login_as, db, choir, secretary, staff, make_user):
    make_user(choir, function=MemberFunction.MEMBER)
    mine = secretary.memberships[0]
    for user in (staff, secretary):
        login_as(user)
        response = client.post(remove_url(choir, mine), follow_redirects=True)
        assert "last secretary" in response.get_data(as_text=True)
        response = client.post(function_url(choir, mine), data={"function": "member"})
        assert response.status_code == 422
        assert "last secretary" in response.get_data(as_text=True)
        response = client.post(remove_url(choir, mine), headers={"HX-Request": "true"})
        assert response.status_code == 422 and "last secretary" in response.get_data(as_text=True)
    assert membership(db, secretary, choir).function == MemberFunction.SECRETARY


def test_with_a_second_secretary_the_first_may_step_down(client, login_as, db, choir, secretary, make_user):
    make_user(choir, function=MemberFunction.SECRETARY)
    login_as(secretary)
    response = client.post(function_url(choir, secretary.memberships[0]), data={"function": "member"})
    assert response.status_code == 303
    assert membership(db, secretary, choir).function == MemberFunction.MEMBER
    # No longer the secretary: the controls are gone with the function.
    assert client.post(members_url(choir), data=INVITE).status_code == 403


def test_city_staff_manage_any_organisations_members(client, login_as, db, choir, secretary, staff, make_user):
    plain = make_user(choir, function=MemberFunction.MEMBER)
    login_as(staff)
    assert client.post(members_url(choir), data=INVITE).status_code == 200
    response = client.post(function_url(choir, membership(db, plain, choir)), data={"function": "secretary"})
    assert response.status_code == 303
    assert client.post(remove_url(choir, secretary.memberships[0])).status_code == 303
    assert membership(db, secretary, choir) is None
