"""The soak's load generator: an office day played by simulated people, each with a session of their own.

asyncio with httpx: one process drives 64 connections with little CPU (the 2 cores are the app's), every person
is a coroutine with its own cookie jar, logs in through the login form, reads each form's CSRF token and version
from the page as a browser would, and posts the form. Every write is logged with its outcome (ok, conflict,
refused, unknown) and the unique token it carried, for bench/soak_reconcile.py.
"""

import asyncio
import random
import re
import time
from collections import defaultdict
from datetime import timedelta

import httpx

from bench.office_day import FormFields
from clubs_exchange.clock import today

DEMO_PASSWORD = "twinning-demo"
MEMBERS = ["football@example.org", "choir@example.org", "teacher@example.org"]
STAFF = "staff@example.org"
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
VERSION = re.compile(r'name="version"[^>]*value="(\d+)"')
STEP_ACTION = re.compile(r'<input type="hidden" name="action" value="(\w+)">')
PROPOSAL_URL = re.compile(r"/proposals/(\d+)$")
NOTIFICATION_READ = re.compile(r'action="(/notifications/\d+/read)"')
FEED = re.compile(r'value="https?://[^/"]+(/calendar/feed/[^"]+\.ics)"')


class Fields(FormFields):
    """FormFields that also keeps each select's options (to choose a real one instead of a placeholder)."""

    def __init__(self):
        super().__init__()
        self.options: dict[str, list[str]] = defaultdict(list)

    def handle_starttag(self, tag, attrs):
        if tag == "option" and self._select:
            value = dict(attrs).get("value") or ""
            if value:
                self.options[self._select].append(value)
        super().handle_starttag(tag, attrs)


def parse_form(page: str, field: str) -> tuple[dict, dict]:
    parser = Fields()
    parser.feed(page)
    form = parser.form_with(field) or []
    values = {}
    for key, value in form:
        values.setdefault(key, value)
    return values, parser.options


class Stats:
    def __init__(self):
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)
        self.unavailable: dict[str, int] = defaultdict(int)  # 503 pages ("try again"), connection lost
        self.error_samples: list[str] = []

    def error(self, label: str, what: str) -> None:
        self.errors[label] += 1
        if len(self.error_samples) < 20:
            self.error_samples.append(f"{label}: {what}")


class Day:
    """What the simulated people share: the base address, the log, the statistics, the proposals they know of."""

    def __init__(self, base: str, run: str, *, faults: bool, hosts: list[str] | None = None):
        self.base, self.run, self.faults = base, run, faults
        # Without nginx: the hosts themselves, taken in turn by every person (request by request).
        self.hosts = hosts or [base]
        self.log: list[dict] = []
        self.stats = Stats()
        self.proposals: dict[int, dict] = {}  # id -> {owner, state}: what people heard of (a hint, not the truth)
        self.stop_at = 0.0
        self.seq = 0
        # (start, end, what may fail meanwhile): "database" (503 pages, writes unknown), "host" (502 for a POST that
        # was on its way to the killed host: nginx does not send it again). Outside them, every failure is an error.
        self.windows: list[list] = []

    def excused(self, what: str) -> bool:
        now = time.monotonic()
        return any(kind == what and start <= now <= (end or now) for start, end, kind in self.windows)

    def token(self, person: str) -> str:
        self.seq += 1
        return f"soak:{self.run}-{person}-{self.seq}"


ALLOWED = {200, 204, 302, 303, 304, 409, 422}


