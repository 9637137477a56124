"""What every route answers each role: one line per endpoint (tests/test_permission_matrix.py checks it against
app.url_map, tests/test_bad_input.py and tests/test_csrf.py take their URLs from it). A new route needs its line.

Roles: anonymous, a member of organisation A (which owns the objects), a member of organisation B, city staff,
an administrator. Expected answers: OK (any answer that is neither a refusal nor a login redirect; 422 counts as
OK for POSTs without a full form), LOGIN (redirect to the login page), 403, 404.

`method` and `expect` are the route's main answer; a route that answers GET and POST gives the POST answers in
`post` (and the form it sends in `post_data`), so both methods are covered.
"""

from dataclasses import dataclass

OK, LOGIN = "ok", "login"
ROLES = ("anonymous", "member_a", "member_b", "staff", "admin")


@dataclass(frozen=True)
class Row:
    method: str
    url: str  # formatted with the world's ids
    expect: tuple  # one answer per role, in ROLES order
    data: tuple = ()
    post: tuple | None = None  # for a GET row whose route takes POST too: one answer per role
    post_data: tuple = ()


def everyone(answer=OK):
    return (answer,) * 5


LOGGED_IN = (LOGIN, OK, OK, OK, OK)
OWNERS = (LOGIN, OK, 403, OK, OK)  # members of A and staff manage A
OWNERS_ONLY = (LOGIN, OK, 404, 403, 403)  # a draft: others do not see it, staff do not edit it
STAFF = (LOGIN, 403, 403, OK, OK)
ADMIN = (LOGIN, 403, 403, 403, OK)
ORGANISERS = (LOGIN, OK, 404, OK, OK)  # hosting data: the event's organisers and staff; others see nothing
PLACERS = (LOGIN, 403, 404, OK, OK)  # placing guests: staff; the organisers see, others see nothing

