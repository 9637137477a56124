"""Under the Content-Security-Policy every main page of every role works with no violation reported."""

import pytest
import sqlalchemy as sa

from clubs_exchange.demo import DEMO_PASSWORD

# A document listener installed before any script of the page: every blocked script, style, frame or form action.
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(e.violatedDirective + " " + e.blockedURI + " " + (e.sourceFile || "") + ":" + e.lineNumber);
});
"""
# What the office opens beyond the navigation: the areas of personal data and the forms.
OFFICE_PAGES = ["/review/", "/outbox/", "/accounts/", "/audit/", "/hosting/hosts/", "/hosting/log", "/awards/",
                "/candidates/", "/account", "/proposals/new"]
ROLES = {"anonymous": None, "member": "choir@example.org", "staff": "staff@example.org", "admin": "admin@example.org"}


def _sample_pages(db) -> list[str]:
    from clubs_exchange.proposals.models import Direction, Proposal, ProposalState

    proposal = db.session.scalars(sa.select(Proposal).order_by(Proposal.id)).first()
    approved = Proposal.state == ProposalState.APPROVED
    incoming = sa.select(Proposal).where(approved, Proposal.direction == Direction.INCOMING)
    event = db.session.scalars(incoming.order_by(Proposal.id)).first()
    return [f"/proposals/{proposal.id}", f"/calendar/event/{event.id}", f"/hosting/events/{event.id}",
            "/hosting/", "/calendar/subscribe"]


def _navigation(page) -> list[str]:
    return page.eval_on_selector_all(
        ".site-header nav a[href], #main a[href^='/']", "links => links.map(a => a.getAttribute('href'))")


@pytest.mark.parametrize("role", ROLES)
def test_no_page_breaks_the_policy(role, demo, db, page, live_server, screenshot):
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto(f"{live_server}/login")
    if ROLES[role]:
        page.get_by_label("E-mail").fill(ROLES[role])
        page.get_by_label("Password").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(f"{live_server}/")
    else:
        page.goto(f"{live_server}/")
    office = OFFICE_PAGES if role in ("staff", "admin") else []
    urls = list(dict.fromkeys(["/", *_navigation(page), *_sample_pages(db), *office]))
    violations, htmx_loaded = {}, []
    for url in urls:
        response = page.goto(f"{live_server}{url}")
        assert "default-src 'self'" in response.headers["content-security-policy"], url
        page.wait_for_load_state("load")
        if found := page.evaluate("window.__csp"):
            violations[url] = found
        htmx_loaded.append(page.evaluate("typeof htmx !== 'undefined'"))
    assert all(htmx_loaded), "htmx did not load under the policy"
    screenshot(f"csp-{role}")
    assert violations == {}, violations
    assert len(urls) >= 5


def test_htmx_works_under_the_policy(demo, page, live_server):
    """A boosted link and an htmx swap still run (htmx injects no style of its own: includeIndicatorStyles)."""
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto(f"{live_server}/login")
    page.get_by_label("E-mail").fill("staff@example.org")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server}/")
    page.goto(f"{live_server}/organisations/")
    page.get_by_label("Name").first.fill("Chor")
    page.wait_for_timeout(800)
    assert page.evaluate("window.__csp") == []
    assert page.evaluate("document.querySelectorAll('style').length") == 0
    # The listener does hear a violation: an inline style added now is blocked and recorded.
    blocked = page.evaluate("""new Promise(resolve => {
        document.addEventListener("securitypolicyviolation", e => resolve(e.violatedDirective), {once: true});
        document.head.insertAdjacentHTML("beforeend", "<style>body { color: red }</style>");
    })""")
    assert blocked.startswith("style-src")
    assert page.evaluate("window.__csp.length") == 1