class Person:
    def __init__(self, day: Day, name: str, email: str):
        self.day, self.name, self.email = day, name, email
        self.http = httpx.AsyncClient(base_url=day.base, timeout=30, follow_redirects=False,
                                      limits=httpx.Limits(max_connections=1))
        self.rng = random.Random(name)
        self.turn = 0

    async def send(self, label: str, method: str, path: str, *, expect=(), **kwargs) -> httpx.Response | None:
        """One request, timed and counted; None when the connection failed (logged as unavailable or error)."""
        started = time.monotonic()
        stats = self.day.stats
        self.turn += 1
        url = path if path.startswith("http") else self.day.hosts[self.turn % len(self.day.hosts)] + path
        try:
            response = await self.http.request(method, url, **kwargs)
        except httpx.HTTPError as error:
            stats.latencies[label].append(time.monotonic() - started)
            if self.day.excused("database") or self.day.excused("host"):
                stats.unavailable[label] += 1
            else:
                stats.error(label, f"{type(error).__name__} {error}")
            return None
        stats.latencies[label].append(time.monotonic() - started)
        status = response.status_code
        if status == 503:
            if "Traceback" in response.text or "Retry-After" not in response.headers:
                stats.error(label, "503 without the try-again page")
            elif self.day.excused("database"):
                stats.unavailable[label] += 1
            else:
                stats.error(label, "503 outside the database's outage")
        elif status == 502 and method == "POST" and self.day.excused("host"):
            stats.unavailable[label] += 1
        elif status not in ALLOWED and status not in expect:
            stats.error(label, f"{status} {method} {path}")
        return response

    async def get_page(self, label: str, path: str, *, expect=()) -> str | None:
        response = await self.send(label, "GET", path, expect=expect)
        if response is None or response.status_code != 200:
            return None
        return response.text

    def record(self, kind: str, token: str, outcome: str, status, sent_at: float, **extra) -> None:
        self.day.log.append({"client": self.name, "kind": kind, "token": token, "outcome": outcome,
                             "status": status, "sent_at": sent_at, "at": time.monotonic(), **extra})

    async def login(self) -> bool:
        while time.monotonic() < self.day.stop_at:
            page = await self.get_page("login (GET)", "/login")
            if page:
                token = CSRF.search(page).group(1)
                response = await self.send("login (POST)", "POST", "/login", data={
                    "csrf_token": token, "email": self.email, "password": DEMO_PASSWORD})
                if response is not None and response.status_code == 303:
                    return True
            await asyncio.sleep(1)
        return False

    async def outcome_of_redirect(self, response: httpx.Response | None, label: str) -> tuple[str, object]:
        """ok / refused / conflict / unknown, from the answer to a form post (a 303 is followed to read its flash)."""
        if response is None:
            return "unknown", "connection"
        status = response.status_code
        if status == 409:
            return "conflict", status
        if status == 422:
            return "refused", status
        if status in (502, 503, 504):
            return "unknown", status
        if status != 303:
            return "refused", status
        page = await self.get_page(label + " (after)", response.headers["location"])
        if page is None:
            return "unknown", "303, then no page"
        if "flash-error" in page:
            return "refused", "303 error"
        return "ok", 303

    async def pause(self, low=0.1, high=0.6):
        await asyncio.sleep(self.rng.uniform(low, high))

    async def close(self):
        await self.http.aclose()


