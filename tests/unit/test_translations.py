"""The committed catalogues are complete and honest: every message translated, checked, placeholders kept."""
import functools
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "shop" / "translations"
CATALOGUES = sorted(TRANSLATIONS.glob("*/LC_MESSAGES/*.po"))
# Catalogues whose every message must be translated. The shop's own messages in Chinese and Korean
# are being translated: until then an untranslated message shows its English id, and the pages
# test (tests/web/test_languages.py) fails only where a translated message shows in English.
# Add "zh/messages.po" and "ko/messages.po" here once they are complete.
COMPLETE = {"vi/messages.po", "vi/wtforms.po", "zh/wtforms.po", "ko/wtforms.po"}


def catalogue_name(path):
    return f"{path.parts[-3]}/{path.name}"
# A printf-style placeholder: %(name)s, %(n)d, %s…; "%%" is a literal percent sign.
PLACEHOLDER = re.compile(r"%(?:\((\w+)\))?[-#0 +]*\d*(?:\.\d+)?([sdifr])|%%")


def placeholders(text):
    """Return the placeholders of `text` as a sorted list of (name, conversion) pairs."""
    return sorted(match.groups() for match in PLACEHOLDER.finditer(text) if match.group(0) != "%%")


def load(path):
    with open(path, "rb") as handle:
        return read_po(handle)


def messages(catalog):
    """Yield each message of `catalog` but the header, with its msgids and msgstrs as tuples."""
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        yield message, ids, strings


def test_there_are_catalogues_for_the_shop_and_its_forms_in_every_language():
    names = {catalogue_name(path) for path in CATALOGUES}
    assert {f"{lang}/{name}" for lang in ("vi", "zh", "ko") for name in ("messages.po", "wtforms.po")} <= names
    assert COMPLETE <= names


@pytest.mark.parametrize("path", CATALOGUES, ids=catalogue_name)
def test_every_message_is_translated_and_checked(path):
    catalog = load(path)
    untranslated = [ids[0] for _message, ids, strings in messages(catalog) if not all(s.strip() for s in strings)]
    fuzzy = [ids[0] for message, ids, _strings in messages(catalog) if message.fuzzy]
    assert not fuzzy, f"{len(fuzzy)} fuzzy in {path.name}: {fuzzy[:10]}"
    if catalogue_name(path) in COMPLETE:
        assert not untranslated, f"{len(untranslated)} untranslated in {path.name}: {untranslated[:10]}"


@pytest.mark.parametrize("path", CATALOGUES, ids=catalogue_name)
def test_translations_keep_the_placeholders_of_their_message(path):
    catalog = load(path)
    wrong = []
    for message, ids, strings in messages(catalog):
        if "python-format" not in message.flags and not any(placeholders(i) for i in ids):
            continue
        # Every form is read against the plural msgid, which names every value (a singular may not).
        expected = placeholders(ids[-1])
        for string in strings:
            if string and placeholders(string) != expected:
                wrong.append((ids[0], string))
    assert not wrong, wrong
    assert not [error for _message, errors in catalog.check() for error in errors]


@pytest.mark.parametrize("path", [p for p in CATALOGUES if p.parts[-3] in ("vi", "zh", "ko")], ids=catalogue_name)
def test_vietnamese_chinese_and_korean_have_a_single_plural_form(path):
    catalog = load(path)
    assert catalog.num_plurals == 1 and catalog.plural_expr == "0"
    assert all(len(strings) == 1 for _message, ids, strings in messages(catalog) if len(ids) == 2)


def test_placeholders_are_read_by_name_and_conversion():
    assert placeholders("Only %(n)d of %(name)s, 100%%") == [("n", "d"), ("name", "s")]
    assert placeholders("%(n)d sản phẩm") != placeholders("%(n)s sản phẩm")
    assert placeholders("Invalid field name '%s'.") == [(None, "s")]


# --- Everything a customer meets, in Chinese and Korean ------------------------------------------

STOREFRONT_LANGUAGES = ("zh", "ko")
# The templates of the portal and the back office, and the e-mails to producers and the office.
STAFF_TEMPLATES = ("admin/", "producer/", "email/new_order_producer", "email/certification_reminder",
                   "email/producer_")
