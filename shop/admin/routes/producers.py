"""Producers: the list by status, one producer's page, approval and suspension."""
from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from shop.admin import bp
from shop.admin.actions import perform
from shop.admin.forms import NoteForm, ReasonForm
from shop.models import Producer
from shop.models.statuses import ProducerStatus
from shop.services.audit import entity_history
from shop.services.catalog.review import producer_products
from shop.services.producers import approval as producer_admin
from shop.web.lookups import get_or_404, list_args, paginate


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
        products=producer_products(producer.id), history=entity_history("producer", producer.id),
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
