"""Pictures and scans through the one storage interface: a local folder and a real S3-compatible server.

The S3 tests talk to moto's server on 127.0.0.1 (tests/s3_server.py) with the real boto3,
so what they check is what a bucket would answer: objects, cache headers, presigned links.
"""
import io
import urllib.error
import urllib.request

import pytest
from click.testing import CliRunner

from shop.models import Certification, ProductImage
from shop.models.statuses import Role
from shop.services.media.storage import LocalStorage, S3Storage, StorageError, media_store
from tests.factories import (
    DEFAULT_PASSWORD,
    PDF,
    make_certification,
    make_producer_owner,
    make_product,
    make_user,
    picture_bytes,
)
from tests.s3_server import public_pictures_policy, s3_client


def _fetch(url):
    """GET `url` on loopback; return (status, body, headers)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:  # noqa: S310  (a loopback test server)
            return answer.status, answer.read(), answer.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers


@pytest.fixture(params=["local", "s3"])
def store(request, tmp_path):
    """Each back-end of the interface, empty."""
    if request.param == "local":
        return LocalStorage(tmp_path / "media")
    settings = request.getfixturevalue("s3_settings")
    return S3Storage.from_config(settings)


def test_both_stores_keep_read_list_and_delete_files_by_key(store):
    store.check()
    assert store.read("products/none.jpg") is None and not store.exists("products/none.jpg")
    store.put("products/a.jpg", b"picture", "image/jpeg")
    store.put("certificates/b.pdf", PDF, "application/pdf")
    assert store.exists("products/a.jpg") and store.read("products/a.jpg") == b"picture"
    assert sorted(store.keys()) == ["certificates/b.pdf", "products/a.jpg"]
    store.delete("products/a.jpg")
    store.delete("products/a.jpg")  # a missing file is fine
    assert not store.exists("products/a.jpg") and list(store.keys()) == ["certificates/b.pdf"]


def test_the_local_store_refuses_keys_that_leave_its_folder(tmp_path):
    store = LocalStorage(tmp_path / "media")
    with pytest.raises(StorageError):
        store.put("../outside.jpg", b"x")
    assert store.read("../../etc/passwd") is None and not (tmp_path / "outside.jpg").exists()


def test_a_bucket_that_does_not_answer_fails_the_check_with_a_storage_error(s3_settings):
    missing = S3Storage.from_config({**s3_settings, "S3_BUCKET": "no-such-bucket"})
    with pytest.raises(StorageError):
        missing.check()
    closed = S3Storage.from_config({**s3_settings, "S3_ENDPOINT_URL": "http://127.0.0.1:9"})
    with pytest.raises(StorageError):
        closed.check()


@pytest.fixture
def s3_shop(make_app, s3_settings, db):
    """The shop on the test database with its media in a fresh bucket."""
    return make_app(**s3_settings)


def _sign_in(client, user):
    answer = client.post("/auth/login", data={"email": user.email, "password": DEFAULT_PASSWORD})
    assert answer.status_code == 302


def test_a_photo_uploaded_on_s3_is_stored_in_the_bucket_and_served_with_a_long_cache(s3_shop, s3_settings, db):
    user, producer = make_producer_owner()
    product = make_product(producer, slug="cha-muc")
    db.session.commit()
    client = s3_shop.test_client()
    _sign_in(client, user)
    answer = client.post(f"/producer/products/{product.id}/photos",
                         data={"photo": (io.BytesIO(picture_bytes("PNG")), "a.png")})
    assert answer.status_code == 302
    image = db.session.query(ProductImage).one()
    objects = s3_client(s3_settings["S3_ENDPOINT_URL"]).list_objects_v2(Bucket=s3_settings["S3_BUCKET"])
    assert sorted(entry["Key"] for entry in objects["Contents"]) == sorted([image.filename, image.thumb_filename])
    head = s3_client(s3_settings["S3_ENDPOINT_URL"]).head_object(Bucket=s3_settings["S3_BUCKET"], Key=image.filename)
    assert head["ContentType"] == "image/jpeg" and "immutable" in head["CacheControl"]

    page = client.get("/products/cha-muc").get_data(as_text=True)
    assert f'src="/media/{image.filename}"' in page
    served = client.get(f"/media/{image.filename}")
    assert served.status_code == 200 and served.data[:3] == b"\xff\xd8\xff"
    assert served.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    again = client.get(f"/media/{image.filename}", headers={"If-None-Match": served.headers["ETag"]})
    assert again.status_code == 304
    assert client.get("/media/products/missing.jpg").status_code == 404


def test_with_a_public_base_url_pictures_are_linked_at_the_store_and_allowed_by_the_policy(make_app, s3_settings, db):
    base = f"{s3_settings['S3_ENDPOINT_URL']}/{s3_settings['S3_BUCKET']}"
    s3_client(s3_settings["S3_ENDPOINT_URL"]).put_bucket_policy(
        Bucket=s3_settings["S3_BUCKET"], Policy=public_pictures_policy(s3_settings["S3_BUCKET"]))
    shop = make_app(**s3_settings, MEDIA_BASE_URL=base)
    _user, producer = make_producer_owner()
    product = make_product(producer, slug="tra-hoa-vang")
    with shop.app_context():
        media_store().put("products/tea.jpg", picture_bytes("JPEG"), "image/jpeg")
    db.session.add(ProductImage(product=product, filename="products/tea.jpg", thumb_filename="products/tea.jpg",
                                width=10, height=10, position=0))
    db.session.commit()
    answer = shop.test_client().get("/products/tra-hoa-vang")
    assert f'src="{base}/products/tea.jpg"' in answer.get_data(as_text=True)
    assert f"img-src 'self' data: {s3_settings['S3_ENDPOINT_URL']}" in answer.headers["Content-Security-Policy"]
    status, body, _headers = _fetch(f"{base}/products/tea.jpg")
    assert status == 200 and body[:3] == b"\xff\xd8\xff"
    with shop.app_context():
        media_store().put("certificates/secret.pdf", PDF, "application/pdf")
    assert _fetch(f"{base}/certificates/secret.pdf")[0] == 403  # the policy opens the pictures only


@pytest.fixture
def scan_world(db):
    """Producer A's certification with a PDF scan, producer B, a customer and an administrator."""
    owner, producer = make_producer_owner(name="HTX A", slug="htx-a")
    other, _producer_b = make_producer_owner(name="HTX B", slug="htx-b")
    product = make_product(producer)
    cert = make_certification(product, stars=None, scan_filename="certificates/scan-a.pdf")
    users = {"owner": owner, "other": other, "customer": make_user(), "admin": make_user(role=Role.ADMIN)}
    db.session.commit()
    return cert, users


