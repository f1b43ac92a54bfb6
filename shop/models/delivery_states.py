"""Where an outbox mail and a background job stand (re-exported by shop.models.statuses, their usual home)."""
from flask_babel import lazy_gettext as _l

from shop.models.enums import OFFICE, LabelledEnum


class MailStatus(LabelledEnum):
    """Where one e-mail of the outbox stands (a row of outbox_mail; shop.services.outbox moves it)."""

    PENDING = "pending"  # written with the change that caused it, waiting for (another) delivery
    SENDING = "sending"  # claimed by one delivery until its lease ends
    SENT = "sent"  # the mail server accepted it: never sent again
    FAILED = "failed"  # every try failed; the office may retry it

    __audiences__ = (OFFICE,)
    __labels__ = {
        PENDING: _l("Waiting to be sent"),
        SENDING: _l("Being sent"),
        SENT: _l("Sent"),
        FAILED: _l("Not delivered"),
    }


class JobState(LabelledEnum):
    """Where a background job stands on its queue (RQ's registries; shop.services.job_board counts them)."""

    QUEUED = "queued"  # waiting for a worker
    STARTED = "started"  # a worker is running it
    SCHEDULED = "scheduled"  # failed, its retry waits for its delay
    FAILED = "failed"  # every try failed: the office may retry it

    __audiences__ = (OFFICE,)
    __labels__ = {
        QUEUED: _l("Queued"),
        STARTED: _l("Running"),
        SCHEDULED: _l("Waiting for a retry"),
        FAILED: _l("Failed"),
    }