class Member(Person):
    """A club secretary: drafts, edits, submits, withdraws proposals; registers interests; reads notifications."""

    def mine(self, *states) -> list[int]:
        return [pid for pid, p in self.day.proposals.items()
                if p["owner"] == self.email and (not states or p["state"] in states)]

    async def act(self):
        choice = self.rng.choices(
            [self.create, self.edit, self.step, self.interest, self.notifications, self.read],
            weights=[12, 25, 20, 4, 10, 29])[0]
        await choice()

    async def create(self):
        page = await self.get_page("proposal form (GET)", "/proposals/new")
        if not page:
            return
        fields, options = parse_form(page, "title")
        token = self.day.token(self.name)
        start = today() + timedelta(days=self.rng.randint(20, 120))
        fields.update({
            "title": f"Soak {token}", "starts_at": f"{start.isoformat()}T10:00",
            "ends_at": f"{(start + timedelta(days=self.rng.randint(0, 2))).isoformat()}T18:00",
            "venue": "Stadthalle", "participants_ours": "12", "participants_guests": "10",
            "guests_needing_host": "0", "budget": "800", "description": f"Planned by the soak. {token}",
        })
        for name in ("kind", "partner_city_id", "organisation_id", "direction"):
            if not fields.get(name) and options.get(name):
                fields[name] = self.rng.choice(options[name])
        sent = time.monotonic()
        response = await self.send("proposal create (POST)", "POST", "/proposals/new", data=fields)
        outcome, status = "unknown", "connection"
        proposal_id = None
        if response is not None:
            status = response.status_code
            if status == 303 and (m := PROPOSAL_URL.search(response.headers["location"])):
                outcome, proposal_id = "ok", int(m.group(1))
                self.day.proposals[proposal_id] = {"owner": self.email, "state": "draft"}
            elif status in (502, 503, 504):
                outcome = "unknown"
            else:
                outcome = "refused"
                if status == 422:
                    self.day.stats.error("proposal create (POST)", "422: the soak's form was refused")
        self.record("create", token, outcome, status, sent, proposal_id=proposal_id, title=f"Soak {token}")

    async def edit(self):
        editable = self.mine("draft", "changes_requested")
        if not editable:
            return await self.create()
        pid = self.rng.choice(editable)
        # 403: somebody else of the club submitted it meanwhile (only drafts and proposals sent back are edited).
        page = await self.get_page("proposal edit (GET)", f"/proposals/{pid}/edit", expect=(403,))
        if not page:
            self.day.proposals[pid]["state"] = "submitted"
            return
        fields, _options = parse_form(page, "title")
        token = self.day.token(self.name)
        fields["description"] = f"Changed by the soak. {token}"
        await self.pause(0.2, 1.5)  # the time it takes to type: others may change it meanwhile
        sent = time.monotonic()
        response = await self.send("proposal edit (POST)", "POST", f"/proposals/{pid}/edit", data=fields,
                                   expect=(403,))
        outcome, status = await self.outcome_of_redirect(response, "proposal edit")
        self.record("edit", token, outcome, status, sent, proposal_id=pid, version=int(fields.get("version", -1)))

    async def step(self):
        ids = self.mine("draft", "changes_requested", "submitted")
        if not ids:
            return await self.create()
        pid = self.rng.choice(ids)
        page = await self.get_page("proposal page", f"/proposals/{pid}")
        if not page:
            return
        actions = STEP_ACTION.findall(page)
        if not actions:
            self.day.proposals[pid]["state"] = "closed"
            return
        forward = [a for a in actions if a != "withdraw"]
        action = self.rng.choice(forward) if forward and self.rng.random() < 0.85 else self.rng.choice(actions)
        csrf, version = CSRF.search(page).group(1), VERSION.search(page).group(1)
        token = self.day.token(self.name)
        sent = time.monotonic()
        response = await self.send(f"proposal {action} (POST)", "POST", f"/proposals/{pid}/step", data={
            "csrf_token": csrf, "action": action, "version": version, "comment": f"Step of the soak {token}"})
        outcome, status = await self.outcome_of_redirect(response, f"proposal {action}")
        if outcome == "ok":
            self.day.proposals[pid]["state"] = "withdrawn" if action == "withdraw" else "submitted"
        self.record("step", token, outcome, status, sent, proposal_id=pid, action=action, version=int(version))

    async def interest(self):
        page = await self.get_page("interest form (GET)", "/interests/new")
        if not page:
            return
        fields, options = parse_form(page, "activity")
        token = self.day.token(self.name)
        later = today() + timedelta(days=60)
        fields.update({"activity": f"Soak {token}", "group_size": "15", "period_from": later.strftime("%Y-%m"),
                       "period_to": later.strftime("%Y-%m"), "notes": "Registered by the soak."})
        for name in ("kind", "partner_city_id", "organisation_id", "age_group"):
            if not fields.get(name) and options.get(name):
                fields[name] = self.rng.choice(options[name])
        sent = time.monotonic()
        response = await self.send("interest register (POST)", "POST", "/interests/new", data=fields)
        outcome, status = "unknown", "connection"
        if response is not None:
            status = response.status_code
            outcome = "ok" if status == 303 else "unknown" if status in (502, 503, 504) else "refused"
            if status == 422:
                self.day.stats.error("interest register (POST)", "422: the soak's form was refused")
        self.record("interest", token, outcome, status, sent)

    async def notifications(self):
        page = await self.get_page("notifications", "/notifications/")
        if not page:
            return
        unread = NOTIFICATION_READ.findall(page)
        if unread:
            await self.send("notification read (POST)", "POST", self.rng.choice(unread),
                            data={"csrf_token": CSRF.search(page).group(1)})

    async def read(self):
        path, label = self.rng.choice([("/calendar/", "calendar month"), ("/calendar/list", "calendar list"),
                                       ("/proposals/", "proposal list")])
        await self.get_page(label, path)
        mine = self.mine()
        if mine:
            await self.get_page("proposal page", f"/proposals/{self.rng.choice(mine)}")