# The modules whose messages a customer reads: the storefront's blueprints and web plumbing, the
# statuses and methods shown on order pages, and the services the cart, checkout, payments and
# accounts answer with.
STOREFRONT_MODULES = (
    "shop/__init__.py", "shop/auth/", "shop/cart/", "shop/catalog/", "shop/checkout/", "shop/account/",
    "shop/main/", "shop/web/", "shop/models/statuses.py", "shop/services/orders/cart.py",
    "shop/services/orders/contact.py", "shop/services/orders/placing.py", "shop/services/orders/access.py",
    "shop/services/orders/finding.py", "shop/services/orders/mail.py", "shop/services/payments/",
    "shop/services/accounts/registration.py", "shop/services/accounts/users.py", "shop/services/stock.py",
    "shop/services/certification/rules.py", "shop/services/traceability/links.py",
)
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None,
            "lazy_ngettext": (1, 2), "N_": None}


def storefront_files():
    """Return (extraction method, path) of every template and module with messages a customer reads."""
    templates = ROOT / "templates"
    for path in sorted(templates.rglob("*")):
        name = path.relative_to(templates).as_posix()
        if path.suffix in (".html", ".txt") and not name.startswith(STAFF_TEMPLATES):
            yield "jinja2", path
    for path in sorted((ROOT / "shop").rglob("*.py")):
        if path.relative_to(ROOT).as_posix().startswith(STOREFRONT_MODULES):
            yield "python", path


@functools.cache
def storefront_messages():
    """Return {msgid (the singular of a plural): where it is used} for every message a customer reads."""
    found = {}
    for method, path in storefront_files():
        for line, message, _comments, _context in extract_from_file(method, path, keywords=KEYWORDS):
            msgid = message[0] if isinstance(message, tuple) else message
            if msgid:
                found.setdefault(msgid, f"{path.relative_to(ROOT)}:{line}")
    return found


def test_the_storefront_messages_are_found_in_templates_modules_and_e_mails():
    found = storefront_messages()
    assert "Add to cart" in found and "Place order" in found  # templates
    assert "Follow your order:" in found  # a customer's e-mail
    assert "Enter your name." in found and "Cash on delivery" in found  # services and statuses
    assert "Only %(num)d left" in found  # a plural, by its singular
    assert not any(where.startswith(("templates/admin/", "templates/producer/")) for where in found.values())


@pytest.mark.parametrize("lang", STOREFRONT_LANGUAGES)
def test_every_message_a_customer_reads_is_translated_with_its_placeholders(lang):
    catalog = load(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po")
    missing, wrong = [], []
    for msgid, where in storefront_messages().items():
        message = catalog.get(msgid)
        strings = () if message is None else message.string
        strings = strings if isinstance(strings, tuple) else (strings,)
        if not strings or not all(s.strip() for s in strings):
            missing.append(f"{where}: {msgid}")
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        if any(placeholders(s) != placeholders(ids[-1]) for s in strings):
            wrong.append((msgid, strings))
    assert not missing, f"{len(missing)} storefront messages not in {lang}: {missing[:10]}"
    assert not wrong, wrong


def entries(path):
    """Return the (msgctxt, msgid) of each live entry, as written, and the count of its singular msgstr lines."""
    keys, msgstrs, context, current = [], 0, None, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("msgctxt "):
            context = line
        elif line.startswith("msgid "):
            current = line[len("msgid "):]
        elif line.startswith('"') and current is not None:
            current += line  # a msgid continued on the next lines
        elif current is not None:
            keys.append((context, current))
            context = current = None
        msgstrs += line.startswith("msgstr ")
    return keys, msgstrs


@pytest.mark.parametrize("path", CATALOGUES, ids=catalogue_name)
def test_gettext_reads_the_catalogue_as_it_is_written(path):
    """What `msgfmt -c` refuses and Babel lets pass: a message defined twice, a translation with no message."""
    keys, msgstrs = entries(path)
    twice = {key for key in keys if keys.count(key) > 1}
    assert twice == set()
    plurals = path.read_text(encoding="utf-8").count("\nmsgid_plural ")
    assert msgstrs == len(keys) - plurals  # a plural entry's translations are msgstr[n]