MATRIX: dict[str, Row] = {
    "main.index": Row("GET", "/", everyone()),
    # For the load balancer: no login, no session.
    "ops.healthz": Row("GET", "/healthz", everyone()),
    "ops.readyz": Row("GET", "/readyz", everyone()),
    # The language switcher: everyone may choose (a cookie; for a logged-in person the account's choice too).
    "main.set_language": Row("POST", "/language", everyone(), data=(("language", "de"), ("next", "/"))),
    "auth.login": Row("GET", "/login", everyone(), post=everyone()),
    "auth.logout": Row("POST", "/logout", everyone(LOGIN)),
    "auth.register": Row("GET", "/register", everyone(), post=everyone()),
    "auth.accept_invite": Row("GET", "/invitation/not-a-token", everyone(404), post=everyone(404)),
    "auth.account": Row("GET", "/account", LOGGED_IN, post=LOGGED_IN),
    "auth.log_out_elsewhere": Row("POST", "/account/log-out-elsewhere", LOGGED_IN),
    "auth.forgot_password": Row("GET", "/forgot-password", everyone(), post=everyone()),
    "auth.reset_password": Row("GET", "/reset-password/not-a-token", everyone(404), post=everyone(404)),
    "auth.verify_email": Row("GET", "/verify-email/not-a-token", everyone(404), post=everyone(404)),
    "auth.resend_verification": Row("GET", "/verify-email", everyone(), post=everyone()),
    "mail.outbox": Row("GET", "/outbox/", STAFF),
    "notifications.index": Row("GET", "/notifications/", LOGGED_IN),
    "notifications.badge": Row("GET", "/notifications/badge", LOGGED_IN),
    # Member A's own notification: everyone else gets 404, staff and administrators too.
    "notifications.read": Row("POST", "/notifications/{notification_a}/read", (LOGIN, OK, 404, 404, 404)),
    "notifications.open": Row("GET", "/notifications/{notification_a}/open", (LOGIN, OK, 404, 404, 404)),
    "notifications.read_all": Row("POST", "/notifications/read-all", LOGGED_IN),
    "notifications.preferences": Row("GET", "/notifications/preferences", STAFF, post=STAFF),
    "accounts.users": Row("GET", "/accounts/", STAFF),
    "accounts.invite": Row("GET", "/accounts/invite", STAFF, post=STAFF),
    "accounts.edit_user": Row("GET", "/accounts/{member_a_id}", ADMIN, post=ADMIN),
    "organisations.index": Row("GET", "/organisations/", LOGGED_IN),
    "organisations.suggest": Row("GET", "/organisations/suggest?q=a", LOGGED_IN),
    "organisations.show": Row("GET", "/organisations/{org_a}", LOGGED_IN),
    "organisations.edit": Row("GET", "/organisations/{org_a}/edit", OWNERS, post=OWNERS),
    "organisations.members": Row("GET", "/organisations/{org_a}/members", OWNERS, post=OWNERS),
    "organisations.remove_member": Row(
        "POST", "/organisations/{org_a}/members/{second_membership_a}/remove", OWNERS
    ),
    "organisations.change_function": Row(
        "POST", "/organisations/{org_a}/members/{second_membership_a}/function", OWNERS, data=(("function", "teacher"),)
    ),
    "organisations.verify": Row("POST", "/organisations/{org_a}/verify", STAFF),
    "partners.index": Row("GET", "/partners/", LOGGED_IN),
    "partners.show": Row("GET", "/partners/{partner}", LOGGED_IN),
    "partners.new": Row("GET", "/partners/new", STAFF, post=STAFF),
    "partners.edit": Row("GET", "/partners/{partner}/edit", STAFF, post=STAFF),
    "partners.new_contact": Row("GET", "/partners/{partner}/contacts/new", STAFF, post=STAFF),
    "partners.remove_contact": Row("POST", "/partners/{partner}/contacts/{contact}/remove", STAFF),
    "partners.upload_image": Row("GET", "/partners/{partner}/image/upload", STAFF, post=STAFF),
    "partners.upload_city_image": Row("GET", "/partners/city-image/upload", STAFF, post=STAFF),
    "partners.city_image_file": Row("GET", "/partners/city-image", (LOGIN, 404, 404, 404, 404)),  # none uploaded
    "partners.image": Row("GET", "/partners/{partner}/image", (LOGIN, 404, 404, 404, 404)),  # no picture yet
    "partners.new_milestone": Row("GET", "/partners/{partner}/milestones/new", STAFF, post=STAFF),
    "partners.certificate": Row("GET", "/partners/{partner}/certificate", LOGGED_IN),
    "partners.agreement": Row("GET", "/partners/{partner}/agreement", STAFF),
    "partners.agreement_template": Row("GET", "/partners/agreement-template", STAFF, post=STAFF),
    # Funding schemes (issue 13): the office keeps them.
    "funding.schemes": Row("GET", "/funding/schemes", STAFF),
    "funding.new": Row("GET", "/funding/schemes/new", STAFF, post=STAFF),
    "funding.show": Row("GET", "/funding/schemes/{funding_scheme}", STAFF),
    "funding.edit": Row("GET", "/funding/schemes/{funding_scheme}/edit", STAFF, post=STAFF),
    # The budget (issue 13 part 5): a scheme's year is found by scheme and year, entered or changed at one address.
    "funding.budgets": Row("GET", "/funding/budgets?year=2031", STAFF),
    "funding.budgets_csv": Row("GET", "/funding/budgets.csv?year=2031", STAFF),
    "funding.budget_applications": Row("GET", "/funding/budgets/{funding_scheme}/2031", STAFF),
    "funding.budget_applications_csv": Row("GET", "/funding/budgets/{funding_scheme}/2031/applications.csv", STAFF),
    "funding.edit_budget": Row("GET", "/funding/budgets/{funding_scheme}/2031/edit", STAFF, post=STAFF,
                               post_data=(("amount", "5000,00"), ("notes", "Council decision"))),
    # The EU check of a partnership (part 6): the partnership page fetches it for staff.
    "funding.eu_check_page": Row("GET", "/funding/partners/{partner}/eu-check", STAFF),

    # An event's funding (issue 13 part 3): its organisers and staff; the funder's decision and the payment are
    # recorded by staff; to others the event's money does not exist.
    "funding.event": Row("GET", "/funding/proposals/{event_a}", ORGANISERS),
    "funding.plan": Row("POST", "/funding/proposals/{event_a}/plan", ORGANISERS),
    "funding.replan": Row("POST", "/funding/applications/{funding_application}/plan", ORGANISERS),
    "funding.apply": Row("POST", "/funding/applications/{funding_application}/apply", ORGANISERS),
    "funding.withdraw": Row("POST", "/funding/applications/{funding_application}/withdraw", ORGANISERS),
    "funding.report": Row("POST", "/funding/applications/{funding_application}/report", ORGANISERS),
    "funding.grant": Row("POST", "/funding/applications/{funding_application}/grant", PLACERS),
    "funding.refuse": Row("POST", "/funding/applications/{funding_application}/refuse", PLACERS),
    "funding.pay": Row("POST", "/funding/applications/{funding_application}/pay", PLACERS),

    # An event's participant lists (personal data): its organisers and staff; others see nothing.
    "funding.participants": Row("GET", "/funding/proposals/{event_a}/participants", ORGANISERS),
    "funding.participant_new": Row("GET", "/funding/proposals/{event_a}/participants/new", ORGANISERS,
                                   post=ORGANISERS, post_data=(("name", "Ana Pop"), ("delegation", "home"))),
    "funding.participant_edit": Row("GET", "/funding/proposals/{event_a}/participants/{participant_a}/edit",
                                    ORGANISERS, post=ORGANISERS),
    "funding.participant_remove": Row("POST", "/funding/proposals/{event_a}/participants/{participant_a}/remove",
                                      ORGANISERS),
    "funding.participant_import": Row("GET", "/funding/proposals/{event_a}/participants/import", ORGANISERS,
                                      post=ORGANISERS),
    "funding.participant_sample": Row("GET", "/funding/participant-list-sample.csv", LOGGED_IN),
    "funding.participant_guests": Row("GET", "/funding/proposals/{event_a}/participants/guests", ORGANISERS,
                                      post=ORGANISERS),
    "funding.participant_signatures": Row("GET", "/funding/proposals/{event_a}/participants/signatures", ORGANISERS),
    "funding.participant_attendance": Row("GET", "/funding/proposals/{event_a}/participants/attendance", ORGANISERS,
                                          post=ORGANISERS),
    "candidates.index": Row("GET", "/candidates/", STAFF),
    "candidates.new": Row("GET", "/candidates/new", STAFF, post=STAFF),
    "candidates.show": Row("GET", "/candidates/{candidate}", STAFF),
    "candidates.edit": Row("GET", "/candidates/{candidate}/edit", STAFF, post=STAFF),
    "candidates.new_tie": Row("POST", "/candidates/{candidate}/ties", STAFF),
    "candidates.remove_tie": Row("POST", "/candidates/{candidate}/ties/{tie}/remove", STAFF),
    "candidates.promote_to_partner": Row("POST", "/candidates/{candidate}/promote", STAFF),
    "candidates.import_csv": Row("GET", "/candidates/import", STAFF, post=STAFF),
    "interests.index": Row("GET", "/interests/", LOGGED_IN),
    "interests.new": Row("GET", "/interests/new", LOGGED_IN, post=LOGGED_IN),
    "interests.show": Row("GET", "/interests/{interest_a}", LOGGED_IN),
    "interests.edit": Row("GET", "/interests/{interest_a}/edit", OWNERS, post=OWNERS),
    "interests.toggle": Row("POST", "/interests/{interest_a}/toggle", OWNERS),
    "proposals.index": Row("GET", "/proposals/", LOGGED_IN),
    "proposals.new": Row("GET", "/proposals/new", (LOGIN, OK, OK, 403, 403), post=(LOGIN, OK, OK, 403, 403)),
    "proposals.show": Row("GET", "/proposals/{draft_a}", (LOGIN, OK, 404, OK, OK)),
    "proposals.edit": Row("GET", "/proposals/{draft_a}/edit", OWNERS_ONLY, post=OWNERS_ONLY),
    "proposals.validate": Row("POST", "/proposals/validate", (LOGIN, OK, OK, 403, 403)),
    "proposals.step": Row("POST", "/proposals/{draft_a}/step", (LOGIN, OK, 404, OK, OK), (("action", "submit"),)),
    "review.queue": Row("GET", "/review/", STAFF),
    "review.badge": Row("GET", "/review/badge", STAFF),
    "review.decide": Row("GET", "/review/{submitted_a}", STAFF, post=STAFF),
    "review.cancel": Row("GET", "/review/{event_a}/cancel", STAFF, post=STAFF),
    "calendar.month": Row("GET", "/calendar/", LOGGED_IN),
    "calendar.list": Row("GET", "/calendar/list", LOGGED_IN),
    "calendar.event": Row("GET", "/calendar/event/{event_a}", LOGGED_IN),
    "calendar.event_ics": Row("GET", "/calendar/event/{event_a}.ics", LOGGED_IN),
    "calendar.subscribe": Row("GET", "/calendar/subscribe", LOGGED_IN),
    "calendar.regenerate_token": Row("POST", "/calendar/subscribe/token", LOGGED_IN),
    "calendar.feed": Row("GET", "/calendar/feed/{token}.ics", (404, OK, OK, OK, OK)),
    "calendar.partner_feed": Row("GET", "/calendar/feed/{token}/partner/{partner}.ics", (404, OK, OK, OK, OK)),
    "awards.index": Row("GET", "/awards/", STAFF),
    "awards.new_application": Row("GET", "/awards/applications/new", STAFF, post=STAFF),
    "awards.show": Row("GET", "/awards/applications/{award_draft}", STAFF),
    "awards.edit": Row("GET", "/awards/applications/{award_draft}/edit", STAFF, post=STAFF),
    "awards.step": Row("POST", "/awards/applications/{award_draft}/step", STAFF, (("step", "reopen"),)),
    "awards.application_csv": Row("GET", "/awards/applications/{award_draft}/report.csv", STAFF),
    "awards.report": Row("GET", "/awards/report", STAFF),
    "awards.report_download": Row("GET", "/awards/report.csv", STAFF),
    "awards.tag": Row("POST", "/awards/events/{event_a}/criterion", STAFF, (("criterion", "twinning"),)),
    "awards.memberships": Row("GET", "/awards/memberships", STAFF, post=STAFF),
    "awards.delete_membership": Row("POST", "/awards/memberships/999999/delete", (LOGIN, 403, 403, 404, 404)),
    "audit.index": Row("GET", "/audit/", STAFF),
    "exports.proposals": Row("GET", "/exports/proposals.csv", LOGGED_IN),
    "exports.review": Row("GET", "/exports/review.csv", STAFF),
    "exports.calendar": Row("GET", "/exports/calendar.csv", LOGGED_IN),
    # The public calendar (issue 16): everyone, without login; only staff put an event into it.
    "public.month": Row("GET", "/public/calendar", everyone()),
    "public.event_list": Row("GET", "/public/calendar/list", everyone()),
    "public.embed": Row("GET", "/public/embed", everyone()),
    "public.feed": Row("GET", "/public/calendar.ics", everyone()),
    "public.visibility": Row("POST", "/public/events/{event_a}/visibility", STAFF, (("public", "1"),)),
    "exports.organisations": Row("GET", "/exports/organisations.csv", LOGGED_IN),
    "exports.interests": Row("GET", "/exports/interests.csv", LOGGED_IN),
    "exports.audit": Row("GET", "/exports/audit.csv", STAFF),
    "exports.accounts": Row("GET", "/exports/accounts.csv", STAFF),
    # Hosting: guests and hosts are the organisers' and staff's business; others do not see they exist.
    "hosting.events": Row("GET", "/hosting/", LOGGED_IN),
    "hosting.event": Row("GET", "/hosting/events/{event_a}", ORGANISERS),
    "hosting.new_guest": Row("GET", "/hosting/events/{event_a}/guests/new", ORGANISERS, post=ORGANISERS),
    "hosting.edit_guest": Row("GET", "/hosting/guests/{guest_a}/edit", ORGANISERS, post=ORGANISERS),
    "hosting.import_guests": Row("GET", "/hosting/events/{event_a}/import", ORGANISERS, post=ORGANISERS),
    "hosting.sample": Row("GET", "/hosting/guest-list-sample.csv", LOGGED_IN),
    "hosting.propose": Row("POST", "/hosting/events/{event_a}/propose", PLACERS),
    "hosting.move": Row("POST", "/hosting/events/{event_a}/move", PLACERS, (("guest_id", "{guest_a}"),)),
    "hosting.swap": Row("POST", "/hosting/events/{event_a}/swap", PLACERS, (("guest_id", "{guest_a}"),)),
    "hosting.change_guest": Row("GET", "/hosting/events/{event_a}/guests/{guest_a}/change", PLACERS),
    "hosting.rooming": Row("GET", "/hosting/events/{event_a}/rooming", ORGANISERS),
    "hosting.export_csv": Row("GET", "/hosting/events/{event_a}/placements.csv", ORGANISERS),
    # The organisers see the guest, the export and erasure on request are staff's; to others it does not exist.
    "hosting.export_guest": Row("GET", "/hosting/guests/{guest_a}/export.json", PLACERS),
    "hosting.erase": Row("POST", "/hosting/guests/{guest_a}/erase", PLACERS),
    "hosting.hosts": Row("GET", "/hosting/hosts/", LOGGED_IN),
    "hosting.new_host": Row("GET", "/hosting/hosts/new", LOGGED_IN, post=LOGGED_IN),
    "hosting.host": Row("GET", "/hosting/hosts/{host_a}", ORGANISERS),
    # The proposing organisation sees its household, staff keep the register; to others it does not exist.
    "hosting.edit_host": Row("GET", "/hosting/hosts/{host_a}/edit", PLACERS, post=PLACERS),
    "hosting.confirm_host": Row("POST", "/hosting/hosts/{host_a}/confirm", PLACERS),
    "hosting.view_log": Row("GET", "/hosting/log", STAFF),
    # A household's data and its erasure on request are staff's; to other organisations it does not exist.
    "hosting.export_host": Row("GET", "/hosting/hosts/{host_a}/export.json", PLACERS),
    "hosting.erase_host": Row("POST", "/hosting/hosts/{host_a}/erase", PLACERS),
    # One's own data and one's own erasure request: every logged-in person (issue 16).
    "privacy.my_data": Row("GET", "/account/data.json", LOGGED_IN),
    "privacy.ask_for_erasure": Row("POST", "/account/erasure", LOGGED_IN, (("reason", "Moving away."),)),
    "privacy.withdraw_erasure": Row("POST", "/account/erasure/withdraw", LOGGED_IN),
    # Erasure requests: staff decide on members' accounts (permissions.can_decide_erasure).
    "privacy.erasure_requests": Row("GET", "/privacy/erasure-requests", STAFF),
    "privacy.erase_account": Row("POST", "/privacy/erasure-requests/{erasure_request}/erase", STAFF),
    "privacy.decline_erasure": Row("POST", "/privacy/erasure-requests/{erasure_request}/decline", STAFF),
    # A participant's data (the lists are the funding area's pages): staff, on request.
    "privacy.participant_data": Row("GET", "/privacy/participants/{participant_a}/data.json", STAFF),
    "privacy.erase_participant_route": Row("POST", "/privacy/participants/{participant_a}/erase", STAFF),

    # The statements (issue 16): for everyone, logged in or not; the feedback they bring in is staff's.
    "statements.privacy": Row("GET", "/privacy", everyone()),
    "statements.accessibility": Row("GET", "/accessibility", everyone()),
    "statements.feedback": Row("GET", "/accessibility/feedback", everyone(), post=everyone(),
                               post_data=(("page_url", "/calendar/"), ("description", "Too little contrast."))),
    "statements.feedback_received": Row("GET", "/accessibility/feedback/received", STAFF),
    "statements.feedback_handled": Row("POST", "/accessibility/feedback/{feedback}/handled", STAFF),
    # Translations (issue 12): a proposal's by its organisers and staff (others see the event, not this page);
    # a partner city's by staff.
    "localised.proposal_translations": Row(
        "GET", "/proposals/{event_a}/translations", (LOGIN, OK, 403, OK, OK), post=(LOGIN, OK, 403, OK, OK),
        post_data=(("field", "title"), ("language", "de"), ("text", "Sommerkonzert")),
    ),
    "localised.partner_translations": Row(
        "GET", "/partners/{partner}/translations", STAFF, post=STAFF,
        post_data=(("field", "description"), ("language", "fr"), ("text", "Une ville au bord du fleuve.")),
    ),
}