def test_on_s3_a_scan_is_private_and_handed_only_to_those_allowed_through_a_short_lived_link(
        s3_shop, scan_world):
    cert, users = scan_world
    with s3_shop.app_context():
        media_store().put(cert.scan_filename, PDF, "application/pdf")
    for who, expected in (("owner", 302), ("admin", 302), ("other", 404), ("customer", 404)):
        client = s3_shop.test_client()
        _sign_in(client, users[who])
        answer = client.get(f"/certificates/{cert.id}/scan")
        assert answer.status_code == expected, who
        if expected == 302:
            assert answer.headers["Cache-Control"] == "private, no-store"
            status, body, _headers = _fetch(answer.headers["Location"])
            assert (status, body) == (200, PDF)
            assert "X-Amz-Expires=300" in answer.headers["Location"]
    assert s3_shop.test_client().get(f"/media/{cert.scan_filename}").status_code == 404
    status, _body, _headers = _fetch(f"{s3_shop.config['S3_ENDPOINT_URL']}/{s3_shop.config['S3_BUCKET']}/"
                                     f"{cert.scan_filename}")
    assert status == 403  # the bucket itself does not hand it out without a signature


def test_in_the_local_folder_a_scan_is_streamed_to_those_allowed_and_never_public(app, client, scan_world):
    cert, users = scan_world
    with app.app_context():
        media_store().put(cert.scan_filename, PDF, "application/pdf")
    assert client.get(f"/media/{cert.scan_filename}").status_code == 404
    assert client.get(f"/certificates/{cert.id}/scan").status_code == 302  # to the log-in page
    _sign_in(client, users["owner"])
    answer = client.get(f"/certificates/{cert.id}/scan")
    assert (answer.status_code, answer.data, answer.mimetype) == (200, PDF, "application/pdf")
    assert answer.headers["Cache-Control"] == "private, no-store"
    assert client.get("/certificates/999999/scan").status_code == 404


def test_copy_media_to_s3_copies_the_local_folder_once(make_app, s3_settings, tmp_path, db):
    local = LocalStorage(tmp_path / "media")
    local.put("products/a.jpg", b"a")
    local.put("products/a-thumb.jpg", b"thumb")
    local.put("certificates/c.pdf", PDF)
    shop = make_app(**{**s3_settings, "MEDIA_STORAGE": "local"}, MEDIA_FOLDER=str(tmp_path / "media"))
    runner = CliRunner()
    with shop.app_context():
        command = shop.cli.get_command(None, "copy-media-to-s3")
        first = runner.invoke(command, obj=None)
        second = runner.invoke(command, obj=None)
    assert "3 file(s) copied" in first.output and "0 file(s) copied" in second.output, first.output
    assert "3 already there" in second.output
    bucket = S3Storage.from_config(s3_settings)
    assert sorted(bucket.keys()) == ["certificates/c.pdf", "products/a-thumb.jpg", "products/a.jpg"]
    assert bucket.read("certificates/c.pdf") == PDF


def test_a_certificate_sent_through_the_portal_lands_in_the_bucket(s3_shop, s3_settings, db):
    user, producer = make_producer_owner()
    product = make_product(producer)
    db.session.commit()
    client = s3_shop.test_client()
    _sign_in(client, user)
    answer = client.post("/producer/certification", data={
        "product_id": str(product.id), "decision_number": "12/QĐ-UBND", "decision_date": "2026-01-05",
        "scan": (io.BytesIO(PDF), "scan.pdf")})
    assert answer.status_code == 302
    cert = db.session.query(Certification).one()
    head = s3_client(s3_settings["S3_ENDPOINT_URL"]).head_object(Bucket=s3_settings["S3_BUCKET"],
                                                                  Key=cert.scan_filename)
    assert head["ContentType"] == "application/pdf" and head["CacheControl"] == "private, no-store"
