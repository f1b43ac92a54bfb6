"""Check uploads before anything is stored: pictures (JPEG, PNG, WebP) and PDF certificate scans.

A PDF is parsed (pypdf): its cross-reference table, trailer and every page must be read, it must
not be encrypted, and it may carry nothing that runs or hides a file when opened (JavaScript,
launch actions, embedded files): a file that only starts with `%PDF-` is refused.

A picture is opened with Pillow twice: once to `verify()` its structure, then again to
decode every pixel, so a truncated or forged file is refused here rather than half-stored.
Pillow's own pixel limit, with its warning turned into an error, refuses a decompression
bomb (a tiny file that claims billions of pixels) before any pixel is decoded.
"""
import io
import logging
import warnings

from flask import current_app
from flask_babel import gettext as _
from PIL import Image, ImageOps
from pypdf import PdfReader

from shop.errors import InvalidInput

PICTURE_FORMATS = ("JPEG", "PNG", "WEBP")
# 40 megapixels: more than any phone camera takes, far less than a decompression bomb claims.
MAX_IMAGE_PIXELS = 40_000_000
Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
PDF_MAGIC = b"%PDF-"
MAX_PDF_PAGES = 50  # a decision and its annexes; far more is not a certificate scan
# Names in a PDF's catalogue, a page or an annotation that make a reader run or open something.
ACTIVE_PDF_NAMES = ("/JavaScript", "/JS", "/Launch", "/EmbeddedFile", "/EmbeddedFiles", "/OpenAction", "/AA",
                    "/RichMedia", "/XFA", "/SubmitForm", "/ImportData")


def max_upload_bytes():
    """Return the largest file accepted (MAX_IMAGE_BYTES, 5 MB by default)."""
    return current_app.config["MAX_IMAGE_BYTES"]


def read_upload(stream):
    """Return the bytes of an uploaded file; refuse an empty one or one over the size limit."""
    limit = max_upload_bytes()
    data = stream.read(limit + 1)
    if not data:
        raise InvalidInput(_("The file is empty."))
    if len(data) > limit:
        raise InvalidInput(_("The file is larger than %(mb)d MB.", mb=limit // (1024 * 1024)))
    return data


def open_picture(data):
    """Return a decoded, upright RGB picture from `data`; refuse anything but a sound JPEG, PNG or WebP."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data), formats=PICTURE_FORMATS) as probe:
                probe.verify()
            image = Image.open(io.BytesIO(data), formats=PICTURE_FORMATS)
            image.load()
            image = ImageOps.exif_transpose(image)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise InvalidInput(_("This picture has too many pixels (at most %(n)d megapixels).",
                                 n=MAX_IMAGE_PIXELS // 1_000_000)) from None
        except Exception:  # Pillow raises many kinds of error for a file that is not a sound picture
            raise InvalidInput(_("This file is not a JPEG, PNG or WebP picture.")) from None
    return _flatten(image)


def read_picture(stream):
    """Read an uploaded picture from `stream` and return it decoded (see `open_picture`)."""
    return open_picture(read_upload(stream))


def is_pdf(data):
    """Whether `data` starts like a PDF document (it still has to pass `check_pdf`)."""
    return data.startswith(PDF_MAGIC)


def check_pdf(data):
    """Refuse (InvalidInput) anything but a sound, unencrypted, passive PDF of at most MAX_PDF_PAGES pages."""
    try:
        with _quiet_pypdf():
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                raise InvalidInput(_("The PDF is protected by a password: send it without one."), field="scan")
            if not 0 < len(reader.pages) <= MAX_PDF_PAGES:
                raise InvalidInput(_("The PDF must have from 1 to %(n)d pages.", n=MAX_PDF_PAGES), field="scan")
            active = _is_active(reader)
    except InvalidInput:
        raise
    except Exception:  # pypdf raises many kinds of error (and Python's own) for a file that is not a sound PDF
        raise InvalidInput(_("This file is not a readable PDF document."), field="scan") from None
    if active:
        raise InvalidInput(_("The PDF carries scripts or attached files: send a plain scan."), field="scan")


def _is_active(reader):
    """Whether the catalogue, its name tree, a page or an annotation names something a reader would run."""
    root = reader.trailer["/Root"].get_object()
    objects = [root, *reader.pages]
    if "/Names" in root:
        objects.append(root["/Names"].get_object())
    for page in reader.pages:
        annotations = page.get("/Annots")
        objects += [each.get_object() for each in annotations.get_object()] if annotations is not None else []
    return any(name in obj for obj in objects for name in ACTIVE_PDF_NAMES)


class _quiet_pypdf:
    """Keep pypdf's warnings about a damaged file out of the shop's logs while it is checked."""

    def __enter__(self):
        self.logger = logging.getLogger("pypdf")
        self.level = self.logger.level
        self.logger.setLevel(logging.ERROR)

    def __exit__(self, *exc):
        self.logger.setLevel(self.level)


def _flatten(image):
    """Return `image` in RGB, with transparent parts laid on white (not black) before JPEG re-encoding."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")
