"""Portal access, the application to sell, the dashboard, the profile and certificate submissions."""
from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from shop.errors import Forbidden, InvalidInput, InvalidTransition, OutOfStock, StorageUnavailable
from shop.i18n import current_locale, localized, missing_languages
from shop.models.product_sets import PRODUCT_SETS
from shop.models.statuses import ProducerStatus, Role
from shop.models.translations import PRODUCER_TEXTS
from shop.producer import bp
from shop.producer.forms import (
    ApplyForm,
    ApplyWithAccountForm,
    CertificationForm,
    ProfileForm,
)
from shop.services.accounts import registration
from shop.services.bookings.slots import has_visits
from shop.services.catalog import products as listings
from shop.services.mail import work_after_response
from shop.services.producers import profiles as producers
from shop.services.reports import producer_sales
from shop.web.feedback import reporting
from shop.web.security import role_required

OPEN_ENDPOINTS = ("producer.apply",)
# Refusals shown next to the form; NotFound and Forbidden go on to the 404 and 403 pages.
USER_ERRORS = (InvalidInput, InvalidTransition, OutOfStock, StorageUnavailable)


@bp.before_request
def guard_portal():
    """Let only producers in; pending ones see their status, suspended ones may only look."""
    if request.endpoint in OPEN_ENDPOINTS:
        return None
    return _producer_only()


@role_required(Role.PRODUCER)
def _producer_only():
    producer = current_user.producer
    if producer is None:
        return redirect(url_for("producer.apply"))
    g.producer = producer
    if producer.status == ProducerStatus.PENDING and request.endpoint != "producer.status":
        return redirect(url_for("producer.status"))
    if producer.status == ProducerStatus.APPROVED and request.endpoint == "producer.status":
        return redirect(url_for("producer.dashboard"))
    if producer.status == ProducerStatus.SUSPENDED and request.method not in ("GET", "HEAD"):
        raise Forbidden(_("Your producer account is suspended: the portal is read-only. "
                          "Please contact the OCOP office."))
    return None


@bp.context_processor
def portal_context():
    producer = g.get("producer")
    return {"producer": producer, "read_only": bool(producer and producer.status == ProducerStatus.SUSPENDED),
            "has_visits": bool(producer) and has_visits(producer),
            "to_local": producer_sales.to_local}


@bp.errorhandler(413)
def upload_too_large(_error):
    flash(_("The file is larger than %(mb)d MB.", mb=5), "error")
    return redirect(request.path)


def area_choices():
    """Return the province's areas as select choices, in the current language."""
    english = current_locale() == "en"
    return [SelectChoice(area.id, area.name_en if english else area.name) for area in producers.areas()]


def category_choices():
    """Return the OCOP product groups as select choices, in the current language."""
    locale = current_locale()
    return [SelectChoice(category.id, localized(category, "name", locale)) for category in listings.categories()]


def product_set_choices():
    """Return the product sets as select choices ("group — set"), in the current language."""
    locale = current_locale()
    groups = {category.slug: localized(category, "name", locale) for category in listings.categories()}
    return [SelectChoice("", _("Not chosen"))] + [
        SelectChoice(s.code, f"{groups.get(s.group, s.group)} — {localized(s, 'name', locale)}") for s in PRODUCT_SETS]


@bp.route("/apply", methods=["GET", "POST"])
def apply():
    if current_user.is_authenticated:
        if current_user.is_admin:
            abort(403)
        if current_user.producer is not None:
            return redirect(url_for("producer.dashboard"))
    form = ApplyForm() if current_user.is_authenticated else ApplyWithAccountForm()
    form.area_id.choices = area_choices()
    if form.validate_on_submit():
        details = {"name": form.business_name.data, "legal_type": form.legal_type.data, "area_id": form.area_id.data,
                   "address": form.address.data, "phone": form.phone.data,
                   "story_vi": form.story_vi.data, "story_en": form.story_en.data}
        if not current_user.is_authenticated:
            return _apply_by_mail(form, details)
        with reporting(form, default_field="email", errors=USER_ERRORS):
            producers.apply_as_producer(details, user=current_user._get_current_object(), locale=current_locale())
            flash(_("Thank you: your application has been sent to the OCOP office."), "success")
            return redirect(url_for("producer.status"))
    return render_template("producer/apply.html", form=form)


def _apply_by_mail(form, details):
    """Someone signed out applies: the same answer for a free and a taken e-mail, the rest by mail."""
    email, password, name, locale = form.email.data, form.password.data, form.name.data, current_locale()
    with reporting(form, errors=USER_ERRORS) as outcome:
        producers.check_application(details)  # the business details, which say nothing about the e-mail
    if not outcome.ok:
        return render_template("producer/apply.html", form=form)
    flash(_("Almost done: open the link we have sent to %(email)s to confirm your e-mail; your application "
            "goes to the OCOP office then.", email=email), "info")
    return work_after_response(redirect(url_for("auth.login")), lambda: [
        registration.registration_message(email, password, name, locale, application=details)])


@bp.route("/status")
def status():
    return render_template("producer/status.html")


@bp.route("/")
def dashboard():
    producer = g.producer
    daily = producer_sales.daily_sales(producer.id)
    chart = {
        "locale": current_locale(),
        "days": [day.isoformat() for day, _revenue, _units in daily],
        "revenue": [revenue for _day, revenue, _units in daily],
        "units": [units for _day, _revenue, units in daily],
        "labels": {"revenue": _("Revenue (đồng)"), "units": _("Units sold")},
    }
    return render_template(
        "producer/dashboard.html", summary=producer_sales.sales_summary(producer.id), daily=daily, chart=chart,
        waiting=producer_sales.waiting_shipments(producer.id, limit=10),
        waiting_count=producer_sales.count_waiting_shipments(producer.id),
        low_stock=listings.low_stock_products(producer),
    )


@bp.route("/profile", methods=["GET", "POST"])
def profile():
    producer = g.producer
    form = ProfileForm(obj=producer)
    if form.validate_on_submit():
        values = {name: getattr(form, name).data for name in producers.PROFILE_FIELDS}
        with reporting(form, errors=USER_ERRORS):
            producers.update_profile(producer, values)
            flash(_("Your profile is saved."), "success")
            return redirect(url_for("producer.profile"))
    return render_template("producer/profile.html", form=form, missing=missing_languages(producer, PRODUCER_TEXTS))


@bp.route("/certification", methods=["GET", "POST"])
def certification():
    producer = g.producer
    form = CertificationForm()
    locale = current_locale()
    form.product_id.choices = [SelectChoice(p.id, localized(p, "name", locale))
                               for p in listings.producer_products(producer)]
    if form.validate_on_submit():
        with reporting(form, default_field="scan", errors=USER_ERRORS):
            listings.submit_certification(producer, form.product_id.data, form.decision_number.data,
                                          form.decision_date.data, form.scan.data.stream, current_user)
            flash(_("Certificate sent: the OCOP office will check it and record the stars."), "success")
            return redirect(url_for("producer.certification"))
    return render_template("producer/certification.html", form=form,
                           certifications=listings.producer_certifications(producer))
