"""Several app instances (gunicorn workers, two machines) share one limit through Redis; with Redis down the app
keeps answering (never a 500): each instance limits on its own in memory, and says so in the log."""

import logging
import os
import socket
import uuid

import pytest
import redis

REDIS = "redis://127.0.0.1:6379/0"
WRONG = {"email": "clara@example.org", "password": "wrong guess"}


def redis_or_skip() -> redis.Redis:
    connection = redis.Redis.from_url(REDIS, socket_connect_timeout=1)
    try:
        connection.ping()
    except redis.ConnectionError:
        if os.environ.get("CLUBS_EXCHANGE_REQUIRE_REDIS"):  # CI: the machine's Redis must be there
            raise
        pytest.skip("no Redis on 127.0.0.1:6379")
    return connection


@pytest.fixture
def key_prefix():
    """A prefix of this test's own: its counts start at nothing, whatever ran before."""
    connection = redis_or_skip()
    prefix = f"test-{uuid.uuid4().hex}"
    yield prefix
    for key in connection.scan_iter(f"*{prefix}*"):
        connection.delete(key)
    connection.close()


pytestmark = pytest.mark.usefixtures("quick_refusals")  # tests/security/conftest.py


@pytest.fixture
def app_config(app_config):
    return {**app_config, "RATELIMIT_ENABLED": True, "LOGIN_LIMIT": "4 per 15 minutes"}


def test_two_instances_with_one_redis_share_one_limit(app_config, key_prefix, make_app):
    config = {**app_config, "RATELIMIT_STORAGE_URI": REDIS, "RATELIMIT_KEY_PREFIX": key_prefix}
    first, second = make_app(config).test_client(), make_app(config).test_client()
    answers = [(first if n % 2 else second).post("/login", data=WRONG).status_code for n in range(4)]
    assert answers == [422] * 4
    assert second.post("/login", data=WRONG).status_code == 429
    assert first.post("/login", data=WRONG).status_code == 429
    assert any(redis_or_skip().scan_iter(f"*{key_prefix}*"))


def test_two_instances_with_memory_storage_each_count_for_themselves(app_config, make_app):
    first, second = make_app(app_config).test_client(), make_app(app_config).test_client()
    assert [first.post("/login", data=WRONG).status_code for _ in range(5)] == [422] * 4 + [429]
    assert second.post("/login", data=WRONG).status_code == 422


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_with_redis_down_each_instance_limits_in_memory_and_logs_it(app_config, caplog, make_app):
    config = {**app_config, "RATELIMIT_STORAGE_URI": f"redis://127.0.0.1:{closed_port()}/0"}
    client = make_app(config).test_client()
    with caplog.at_level(logging.WARNING, logger="clubs_exchange.rate_limits"):
        answers = [client.post("/login", data=WRONG).status_code for _ in range(5)]
        assert client.get("/login").status_code == 200
    assert answers == [422] * 4 + [429]
    warnings = [r for r in caplog.records if r.name == "clubs_exchange.rate_limits" and r.levelno >= logging.WARNING]
    assert warnings and "unreachable" in warnings[0].getMessage()
