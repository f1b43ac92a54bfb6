"""Recall: find a lot by its number and every order that received units of it (with a CSV to call round)."""
from flask import render_template, request

from shop.admin import bp
from shop.models import Batch
from shop.services.traceability import recall
from shop.web.csv_export import csv_response
from shop.web.lookups import get_or_404

RECIPIENT_HEADER = ["order", "ordered_at", "customer", "phone", "email", "product", "lot", "units", "shipment"]


@bp.get("/recall")
def recall_search():
    lot_number = request.args.get("lot", "")[:40]
    return render_template("admin/recall.html", lot_number=lot_number, lots=recall.find_lots(lot_number))


@bp.get("/recall/<int:batch_id>")
def recall_lot(batch_id):
    batch = get_or_404(Batch, batch_id)
    return render_template("admin/recall_lot.html", batch=batch, recipients=recall.lot_recipients(batch))


@bp.get("/recall/<int:batch_id>.csv")
def recall_lot_csv(batch_id):
    batch = get_or_404(Batch, batch_id)
    rows = [[r.order.number, r.order.created_at.isoformat(timespec="minutes"), r.order.contact_name, r.order.phone,
             r.order.email, r.line.product_name, batch.lot_number, r.units, r.shipment.status]
            for r in recall.lot_recipients(batch)]
    return csv_response(f"recall-{batch.lot_number}.csv", RECIPIENT_HEADER, rows)
