"""The one CSV writer of every export (office reports, a producer's sales).

UTF-8 with a byte-order mark, so that spreadsheet programs read Vietnamese names right, and
no cell that a spreadsheet could run as a formula: a text cell starting with =, +, -, @, a tab
or a carriage return gets an apostrophe in front ("=HYPERLINK(…)" becomes "'=HYPERLINK(…)").
"""
import csv
import io

from flask import Response, stream_with_context

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ROWS_PER_CHUNK = 200  # a streamed export sends this many rows at a time


def safe_cell(value):
    """Return `value`, with an apostrophe in front when it is text a spreadsheet could run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_chunks(header, rows):
    """Yield the CSV text of `header` and `rows`: the byte-order mark and the header first, then rows in chunks."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([safe_cell(value) for value in header])
    yield "\ufeff" + _drain(buffer)
    for count, row in enumerate(rows, start=1):
        writer.writerow([safe_cell(value) for value in row])
        if count % ROWS_PER_CHUNK == 0:
            yield _drain(buffer)
    yield _drain(buffer)


def csv_response(filename, header, rows):
    """Answer with a CSV attachment of `header` and `rows`; rows given as an iterator are streamed."""
    chunks = csv_chunks(header, rows)
    body = "".join(chunks) if isinstance(rows, list | tuple) else stream_with_context(chunks)
    return Response(body, mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def _drain(buffer):
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text
