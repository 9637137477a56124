"""`make bench`: the key pages under gunicorn (2 sync workers) and wrk, on SQLite and, where DATABASE_URL
points to PostgreSQL, on PostgreSQL too; a bare Flask app under the same settings as the reference.

Prints a table and writes bench/results.json. Run it through `make bench` (it installs wrk first).
"""

import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import office_day  # noqa: E402
from bench.pages import key_pages, measure  # noqa: E402

BIN = ROOT / ".venv" / "bin"
DATA = ROOT / "bench" / "data"
FACTOR = float(os.environ.get("BENCH_FACTOR", "1.0"))
DURATION = os.environ.get("BENCH_DURATION", "5s")
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
WORKERS = 2
PG_BENCH_DB = os.environ.get("BENCH_PG_DATABASE", "clubs_bench")
OFFICE_CONNECTIONS = int(os.environ.get("BENCH_OFFICE_CONNECTIONS", "16"))
OFFICE_DURATION = os.environ.get("BENCH_OFFICE_DURATION", "10s")
# BENCH_SCALE_DB: another SQLite file for the scale data set (a second checkout's bench on the same machine).
SCALE_DB = Path(os.environ.get("BENCH_SCALE_DB", str(DATA / "scale.db")))
# BENCH_PAGES="review queue,calendar list": only those key pages; BENCH_OFFICE=0: no office day (a quick look at
# one page while working on it; the README's tables come from the whole run).
ONLY_PAGES = [name.strip() for name in os.environ.get("BENCH_PAGES", "").split(",") if name.strip()]
OFFICE = os.environ.get("BENCH_OFFICE", "1") != "0"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def seed(url: str, env: dict, factor: float = FACTOR) -> None:
    """Seed the scale data set once per database and factor; a marker file remembers what is there."""
    marker = DATA / (re.sub(r"[^A-Za-z0-9]+", "_", url.split("@")[-1]) + ".seeded")
    if marker.exists() and marker.read_text() == str(factor):
        print(f"  reusing the scale data set (factor {factor}) in {url}")
        # A migration added since the data set was seeded (a column, an index) is applied to it.
        subprocess.run([BIN / "flask", "--app", "clubs_exchange", "db", "upgrade"],
                       env={**env, "DATABASE_URL": url}, check=True, cwd=ROOT)
        return
    if url.startswith("sqlite:"):
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    else:
        reset_postgres(url)
    started = time.perf_counter()
    subprocess.run([BIN / "flask", "--app", "clubs_exchange", "seed-scale", "--factor", str(factor)],
                   env={**env, "DATABASE_URL": url}, check=True, cwd=ROOT)
    print(f"  seeded in {time.perf_counter() - started:.0f} s")
    marker.write_text(str(factor))


def reset_postgres(url: str) -> None:
    """The database `url` names, dropped and made anew (empty)."""
    import sqlalchemy as sa

    name = url.rsplit("/", 1)[1]
    admin = sa.create_engine(url.rsplit("/", 1)[0] + "/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()


def analyse_postgres(url: str) -> None:
    """Statistics and the visibility map for a bulk-loaded database, as autovacuum keeps them in production:
    without them the planner guesses (the review queue took 0.7 s instead of 0.1 s) and counts cannot
    use index-only scans."""
    import sqlalchemy as sa

    engine = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(sa.text("VACUUM ANALYZE"))
    engine.dispose()


# The app starts as the README says to run it: loaded and warmed once, then forked (gunicorn_conf.py).
# BENCH_WARM=0 starts it cold, to compare the first request of a fresh worker.
APP_CONFIG = [] if os.environ.get("BENCH_WARM", "1") == "0" else ["-c", "python:clubs_exchange.gunicorn_conf"]


def start_gunicorn(app_spec: str, port: int, env: dict, config: list[str] = ()) -> subprocess.Popen:
    process = subprocess.Popen(
        [BIN / "gunicorn", *config, "--workers", str(WORKERS), "--worker-class", "sync", "--bind",
         f"127.0.0.1:{port}", "--log-level", "warning", app_spec],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    deadline = time.time() + 120  # warming renders the key pages in each language first
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
            return process
        except urllib.error.HTTPError:
            return process  # it answers (a redirect to the login page, say)
        except OSError:
            time.sleep(0.2)
    stop(process)
    raise RuntimeError(f"gunicorn for {app_spec} did not start")


def stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=60)  # a loaded machine: gunicorn's workers finish their requests first
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=20)