class Staff(Person):
    """The twinning office: reads the queue, asks for changes, approves (confirming conflicts), rejects, cancels."""

    def known(self, *states) -> list[int]:
        return [pid for pid, p in self.day.proposals.items() if p["state"] in states]

    async def act(self):
        choice = self.rng.choices([self.queue, self.decide, self.cancel, self.notifications, self.calendar],
                                  weights=[25, 45, 8, 7, 15])[0]
        await choice()

    async def queue(self):
        await self.get_page("review queue", "/review/")

    async def calendar(self):
        await self.get_page("calendar month", "/calendar/")

    async def notifications(self):
        page = await self.get_page("notifications", "/notifications/")
        if page and (unread := NOTIFICATION_READ.findall(page)):
            await self.send("notification read (POST)", "POST", self.rng.choice(unread),
                            data={"csrf_token": CSRF.search(page).group(1)})

    async def decide(self):
        waiting = self.known("submitted")
        if not waiting:
            return await self.queue()
        pid = self.rng.choice(waiting)
        page = await self.get_page("review decision (GET)", f"/review/{pid}")
        if not page or 'name="action"' not in page:
            return
        csrf, version = CSRF.search(page).group(1), VERSION.search(page).group(1)
        action = self.rng.choices(["approve", "request_changes", "reject"], weights=[5, 3, 2])[0]
        await self.pause(0.2, 1.0)
        token = self.day.token(self.name)
        data = {"csrf_token": csrf, "action": action, "version": version, "comment": f"Decided by the soak {token}"}
        sent = time.monotonic()
        response = await self.send(f"review {action} (POST)", "POST", f"/review/{pid}", data=data)
        if response is not None and response.status_code == 422 and action == "approve" \
                and 'name="confirm_conflicts"' in response.text and "confirm" in response.text:
            # Conflicts shown: the reviewer looks at them and approves anyway (nothing was recorded yet).
            self.record("step", token, "refused", 422, sent, proposal_id=pid, action=action, version=int(version))
            token = self.day.token(self.name)
            data.update(confirm_conflicts="y", comment=f"Approved despite conflicts {token}")
            sent = time.monotonic()
            response = await self.send("review approve, conflicts confirmed (POST)", "POST", f"/review/{pid}",
                                       data=data)
        outcome, status = await self.outcome_of_redirect(response, "review decision")
        if outcome == "ok":
            self.day.proposals[pid]["state"] = {"approve": "approved", "request_changes": "changes_requested",
                                                "reject": "closed"}[action]
        elif outcome == "refused":
            self.day.proposals[pid]["state"] = "unknown"
        self.record("step", token, outcome, status, sent, proposal_id=pid, action=action, version=int(version))

    async def cancel(self):
        approved = self.known("approved")
        if not approved:
            return await self.calendar()
        pid = self.rng.choice(approved)
        page = await self.get_page("cancel form (GET)", f"/review/{pid}/cancel")
        if not page or 'name="reason"' not in page:
            return
        csrf, version = CSRF.search(page).group(1), VERSION.search(page).group(1)
        token = self.day.token(self.name)
        sent = time.monotonic()
        response = await self.send("review cancel (POST)", "POST", f"/review/{pid}/cancel", data={
            "csrf_token": csrf, "version": version, "reason": f"Cancelled by the soak {token}"})
        outcome, status = await self.outcome_of_redirect(response, "review cancel")
        if outcome == "ok":
            self.day.proposals[pid]["state"] = "closed"
        self.record("step", token, outcome, status, sent, proposal_id=pid, action="cancel", version=int(version))


