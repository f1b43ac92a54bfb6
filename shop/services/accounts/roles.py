"""Accounts as the OCOP office manages them: roles and (de)activation, audited."""
from flask_babel import gettext as _
from sqlalchemy import func, select

from shop.errors import Forbidden, InvalidInput
from shop.models import User
from shop.models.statuses import Role
from shop.services.accounts.users import end_sessions
from shop.services.audit import record_audit
from shop.services.transaction import commits


def users_query(q="", role=None):
    """Return a select of users whose e-mail contains `q`, optionally of one role, by e-mail."""
    query = select(User).order_by(User.email)
    q = (q or "").strip().lower()[:254]
    if q:
        query = query.where(func.lower(User.email).contains(q, autoescape=True))
    if role in tuple(Role):
        query = query.where(User.role == role)
    return query


@commits
def change_role(user, role, actor):
    """Give `user` another role; nobody changes their own. Commits."""
    if role not in tuple(Role):
        raise InvalidInput(_("Unknown role."))
    if user.id == actor.id:
        raise Forbidden(_("You cannot change your own role."))
    if user.role == role:
        raise InvalidInput(_("%(email)s already has this role.", email=user.email))
    record_audit(actor, "user.role", user, {"role": user.role}, {"role": role})
    user.role = role
    return user


@commits
def set_active(user, active, actor):
    """Deactivate (they can no longer sign in) or reactivate `user`; nobody deactivates themselves. Commits."""
    if user.id == actor.id and not active:
        raise Forbidden(_("You cannot deactivate your own account."))
    if user.active == active:
        raise InvalidInput(_("Nothing to change: the account is already in that state."))
    record_audit(actor, "user.active", user, {"active": user.active}, {"active": active})
    user.active = active
    if not active:
        end_sessions(user)  # reactivated later, the account still needs a new sign-in
    return user
