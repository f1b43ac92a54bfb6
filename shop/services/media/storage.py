"""Pictures on disk: re-encoded display images and thumbnails under MEDIA_FOLDER."""
import os
import secrets

from flask import current_app
from PIL import Image

DISPLAY_SIZE = 1200
THUMB_SIZE = 400


def _save_jpeg(image, path, size):
    copy = image.copy()
    copy.thumbnail((size, size), Image.Resampling.LANCZOS)
    copy.save(path, "JPEG", quality=85, optimize=True, progressive=True)
    return copy.size


def store_picture(image, folder="products", basename=None):
    """Re-encode a PIL image as a display JPEG and a thumbnail; return (filename, thumb, width, height).

    Re-encoding from pixels drops every piece of metadata (EXIF, GPS, comments) the
    original carried.
    """
    basename = basename or secrets.token_hex(8)
    directory = os.path.join(current_app.config["MEDIA_FOLDER"], folder)
    os.makedirs(directory, exist_ok=True)
    rgb = image.convert("RGB")
    filename, thumb = f"{folder}/{basename}.jpg", f"{folder}/{basename}-thumb.jpg"
    width, height = _save_jpeg(rgb, os.path.join(current_app.config["MEDIA_FOLDER"], filename), DISPLAY_SIZE)
    _save_jpeg(rgb, os.path.join(current_app.config["MEDIA_FOLDER"], thumb), THUMB_SIZE)
    return filename, thumb, width, height


def media_exists(filename):
    """Whether a stored file is present in MEDIA_FOLDER."""
    return os.path.exists(os.path.join(current_app.config["MEDIA_FOLDER"], filename))


def store_document(data, folder="certificates", extension="pdf"):
    """Write `data` (an already checked document) under MEDIA_FOLDER with a random name; return its filename."""
    directory = os.path.join(current_app.config["MEDIA_FOLDER"], folder)
    os.makedirs(directory, exist_ok=True)
    filename = f"{folder}/{secrets.token_hex(12)}.{extension}"
    with open(os.path.join(current_app.config["MEDIA_FOLDER"], filename), "wb") as handle:
        handle.write(data)
    return filename


def remove_media(*filenames):
    """Delete stored files (a missing one is fine: the row that named it is what matters)."""
    root = os.path.realpath(current_app.config["MEDIA_FOLDER"])
    for filename in filenames:
        path = os.path.realpath(os.path.join(root, filename))
        if filename and path.startswith(root + os.sep) and os.path.isfile(path):
            os.remove(path)
