"""Information pages: the office writes the contact, shipping, returns, privacy and terms pages per language."""
from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from shop.admin import bp
from shop.admin.forms import InfoPageForm
from shop.i18n import CONTENT_LANGUAGES
from shop.models.statuses import InfoPageKind
from shop.services.pages import texts as pages
from shop.services.pages.defaults import default_body
from shop.web.feedback import reporting
from shop.web.languages import LANGUAGE_NAMES

KINDS = "any(" + ", ".join(InfoPageKind.values()) + ")"


@bp.get("/pages")
def pages_list():
    return render_template("admin/pages.html", section="pages", written=pages.written_languages(),
                           languages=CONTENT_LANGUAGES)


@bp.route(f"/pages/<{KINDS}:kind>", methods=["GET", "POST"])
def edit_page(kind):
    kind = InfoPageKind(kind)
    form_class = InfoPageForm.for_languages(CONTENT_LANGUAGES)
    if form_class().is_submitted():
        form = form_class()
    else:
        rows = pages.office_texts(kind)
        form = form_class(data={f"{part}_{code}": getattr(rows[code], part)
                                for code in rows for part in ("title", "body")})
    status = 200
    if form.validate_on_submit():
        with reporting(form) as outcome:
            pages.save_texts(kind, form.texts(CONTENT_LANGUAGES), current_user)
            flash(_("The page “%(page)s” is saved.", page=kind.office_label), "success")
            return redirect(url_for(".edit_page", kind=kind.value))
        status = outcome.status
    elif form.is_submitted():
        status = 400
    return render_template("admin/page_form.html", section="pages", kind=kind, form=form,
                           languages=[(code, LANGUAGE_NAMES[code]) for code in CONTENT_LANGUAGES],
                           default_title=kind.customer_label, default_body=default_body(kind)), status
