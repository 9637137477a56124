"""The signed, time-limited tokens of the links mailed to a person (reset a password, confirm an address).

itsdangerous reads the time from time.time(); here it reads clock.py, so a link's age follows the app's one clock
(and clock.frozen in tests).
"""

from flask import current_app
from itsdangerous import TimestampSigner, URLSafeTimedSerializer

from clubs_exchange import clock


class ClockSigner(TimestampSigner):
    def get_timestamp(self) -> int:
        return int(clock.utcnow().timestamp())


def serializer(salt: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=salt, signer=ClockSigner)
