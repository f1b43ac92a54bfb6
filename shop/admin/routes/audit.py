"""The audit log: who changed what, when, before and after."""
from flask import render_template, request

from shop.admin import bp
from shop.services.audit import audit_choices, audit_query, link_targets
from shop.web.lookups import list_args, paginate
from shop.web.query_args import int_arg


@bp.get("/audit")
def audit_log():
    action, entity_type = request.args.get("action", ""), request.args.get("entity", "")
    entity_id = int_arg("entity_id")
    page = paginate(audit_query(action, entity_type, entity_id))
    actions, entity_types = audit_choices()
    return render_template("admin/audit.html", page=page, action=action, entity_type=entity_type,
                           entity_id=entity_id, actions=actions, entity_types=entity_types, args=list_args(),
                           links=link_targets(page.items))
