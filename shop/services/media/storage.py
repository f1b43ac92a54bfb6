"""Where pictures and scans live: one interface, two back-ends.

`media_store()` is the store of the running shop: a local folder (`MEDIA_FOLDER`, the
embedded default) or an S3-compatible bucket (`MEDIA_STORAGE=s3`). Both keep files by
key (`products/<name>.jpg`, `certificates/<name>.pdf`) and answer the same questions:
`put`, `read`, `exists`, `delete`, `keys`, `public_url`, `signed_url`, `check`.

Files under a private folder (certificate scans) are never public: the shop hands them
only to those allowed, through a short-lived presigned URL on S3 or streamed by the shop
from the local folder. Public pictures are linked at `MEDIA_BASE_URL` when it is set (a
CDN or the bucket's public address), through the shop's `/media/` otherwise.
"""
import io
import mimetypes
import os
import secrets
from contextlib import contextmanager

from flask import current_app
from PIL import Image

from shop.errors import StorageUnavailable
from shop.services.metrics import DEPENDENCY_FAILURES

DISPLAY_SIZE = 1200
THUMB_SIZE = 400
PRIVATE_FOLDERS = ("certificates",)
PUBLIC_CACHE_CONTROL = "public, max-age=31536000, immutable"  # keys are random: a file never changes
SIGNED_URL_SECONDS = 300


class StorageError(Exception):
    """The media store could not be reached or refused the operation."""


def is_private(key):
    """Whether `key` names a private file (a certificate scan), never linked publicly."""
    return key.split("/", 1)[0] in PRIVATE_FOLDERS


def content_type_of(key):
    """Return the media type of a stored file from its name."""
    return mimetypes.guess_type(key)[0] or "application/octet-stream"


class LocalStorage:
    """Files in a folder of this machine (one machine only: the embedded default)."""

    kind = "local"

    def __init__(self, root):
        self.root = os.path.realpath(root)

    def path(self, key):
        """Return the file path of `key` inside the folder, or None for a key that would leave it."""
        path = os.path.realpath(os.path.join(self.root, key))
        return path if key and path.startswith(self.root + os.sep) else None

    def put(self, key, data, content_type=None):
        """Write `data` under `key`."""
        path = self.path(key)
        if path is None:
            raise StorageError(f"bad media key {key!r}")
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as handle:
                handle.write(data)
        except OSError as error:
            if os.path.exists(path):
                os.remove(path)
            raise StorageError(str(error)) from error

    def read(self, key):
        """Return the bytes stored under `key`, or None when there is no such file."""
        path = self.path(key)
        if path is None or not os.path.isfile(path):
            return None
        with open(path, "rb") as handle:
            return handle.read()

    def exists(self, key):
        """Whether a file is stored under `key`."""
        path = self.path(key)
        return path is not None and os.path.isfile(path)

    def delete(self, key):
        """Remove the file under `key` (a missing one is fine)."""
        path = self.path(key)
        if path is not None and os.path.isfile(path):
            os.remove(path)

    def keys(self):
        """Yield every stored key."""
        for folder, _dirs, files in os.walk(self.root):
            for name in files:
                yield os.path.relpath(os.path.join(folder, name), self.root).replace(os.sep, "/")

    def public_url(self, key):
        """A local folder has no address of its own: the shop serves it."""
        return None

    def signed_url(self, key, seconds=SIGNED_URL_SECONDS):
        """A local folder signs nothing: the shop streams private files itself."""
        return None

    def check(self):
        """Raise StorageError unless the folder can be written."""
        try:
            os.makedirs(self.root, exist_ok=True)
        except OSError as error:
            raise StorageError(str(error)) from error
        if not os.access(self.root, os.W_OK):
            raise StorageError(f"{self.root} is not writable")