def login_cookie(port: int) -> str:
    """Log in through the real form (CSRF token and all) as the scale data set's staff user."""
    from clubs_exchange.scale import SCALE_PASSWORD, STAFF_EMAIL

    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    base = f"http://127.0.0.1:{port}"
    html = opener.open(f"{base}/login").read().decode()
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html) or re.search(
        r'value="([^"]+)"[^>]*name="csrf_token"', html)
    form = {"email": STAFF_EMAIL, "password": SCALE_PASSWORD, "csrf_token": token.group(1) if token else ""}
    opener.open(f"{base}/login", data=urllib.parse.urlencode(form).encode())
    cookies = "; ".join(f"{c.name}={c.value}" for c in jar)
    if "session=" not in cookies:
        raise RuntimeError("could not log in as the staff user")
    return cookies


def wrk(url: str, headers: dict[str, str]) -> dict:
    command = ["wrk", "-t", "2", "-c", str(CONNECTIONS), "-d", DURATION, "--timeout", "10s",
               "-s", str(ROOT / "bench" / "percentiles.lua")]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    p50, p95, p99 = (int(v) / 1000 for v in re.search(r"PERCENTILES p50=(\d+) p95=(\d+) p99=(\d+)", output).groups())
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "requests_per_s": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50_ms": round(p50, 2), "p95_ms": round(p95, 2), "p99_ms": round(p99, 2),
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
    }


def bench_database(label: str, url: str, bare_rps: float) -> tuple[list[dict], dict]:
    env = {**os.environ, "DATABASE_URL": url, "PYTHONPATH": str(ROOT)}
    print(f"\n== {label}: seeding")
    seed(url, env)
    if not url.startswith("sqlite:"):
        analyse_postgres(url)
    os.environ["DATABASE_URL"] = url
    from clubs_exchange import create_app

    app = create_app()
    pages = key_pages(app)
    if ONLY_PAGES:
        unknown = set(ONLY_PAGES) - {page.name for page in pages}
        if unknown:
            sys.exit(f"BENCH_PAGES names no key page: {', '.join(sorted(unknown))}")
        pages = [page for page in pages if page.name in ONLY_PAGES]
    print(f"== {label}: SQL statements and bytes per page (test client)")
    counts = measure(app, pages)
    from clubs_exchange.extensions import db

    with app.app_context():
        db.engine.dispose()
    rows = [{"database": label, "page": page.name, "path": page.path, **counts[page.name]} for page in pages]
    office: dict = {}
    # The same pages twice: as served (the page cache on, what a person gets between two changes of the
    # data) and with the page cache off (every request renders: the first view after a change).
    for cache_on, prefix in ((True, ""), (False, "uncached_")):
        server_env = {**env, "CLUBS_EXCHANGE_PAGE_CACHE": "true" if cache_on else "false"}
        port = free_port()
        server = start_gunicorn("clubs_exchange:create_app()", port, server_env, APP_CONFIG)
        try:
            cookie = login_cookie(port)
            if not cache_on and any(page.name == "calendar month" for page in pages):
                # The first month page of each fresh worker (two, one after the other: each worker may take one).
                month = next(page for page in pages if page.name == "calendar month")
                firsts = []
                for _ in range(WORKERS):
                    started = time.perf_counter()
                    urllib.request.urlopen(urllib.request.Request(
                        f"http://127.0.0.1:{port}{month.path}", headers={"Cookie": cookie})).read()
                    firsts.append(time.perf_counter() - started)
                office["first_month_ms"] = round(max(firsts) * 1000, 1)
            for page, row in zip(pages, rows, strict=True):
                headers = {"Cookie": cookie, **page.headers}
                url_ = f"http://127.0.0.1:{port}{page.path}"
                urllib.request.urlopen(urllib.request.Request(url_, headers=headers)).read()  # warm
                print(f"   {page.name}{'' if cache_on else ' (page cache off)'} ...", flush=True)
                result = wrk(url_, headers)
                row.update({f"{prefix}{k}": v for k, v in result.items()})
                row[f"{prefix}ratio_of_bare"] = round(result["requests_per_s"] / bare_rps, 3)
            if cache_on and OFFICE:
                # The office day as served: the page cache on, every write emptying it.
                print(f"   office day ({OFFICE_CONNECTIONS} connections, one request in "
                      f"{office_day.EVERY_NTH_IS_A_WRITE} a write) ...", flush=True)
                office.update({"database": label, **office_day.run(
                    app, f"http://127.0.0.1:{port}", pages, cookie, OFFICE_CONNECTIONS, OFFICE_DURATION, DATA)})
                office["ratio_of_bare"] = round(office["requests_per_s"] / bare_rps, 3)
        finally:
            stop(server)
    return rows, office


