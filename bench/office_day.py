"""The "office day" scenario of `make bench`: many people at once over the key pages, one request in ten a write.

Nine in ten requests are the key pages as staff open them (review queue, calendar month and list, a proposal,
an organisation, the search suggestions; the ICS feed is left out: programs poll it, people do not wait for
it). Every tenth is a write, in turn: a club secretary saves a draft (the whole edit form, as the browser
sends it), a reviewer decides on the oldest waiting proposal (approve, request changes, reject), staff read
a notification. Each write is prepared beforehand with its own session, CSRF token and version, so that
none is refused: 303 is the answer every write should get, anything else is counted as an error.

The requests are written to a file that bench/office_day.lua reads; wrk drives them with the page cache on,
as served: every write empties it, so most reads after one render afresh.
"""

import html.parser
import itertools
import re
import subprocess
import urllib.parse
import urllib.request
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
WRITES_OF_EACH_KIND = 400  # more than a run of 10 s can use: a write is never sent twice
EVERY_NTH_IS_A_WRITE = 10
THREADS = 2  # wrk's threads: each sends its own share of the writes


class FormFields(html.parser.HTMLParser):
    """The fields a browser sends for each POST form of a page (inputs, selects, textareas): self.forms."""

    def __init__(self):
        super().__init__()
        self.forms: list[list[tuple[str, str]]] = []
        self.fields: list[tuple[str, str]] | None = None
        self._select: str | None = None
        self._textarea: str | None = None
        self._text = ""
        self._first_option: str | None = None
        self._selected = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self.fields = []
            self.forms.append(self.fields)
        if self.fields is None:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.fields.append((name, attrs.get("value") or "on"))
            elif kind not in ("submit", "button", "file"):
                self.fields.append((name, attrs.get("value") or ""))
        elif tag == "select" and name:
            self._select, self._first_option, self._selected = name, None, False
        elif tag == "option" and self._select:
            value = attrs.get("value") or ""
            if self._first_option is None:
                self._first_option = value
            if "selected" in attrs:
                self.fields.append((self._select, value))
                self._selected = True
        elif tag == "textarea" and name:
            self._textarea, self._text = name, ""

    def handle_endtag(self, tag):
        if self.fields is None:
            return
        if tag == "select" and self._select:
            if not self._selected and self._first_option is not None:
                self.fields.append((self._select, self._first_option))
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.fields.append((self._textarea, self._text.removeprefix("\n").removeprefix("\r\n")))
            self._textarea = None
        elif tag == "form":
            self.fields = None

    def handle_data(self, data):
        if self._textarea:
            self._text += data

    def form_with(self, name: str) -> list[tuple[str, str]] | None:
        return next((form for form in self.forms if any(k == name for k, _v in form)), None)


def staff_csrf_token(base: str, cookie: str) -> str:
    request = urllib.request.Request(f"{base}/review/", headers={"Cookie": cookie})
    page = urllib.request.urlopen(request).read().decode()
    return re.search(r'"X-CSRFToken": "([^"]+)"', page).group(1)


def _session_cookie(client) -> str:
    cookie = client.get_cookie("session")
    return f"session={cookie.value}"


def draft_saves(app, n: int) -> list[dict]:
    """n drafts, each saved once by a member of its organisation with the form as the edit page shows it."""
    from clubs_exchange.auth.models import Membership, User
    from clubs_exchange.extensions import db
    from clubs_exchange.proposals.models import Proposal, ProposalState

    requests = []
    with app.app_context():
        rows = db.session.execute(
            sa.select(Proposal.id, sa.func.min(Membership.user_id))
            .join(Membership, Membership.organisation_id == Proposal.organisation_id)
            .where(Proposal.state == ProposalState.DRAFT)
            .group_by(Proposal.id).order_by(Proposal.id).limit(n)
        ).all()
        for proposal_id, user_id in rows:
            user = db.session.get(User, user_id)
            client = app.test_client()
            with client.session_transaction() as session:
                session["_user_id"] = user.get_id()
                session["_fresh"] = True
            page = client.get(f"/proposals/{proposal_id}/edit")
            if page.status_code != 200:
                continue
            parser = FormFields()
            parser.feed(page.get_data(as_text=True))
            form = parser.form_with("title")
            if form is None:
                continue
            fields = [(k, v + " ·" if k == "description" else v) for k, v in form]
            requests.append({"method": "POST", "path": f"/proposals/{proposal_id}/edit",
                             "cookie": _session_cookie(client), "body": urllib.parse.urlencode(fields)})
        db.session.remove()
    return requests


