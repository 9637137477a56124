"""`make soak` / `make soak-faults`: an office day on two app hosts behind nginx, then the log reconciled.

Everything the run needs is its own and goes away at the end (also on Ctrl-C or a failure): a PostgreSQL cluster
`soak` on a free port (pg_createcluster; the machine's PostgreSQL on 5432 is never touched, other databases on
it are not disturbed), a redis-server on a free port without persistence (the shared rate limits), an SMTP server
(aiosmtpd, in this process: it counts what it receives), two gunicorn instances as in production, a private nginx
(its own prefix and config in a temporary directory) in front of them, and the cron's `flask send-mail` every few
seconds. The load generator is bench/soak_client.py; bench/soak_reconcile.py checks the result.

SOAK_SECONDS (600), SOAK_CONNECTIONS (64), SOAK_WORKERS (gunicorn workers per instance, 2); --faults (make
soak-faults) restarts PostgreSQL, stops the SMTP server for a while, kills one app instance (SIGKILL) and
restarts it, and stops Redis for a while, one after the other, in the middle of the day.
"""

import argparse
import asyncio
import contextlib
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from email import message_from_bytes
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BIN = Path(sys.executable).parent
CLUSTER = ("15", "soak")
MAIL_CLAIM_TIMEOUT = 20


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def say(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", flush=True)


class Smtp:
    """aiosmtpd in this process; each received mail's X-Outbox-Mail header is counted. stop()/start() for faults."""

    def __init__(self, port: int):
        from aiosmtpd.controller import Controller

        self.received: list[int] = []
        self.port = port
        smtp = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                header = message_from_bytes(envelope.content).get("X-Outbox-Mail")
                smtp.received.append(int(header) if header and header.isdigit() else -1)
                return "250 OK"

        self.controller = Controller(Handler(), hostname="127.0.0.1", port=port)

    def start(self):
        self.controller.start()

    def stop(self):
        with contextlib.suppress(Exception):
            self.controller.stop()


class Soak:
    def __init__(self, args):
        self.args = args
        self.tmp = Path(tempfile.mkdtemp(prefix="clubs-soak-"))
        self.processes: dict[str, subprocess.Popen] = {}
        self.cluster = False
        self.pg_port, self.redis_port, self.smtp_port = free_port(), free_port(), free_port()
        self.app_ports = [free_port(), free_port()]
        self.nginx_port = free_port()
        self.smtp = Smtp(self.smtp_port)
        self.fault_notes: list[str] = []
        self.recovery: dict[str, float] = {}
        self.env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "DATABASE_URL": f"postgresql+psycopg://postgres@127.0.0.1:{self.pg_port}/clubs_soak",
            "SECRET_KEY": "soak-" + os.urandom(8).hex(),  # one key: a session works on either host
            "CLUBS_EXCHANGE_INSTANCE_PATH": str(self.tmp / "instance"),
            "CLUBS_EXCHANGE_RATELIMIT_STORAGE_URI": f"redis://127.0.0.1:{self.redis_port}/0",
            "CLUBS_EXCHANGE_MAIL_SERVER": "127.0.0.1",
            "CLUBS_EXCHANGE_MAIL_PORT": str(self.smtp_port),
            "CLUBS_EXCHANGE_MAIL_SECURITY": "none",
            "CLUBS_EXCHANGE_MAIL_TIMEOUT": "5",
            "CLUBS_EXCHANGE_MAIL_MAX_ATTEMPTS": "1000",  # the cron retries for as long as the SMTP server is down
            # A sender killed while it held a mail (the killed host's after-response sender, a cron run during the
            # database's outage) leaves its claim; after this long another sender takes the mail over. Short for
            # the soak, so that the end of the day sees it retried (and the count tells if it went out twice).
            "CLUBS_EXCHANGE_MAIL_CLAIM_TIMEOUT": str(MAIL_CLAIM_TIMEOUT),
            "CLUBS_EXCHANGE_BASE_URL": f"http://127.0.0.1:{self.nginx_port}",
            "CLUBS_EXCHANGE_TRUSTED_PROXIES": "1",
        }
        self.base = f"http://127.0.0.1:{self.nginx_port}"
        self.hosts = [self.base]
        self.stop_cron = threading.Event()

    # --- the parts ----------------------------------------------------------------------------------------

    def run(self, *command, check=True, **kwargs):
        return subprocess.run(command, check=check, env=self.env, capture_output=True, text=True, **kwargs)

    def flask(self, *arguments, check=True):
        return self.run(str(BIN / "flask"), "--app", "clubs_exchange", *arguments, check=check, cwd=ROOT)

    def start_postgres(self):
        subprocess.run(["pg_dropcluster", "--stop", *CLUSTER], capture_output=True)  # one left by a killed run
        subprocess.run(["pg_createcluster", *CLUSTER, "--port", str(self.pg_port), "--",
                        "--auth-local=trust", "--auth-host=trust"], check=True, capture_output=True)
        self.cluster = True
        self.pg("start")
        self.run("psql", "-h", "127.0.0.1", "-p", str(self.pg_port), "-U", "postgres", "-c",
                 "create database clubs_soak")

    def pg(self, what: str):
        subprocess.run(["pg_ctlcluster", *CLUSTER, what], check=True, capture_output=True)

    def start_redis(self):
        self.processes["redis"] = subprocess.Popen(
            ["redis-server", "--port", str(self.redis_port), "--bind", "127.0.0.1", "--save", "", "--appendonly",
             "no", "--dir", str(self.tmp)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for_port(self.redis_port)

    def start_app(self, n: int):
        log = open(self.tmp / f"app{n}.log", "a")
        self.processes[f"app{n}"] = subprocess.Popen(
            [str(BIN / "gunicorn"), "-c", "python:clubs_exchange.gunicorn_conf", "--workers",
             str(self.args.workers), "--bind", f"127.0.0.1:{self.app_ports[n]}", "--timeout", "60",
             "clubs_exchange:create_app()"],
            cwd=ROOT, env=self.env, stdout=log, stderr=log, start_new_session=True)

    def start_nginx(self) -> bool:
        if not shutil.which("nginx") and not Path("/usr/sbin/nginx").exists():
            say("nginx missing: apt-get install nginx-light")
            if subprocess.run(["apt-get", "install", "-y", "nginx-light"], capture_output=True).returncode:
                subprocess.run(["apt-get", "update"], capture_output=True)
                subprocess.run(["apt-get", "install", "-y", "nginx-light"], capture_output=True)
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        if not Path(nginx).exists():
            return False
        prefix = self.tmp / "nginx"
        (prefix / "logs").mkdir(parents=True)
        servers = "\n".join(f"    server 127.0.0.1:{p} max_fails=1 fail_timeout=3s;" for p in self.app_ports)
        (prefix / "nginx.conf").write_text(f"""
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/logs/error.log warn;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  client_body_temp_path {prefix}/body; proxy_temp_path {prefix}/proxy; fastcgi_temp_path {prefix}/fastcgi;
  uwsgi_temp_path {prefix}/uwsgi; scgi_temp_path {prefix}/scgi;
  upstream app {{
{servers}
    keepalive 16;
  }}
  server {{
    listen 127.0.0.1:{self.nginx_port};
    location / {{
      proxy_pass http://app;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_set_header X-Forwarded-Proto $scheme;
      # A host that refuses the connection or fails before answering: the request goes to the other one.
      # POSTs only when they were not sent yet (nginx's default: no non_idempotent), so a form is never applied
      # twice; a request that timed out is not sent again (it may be running still).
      proxy_next_upstream error http_502;
      proxy_next_upstream_tries 2;
      proxy_connect_timeout 2s;
      proxy_read_timeout 60s;
    }}
  }}
}}
""")
        self.processes["nginx"] = subprocess.Popen(
            [nginx, "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL, stderr=open(prefix / "logs" / "stderr.log", "w"), start_new_session=True)
        return True

    def cron(self):
        """`flask send-mail` every few seconds, as cron would (every minute) on a real host."""
        while not self.stop_cron.wait(self.args.mail_every):
            self.flask("send-mail", check=False)

    # --- the run ------------------------------------------------------------------------------------------

    def main(self) -> int:
        say(f"soak: {self.args.seconds:g} s, {self.args.connections} connections"
            + (", with faults" if self.args.faults else "") + f"; work in {self.tmp}")
        self.start_postgres()
        self.start_redis()
        self.smtp.start()
        self.flask("db", "upgrade")
        self.flask("seed-demo")
        self.flask("send-mail", check=False)
        from clubs_exchange import create_app

        os.environ.update(self.env)
        app = create_app()
        mails_after, notifications_after = self.high_water(app)
        for n in range(2):
            self.start_app(n)
        for port in self.app_ports:
            wait_for_http(f"http://127.0.0.1:{port}/healthz", 120)
        if not self.args.no_nginx and self.start_nginx():
            wait_for_http(self.base + "/healthz", 30)
        else:
            self.fault_notes.append("nginx could not be had: the client alternates the two hosts")
            self.base = f"http://127.0.0.1:{self.app_ports[0]}"
            self.hosts = [f"http://127.0.0.1:{port}" for port in self.app_ports]
        threading.Thread(target=self.cron, daemon=True).start()

        from bench.soak_client import Day, play

        day = Day(self.base, run=f"{int(time.time()) % 100000}", faults=self.args.faults, hosts=self.hosts)
        faults = threading.Thread(target=self.faults, args=(day,), daemon=True) if self.args.faults else None
        say("the office day begins")
        started = time.monotonic()
        day.stop_at = started + self.args.seconds
        if faults:
            faults.start()
        asyncio.run(play(day, self.args.connections))
        if faults:
            faults.join()
        elapsed = time.monotonic() - started
        say("the office day is over; the last mails are sent")
        self.stop_cron.set()
        self.ensure_up()
        self.flask("send-mail", check=False)
        if self.mails_held(app, mails_after):
            say(f"mails still held by a sender that died: they are taken over after {MAIL_CLAIM_TIMEOUT} s")
            time.sleep(MAIL_CLAIM_TIMEOUT + 1)
        for _ in range(2):
            self.flask("send-mail", check=False)
        time.sleep(1)

        from bench.soak_reconcile import read_state, reconcile

        with app.app_context():
            state = read_state(f"soak:{day.run}-", mails_after=mails_after,
                               notifications_after=notifications_after, smtp_received=self.smtp.received)
        problems = reconcile(day.log, state)
        (self.tmp / "soak_log.json").write_text(json.dumps(day.log))
        return self.report(day, elapsed, problems, state)

    def mails_held(self, app, mails_after: int) -> int:
        import sqlalchemy as sa

        from clubs_exchange.extensions import db
        from clubs_exchange.mail.models import OutboxMail

        with app.app_context():
            held = db.session.scalar(sa.select(sa.func.count()).where(
                OutboxMail.id > mails_after, OutboxMail.claimed_at.is_not(None)))
            db.session.remove()
        return held

    def high_water(self, app):
        import sqlalchemy as sa

        from clubs_exchange.extensions import db
        from clubs_exchange.mail.models import OutboxMail
        from clubs_exchange.notifications.models import Notification

        with app.app_context():
            mails = db.session.scalar(sa.select(sa.func.coalesce(sa.func.max(OutboxMail.id), 0)))
            notes = db.session.scalar(sa.select(sa.func.coalesce(sa.func.max(Notification.id), 0)))
            db.session.remove()
            db.engine.dispose()
        return mails, notes

    # --- faults -------------------------------------------------------------------------------------------

    def faults(self, day):
        """One fault after the other, a gap of normal work between them; the day lasts until they are over."""
        gap = max(8.0, (self.args.seconds - 70) / 5)

        def window(kind):
            entry = [time.monotonic(), None, kind]
            day.windows.append(entry)
            return entry

        def later(seconds=gap):
            time.sleep(seconds)
            day.stop_at = max(day.stop_at, time.monotonic() + gap)

        later()
        say("fault: PostgreSQL restarts (stopped for 5 s)")
        outage = window("database")
        self.pg("stop")
        down_at = time.monotonic()
        time.sleep(5)
        self.pg("start")
        up_at = time.monotonic()
        self.recovery["PostgreSQL"] = max(0.0, wait_for_ready(self.base) - up_at)
        outage[1] = time.monotonic() + 15  # the requests queued during the outage are answered by now
        self.fault_notes.append(f"PostgreSQL down {up_at - down_at:.1f} s; a /readyz sent "
                                f"{self.recovery['PostgreSQL']:.1f} s after it was back answered 200")
        later()
        say("fault: the SMTP server stops for 20 s")
        received_before = len(self.smtp.received)
        self.smtp.stop()
        time.sleep(20)
        self.smtp = self._restarted_smtp()
        self.fault_notes.append(f"SMTP server down 20 s, then up ({received_before} mails received before; the cron "
                                "retries what failed)")
        later()
        say("fault: app instance 0 killed (SIGKILL), restarted after 5 s")
        host = window("host")
        process = self.processes["app0"]
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        killed_at = time.monotonic()
        time.sleep(5)
        self.start_app(0)
        wait_for_http(f"http://127.0.0.1:{self.app_ports[0]}/healthz", 120)
        self.recovery["app instance"] = time.monotonic() - killed_at
        host[1] = killed_at + 5
        self.fault_notes.append(f"app instance 0 killed; it served again after {self.recovery['app instance']:.1f} s "
                                "(the other one served meanwhile)")
        later()
        say("fault: Redis stops for 15 s")
        self.processes["redis"].kill()
        self.processes["redis"].wait()
        time.sleep(15)
        self.start_redis()
        self.fault_notes.append("Redis down 15 s (the rate limits counted in each worker's memory meanwhile)")
        later()
        say("faults over")

    def _restarted_smtp(self):
        received = self.smtp.received
        smtp = Smtp(self.smtp_port)
        smtp.received = received
        smtp.start()
        return smtp

    def ensure_up(self):
        with contextlib.suppress(Exception):
            self.pg("start")
        wait_for_ready(self.base)

    # --- the end ------------------------------------------------------------------------------------------

    def report(self, day, elapsed, problems, state) -> int:
        stats = day.stats
        rows = []
        for label in sorted(stats.latencies):
            values = sorted(stats.latencies[label])
            if not values:
                continue
            p50 = statistics.median(values) * 1000
            p95 = values[min(len(values) - 1, int(len(values) * 0.95))] * 1000
            rows.append((label, len(values), p50, p95, stats.unavailable.get(label, 0), stats.errors.get(label, 0)))
        width = max(len(r[0]) for r in rows) if rows else 10
        print()
        print(f"{'page / action':<{width}}  {'requests':>8}  {'p50 ms':>7}  {'p95 ms':>7}  {'503/lost':>8}  "
              f"{'errors':>6}")
        for label, n, p50, p95, unavailable, errors in rows:
            if label.endswith("(304)"):  # a count: of the feed's requests above, those answered 304 Not Modified
                print(f"{label:<{width}}  {n:>8}  {'-':>7}  {'-':>7}  {'-':>8}  {'-':>6}")
                continue
            print(f"{label:<{width}}  {n:>8}  {p50:>7.0f}  {p95:>7.0f}  {unavailable:>8}  {errors:>6}")
        requests = sum(r[1] for r in rows if not r[0].endswith("(304)"))
        errors = sum(stats.errors.values())
        outcomes = {}
        for entry in day.log:
            key = f"{entry['kind']} {entry['outcome']}"
            outcomes[key] = outcomes.get(key, 0) + 1
        print()
        print(f"{requests / elapsed:.1f} requests/s over {elapsed:.0f} s; writes: "
              + ", ".join(f"{k}: {v}" for k, v in sorted(outcomes.items())))
        print(f"mails: {len(state.mails)} in the outbox of the run, {len(self.smtp.received)} received by SMTP")
        for note in self.fault_notes:
            print(f"fault: {note}")
        for sample in stats.error_samples:
            print(f"error: {sample}")
        for problem in problems[:50]:
            print(f"not reconciled: {problem}")
        if errors or problems:
            print(f"soak: {requests} requests, {errors} errors, {len(problems)} writes not reconciled")
            return 1
        print(f"soak: {requests} requests, 0 errors, writes reconciled")
        return 0

    def cleanup(self):
        self.stop_cron.set()
        for name, process in reversed(list(self.processes.items())):
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    if name.startswith(("app", "nginx")):
                        os.killpg(process.pid, signal.SIGTERM)
                    else:
                        process.terminate()
                with contextlib.suppress(subprocess.TimeoutExpired):
                    process.wait(10)
                if process.poll() is None:
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(process.pid, signal.SIGKILL) if name.startswith(("app", "nginx")) else process.kill()
        self.smtp.stop()
        if self.cluster:
            subprocess.run(["pg_dropcluster", "--stop", *CLUSTER], capture_output=True)
        if not self.args.keep:
            shutil.rmtree(self.tmp, ignore_errors=True)


def wait_for_port(port: int, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
            return
        time.sleep(0.1)
    raise RuntimeError(f"nothing listens on port {port}")


def wait_for_http(url: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            if urllib.request.urlopen(url, timeout=2).status == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(f"{url} does not answer")


def wait_for_ready(base: str) -> float:
    """When the first /readyz that answered 200 (the database answers) was sent: the time the app took to
    recover, without the time the answer waited behind the queue of other requests."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        sent = time.monotonic()
        with contextlib.suppress(OSError):
            if urllib.request.urlopen(base + "/readyz", timeout=30).status == 200:
                return sent
        time.sleep(0.2)
    raise RuntimeError(f"{base}/readyz does not answer")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--faults", action="store_true", help="restart PostgreSQL, stop SMTP, kill a host, stop Redis")
    parser.add_argument("--no-nginx", action="store_true", help="no nginx: the client alternates the two hosts")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory (logs) afterwards")
    args = parser.parse_args()
    args.seconds = float(os.environ.get("SOAK_SECONDS", "600"))
    args.connections = int(os.environ.get("SOAK_CONNECTIONS", "64"))
    args.workers = int(os.environ.get("SOAK_WORKERS", "2"))
    args.mail_every = float(os.environ.get("SOAK_MAIL_EVERY", "10"))
    soak = Soak(args)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(130))
    try:
        return soak.main()
    except KeyboardInterrupt:
        print("soak: interrupted", file=sys.stderr)
        return 130
    finally:
        soak.cleanup()


if __name__ == "__main__":
    sys.exit(main())
