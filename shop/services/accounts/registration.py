"""New accounts confirmed by e-mail: an answer to a registration never tells whether the e-mail has an account.

A registration (or a producer application by someone signed out) writes nothing: it mails a link that
carries the new account, and the application, signed (the password only as its hash). The account is made
when the owner of the mailbox opens the link. For an e-mail that already has an account, its owner gets a
notice instead ("someone tried to open an account with your e-mail"). The view runs this after its answer
has gone out (shop.services.mail.work_after_response): the same answer, in the same time, either way.
"""
from flask import current_app, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, URLSafeTimedSerializer

from shop.errors import InvalidInput
from shop.models.statuses import Role
from shop.services.accounts.users import create_user, find_user, hash_password
from shop.services.mail import render_message
from shop.services.transaction import transaction

CONFIRM_MAX_AGE = 3 * 24 * 3600  # seconds a confirmation link stays valid
_SALT = "account-confirmation"


def _serializer():
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_SALT)


def registration_message(email, password, name, locale="vi", application=None):
    """Return the one e-mail a registration sends: a confirmation link for a free address, a notice to the
    owner of a taken one. `application`: the producer details of an application by someone signed out.
    Writes nothing."""
    email = (email or "").strip().lower()
    password_hash = hash_password(password)  # the same work whether or not the address is taken
    owner = find_user(email)
    if owner is not None:
        return render_message(owner.email, _l("Someone tried to open an account with your e-mail"),
                              "account_exists", owner.locale, user=owner, applying=application is not None,
                              login=url_for("auth.login", _external=True),
                              reset=url_for("auth.reset_request", _external=True))
    token = _serializer().dumps({"email": email, "name": (name or "").strip(), "locale": locale,
                                 "password_hash": password_hash, "application": application})
    return render_message(email, _l("Confirm your e-mail to open your account"), "confirm_account", locale,
                          name=(name or "").strip(), applying=application is not None,
                          link=url_for("auth.confirm_account", token=token, _external=True))


def pending_account(token, max_age=CONFIRM_MAX_AGE):
    """Return the account a confirmation link carries (a dict), or None when the link is forged or too old."""
    try:
        return _serializer().loads(token, max_age=max_age)
    except (BadSignature, ValueError, TypeError):
        return None


def confirm_account(pending):
    """Make the account (and the producer application) a confirmation link carries; return the user. Commits.

    Refused when the e-mail has an account by now (the link was opened twice, or the owner registered
    meanwhile): the mailbox's owner is told to sign in.
    """
    from shop.services.producers.profiles import apply_as_producer

    if find_user(pending["email"]) is not None:
        raise InvalidInput(_("An account with this e-mail already exists. Please sign in."))
    account = {"email": pending["email"], "password_hash": pending["password_hash"], "name": pending["name"]}
    if pending.get("application"):
        return apply_as_producer(pending["application"], account=account, locale=pending["locale"]).owner
    with transaction():
        user = create_user(account["email"], None, account["name"], Role.CUSTOMER, pending["locale"],
                           password_hash=account["password_hash"])
    return user
