"""The public calendar in a real browser: an anonymous visitor reads the month and the list, and the city's website
(another origin) shows the embed in a frame only when its origin is in PUBLIC_EMBED_ORIGINS."""

import threading
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect
from werkzeug.serving import make_server
from werkzeug.wrappers import Response

from clubs_exchange import clock


@pytest.fixture
def events(approved, make_partner, make_org):
    """Public events this month and next, and one approved event that is not public."""
    today = clock.today()
    start = datetime.combine(today, datetime.min.time(), tzinfo=clock.city_tz()) + timedelta(days=1, hours=18)
    annecy, lyon = make_partner(name="Annecy"), make_partner(name="Lyon")
    choir = make_org(name="Kammerchor St. Marien")
    approved(title="Concert with Annecy", partner_city=annecy, organisation=choir, venue="Stadthalle", public=True,
             starts_at=start.astimezone(UTC))
    approved(title="Football with Lyon", partner_city=lyon, venue="Sportpark", public=True,
             starts_at=(start + timedelta(days=2)).astimezone(UTC))
    approved(title="Council visit (not public)", partner_city=lyon,
             starts_at=(start + timedelta(days=3)).astimezone(UTC))


@pytest.fixture
def website():
    """The city's website: another server on another port, reached as http://localhost:<port> (the app is on
    127.0.0.1): a page that frames the app's embed, at /?src=<embed address>."""

    def site(environ, start_response):
        from urllib.parse import parse_qs

        src = parse_qs(environ.get("QUERY_STRING", "")).get("src", [""])[0]
        html = (f'<!doctype html><html lang="en"><head><title>City website</title></head><body>'
                f'<h1>Our city</h1><iframe src="{src}" title="Partnership calendar" width="900" height="600">'
                f"</iframe></body></html>")
        return Response(html, mimetype="text/html")(environ, start_response)

    server = make_server("127.0.0.1", 0, site, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_port
    server.shutdown()
    thread.join(timeout=5)


def test_an_anonymous_visitor_reads_the_month_and_the_list(page, live_server, events, axe_violations, screenshot):
    page.goto(f"{live_server}/public/calendar")
    grid = page.locator("table.month-grid")
    expect(grid).to_contain_text("Concert with Annecy")
    expect(grid).not_to_contain_text("Council visit")
    assert axe_violations() == []
    screenshot("public-month")
    page.get_by_label("Partner city").select_option(label="Lyon")
    page.get_by_role("button", name="Show").click()
    expect(grid).to_contain_text("Football with Lyon")
    expect(grid).not_to_contain_text("Concert with Annecy")
    page.get_by_role("link", name="Show as a list").click()
    expect(page.locator("main")).to_contain_text("Sportpark")
    assert axe_violations() == []
    page.get_by_role("link", name="List", exact=True).click()
    expect(page.locator("main")).to_contain_text("Stadthalle")
    screenshot("public-list")
    page.get_by_role("link", name="Deutsch").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Veranstaltungen mit unseren Partnerstädten")
    assert axe_violations() == []


def test_the_embed_shows_in_a_frame_of_a_listed_origin_and_is_refused_elsewhere(app, page, live_server, events,
                                                                                 website, screenshot):
    listed = f"http://localhost:{website}"
    app.config["PUBLIC_EMBED_ORIGINS"] = [listed]
    embed = f"{live_server}/public/embed"
    refusals = []
    page.on("console", lambda message: refusals.append(message.text) if "frame-ancestors" in message.text else None)

    page.goto(f"{listed}/?src={embed}")
    frame = page.frame_locator("iframe")
    expect(frame.get_by_role("heading", level=1)).to_have_text("Events with our partner cities")
    expect(frame.locator("table")).to_contain_text("Concert with Annecy")
    expect(frame.locator("table")).not_to_contain_text("Council visit")
    screenshot("public-embed-in-website")
    assert not refusals

    # The same page from an origin the setting does not list (127.0.0.1 instead of localhost): the browser refuses.
    page.goto(f"http://127.0.0.1:{website}/?src={embed}")
    page.wait_for_load_state("load")
    expect(page.get_by_role("heading", name="Our city")).to_be_visible()
    page.wait_for_timeout(300)
    assert any("frame-ancestors" in text for text in refusals), refusals
    (child,) = page.main_frame.child_frames
    assert "Concert with Annecy" not in child.content()