def machine() -> dict:
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    return {"nproc": os.cpu_count(), "cpu": cpu, "python": platform.python_version(),
            "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}


def office_table(offices: list[dict]) -> str:
    lines = [f"office day: {OFFICE_CONNECTIONS} connections for {OFFICE_DURATION}, the key pages (not the feed) in "
             f"turn, one request in {office_day.EVERY_NTH_IS_A_WRITE} a write (draft saved, review decision, "
             "notification read), page cache on", "",
             "| database | req/s | × bare | p50 ms | p95 ms | p99 ms | errors | writes "
             "| first month page of a fresh worker |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for o in offices:
        lines.append(f"| {o['database']} | {o['requests_per_s']:,.0f} | {o['ratio_of_bare']:.0%} | {o['p50_ms']:.1f} | "
                     f"{o['p95_ms']:.1f} | {o['p99_ms']:.1f} | {o['errors']} | {o['writes']} | "
                     f"{o.get('first_month_ms', 0):,.0f} ms |")
    return "\n".join(lines)


def table(rows: list[dict], bare_rps: float) -> str:
    lines = [f"bare Flask reference: {bare_rps:,.0f} req/s ({CONNECTIONS} connections, {WORKERS} sync workers)",
             "", "The ICS feed is fetched with `Accept-Encoding: gzip`, as calendar programs do: its bytes are the "
             "compressed body.",
             "", "| database | page | req/s | p50 ms | p95 ms | × bare | queries | bytes | partial/full "
             "| uncached: req/s | p95 ms | queries |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        share = f"{r['bytes'] / r['full_page_bytes']:.0%}" if r.get("full_page_bytes") else ""
        lines.append(f"| {r['database']} | {r['page']} | {r['requests_per_s']:,.0f} | {r['p50_ms']:.1f} | "
                     f"{r['p95_ms']:.1f} | {r['ratio_of_bare']:.0%} | {r['queries']} | {r['bytes']:,} | {share} | "
                     f"{r['uncached_requests_per_s']:,.0f} | {r['uncached_p95_ms']:.1f} | {r['uncached_queries']} |")
    return "\n".join(lines)


def main() -> None:
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: run `make bench`, which installs it")
    DATA.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    port = free_port()
    bare = start_gunicorn("bench.bare:app", port, {**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        bare_result = wrk(f"http://127.0.0.1:{port}/", {})
    finally:
        stop(bare)
    bare_rps = bare_result["requests_per_s"]
    print(f"bare Flask: {bare_rps:,.0f} req/s")

    databases = [("SQLite", f"sqlite:///{SCALE_DB}")]
    from clubs_exchange.config import database_url_from_env

    env_url = database_url_from_env()
    if env_url and env_url.startswith("postgresql"):
        databases.append(("PostgreSQL", env_url.rsplit("/", 1)[0] + f"/{PG_BENCH_DB}"))
    rows, offices = [], []
    for label, url in databases:
        page_rows, office = bench_database(label, url, bare_rps)
        rows += page_rows
        offices.append(office)

    report = table(rows, bare_rps) + ("\n\n" + office_table(offices) if OFFICE else "")
    print("\n" + report)
    results = {"machine": machine(), "factor": FACTOR, "connections": CONNECTIONS, "workers": WORKERS,
               "duration": DURATION, "bare_flask": bare_result, "pages": rows, "office_day": offices,
               "table": report, "seconds": round(time.perf_counter() - started)}
    (ROOT / "bench" / "results.json").write_text(json.dumps(results, indent=2))
    print(f"\nbench/results.json written; {results['seconds']} s in all. Machine: {results['machine']}")


if __name__ == "__main__":
    main()
