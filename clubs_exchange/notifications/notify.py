"""The one call the rules make when something happened that people should hear of: notify("event", ...).

Each event is handled in notifications/events.py: it writes in-app notifications and queues mails in the
session of the change, so they are committed (or rolled back) with it.
"""

from flask import has_app_context


def notify(event: str, **objects) -> None:
    # The workflow rules are also exercised in memory, without an app: nothing to tell anyone then.
    if not has_app_context():
        return
    from clubs_exchange.notifications.events import HANDLERS

    HANDLERS[event](**objects)
