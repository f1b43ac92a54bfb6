"""What each information page says: the office's text in the visitor's language, else in English, else in
Vietnamese (as every content translation of the shop falls back), else the shop's own (`defaults`)."""
from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select

from shop.errors import InvalidInput
from shop.extensions import db
from shop.i18n import CONTENT_LANGUAGES
from shop.models import InfoPage
from shop.models.info_page import BODY_MAX, TITLE_MAX
from shop.models.statuses import InfoPageKind
from shop.services.audit import record_audit
from shop.services.pages.defaults import default_body
from shop.services.transaction import commits


@dataclass(frozen=True)
class PageText:
    """One page as a visitor reads it; `updated_at` is None for the shop's own text."""

    kind: InfoPageKind
    title: str
    body: str
    updated_at: datetime | None = None


def page_text(kind, locale):
    """Return the page `kind` for a visitor reading `locale`. Reads only."""
    kind = InfoPageKind(kind)
    rows = {row.locale: row for row in _rows(kind)}
    for code in (locale, "en", "vi"):
        row = rows.get(code)
        if row is not None:
            return PageText(kind, row.title, row.body, row.updated_at)
    return PageText(kind, str(kind.customer_label), default_body(kind))


def office_texts(kind):
    """Return {language: InfoPage} of the office's texts of `kind` (the back office's form). Reads only."""
    return {row.locale: row for row in _rows(InfoPageKind(kind))}


def written_languages():
    """Return {kind: [languages the office wrote]} for the back office's list. Reads only."""
    written = {kind: [] for kind in InfoPageKind}
    for kind, locale in db.session.execute(select(InfoPage.kind, InfoPage.locale).order_by(InfoPage.locale)):
        written[InfoPageKind(kind)].append(locale)
    return written


@commits
def save_texts(kind, texts, actor):
    """Store the office's texts of page `kind`: {language: (title, body)}; an empty title and body remove that
    language's text (the page falls back again). A language with only one of the two is refused, nothing
    changes. Audited. Commits."""
    kind = InfoPageKind(kind)
    rows = office_texts(kind)
    for locale in CONTENT_LANGUAGES:
        title, body = (part.strip() for part in texts.get(locale, ("", "")))
        _check(locale, title, body)
        row = rows.get(locale)
        if not title and row is not None:
            record_audit(actor, "info_page.remove", row, before={"title": row.title}, note=f"{kind.value} {locale}")
            db.session.delete(row)
        elif title and row is None:
            row = InfoPage(kind=kind.value, locale=locale, title=title, body=body, updated_by_id=actor.id)
            db.session.add(row)
            db.session.flush()
            record_audit(actor, "info_page.write", row, after={"title": title}, note=f"{kind.value} {locale}")
        elif title and (row.title, row.body) != (title, body):
            record_audit(actor, "info_page.write", row, before={"title": row.title}, after={"title": title},
                         note=f"{kind.value} {locale}")
            row.title, row.body, row.updated_by_id = title, body, actor.id


def _check(locale, title, body):
    if bool(title) != bool(body):
        field = f"body_{locale}" if title else f"title_{locale}"
        raise InvalidInput(_("Give both a title and a text, or leave both empty to show the shop's own."),
                           field=field)
    if len(title) > TITLE_MAX:
        raise InvalidInput(_("At most %(n)d characters.", n=TITLE_MAX), field=f"title_{locale}")
    if len(body) > BODY_MAX:
        raise InvalidInput(_("At most %(n)d characters.", n=BODY_MAX), field=f"body_{locale}")


def _rows(kind):
    return db.session.scalars(select(InfoPage).where(InfoPage.kind == kind.value)).all()
