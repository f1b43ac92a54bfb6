"""Background jobs: each queue's jobs (queued, running, waiting for a retry, failed), the failed ones and the
mails not sent yet, each with a retry button."""
import redis
from flask import current_app, redirect, render_template, url_for
from flask_babel import gettext as _

from shop.admin import bp
from shop.admin.actions import perform
from shop.admin.forms import ActionForm
from shop.errors import NotFound
from shop.services import job_board, outbox


@bp.get("/jobs")
def jobs():
    try:
        counts, failed = job_board.queue_counts(), job_board.failed_jobs()
        unreachable = False
    except redis.exceptions.RedisError:
        current_app.logger.warning("the job queue cannot be reached for the office's page")
        counts, failed, unreachable = [], [], True
    return render_template("admin/jobs.html", counts=counts, failed=failed, unreachable=unreachable,
                           mails=job_board.waiting_mails(), action_form=ActionForm())


@bp.post("/jobs/<job_id>/retry")
def retry_job(job_id):
    perform(ActionForm(), lambda: job_board.retry_job(job_id), _("The job is back on its queue."))
    return redirect(url_for(".jobs"))


@bp.post("/jobs/mail/<int:mail_id>/retry")
def retry_mail(mail_id):
    def retry():
        if not outbox.retry_mail(mail_id):
            raise NotFound(_("This mail is not waiting for a retry."))

    perform(ActionForm(), retry, _("The mail will be sent again."))
    return redirect(url_for(".jobs"))
