"""Outgoing e-mail: SMTP when MAIL_SERVER is set, otherwise a folder and the log (development)."""
import os
import smtplib
from email.message import EmailMessage
from email.utils import make_msgid

from flask import copy_current_request_context, current_app, render_template
from flask_babel import force_locale


def render_message(to, subject, template, locale="vi", images=None, **context):
    """Build an EmailMessage from `templates/email/<template>.txt` (and `.html` when present) in `locale`.

    `images` ({content id: PNG bytes}) travel with the HTML part, shown by `<img src="cid:…">`.
    """
    with force_locale(locale):
        text = render_template(f"email/{template}.txt", **context)
        try:
            html = render_template(f"email/{template}.html", **context)
        except Exception as error:  # a plain-text-only message is fine
            if type(error).__name__ != "TemplateNotFound":
                raise
            html = None
        subject = str(subject)
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = current_app.config["MAIL_DEFAULT_SENDER"]
    message["To"] = to
    message["Message-ID"] = make_msgid(domain="ocop-quangninh.example.vn")
    message.set_content(text)
    if html:
        message.add_alternative(html, subtype="html")
        for cid, png in (images or {}).items():
            message.get_payload()[-1].add_related(png, "image", "png", cid=f"<{cid}>", filename=f"{cid}.png")
    return message


def send_message(message):
    """Deliver `message` over SMTP, or write it to MAIL_FOLDER when no server is configured."""
    config = current_app.config
    if not config.get("MAIL_SERVER"):
        folder = config["MAIL_FOLDER"]
        os.makedirs(folder, exist_ok=True)
        name = message["Message-ID"].strip("<>").replace("@", "_").replace("/", "_")
        with open(os.path.join(folder, f"{name}.eml"), "wb") as handle:
            handle.write(bytes(message))
        current_app.logger.info("mail to %s: %s (saved in %s)", message["To"], message["Subject"], folder)
        return
    with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=config.get("MAIL_TIMEOUT", 5)) as smtp:
        if config.get("MAIL_USE_TLS"):
            smtp.starttls()
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        smtp.send_message(message)


def deliver(message):
    """Send a rendered message; a delivery failure is logged, never raised to the customer."""
    try:
        send_message(message)
    except (OSError, smtplib.SMTPException):
        current_app.logger.exception("could not send mail to %s: %s", message["To"], message["Subject"])
        return None
    return message


def send_mail(to, subject, template, locale="vi", **context):
    """Render and send one e-mail; a delivery failure is logged, never raised to the customer."""
    return deliver(render_message(to, subject, template, locale, **context))


def send_after_response(response, messages):
    """Deliver the rendered `messages` once `response` has gone out (when the server closes it).

    The answer then takes as long with mail to send as without: a password-reset request does
    not tell, by how long the mail server takes, whether the address has an account.
    """
    app = current_app._get_current_object()

    def deliver_all():
        with app.app_context():
            for message in messages:
                deliver(message)

    response.call_on_close(deliver_all)
    return response


def work_after_response(response, work):
    """Run `work()` once `response` has gone out, in a copy of this request, and deliver what it returns.

    `work` returns the rendered messages to send (possibly none). Everything that could differ with
    the answer's subject (a look-up, a hash, rendering a mail) then happens after the answer: the
    registration and reset answers cannot tell, by their content or their time, whether an e-mail
    has an account.
    """
    @copy_current_request_context
    def run():
        for message in work() or ():
            deliver(message)

    response.call_on_close(run)
    return response
