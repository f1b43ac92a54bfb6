"""Home page, health and readiness checks, metrics, language switch and uploaded media."""
from flask import abort, current_app, jsonify, redirect, render_template, request, session
from flask_login import current_user, login_required

from shop.i18n import CONTENT_LANGUAGES, current_locale
from shop.main import bp
from shop.models.statuses import InfoPageKind
from shop.services.accounts.users import set_locale
from shop.services.catalog import listing as catalog
from shop.services.certification.scans import scan_key_for
from shop.services.health import database_answers, readiness
from shop.services.orders.estimate import delivery_terms
from shop.services.pages.texts import page_text
from shop.web.language_offer import DECLINED, remember_answer
from shop.web.languages import in_language
from shop.web.media import private_media_response, public_media_response
from shop.web.metrics import metrics_response
from shop.web.page_cache import cached_page
from shop.web.security import is_safe_next, redirect_next

HOME_FEATURED = 8  # products in the home page's showcase


@bp.route("/")
@cached_page
def index():
    showcase = catalog.list_products(catalog.CatalogFilter(stars=4, per_page=HOME_FEATURED))
    groups = [(category, count) for category, count in catalog.categories_with_counts() if count]  # none empty
    return render_template(
        "main/index.html", showcase=showcase.items, categories=groups, areas=catalog.areas_with_counts(),
    )


@bp.route(f"/<any({', '.join(InfoPageKind.values())}):kind>")
@cached_page
def info_page(kind):
    """Contact, shipping, returns, privacy and terms: the office's text in the visitor's language."""
    page = page_text(kind, current_locale())
    terms = delivery_terms() if page.kind is InfoPageKind.SHIPPING else None
    return render_template("main/info_page.html", page=page, delivery_terms=terms, kinds=list(InfoPageKind))


@bp.route("/healthz")
def healthz():
    if not database_answers():
        return jsonify(status="unavailable"), 503
    return jsonify(status="ok")


@bp.route("/readyz")
def readyz():
    problems = readiness()
    if problems:
        return jsonify(status="unavailable", failed=problems), 503
    return jsonify(status="ready")


@bp.route("/metrics")
def metrics():
    return metrics_response()


@bp.route("/language/<code>")
def set_language(code):
    """The old session switch: the portal remembers the language; a storefront page goes to its own address."""
    if code not in current_app.config["LANGUAGES"]:
        return redirect_next()
    if code in current_app.config["PORTAL_LANGUAGES"]:
        session["locale"] = code
    if current_user.is_authenticated and current_user.locale != code:
        set_locale(current_user, code)
    target = request.values.get("next")
    return redirect(in_language(target if is_safe_next(target) else "/", code))


@bp.route("/language-offer")
def language_offer():
    """The answer to the language offer (shop.web.language_offer): remembered, then the page in the language taken."""
    answer = request.args.get("to", "")
    target = request.args.get("next")
    target = target if is_safe_next(target) else "/"
    if answer in CONTENT_LANGUAGES:
        return remember_answer(redirect(in_language(target, answer)), answer)
    return remember_answer(redirect(target), DECLINED)


@bp.route("/media/<path:filename>")
def media(filename):
    return public_media_response(filename)


@bp.route("/certificates/<int:cert_id>/scan")
@login_required
def certificate_scan(cert_id):
    key = scan_key_for(current_user, cert_id)
    if key is None:
        abort(404)
    return private_media_response(key)
