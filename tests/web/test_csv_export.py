"""The one CSV writer: a byte-order mark, a header, and no cell a spreadsheet could run as a formula."""
import pytest

from shop.web.csv_export import csv_chunks, csv_response, safe_cell


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_text_starting_like_a_formula_gets_an_apostrophe(start):
    assert safe_cell(start + "SUM(A1:A9)") == "'" + start + "SUM(A1:A9)"


def test_other_cells_pass_unchanged():
    assert [safe_cell(v) for v in ("Trà hoa vàng", "a=b", -5, 0, None, "")] == ["Trà hoa vàng", "a=b", -5, 0, None, ""]


def test_a_list_is_answered_whole_and_an_iterator_streamed(app):
    with app.test_request_context():
        whole = csv_response("a.csv", ["Name"], [["=1+1"], ["Chả mực"]])
        streamed = csv_response("b.csv", ["Name"], iter([["=1+1"], ["Chả mực"]]))
        assert not whole.is_streamed and streamed.is_streamed
        assert whole.get_data() == streamed.get_data() == "\ufeffName\r\n'=1+1\r\nChả mực\r\n".encode()
        assert whole.headers["Content-Type"] == "text/csv; charset=utf-8"
        assert whole.headers["Content-Disposition"] == 'attachment; filename="a.csv"'


def test_rows_come_in_chunks():
    chunks = list(csv_chunks(["n"], ([i] for i in range(450))))
    assert chunks[0] == "\ufeffn\r\n" and len(chunks) == 4  # header, 200, 200, 50


def test_every_export_goes_through_the_one_writer():
    """No module of the shop writes CSV but shop.web.csv_export (the demo loader only reads its data files)."""
    import re
    from pathlib import Path

    shop = Path(__file__).resolve().parents[2] / "shop"
    writers = sorted(str(path.relative_to(shop)) for path in shop.rglob("*.py")
                     if re.search(r"^import csv\b|^from csv |text/csv", path.read_text(), re.M)
                     and path.name != "csv_export.py" and "demo" not in path.parts)
    assert writers == []
