"""The producer's sales (with CSV export) and their shipments of customers' orders."""
from datetime import timedelta

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from shop.models.statuses import OrderStatus, ShipmentStatus
from shop.producer import bp
from shop.producer.forms import LotChoiceForm, SalesFilterForm, ShipForm
from shop.producer.routes.portal import USER_ERRORS
from shop.services.localtime import local_today
from shop.services.orders import fulfilment
from shop.services.orders.flow import REVENUE_STATUSES
from shop.services.reports import producer_sales
from shop.services.reports.producer_sales import WAITING_SHIPMENTS
from shop.services.traceability import allocation
from shop.web.csv_export import csv_response
from shop.web.feedback import reporting
from shop.web.query_args import int_arg

SALES_PER_PAGE = 50
STEP_MESSAGES = {
    ShipmentStatus.PACKED: _l("Marked as packed."),
    ShipmentStatus.SHIPPED: _l("Marked as shipped: the customer has been told by e-mail."),
    ShipmentStatus.DELIVERED: _l("Marked as delivered."),
}


def _status_choices():
    return [SelectChoice("sales", _("Sales (paid orders)")),
            SelectChoice("all", _("All orders"))] + [
        SelectChoice(status.value, str(status.producer_label)) for status in OrderStatus
    ]


def _sales_filter():
    """Read the sales filter from the query string: dates (last 30 local days by default) and statuses."""
    form = SalesFilterForm(request.args)
    form.status.choices = _status_choices()
    today = local_today()
    if not form.validate():
        form = SalesFilterForm(formdata=None)
        form.status.choices = _status_choices()
    start = form.start.data or today - timedelta(days=29)
    end = form.end.data or today
    if start > end:
        start, end = end, start
    form.start.data, form.end.data = start, end
    choice = form.status.data or "sales"
    form.status.data = choice
    statuses = {"sales": REVENUE_STATUSES, "all": tuple(OrderStatus)}.get(choice, (choice,))
    return form, start, end, statuses


@bp.route("/sales")
def sales():
    form, start, end, statuses = _sales_filter()
    page = int_arg("page", 1)
    totals = producer_sales.order_line_totals(g.producer.id, start, end, statuses)
    pages = max(1, -(-totals.lines // SALES_PER_PAGE))
    if not 1 <= page <= pages:
        abort(404)
    lines = producer_sales.order_lines(g.producer.id, start, end, statuses, page, SALES_PER_PAGE)
    args = {"start": start.isoformat(), "end": end.isoformat(), "status": form.status.data}
    return render_template("producer/sales.html", form=form, lines=lines, totals=totals, page=page, pages=pages,
                           args=args)


@bp.route("/sales.csv")
def sales_csv():
    _form, start, end, statuses = _sales_filter()
    header, rows = producer_sales.sales_table(g.producer.id, start, end, statuses)
    return csv_response(f"sales-{start.isoformat()}-{end.isoformat()}.csv", header, rows)


@bp.route("/shipments")
def shipments():
    show_all = request.args.get("show") == "all"
    found = fulfilment.producer_shipments(g.producer, None if show_all else WAITING_SHIPMENTS)
    return render_template("producer/shipments.html", shipments=found, show_all=show_all)


@bp.route("/shipments/<int:shipment_id>")
def shipment(shipment_id):
    found = fulfilment.own_shipment(g.producer, shipment_id)
    return _render_shipment(found, ShipForm(formdata=None, obj=found))


@bp.route("/shipments/<int:shipment_id>/<any(packed, shipped, delivered):step>", methods=["POST"])
def move_shipment(shipment_id, step):
    found = fulfilment.own_shipment(g.producer, shipment_id)
    form = ShipForm()
    if step == ShipmentStatus.SHIPPED and not form.validate_on_submit():
        return _render_shipment(found, form), 400
    with reporting(form, errors=USER_ERRORS) as outcome:
        fulfilment.move_shipment(g.producer, shipment_id, step, current_user,
                                 form.carrier.data or "", form.tracking_number.data or "")
        flash(str(STEP_MESSAGES[step]), "success")
        return redirect(url_for("producer.shipment", shipment_id=shipment_id))
    return _render_shipment(found, form), outcome.status


@bp.route("/shipments/<int:shipment_id>/lines/<int:line_id>/lot", methods=["POST"])
def choose_lot(shipment_id, line_id):
    found = fulfilment.own_shipment(g.producer, shipment_id)
    form = LotChoiceForm()
    if not form.validate_on_submit():
        flash(_("Choose a lot from the list."), "error")
        return _render_shipment(found, ShipForm(formdata=None, obj=found)), 400
    with reporting(form, errors=USER_ERRORS) as outcome:
        allocation.choose_lot(g.producer, shipment_id, line_id, form.batch_id.data, current_user)
        flash(_("The lot is changed."), "success")
        return redirect(url_for("producer.shipment", shipment_id=shipment_id))
    return _render_shipment(found, ShipForm(formdata=None, obj=found)), outcome.status


def _render_shipment(found, form):
    lines = fulfilment.shipment_lines(found)
    choosable = {line.id: allocation.choosable_lots(line) for line in lines} \
        if found.status in allocation.CHOOSABLE else {}
    return render_template("producer/shipment.html", shipment=found, form=form, lines=lines,
                           steps=fulfilment.next_steps(found), lots=allocation.lots_of_lines(lines),
                           choosable=choosable, lot_form=LotChoiceForm(formdata=None))
