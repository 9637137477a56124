"""The main pages in German, Romanian and French on a desk screen (1280 px) and a phone (390 px), on the demo data.

German runs about a third longer than English (issue 12, part 8): each page is saved as a screenshot under
test-artifacts/ to be looked at, and two checks stand guard for what a look found: on the phone nothing is
wider than the screen (no sideways scrolling: a long compound word in a button, a table header or the navigation
pushes the page wider), and in German axe finds no WCAG 2.1 A or AA violation.

Each page is opened as the demo login that works with it: anonymous, a club's secretary, city staff.
"""

import re

import pytest
import sqlalchemy as sa

from clubs_exchange.demo import DEMO_PASSWORD
from tests.browser.conftest import ARTIFACTS
from tests.catalogues import compiled, translated

# The look of a page (its width on a phone, axe, the language) does not depend on the database: the PostgreSQL pass
# of .ci/run leaves it out; test_crawl.py walks these pages (every link, every demo login) on PostgreSQL too.
pytestmark = [pytest.mark.browser, pytest.mark.db_independent]

DESK = (1280, 800)
PHONE = (390, 844)
LOCALES = {"de": "de-DE", "ro": "ro-RO", "fr": "fr-FR"}

# Elements wider than the screen, for the failure message: what sticks out, and by how much.
WIDER_THAN_THE_SCREEN = """() => {
  const width = window.innerWidth;
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    // A box wider than the screen, or a word sticking out of its box (the text overflows, the box does not).
    const right = Math.max(box.right, box.left + el.scrollWidth);
    if (box.width === 0 || right <= width + 1 || el.closest('.visually-hidden, .skip-link')) continue;
    let parent = el.parentElement, scrolled = false;
    for (; parent; parent = parent.parentElement) {
      if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(parent).overflowX)) { scrolled = true; break; }
    }
    if (scrolled) continue;
    const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
      (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
    out.push(`${name} ends at ${Math.round(right)} px: ${(el.innerText || el.value || '').trim().slice(0, 60)}`);
  }
  return out.slice(0, 8);
}"""


@pytest.fixture
def pages(db):
    """The demo data, and the paths of the main pages for each demo login that sees them."""
    from clubs_exchange.demo import seed_demo_data
    from clubs_exchange.hosting.models import Guest
    from clubs_exchange.organisations.models import Organisation
    from clubs_exchange.partners.models import PartnerCity
    from clubs_exchange.proposals.models import Proposal, ProposalState

    assert seed_demo_data()
    choir = db.session.scalar(sa.select(Organisation.id).where(Organisation.name == "Kammerchor St. Marien"))
    proposal = db.session.scalar(
        sa.select(Proposal.id).where(Proposal.organisation_id == choir).order_by(Proposal.starts_at.desc()))
    event = db.session.scalar(sa.select(Proposal.id).where(Proposal.state == ProposalState.APPROVED)
                              .order_by(sa.func.length(Proposal.description).desc()))
    hosted = db.session.scalar(sa.select(Guest.proposal_id).group_by(Guest.proposal_id)
                               .order_by(sa.func.count().desc()))
    partner = db.session.scalar(sa.select(PartnerCity.id).where(PartnerCity.name == "Annecy"))
    return {
        None: {
            "start": "/",
            "login": "/login",
            "register": "/register",
        },
        "choir@example.org": {
            "start-member": "/",
            "calendar-month": "/calendar/",
            "calendar-list": "/calendar/list",
            "event": f"/calendar/event/{event}",
            "proposal": f"/proposals/{proposal}",
            "proposal-form": "/proposals/new",
            "organisation": f"/organisations/{choir}",
            "account": "/account",
        },
        "staff@example.org": {
            "start-staff": "/",
            "review-queue": "/review/",
            "partners": "/partners/",
            "partner": f"/partners/{partner}",
            "hosting-event": f"/hosting/events/{hosted}",
            "awards": "/awards/",
            "outbox": "/outbox/",
        },
    }


def log_in(page, live_server, email):
    """The login form by its fields' names: its labels are in the page's language."""
    page.goto(f"{live_server}/login")
    page.locator("main input[name=email]").fill(email)
    page.locator("main input[name=password]").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{live_server}/")


def look_at(language, pages, page_in, live_server, check_axe):
    """Every page at both widths: a screenshot each; what is wider than the phone's screen, and axe's findings."""
    assert compiled(language), f"the {language} catalogue is not compiled: make compile-translations"
    ARTIFACTS.mkdir(exist_ok=True)
    nav = translated(language, "Partner cities")
    too_wide, violations = {}, {}
    for login, paths in pages.items():
        page = page_in(LOCALES[language], *DESK)
        if login:
            log_in(page, live_server, login)
        for name, path in paths.items():
            for width, height in (DESK, PHONE):
                page.set_viewport_size({"width": width, "height": height})
                response = page.goto(f"{live_server}{path}")
                assert response.status == 200, (path, response.status)
                assert page.locator("html").get_attribute("lang") == language, path
                assert nav in page.locator("header").inner_text(), (path, "the navigation is not translated")
                page.screenshot(path=str(ARTIFACTS / f"look-{language}-{width}-{name}.png"), full_page=True)
                if width == PHONE[0]:
                    scroll_width = page.evaluate("document.documentElement.scrollWidth")
                    if scroll_width > width:
                        too_wide[f"{name} ({path}): {scroll_width} px"] = page.evaluate(WIDER_THAN_THE_SCREEN)
                if check_axe is not None and (found := check_axe(page)):
                    violations[f"{name} at {width} px"] = found
    return too_wide, violations


@pytest.mark.parametrize("language", ["de", "ro", "fr"])
def test_the_main_pages_fit_a_phone_in_each_language(language, pages, page_in, live_server, axe_violations):
    too_wide, violations = look_at(language, pages, page_in, live_server,
                                   axe_violations if language == "de" else None)
    assert not too_wide, f"wider than a 390 px phone in {language}:\n" + "\n".join(
        f"{where}\n    " + "\n    ".join(elements) for where, elements in too_wide.items())
    assert not violations, f"axe in {language}: {violations}"


def test_the_guard_sees_a_page_wider_than_the_phone(pages, page_in, live_server):
    """The width check can fail: a box wider than the screen makes the page scroll sideways, and is named."""
    page = page_in("de-DE", *PHONE)
    page.goto(f"{live_server}/login")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE[0]
    page.evaluate("() => { const box = document.createElement('p'); box.className = 'too-wide';"
                  " box.textContent = 'Anmeldung'; box.style.width = '600px';"
                  " document.querySelector('main').append(box); }")
    assert page.evaluate("document.documentElement.scrollWidth") > PHONE[0]
    assert any(re.match(r"p\.too-wide ends at 6\d\d px: Anmeldung", line)
               for line in page.evaluate(WIDER_THAN_THE_SCREEN))
