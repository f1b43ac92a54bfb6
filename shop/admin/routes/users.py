"""Users: search, roles, (de)activation."""
from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from shop.admin import bp
from shop.admin.actions import perform
from shop.admin.forms import ActionForm, RoleForm
from shop.models import User
from shop.models.statuses import Role
from shop.services.accounts import roles as user_admin
from shop.web.lookups import get_or_404, list_args, paginate


def _back():
    return redirect(url_for(".users", **{k: v for k, v in request.args.items() if k in ("q", "role", "page")}))


@bp.get("/users")
def users():
    q, role = request.args.get("q", "")[:254], request.args.get("role", "")
    return render_template("admin/users.html", page=paginate(user_admin.users_query(q, role)), q=q, role=role,
                           args=list_args(), role_form=RoleForm, action_form=ActionForm())


@bp.post("/users/<int:user_id>/role")
def change_role(user_id):
    user = get_or_404(User, user_id)
    form = RoleForm()
    role = Role(form.role.data).office_label if form.role.data in Role.values() else ""
    perform(form, lambda: user_admin.change_role(user, form.role.data, current_user),
            _("%(email)s is now: %(role)s.", email=user.email, role=role))
    return _back()


@bp.post("/users/<int:user_id>/deactivate")
def deactivate_user(user_id):
    user = get_or_404(User, user_id)
    perform(ActionForm(), lambda: user_admin.set_active(user, False, current_user),
            _("%(email)s can no longer sign in.", email=user.email))
    return _back()


@bp.post("/users/<int:user_id>/reactivate")
def reactivate_user(user_id):
    user = get_or_404(User, user_id)
    perform(ActionForm(), lambda: user_admin.set_active(user, True, current_user),
            _("%(email)s can sign in again.", email=user.email))
    return _back()
