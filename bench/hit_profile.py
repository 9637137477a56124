"""The fixed cost of a request: a key page served from the page cache, in-process, against bare Flask.

    DATABASE_URL=sqlite:////tmp/scale.db PYTHONPATH=. .venv/bin/python bench/hit_profile.py ["calendar month" ...]

Each request is one call of the WSGI app with a ready environ (the staff user's session cookie, as a browser
sends it): no server, no network, no test client. Prints per page the time of a hit (best and median of
BENCH_HIT_REPEAT rounds of BENCH_HIT_N requests, in CPU time: a loaded machine's waits do not count) beside
bare Flask's (bench/bare.py) in the same process, and with BENCH_PROFILE=1 the hottest functions of a hit
(cProfile; its overhead inflates small calls).
BENCH_HIT_UNCACHED=1 measures the page rendered afresh instead (the page cache off).
"""

import io
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Not bench/ itself first on the path: its profile.py would stand in for the standard library's (cProfile).
sys.path[:] = [str(ROOT), *(p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench")]

from bench.pages import key_pages  # noqa: E402

N = int(os.environ.get("BENCH_HIT_N", "500"))
REPEAT = int(os.environ.get("BENCH_HIT_REPEAT", "5"))
PROFILE = os.environ.get("BENCH_PROFILE", "0") != "0"
UNCACHED = os.environ.get("BENCH_HIT_UNCACHED", "0") != "0"


def environ_for(app, path: str, cookie: str | None, headers: dict[str, str]) -> dict:
    from werkzeug.test import EnvironBuilder

    all_headers = {"Accept-Language": "en-GB,en;q=0.9", "User-Agent": "bench", **headers}
    if cookie:
        all_headers["Cookie"] = cookie
    builder = EnvironBuilder(path=path, headers=all_headers, base_url="http://127.0.0.1:8000/")
    try:
        return builder.get_environ()
    finally:
        builder.close()


def call(wsgi, environ: dict) -> tuple[str, int]:
    status = []

    def start_response(s, headers, exc_info=None):
        status.append(s)

    body = wsgi(dict(environ, **{"wsgi.input": io.BytesIO()}), start_response)
    size = sum(len(chunk) for chunk in body)
    if hasattr(body, "close"):
        body.close()
    return status[0], size


def timed(wsgi, environ: dict) -> tuple[float, float]:
    """Best and median µs a request, in CPU time of this process (a shared machine's waits left out)."""
    rounds = []
    for _ in range(REPEAT):
        started = time.process_time()
        for _ in range(N):
            call(wsgi, environ)
        rounds.append((time.process_time() - started) / N)
    rounds.sort()
    return rounds[0] * 1e6, rounds[len(rounds) // 2] * 1e6


def session_cookie(app) -> str:
    """The staff user's session cookie, as the login form would set it (with a CSRF token in the session)."""
    import sqlalchemy as sa

    from clubs_exchange.auth.models import User
    from clubs_exchange.extensions import db, login_manager
    from clubs_exchange.scale import STAFF_EMAIL

    with app.test_request_context(headers={"User-Agent": "bench"}):
        user = db.session.scalar(sa.select(User).where(User.email == STAFF_EMAIL))
        from flask import session
        from flask_wtf.csrf import generate_csrf

        session["_user_id"] = user.get_id()
        session["_fresh"] = True
        session["_id"] = login_manager._session_identifier_generator()  # this browser's, as login_user sets it
        generate_csrf()
        value = app.session_interface.get_signing_serializer(app).dumps(dict(session))
    return f"{app.config['SESSION_COOKIE_NAME']}={value}"


def main(names: list[str]) -> None:
    import logging

    from bench.bare import app as bare
    from clubs_exchange import create_app

    app = create_app()
    app.config["PAGE_CACHE"] = not UNCACHED
    logging.getLogger("clubs_exchange.requests").disabled = os.environ.get("BENCH_HIT_LOG", "0") == "0"
    cookie = session_cookie(app)
    bare_environ = environ_for(bare, "/", None, {})
    call(bare.wsgi_app, bare_environ)
    bare_best, bare_median = timed(bare.wsgi_app, bare_environ)
    print(f"bare Flask: best {bare_best:.0f} µs, median {bare_median:.0f} µs a request")
    for page in key_pages(app):
        if names and page.name not in names:
            continue
        environ = environ_for(app, page.path, cookie, {"HX-Request": "true"} if page.htmx else {})
        status, size = call(app, environ)  # rendered (and remembered)
        status, size = call(app, environ)  # served from the cache
        best, median = timed(app, environ)
        print(f"{page.name}{' (uncached)' if UNCACHED else ''}: {status}, {size:,} bytes, best {best:.0f} µs, "
              f"median {median:.0f} µs a request ({bare_best / best:.0%} of bare)")
        if PROFILE:
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(N):
                call(app, environ)
            profiler.disable()
            stats = pstats.Stats(profiler)
            stats.sort_stats("cumulative").print_stats(45)
            stats.sort_stats("tottime").print_stats(30)


if __name__ == "__main__":
    main(sys.argv[1:])