class S3Storage:
    """Objects in an S3-compatible bucket, shared by every node of the shop."""

    kind = "s3"

    def __init__(self, client, bucket, base_url=""):
        self.client = client
        self.bucket = bucket
        self.base_url = base_url.rstrip("/")

    @classmethod
    def from_config(cls, config):
        """Build the store from the S3_* settings (boto3 is needed only here)."""
        import boto3
        from botocore.config import Config as BotoConfig

        client = boto3.client(
            "s3", endpoint_url=config.get("S3_ENDPOINT_URL") or None, region_name=config.get("S3_REGION") or None,
            aws_access_key_id=config.get("S3_ACCESS_KEY") or None,
            aws_secret_access_key=config.get("S3_SECRET_KEY") or None,
            config=BotoConfig(signature_version="s3v4", connect_timeout=2, read_timeout=10,
                              retries={"max_attempts": 3, "mode": "standard"}),
        )
        return cls(client, config["S3_BUCKET"], config.get("MEDIA_BASE_URL", ""))

    def _call(self, method, **params):
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            return getattr(self.client, method)(Bucket=self.bucket, **params)
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
                return None
            raise StorageError(str(error)) from error
        except BotoCoreError as error:
            raise StorageError(str(error)) from error

    def put(self, key, data, content_type=None):
        """Upload `data` under `key` (private scans get no public cache header)."""
        cache_control = "private, no-store" if is_private(key) else PUBLIC_CACHE_CONTROL
        self._call("put_object", Key=key, Body=data, ContentType=content_type or content_type_of(key),
                   CacheControl=cache_control)

    def read(self, key):
        """Return the bytes stored under `key`, or None when there is no such object."""
        answer = self._call("get_object", Key=key)
        return None if answer is None else answer["Body"].read()

    def exists(self, key):
        """Whether an object is stored under `key`."""
        return self._call("head_object", Key=key) is not None

    def delete(self, key):
        """Remove the object under `key` (a missing one is fine)."""
        self._call("delete_object", Key=key)

    def keys(self):
        """Yield every stored key."""
        paginator = self.client.get_paginator("list_objects_v2")
        for page in paginator.paginate(Bucket=self.bucket):
            for entry in page.get("Contents", []):
                yield entry["Key"]

    def public_url(self, key):
        """Return the public address of a picture at MEDIA_BASE_URL, or None (the shop serves it)."""
        if not self.base_url or is_private(key):
            return None
        return f"{self.base_url}/{key}"

    def signed_url(self, key, seconds=SIGNED_URL_SECONDS):
        """Return a presigned address of `key` that works for `seconds` only."""
        return self.client.generate_presigned_url(
            "get_object", Params={"Bucket": self.bucket, "Key": key}, ExpiresIn=seconds)

    def check(self):
        """Raise StorageError unless the bucket answers."""
        if self._call("head_bucket") is None:
            raise StorageError(f"bucket {self.bucket} does not exist")


def build_store(config):
    """Return the store the settings name: S3 when MEDIA_STORAGE is "s3", the local folder otherwise."""
    if config.get("MEDIA_STORAGE") == "s3":
        return S3Storage.from_config(config)
    return LocalStorage(config["MEDIA_FOLDER"])


def media_store():
    """Return the media store of the running shop (built once per application)."""
    store = current_app.extensions.get("media_store")
    if store is None:
        store = current_app.extensions["media_store"] = build_store(current_app.config)
    return store


def _jpeg_bytes(image, size):
    copy = image.copy()
    copy.thumbnail((size, size), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    copy.save(buffer, "JPEG", quality=85, optimize=True, progressive=True)
    return buffer.getvalue(), copy.size


def store_picture(image, folder="products", basename=None):
    """Re-encode a PIL image as a display JPEG and a thumbnail; return (filename, thumb, width, height).

    Re-encoding from pixels drops every piece of metadata (EXIF, GPS, comments) the
    original carried. Raises StorageError (nothing left behind) when the store refuses.
    """
    basename = basename or secrets.token_hex(8)
    rgb = image.convert("RGB")
    filename, thumb = f"{folder}/{basename}.jpg", f"{folder}/{basename}-thumb.jpg"
    display, (width, height) = _jpeg_bytes(rgb, DISPLAY_SIZE)
    small, _size = _jpeg_bytes(rgb, THUMB_SIZE)
    store = media_store()
    store.put(filename, display, "image/jpeg")
    try:
        store.put(thumb, small, "image/jpeg")
    except StorageError:
        store.delete(filename)
        raise
    return filename, thumb, width, height


def media_exists(filename):
    """Whether a stored file is present in the media store."""
    return media_store().exists(filename)


def store_document(data, folder="certificates", extension="pdf"):
    """Store `data` (an already checked document) under a random name in `folder`; return its key."""
    filename = f"{folder}/{secrets.token_hex(12)}.{extension}"
    media_store().put(filename, data, content_type_of(filename))
    return filename


def remove_media(*filenames):
    """Delete stored files (a missing one is fine: the row that named it is what matters)."""
    store = media_store()
    for filename in filenames:
        if filename:
            store.delete(filename)


@contextmanager
def saved_media(message, field=None):
    """Collect the keys stored in the block (it appends them); keep them only if the block ends well.

    A refusal of the store (read-only, full, unreachable) is logged, counted and raised as
    StorageUnavailable(`message`, `field`); any failure of the block (its commit included) removes
    the files already stored, so that neither an orphan file nor a row naming a missing file is left.
    The transaction goes inside this block; does not commit.
    """
    stored = []
    try:
        yield stored
    except StorageError as error:
        current_app.logger.warning("media store refused a file: %s", error)
        DEPENDENCY_FAILURES.labels("media", "upload").inc()
        _remove_quietly(stored)
        raise StorageUnavailable(message, field=field) from None
    except BaseException:
        _remove_quietly(stored)
        raise


def _remove_quietly(keys):
    """Remove stored files after a failure; a store that refuses this too is logged, not raised."""
    try:
        remove_media(*keys)
    except (StorageError, OSError) as error:
        current_app.logger.warning("media store kept %s after a failed upload: %s", ", ".join(keys), error)


def copy_media(source, target):
    """Copy every file of `source` missing from `target`; return (copied, already there)."""
    copied = present = 0
    for key in source.keys():
        if target.exists(key):
            present += 1
            continue
        target.put(key, source.read(key), content_type_of(key))
        copied += 1
    return copied, present
