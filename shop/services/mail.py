"""Outgoing e-mail: rendering, the outbox's way in (`send_mail`), and the transport the outbox delivers with.

The transport is SMTP when MAIL_SERVER is set, otherwise a folder and the log (development).
"""
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


def send_mail(to, subject, template, locale="vi", **context):
    """Render one e-mail and write it to the outbox in the open transaction (shop.services.outbox); return its row.

    Called inside the service's transaction, the mail is kept or dropped with the change it tells of;
    it is delivered once that commits, and again after a failed try. Commits when no transaction is open.
    """
    from shop.services.outbox import queue_message

    return queue_message(render_message(to, subject, template, locale, **context))


def work_after_response(response, work):
    """Run `work()` once `response` has gone out, in a copy of this request, and send what it returns.

    `work` returns the rendered messages to send (possibly none); they go through the outbox. Everything
    that could differ with the answer's subject (a look-up, a hash, rendering a mail) then happens
    after the answer: the registration and reset answers cannot tell, by their content or their time,
    whether an e-mail has an account. Commits (after the answer) the mails it writes to the outbox.
    """
    from shop.services.outbox import queue_message
    from shop.services.transaction import transaction

    @copy_current_request_context
    def run():
        messages = list(work() or ())
        if messages:
            with transaction():
                for message in messages:
                    queue_message(message)

    response.call_on_close(run)
    return response
