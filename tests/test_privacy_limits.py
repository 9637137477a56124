"""Downloading one's own data is limited per account (each download gathers everything the person did)."""

import pytest


@pytest.fixture
def app_config(app_config):
    return {**app_config, "RATELIMIT_ENABLED": True, "DATA_EXPORT_LIMIT": "2 per hour"}


def test_the_data_download_is_limited_per_account(client, login_as, member, secretary):
    login_as(member)
    assert [client.get("/account/data.json").status_code for _ in range(3)] == [200, 200, 429]
    assert client.get("/account").status_code == 200  # the page stays open
    login_as(secretary)  # somebody else from the same computer
    assert client.get("/account/data.json").status_code == 200
