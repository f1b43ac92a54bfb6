"""The committed catalogues are complete and honest: every message translated, checked, placeholders kept."""
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

TRANSLATIONS = Path(__file__).resolve().parents[2] / "shop" / "translations"
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