def review_decisions(app, n: int, cookie: str, token: str) -> list[dict]:
    """The n proposals waiting longest, decided in turn: approved (conflicts seen), changes asked, rejected."""
    from clubs_exchange.extensions import db
    from clubs_exchange.proposals.models import Proposal, ProposalState

    with app.app_context():
        rows = db.session.execute(
            sa.select(Proposal.id, Proposal.version).where(Proposal.state == ProposalState.SUBMITTED)
            .order_by(Proposal.submitted_at, Proposal.id).limit(n)
        ).all()
        db.session.remove()
    actions = itertools.cycle([
        [("action", "approve"), ("confirm_conflicts", "y")],
        [("action", "request_changes"), ("comment", "Please add the programme of the second day.")],
        [("action", "reject"), ("comment", "The hall is taken that weekend.")],
    ])
    return [{"method": "POST", "path": f"/review/{pid}", "cookie": cookie,
             "body": urllib.parse.urlencode([("csrf_token", token), ("version", version), *next(actions)])}
            for pid, version in rows]


def notification_reads(app, n: int, cookie: str, token: str) -> list[dict]:
    """n unread notifications of the staff user, added for the run, each read once."""
    from clubs_exchange.auth.models import User
    from clubs_exchange.extensions import db
    from clubs_exchange.notifications.models import Notification, NotificationKind
    from clubs_exchange.scale import STAFF_EMAIL

    with app.app_context():
        staff_id = db.session.scalar(sa.select(User.id).where(User.email == STAFF_EMAIL))
        ids = list(db.session.scalars(sa.insert(Notification).returning(Notification.id), [
            {"user_id": staff_id, "kind": NotificationKind.PROPOSAL_SUBMITTED, "message": f"Bench {i}",
             "link": "/review/"} for i in range(n)
        ]))
        db.session.commit()
        db.session.remove()
    return [{"method": "POST", "path": f"/notifications/{nid}/read", "cookie": cookie,
             "body": urllib.parse.urlencode([("csrf_token", token)])} for nid in ids]


def write_requests(path: Path, reads: list[dict], writes: list[list[dict]]) -> None:
    """One request a line: kind, method, path, cookie, body (tab-separated; kind r = read, w = write)."""
    lines = [f"r\tGET\t{r['path']}\t{r['cookie']}\t{'1' if r.get('htmx') else ''}" for r in reads]
    # The kinds in turn: a draft, a decision, a notification, a draft ...
    for write in itertools.chain.from_iterable(itertools.zip_longest(*writes)):
        if write is not None:
            lines.append(f"w\t{write['method']}\t{write['path']}\t{write['cookie']}\t{write['body']}")
    path.write_text("\n".join(lines) + "\n")


def run(app, base: str, pages, cookie: str, connections: int, duration: str, data_dir: Path) -> dict:
    """Prepare the writes, drive the mix with wrk, and return req/s, percentiles, errors and writes done."""
    token = staff_csrf_token(base, cookie)
    writes = [
        draft_saves(app, WRITES_OF_EACH_KIND),
        review_decisions(app, WRITES_OF_EACH_KIND, cookie, token),
        notification_reads(app, WRITES_OF_EACH_KIND, cookie, token),
    ]
    reads = [{"path": p.path, "cookie": cookie, "htmx": p.htmx} for p in pages if not p.path.endswith(".ics")]
    requests_file = data_dir / "office_day.requests"
    write_requests(requests_file, reads, writes)
    command = ["wrk", "-t", str(THREADS), "-c", str(connections), "-d", duration, "--timeout", "10s",
               "-s", str(ROOT / "bench" / "office_day.lua"), base, "--", str(requests_file),
               str(EVERY_NTH_IS_A_WRITE), str(THREADS)]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    p50, p95, p99 = (int(v) / 1000 for v in re.search(r"PERCENTILES p50=(\d+) p95=(\d+) p99=(\d+)", output).groups())
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    writes_done = re.search(r"WRITES sent=(\d+) left=(\d+)", output)
    return {
        "requests_per_s": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50_ms": round(p50, 2), "p95_ms": round(p95, 2), "p99_ms": round(p99, 2),
        "errors": (int(non_2xx.group(1)) if non_2xx else 0)
        + (sum(int(g) for g in socket_errors.groups()) if socket_errors else 0),
        "writes": int(writes_done.group(1)) if writes_done else 0,
        "writes_prepared": sum(len(kind) for kind in writes),
    }
