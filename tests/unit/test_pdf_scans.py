"""Certificate scans sent as PDF are parsed, not trusted for their first five bytes."""
import io

import pytest

from shop.errors import InvalidInput
from shop.models import Certification
from shop.services.catalog import products as listings
from shop.services.localtime import local_today
from shop.services.media.uploads import MAX_PDF_PAGES, check_pdf
from tests.factories import PDF, make_producer_owner, make_product, pdf_bytes

NOT_PDFS = {
    "header only": b"%PDF-1.4 scan",
    "header and an empty object": b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n",
    "HTML behind a PDF header": b"%PDF-1.7\n<html><script>alert(document.cookie)</script></html>\n%%EOF\n",
    "a truncated PDF": PDF[: len(PDF) // 2],
    "a PDF without its end": PDF[:-30],
}


def test_a_sound_pdf_passes(app):
    with app.app_context():
        check_pdf(PDF)
        check_pdf(pdf_bytes(pages=MAX_PDF_PAGES))


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize("data", NOT_PDFS.values(), ids=NOT_PDFS.keys())
def test_a_file_that_only_starts_like_a_pdf_is_refused(app, data):
    assert data.startswith(b"%PDF-")
    with app.app_context(), pytest.raises(InvalidInput) as error:
        check_pdf(data)
    assert (error.value.field, error.value.message) == ("scan", "This file is not a readable PDF document.")


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize("data, message", [
    (pdf_bytes(javascript="app.alert('hello');"), "The PDF carries scripts or attached files: send a plain scan."),
    (pdf_bytes(attachment=("run.exe", b"MZ...")), "The PDF carries scripts or attached files: send a plain scan."),
    (pdf_bytes(password="secret"), "The PDF is protected by a password: send it without one."),
    (pdf_bytes(pages=MAX_PDF_PAGES + 1), f"The PDF must have from 1 to {MAX_PDF_PAGES} pages."),
    (pdf_bytes(pages=0), f"The PDF must have from 1 to {MAX_PDF_PAGES} pages."),
], ids=["javascript", "attachment", "password", "too many pages", "no page"])
def test_a_pdf_that_runs_hides_or_locks_something_is_refused(app, data, message):
    with app.app_context(), pytest.raises(InvalidInput) as error:
        check_pdf(data)
    assert error.value.message == message


@pytest.mark.parametrize("data", [NOT_PDFS["HTML behind a PDF header"], pdf_bytes(javascript="app.alert(1);")],
                         ids=["polyglot", "javascript"])
def test_the_portal_stores_nothing_for_a_refused_pdf(app, db, data):
    user, producer = make_producer_owner()
    product = make_product(producer)
    db.session.commit()
    before = sorted(_stored_files(app))
    with pytest.raises(InvalidInput) as error:
        listings.submit_certification(producer, product.id, "1/QĐ-UBND", local_today(), io.BytesIO(data), user)
    assert error.value.field == "scan"
    assert db.session.query(Certification).count() == 0
    assert sorted(_stored_files(app)) == before


def _stored_files(app):
    from shop.services.media.storage import media_store

    with app.app_context():
        return list(media_store().keys())
