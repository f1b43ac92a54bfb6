import io
import struct
import zlib

import pytest
from PIL import Image

from shop.errors import InvalidInput
from shop.services.media.storage import store_picture
from shop.services.media.uploads import MAX_IMAGE_PIXELS, is_pdf, open_picture, read_picture, read_upload
from tests.factories import picture_bytes


def exif_with_secrets():
    exif = Image.Exif()
    exif[0x010F] = "SpyCam"  # Make
    exif[0x0131] = "Secret editor 1.0"  # Software
    exif[0x010E] = "Nhà riêng ở Hạ Long"  # ImageDescription
    return exif


def bomb_png(width=100_000, height=100_000):
    """A valid little PNG whose header claims `width` × `height` pixels."""
    data = bytearray(picture_bytes("PNG", size=(1, 1)))
    header = b"IHDR" + struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:29] = header[4:]
    data[29:33] = struct.pack(">I", zlib.crc32(header) & 0xFFFFFFFF)
    return bytes(data)


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "WEBP"])
def test_a_good_picture_opens_as_rgb(app, fmt):
    with app.app_context():
        picture = read_picture(io.BytesIO(picture_bytes(fmt, size=(80, 60))))
    assert picture.mode == "RGB" and picture.size == (80, 60)


@pytest.mark.parametrize("fmt", ["JPEG", "WEBP", "PNG"])
def test_metadata_is_gone_after_storing(app, fmt):
    with app.app_context():
        picture = open_picture(picture_bytes(fmt, size=(300, 200), exif=exif_with_secrets()))
        filename, thumb, width, height = store_picture(picture)
        stored = [Image.open(f"{app.config['MEDIA_FOLDER']}/{name}") for name in (filename, thumb)]
    with Image.open(io.BytesIO(picture_bytes(fmt, size=(300, 200), exif=exif_with_secrets()))) as original:
        assert original.getexif().get(0x010F) == "SpyCam"  # the test file really carries EXIF
    for image in stored:
        assert image.format == "JPEG"
        assert not image.getexif() and "exif" not in image.info
    assert (width, height) == (300, 200)


def test_a_sideways_phone_photo_is_turned_upright(app):
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display
    with app.app_context():
        picture = open_picture(picture_bytes("JPEG", size=(40, 20), exif=exif))
    assert picture.size == (20, 40)


def test_transparent_png_is_laid_on_white(app):
    buffer = io.BytesIO()
    Image.new("RGBA", (10, 10), (0, 0, 0, 0)).save(buffer, "PNG")
    with app.app_context():
        picture = open_picture(buffer.getvalue())
    assert picture.getpixel((5, 5)) == (255, 255, 255)


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize("data, message", [
    (b"Just some text, renamed to photo.jpg\n" * 20, "not a JPEG, PNG or WebP"),
    (picture_bytes("GIF"), "not a JPEG, PNG or WebP"),
    (picture_bytes("BMP"), "not a JPEG, PNG or WebP"),
    (picture_bytes("PNG")[:60], "not a JPEG, PNG or WebP"),  # truncated
    (b"", "empty"),
])
def test_files_that_are_not_sound_pictures_are_refused(app, data, message):
    with app.app_context(), pytest.raises(InvalidInput) as error:
        read_picture(io.BytesIO(data))
    assert message in error.value.message


@pytest.mark.usefixtures("english")
def test_a_file_over_the_size_limit_is_refused(app):
    limit = app.config["MAX_IMAGE_BYTES"]
    with app.app_context():
        assert len(read_upload(io.BytesIO(b"x" * limit))) == limit
        with pytest.raises(InvalidInput) as error:
            read_upload(io.BytesIO(b"x" * (limit + 1)))
    assert "larger than 5 MB" in error.value.message


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize("width, height", [(8_000, 6_000), (100_000, 100_000)])
def test_a_decompression_bomb_is_refused_before_decoding(app, width, height):
    assert width * height > MAX_IMAGE_PIXELS
    with app.app_context(), pytest.raises(InvalidInput) as error:
        open_picture(bomb_png(width, height))
    assert "too many pixels" in error.value.message


def test_pdf_is_recognised_by_its_header():
    assert is_pdf(b"%PDF-1.7\n...")
    assert not is_pdf(b"<html>%PDF-1.7")
