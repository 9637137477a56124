"""`make bench-growth`: does a page stay as fast when the data grows five times? (issue 14's growth target)

Seeds the scale data set at factor 1 and at BENCH_GROWTH_FACTOR (5: 10,000 organisations, 500,000 proposals)
into bench/data/scale.db and bench/data/scale5.db (SQLite; kept, like the default bench's) or, where
DATABASE_URL points to PostgreSQL, into databases clubs_bench and clubs_bench5 next to it, then renders each key
page afresh (page cache off) through the test client and compares the best single-request time of the two. A
page passes when it takes at most 1.5 times as long at the larger size. No server and no load: one request at a
time, so the comparison is of the work a page does, not of queues. The ICS feed of a year holds five times the
events at factor 5, by definition; it is shown but not judged.

Not part of `make bench` (seeding 500,000 proposals takes about two minutes on SQLite and longer on PostgreSQL).
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import run  # noqa: E402
from bench.run import DATA, analyse_postgres  # noqa: E402

BIN = ROOT / ".venv" / "bin"
FACTOR = float(os.environ.get("BENCH_GROWTH_FACTOR", "5"))
REPEAT = int(os.environ.get("BENCH_GROWTH_REPEAT", "15"))
LIMIT = 1.5
NOT_JUDGED = {"ICS feed (one year)"}  # its size grows with the data by definition


def seed(url: str, factor: float) -> None:
    """The default bench's seeding (a marker per database and factor), then statistics for PostgreSQL."""
    run.seed(url, {**os.environ, "PYTHONPATH": str(ROOT)}, factor)
    if not url.startswith("sqlite:"):
        analyse_postgres(url)


def measure(url: str) -> dict[str, float]:
    """Best single-request time per key page (ms), in a process of its own on that database."""
    script = (
        "import json, sys, time\n"
        "from bench.pages import key_pages, login_staff\n"
        "from clubs_exchange import create_app\n"
        "app = create_app(); app.config['PAGE_CACHE'] = False; out = {}\n"
        "with app.app_context():\n"
        "    client = app.test_client(); login_staff(client)\n"
        "    for page in key_pages(app):\n"
        "        headers = {'HX-Request': 'true'} if page.htmx else {}\n"
        "        client.get(page.path, headers=headers); client.get(page.path, headers=headers)\n"
        "        best = None\n"
        f"        for _ in range({REPEAT}):\n"
        "            started = time.perf_counter(); response = client.get(page.path, headers=headers)\n"
        "            elapsed = time.perf_counter() - started\n"
        "            assert response.status_code == 200, (page.name, response.status_code)\n"
        "            best = elapsed if best is None else min(best, elapsed)\n"
        "        out[page.name] = round(best * 1000, 1)\n"
        "print('GROWTH ' + json.dumps(out))\n"
    )
    env = {**os.environ, "DATABASE_URL": url, "PYTHONPATH": str(ROOT), "CLUBS_EXCHANGE_REQUEST_LOG": "false"}
    output = subprocess.run([BIN / "python", "-c", script], env=env, cwd=ROOT, capture_output=True, text=True,
                            check=True).stdout
    return json.loads(output.split("GROWTH ", 1)[1])


def main() -> None:
    DATA.mkdir(parents=True, exist_ok=True)
    from clubs_exchange.config import database_url_from_env

    databases = [("SQLite", f"sqlite:///{DATA / 'scale.db'}", f"sqlite:///{DATA / 'scale5.db'}")]
    env_url = database_url_from_env()
    if env_url and env_url.startswith("postgresql"):
        base = env_url.rsplit("/", 1)[0]
        databases.append(("PostgreSQL", f"{base}/clubs_bench", f"{base}/clubs_bench5"))
    lines = [f"single-request time, page cache off, best of {REPEAT}: factor 1 against factor {FACTOR:g} "
             f"(target: at most {LIMIT}×)", "",
             f"| database | page | factor 1 ms | factor {FACTOR:g} ms | × | verdict |", "|---|---|---:|---:|---:|---|"]
    failed = []
    for label, small, large in databases:
        print(f"== {label}")
        seed(small, 1.0)
        seed(large, FACTOR)
        at_1, at_n = measure(small), measure(large)
        for name, ms in at_1.items():
            ratio = at_n[name] / ms
            verdict = "(grows with the data)" if name in NOT_JUDGED else ("met" if ratio <= LIMIT else "MISSED")
            if verdict == "MISSED":
                failed.append(f"{label} {name}")
            lines.append(f"| {label} | {name} | {ms:.1f} | {at_n[name]:.1f} | {ratio:.2f} | {verdict} |")
    print("\n" + "\n".join(lines))
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    print(f"\n{when}; " + (f"missed: {', '.join(failed)}" if failed else "every judged page met the target"))


if __name__ == "__main__":
    main()
