"""Profile each key page rendered afresh (page cache off) on the scale data set with pyinstrument.

    DATABASE_URL=sqlite:///bench/data/scale.db PYTHONPATH=. .venv/bin/python bench/profile.py [page name ...]

Seed the database first (`flask seed-scale`, or a `make bench` run). Prints, per page, the time of one render
(the best of a few) and pyinstrument's call tree; with BENCH_PROFILE_HTML=dir it also writes an HTML report
per page there. The profile runs in-process through the test client: no server, no network.
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.pages import counting_statements, key_pages, login_staff  # noqa: E402

REPEAT = int(os.environ.get("BENCH_PROFILE_REPEAT", "5"))
# BENCH_PROFILE=0: times only (the profiler's own overhead inflates many small calls).
PROFILE = os.environ.get("BENCH_PROFILE", "1") != "0"


def main(names: list[str]) -> None:
    from pyinstrument import Profiler

    from clubs_exchange import create_app
    from clubs_exchange.extensions import db

    app = create_app()
    app.config["PAGE_CACHE"] = False
    html_dir = os.environ.get("BENCH_PROFILE_HTML")
    with app.app_context():
        client = app.test_client()
        login_staff(client)
        for page in key_pages(app):
            if names and page.name not in names:
                continue
            headers = page.headers
            client.get(page.path, headers=headers)  # warm: templates compiled
            timings = []
            with counting_statements(db.engine) as counter:
                profiler = Profiler(interval=0.0005)
                if PROFILE:
                    profiler.start()
                for _ in range(REPEAT):
                    started = time.perf_counter()
                    response = client.get(page.path, headers=headers)
                    timings.append(time.perf_counter() - started)
                if PROFILE:
                    profiler.stop()
            print(f"\n===== {page.name}: {response.status_code}, {len(response.data):,} bytes, "
                  f"{counter['n'] // REPEAT} statements, best {min(timings) * 1000:.1f} ms, "
                  f"median {sorted(timings)[len(timings) // 2] * 1000:.1f} ms")
            if not PROFILE:
                continue
            print(profiler.output_text(unicode=True, color=False, show_all=False, short_mode=True))
            if html_dir:
                Path(html_dir).mkdir(parents=True, exist_ok=True)
                (Path(html_dir) / f"{page.name.replace(' ', '_')}.html").write_text(profiler.output_html())


if __name__ == "__main__":
    main(sys.argv[1:])
