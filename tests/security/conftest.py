"""Fixtures of the security tests."""

import pytest
from werkzeug.security import generate_password_hash


@pytest.fixture
def quick_refusals(monkeypatch):
    """Unknown addresses are refused after hashing a stand-in (see test_enumeration.py): a quick one where only
    the counting matters."""
    quick = generate_password_hash("nobody's", "pbkdf2:sha256:1")
    monkeypatch.setattr("clubs_exchange.auth.models._stand_in_hash", lambda: quick, raising=False)
