"""No template carries an inline script or an inline event handler: a Content-Security-Policy without
'unsafe-inline' would block them, and the page's Print and confirm buttons would silently do nothing."""

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
JS_URL = re.compile(r"""(href|src|action)\s*=\s*["']\s*javascript:""", re.IGNORECASE)


def offending_lines(pattern: re.Pattern) -> list[str]:
    found = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line):
                found.append(f"{path.relative_to(TEMPLATES)}:{number}: {line.strip()}")
    return found


def test_no_inline_event_handlers():
    assert offending_lines(HANDLER) == []


def test_no_inline_scripts_or_javascript_urls():
    assert offending_lines(INLINE_SCRIPT) == []
    assert offending_lines(JS_URL) == []


def test_the_checks_catch_what_they_look_for():
    assert HANDLER.search('<button onclick="window.print()">')
    assert not HANDLER.search('<form action="/x" data-confirm="Sure?">')
    assert INLINE_SCRIPT.search("<script>alert(1)</script>")
    assert not INLINE_SCRIPT.search('<script src="/static/js/page-actions.js" defer></script>')


def test_script_tags_stay_out_of_the_title(client, login_as, staff):
    login_as(staff)
    html = client.get("/calendar/subscribe").get_data(as_text=True)
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert "<script" not in title and "Subscribe to the calendar" in title
