"""Fixtures of the back-office view tests."""
import pytest

from tests.factories import make_user


@pytest.fixture
def office(db):
    """An administrator of the OCOP office."""
    admin = make_user(role="admin", email="office@example.com", name="Văn phòng OCOP")
    db.session.commit()
    return admin


@pytest.fixture
def admin_client(client, english, office, login):
    """The test client, in English, signed in as `office`."""
    login(office)
    return client
