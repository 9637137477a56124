"""gunicorn settings that start every worker warm: `gunicorn -c python:clubs_exchange.gunicorn_conf ...`.

The app is loaded once in the master (preload) and warmed there (warmup.py) before the workers are forked:
templates compiled, catalogues read, queries compiled and the current month's grid rendered are inherited by
every worker, and a worker restarted later (max_requests, a crash) starts warm as well. Other settings
(--workers, --bind) are given on the command line as before.
"""

preload_app = True


def when_ready(server) -> None:
    # Runs in the master after the app is loaded and before the first worker is forked.
    from clubs_exchange.extensions import db
    from clubs_exchange.warmup import warm

    app = server.app.wsgi()
    done = warm(app)
    with app.app_context():
        db.engine.dispose()  # the master's connections are not to be shared with the workers it forks
    server.log.info("warmed: %(templates)d templates compiled, %(pages)d pages rendered", done)


def post_fork(server, worker) -> None:
    # Each worker opens its own database connections (the master's pool was emptied after warming).
    from clubs_exchange.extensions import db

    with server.app.wsgi().app_context():
        db.engine.dispose(close=False)
