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
