"""A media store that refuses a file (read-only, full, unreachable) gives the producer a clear message.

Nothing is half-kept: no row, no file (not even an empty one), and the refusal is logged and counted.
The local folder's refusals are the operating system's own errors (EROFS, ENOSPC) raised where the
shop writes; a bucket that does not answer is a real closed port.
"""
import builtins
import errno
import io
import logging
import socket

import pytest
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from shop.models import Certification, ProductImage
from shop.services.media import storage
from shop.services.metrics import DEPENDENCY_FAILURES
from tests.factories import PDF, make_producer_owner, make_product, picture_bytes

PHOTO_REFUSED = "The photo could not be saved, try again later."
SCAN_REFUSED = "The scan could not be saved, try again later."


@pytest.fixture
def producer_a(db, login):
    user, producer = make_producer_owner()
    product = make_product(producer)
    db.session.commit()
    login(user)
    return product


class FullDisk:
    """A file opened for writing on a full disk: it is created (empty) and every write fails with ENOSPC."""

    def __init__(self, path):
        self.handle = builtins.open(path, "wb")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.handle.close()

    def write(self, _data):
        raise OSError(errno.ENOSPC, "No space left on device")


def read_only(path, *_args, **_kwargs):
    raise OSError(errno.EROFS, "Read-only file system", path)


@pytest.fixture(params=["read-only", "full"])
def failing_folder(request, monkeypatch):
    """The local media folder refusing writes the way the operating system would."""
    if request.param == "read-only":
        monkeypatch.setattr(storage.os, "makedirs", read_only)
        monkeypatch.setattr(storage, "open", read_only, raising=False)
    else:
        monkeypatch.setattr(storage, "open", lambda path, mode="r": FullDisk(path), raising=False)
    return request.param


@pytest.fixture
def unreachable_bucket(app, monkeypatch):
    """An S3 store whose endpoint is a closed port on 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    store = storage.S3Storage.from_config({"S3_ENDPOINT_URL": f"http://127.0.0.1:{port}", "S3_BUCKET": "media",
                                           "S3_ACCESS_KEY": "k", "S3_SECRET_KEY": "s", "S3_REGION": "us-east-1"})
    monkeypatch.setitem(app.extensions, "media_store", store)
    return store


def stored_files(app):
    with app.app_context():
        return sorted(storage.LocalStorage(app.config["MEDIA_FOLDER"]).keys())


def failures():
    return DEPENDENCY_FAILURES.labels("media", "upload")._value.get()


def upload_photo(client, product):
    return client.post(f"/producer/products/{product.id}/photos",
                       data={"photo": (io.BytesIO(picture_bytes("JPEG")), "photo.jpg")},
                       content_type="multipart/form-data")


def send_scan(client, product, data=PDF, name="decision.pdf"):
    return client.post("/producer/certification", data={
        "product_id": str(product.id), "decision_number": "1/QĐ-UBND", "decision_date": "2025-06-01",
        "scan": (io.BytesIO(data), name)}, content_type="multipart/form-data")


def assert_refused_cleanly(response, message, app, before, counted, caplog):
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert stored_files(app) == before  # no file, not even an empty one
    assert failures() == counted + 1
    assert any("media store refused a file" in record.getMessage() and record.levelno == logging.WARNING
               for record in caplog.records)


def test_a_photo_the_folder_refuses_is_a_message_with_no_row_and_no_file(
        app, client, db, english, producer_a, failing_folder, caplog):
    before, counted = stored_files(app), failures()
    response = upload_photo(client, producer_a)
    assert_refused_cleanly(response, PHOTO_REFUSED, app, before, counted, caplog)
    assert db.session.query(ProductImage).count() == 0


@pytest.mark.parametrize("data, name", [(PDF, "decision.pdf"), (picture_bytes("JPEG"), "decision.jpg")])
def test_a_scan_the_folder_refuses_is_a_message_with_no_row_and_no_file(
        app, client, db, english, producer_a, failing_folder, caplog, data, name):
    before, counted = stored_files(app), failures()
    response = send_scan(client, producer_a, data, name)
    assert_refused_cleanly(response, SCAN_REFUSED, app, before, counted, caplog)
    assert db.session.query(Certification).count() == 0


def test_a_bucket_that_does_not_answer_is_the_same_message(
        app, client, db, english, producer_a, unreachable_bucket, caplog):
    counted = failures()
    assert PHOTO_REFUSED in upload_photo(client, producer_a).get_data(as_text=True)
    assert SCAN_REFUSED in send_scan(client, producer_a).get_data(as_text=True)
    assert failures() == counted + 2
    assert db.session.query(ProductImage).count() == db.session.query(Certification).count() == 0


def test_when_the_database_fails_after_the_files_are_stored_they_are_removed(
        app, client, db, english, producer_a, monkeypatch):
    before = stored_files(app)

    def lost_connection(_session):
        raise OperationalError("COMMIT", {}, Exception("server closed the connection unexpectedly"))

    with monkeypatch.context() as patched:
        patched.setattr(Session, "commit", lost_connection)
        with pytest.raises(OperationalError):
            from shop.services.catalog import products as listings

            with app.test_request_context():
                listings.add_photo(producer_a.producer, producer_a.id, io.BytesIO(picture_bytes("JPEG")))
    assert stored_files(app) == before
    db.session.rollback()
    assert db.session.query(ProductImage).count() == 0
