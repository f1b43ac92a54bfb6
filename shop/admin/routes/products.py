"""Products: the review queue, publishing, hiding, and their OCOP certifications."""
import json

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from shop.admin import bp
from shop.admin.actions import perform
from shop.admin.forms import ActionForm, CertificationForm, NoteForm, ReasonForm
from shop.models import Certification, Product
from shop.models.statuses import CertificationStatus, ProductStatus
from shop.services.audit import product_history
from shop.services.catalog import review as product_review
from shop.services.certification import records as certification_admin
from shop.services.certification.issuers import issuer_table
from shop.services.certification.reminders import REMINDER_DAYS, expiry_calendar
from shop.services.certification.rules import expiry_for
from shop.services.localtime import local_today
from shop.services.traceability.batches import product_lots
from shop.web.feedback import reporting
from shop.web.lookups import get_or_404, list_args, paginate


@bp.get("/products")
def products():
    status = request.args.get("status", ProductStatus.PENDING_REVIEW)
    status = status if status in tuple(ProductStatus) else ""
    q = request.args.get("q", "")[:100]
    page = paginate(product_review.products_query(status or None, q))
    return render_template("admin/products.html", page=page, status=status, q=q,
                           counts=product_review.product_counts(), args=list_args(), today=local_today())


@bp.get("/products/<int:product_id>")
def product(product_id):
    product = get_or_404(Product, product_id)
    return render_template(
        "admin/product.html", product=product, action_form=ActionForm(), reject_form=ReasonForm(),
        hide_form=NoteForm(), today=local_today(), actions=product_review.office_actions(product),
        history=product_history(product), lots=product_lots(product.id),
    )


def _review_action(product_id, form, call, success):
    product = get_or_404(Product, product_id)
    perform(form, lambda: call(product), success(product))
    return redirect(url_for(".product", product_id=product.id))


@bp.post("/products/<int:product_id>/publish")
def publish_product(product_id):
    return _review_action(product_id, ActionForm(), lambda p: product_review.publish_product(p, current_user),
                          lambda p: _("%(name)s is published.", name=p.name_vi))


@bp.post("/products/<int:product_id>/reject")
def reject_product(product_id):
    form = ReasonForm()
    return _review_action(product_id, form, lambda p: product_review.reject_product(p, current_user, form.note.data),
                          lambda p: _("%(name)s went back to its producer as a draft.", name=p.name_vi))


@bp.post("/products/<int:product_id>/hide")
def hide_product(product_id):
    form = NoteForm()
    return _review_action(product_id, form, lambda p: product_review.hide_product(p, current_user, form.note.data),
                          lambda p: _("%(name)s is hidden from the shop.", name=p.name_vi))


@bp.post("/products/<int:product_id>/unhide")
def unhide_product(product_id):
    return _review_action(product_id, ActionForm(), lambda p: product_review.unhide_product(p, current_user),
                          lambda p: _("%(name)s is back in the shop.", name=p.name_vi))


def _details(form):
    return certification_admin.CertificationDetails(
        stars=form.stars.data, decision_number=form.decision_number.data, decision_date=form.decision_date.data,
        issuing_body=form.issuing_body.data or "", expires_on=form.expires_on.data,
        traceability_url=form.traceability_url.data or "", note=form.note.data or "",
        issuer_reason=form.issuer_reason.data or "", score=form.score.data, kind=form.kind.data,
        replaces_id=form.replaces_id.data, potential_five_star=form.potential_five_star.data,
    )


def _replaceable(form, product, cert=None):
    """Offer the product's other verified ratings as the one a re-rating or upgrade replaces."""
    others = [c for c in product.certifications if c.is_verified and (cert is None or c.id != cert.id)]
    form.replaces_id.choices = form.replaces_id.choices[:1] + [
        (c.id, f"{c.decision_number} — {c.stars}★, {c.decision_date:%d/%m/%Y}") for c in others]


def _certification_page(form, product, cert=None, refused=False):
    area = product.producer.area.name if product.producer and product.producer.area else ""
    defaults = json.dumps(issuer_table(area), ensure_ascii=False)
    return render_template("admin/certification_form.html", form=form, product=product, cert=cert,
                           issuing_bodies=defaults, expiry_example=expiry_for(local_today()),
                           reject_form=ReasonForm(formdata=None)), 400 if form.errors or refused else 200


@bp.route("/products/<int:product_id>/certifications/new", methods=["GET", "POST"])
def new_certification(product_id):
    product = get_or_404(Product, product_id)
    form = CertificationForm()
    _replaceable(form, product)
    with reporting(form) as outcome:
        if form.validate_on_submit():
            certification_admin.record_certification(product, _details(form), current_user)
            flash(_("The certification of %(name)s is recorded.", name=product.name_vi), "success")
            return redirect(url_for(".product", product_id=product.id))
    return _certification_page(form, product, refused=not outcome.ok)


@bp.route("/certifications/<int:cert_id>", methods=["GET", "POST"])
def edit_certification(cert_id):
    cert = get_or_404(Certification, cert_id)
    form = CertificationForm(obj=cert)
    _replaceable(form, cert.product, cert)
    save = certification_admin.verify_certification if cert.status == CertificationStatus.SUBMITTED \
        else certification_admin.update_certification
    with reporting(form) as outcome:
        if form.validate_on_submit():
            save(cert, _details(form), current_user)
            flash(_("The certification %(number)s is saved.", number=cert.decision_number), "success")
            return redirect(url_for(".product", product_id=cert.product_id))
    return _certification_page(form, cert.product, cert, refused=not outcome.ok)


@bp.post("/certifications/<int:cert_id>/reject")
def reject_certification(cert_id):
    cert = get_or_404(Certification, cert_id)
    form = ReasonForm()
    perform(form, lambda: certification_admin.reject_certification(cert, current_user, form.note.data),
            _("The certificate %(number)s is rejected.", number=cert.decision_number))
    return redirect(url_for(".product", product_id=cert.product_id))


@bp.get("/certifications")
def certifications():
    today = local_today()
    return render_template("admin/certifications.html", today=today,
                           submitted=certification_admin.submitted_certifications(),
                           expiring=certification_admin.expiring_certifications(today),
                           warning_days=certification_admin.EXPIRY_WARNING_DAYS)


@bp.get("/certifications/calendar")
def certification_calendar():
    today = local_today()
    return render_template("admin/certification_calendar.html", today=today, months=expiry_calendar(today),
                           reminder_days=REMINDER_DAYS)
