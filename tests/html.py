"""Read what a page shows the user: elements and table cells, parsed (never substrings of the whole HTML).

The whole page holds a random CSRF token, hints and attributes: `"S1" in page` may hold by accident. These
helpers read the text of the elements that show a fact.
"""
from bs4 import BeautifulSoup


def parse(page):
    """A parsed page from a response, bytes or text."""
    if hasattr(page, "get_data"):
        page = page.get_data(as_text=True)
    return BeautifulSoup(page, "html.parser")


def text(element):
    """The visible text of `element`, whitespace folded."""
    return " ".join(element.get_text(" ").split()) if element is not None else None


def texts(page, selector):
    """The text of every element matching the CSS `selector`."""
    return [text(element) for element in parse(page).select(selector)]


def table_rows(page, selector="table"):
    """The body rows of the first table matching `selector`, as {column heading: cell text}."""
    table = parse(page).select_one(selector)
    assert table is not None, f"no table {selector!r} on the page"
    headings = [text(th) for th in table.select("thead th")]
    body = table.select("tbody tr")
    return [dict(zip(headings, (text(cell) for cell in row.find_all(["td", "th"])), strict=False)) for row in body]


def column(page, heading, selector="table"):
    """The cells of one column (by its heading) of the first table matching `selector`."""
    return [row.get(heading) for row in table_rows(page, selector)]


def flashes(page):
    """The flash messages shown at the top of the page."""
    return texts(page, ".flash")
