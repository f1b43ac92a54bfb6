"""Producers: the list by status, one producer's page, approval and suspension."""
from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from shop.admin import bp
from shop.admin.actions import get_or_404, list_args, paginate, perform
from shop.admin.forms import NoteForm, ReasonForm
from shop.extensions import db
from shop.models import Producer
from shop.models.statuses import ProducerStatus
from shop.services.audit import audit_query
from shop.services.catalog.review import products_query
from shop.services.producers import approval as producer_admin


@bp.get("/producers")
def producers():
    status = request.args.get("status", ProducerStatus.PENDING)
    status = status if status in tuple(ProducerStatus) else ""
    page = paginate(producer_admin.producers_query(status or None))
    return render_template("admin/producers.html", page=page, status=status, counts=producer_admin.producer_counts(),
                           args=list_args())


@bp.get("/producers/<int:producer_id>")
def producer(producer_id):
    producer = get_or_404(Producer, producer_id)
    return render_template(
        "admin/producer.html", producer=producer, approve_form=NoteForm(), suspend_form=ReasonForm(),
        products=db.session.scalars(products_query(producer_id=producer.id)).all(),
        history=db.session.scalars(audit_query(entity_type="producer", entity_id=producer.id).limit(20)).all(),
    )


@bp.post("/producers/<int:producer_id>/approve")
def approve_producer(producer_id):
    producer = get_or_404(Producer, producer_id)
    form = NoteForm()
    perform(form, lambda: producer_admin.approve_producer(producer, current_user, form.note.data),
            _("%(name)s is approved and has been told by e-mail.", name=producer.name))
    return redirect(url_for(".producer", producer_id=producer.id))


@bp.post("/producers/<int:producer_id>/suspend")
def suspend_producer(producer_id):
    producer = get_or_404(Producer, producer_id)
    form = ReasonForm()
    perform(form, lambda: producer_admin.suspend_producer(producer, current_user, form.note.data),
            _("%(name)s is suspended and has been told by e-mail.", name=producer.name))
    return redirect(url_for(".producer", producer_id=producer.id))