class Reader(Staff):
    """Somebody who only looks: the calendar (month and list), the review queue, an event."""

    async def act(self):
        if self.rng.random() < 0.03:
            return await self.mistyped_login()
        if self.rng.random() < 0.05:
            # The public calendar counts every request per client (all of the soak's come from one address: 429
            # once PUBLIC_LIMIT is reached, which is the limit working).
            return await self.get_page("public calendar", "/public/calendar", expect=(429,))
        path, label = self.rng.choice([("/calendar/", "calendar month"), ("/calendar/list", "calendar list"),
                                       ("/review/", "review queue"), ("/proposals/", "proposal list")])
        await self.get_page(label, path)

    async def mistyped_login(self):
        """A wrong password in a second browser (no session): counted by the login limits in Redis."""
        async with httpx.AsyncClient(base_url=self.day.base, timeout=30) as other:
            started = time.monotonic()
            try:
                page = (await other.get("/login")).text
                response = await other.post("/login", data={
                    "csrf_token": CSRF.search(page).group(1), "email": f"nobody{self.rng.randint(1, 999)}@example.org",
                    "password": "wrong"})
            except (httpx.HTTPError, AttributeError) as error:
                if not self.day.excused("database"):
                    self.day.stats.error("login refused (POST)", f"{type(error).__name__}")
                return
            self.day.stats.latencies["login refused (POST)"].append(time.monotonic() - started)
            if response.status_code not in (422, 429) and not (
                    response.status_code == 503 and self.day.excused("database")):
                self.day.stats.error("login refused (POST)", str(response.status_code))


class FeedPoller(Person):
    """A calendar program subscribed to the ICS feed: polls it with the ETag it got last (304 when unchanged)."""

    feed: str | None = None
    etag: str | None = None

    async def act(self):
        if self.feed is None:
            page = await self.get_page("calendar subscribe", "/calendar/subscribe")
            if page and (m := FEED.search(page)):
                self.feed = m.group(1).replace("&amp;", "&")
            return
        headers = {"If-None-Match": self.etag} if self.etag else {}
        response = await self.send("ICS feed", "GET", self.feed, headers=headers)
        if response is not None and response.status_code == 200:
            self.etag = response.headers.get("etag")
        if response is not None and response.status_code == 304:
            self.day.stats.latencies.setdefault("ICS feed (304)", []).append(0.0)
        await self.pause(1.0, 3.0)


async def live(person: Person) -> None:
    try:
        if not await person.login():
            return
        while time.monotonic() < person.day.stop_at:
            try:
                await person.act()
            except (AttributeError, KeyError, ValueError) as error:  # a page without what the soak looks for
                person.day.stats.error("soak client", f"{type(error).__name__}: {error}")
            await person.pause()
    finally:
        await person.close()


def cast(day: Day, connections: int) -> list[Person]:
    """The people of the office day, one connection each: secretaries most, then staff, readers, programs."""
    people: list[Person] = []
    shares = [(Member, 0.55), (Staff, 0.2), (Reader, 0.15), (FeedPoller, 0.1)]
    for kind, share in shares:
        for n in range(max(1, round(connections * share))):
            if kind is Member:
                email = MEMBERS[n % len(MEMBERS)]
            else:
                email = STAFF
            people.append(kind(day, f"{kind.__name__.lower()}{n}", email))
    return people[:connections]


async def play(day: Day, connections: int) -> None:
    """Until day.stop_at (which the faults may put off)."""
    await asyncio.gather(*(live(p) for p in cast(day, connections)))
