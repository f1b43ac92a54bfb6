"""`flask --app shop ...` commands."""
import click
from flask import current_app
from flask.cli import with_appcontext


def init_app(app):
    """Register the shop's commands on `app`."""
    app.cli.add_command(seed_demo_command)
    app.cli.add_command(create_admin_command)
    app.cli.add_command(expire_orders_command)
    app.cli.add_command(reconcile_payments_command)
    app.cli.add_command(copy_media_to_s3_command)
    app.cli.add_command(rebuild_rollups_command)
    app.cli.add_command(check_rollups_command)
    app.cli.add_command(refresh_listings_command)
    app.cli.add_command(send_certification_reminders_command)
    app.cli.add_command(deliver_mail_command)
    app.cli.add_command(jobs_group)
    app.cli.add_command(simulate_bank_transfer_command)


@click.command("seed-demo")
@with_appcontext
def seed_demo_command():
    """Load the demo catalogue and demo accounts (idempotent; never in production)."""
    if not current_app.config.get("DEMO_ALLOWED"):
        raise click.ClickException("seed-demo refuses to run with the production configuration.")
    from shop.demo import seed_demo

    counts = seed_demo(echo=click.echo)
    click.echo("Demo catalogue ready: " + ", ".join(f"{n} {name}" for name, n in counts.items()))


@click.command("create-admin")
@with_appcontext
@click.argument("email")
@click.option("--name", default="Quản trị viên", help="Display name.")
@click.password_option(help="Password (asked for when not given).")
def create_admin_command(email, name, password):
    """Create an administrator account for EMAIL."""
    from shop.errors import InvalidInput
    from shop.models.statuses import Role
    from shop.services.accounts.users import create_user
    from shop.services.transaction import transaction

    try:
        with transaction():
            create_user(email, password, name, role=Role.ADMIN)
    except InvalidInput as error:
        raise click.ClickException(error.message) from error
    click.echo(f"Administrator {email.lower()} created.")


@click.command("expire-orders")
@with_appcontext
def expire_orders_command():
    """Cancel unpaid orders whose reservation ran out and return their stock (safe to repeat)."""
    from shop.services.payments.expiry import expire_overdue_orders

    released = expire_overdue_orders()
    click.echo(f"{released} unpaid order(s) cancelled, their stock released.")


@click.command("reconcile-payments")
@with_appcontext
def reconcile_payments_command():
    """Ask VNPay and MoMo about payments still pending and settle them (safe to repeat)."""
    from shop.services.payments.reconcile import reconcile_payments

    counts = reconcile_payments()
    summary = ", ".join(f"{word}: {count}" for word, count in sorted(counts.items())) or "nothing pending"
    click.echo(f"{sum(counts.values())} pending payment(s) asked ({summary}).")


@click.command("copy-media-to-s3")
@with_appcontext
def copy_media_to_s3_command():
    """Copy the pictures and scans of MEDIA_FOLDER into the S3 bucket (files already there are skipped)."""
    from shop.services.media.storage import LocalStorage, S3Storage, StorageError, copy_media

    config = current_app.config
    if not config.get("S3_BUCKET"):
        raise click.ClickException("Set S3_BUCKET (and S3_ENDPOINT_URL, S3_ACCESS_KEY, S3_SECRET_KEY) first.")
    try:
        copied, present = copy_media(LocalStorage(config["MEDIA_FOLDER"]), S3Storage.from_config(config))
    except StorageError as error:
        raise click.ClickException(f"The bucket refused: {error}") from error
    click.echo(f"{copied} file(s) copied to s3://{config['S3_BUCKET']}, {present} already there.")


@click.command("rebuild-rollups")
@with_appcontext
def rebuild_rollups_command():
    """Sum the revenue rollups again from every order and refund (after an upgrade, or a repair)."""
    from shop.services.reports.rollups import rebuild_rollups

    rebuild_rollups()
    click.echo("Revenue rollups rebuilt from the orders.")


@click.command("check-rollups")
@with_appcontext
def check_rollups_command():
    """Compare the revenue rollups with the raw sums of the orders; exit 1 when they differ."""
    from shop.services.reports.rollups import rollup_differences

    differences = rollup_differences()
    for table, key, stored, raw in differences[:50]:
        click.echo(f"{table} {key}: stored {stored}, raw {raw}")
    if differences:
        click.echo(f"{len(differences)} rollup row(s) differ from the orders; run rebuild-rollups.", err=True)
        raise SystemExit(1)
    click.echo("Revenue rollups equal the raw sums.")


@click.command("refresh-listings")
@with_appcontext
@click.option("--all", "everything", is_flag=True, help="Work out every listing row again, not only those due.")
def refresh_listings_command(everything):
    """Work out the product listings whose stars change today (run at 00:00 Asia/Ho_Chi_Minh); --all for every one."""
    from shop.services.catalog.read_model import rebuild_listings, refresh_due_listings

    if everything:
        rebuild_listings()
        click.echo("Every product listing worked out again.")
    else:
        click.echo(f"{refresh_due_listings()} product listing(s) worked out again.")


@click.command("send-certification-reminders")
@with_appcontext
def send_certification_reminders_command():
    """E-mail producers whose ratings end in 60, 30 or 7 days (run daily; safe to repeat)."""
    from shop.services.certification.reminders import send_certification_reminders

    click.echo(f"{send_certification_reminders()} certification reminder(s) sent.")


@click.command("deliver-mail")
@with_appcontext
def deliver_mail_command():
    """Send the outbox's mails that are due (a failed try's delay passed); run every minute without a worker."""
    from shop.services.outbox import deliver_due_mail

    counts = deliver_due_mail()
    click.echo(f"{counts['sent']} mail(s) sent, {counts['failed']} not delivered (tried again later).")


@click.group("jobs")
def jobs_group():
    """The background jobs on Redis (JOBS_REDIS_URL): the worker and the queue's scheduler."""


def _require_redis():
    if not current_app.config.get("JOBS_REDIS_URL"):
        raise click.ClickException("Set REDIS_URL (or JOBS_REDIS_URL): without it, jobs run in the web process.")


@jobs_group.command("worker")
@with_appcontext
@click.option("--burst", is_flag=True, help="Run the jobs waiting now, then stop.")
@click.option("--name", default=None, help="The worker's name (default: host and process id).")
def worker_command(burst, name):
    """Take jobs from the mail and default queues until stopped (SIGTERM ends after the current job)."""
    from shop.worker import make_worker

    _require_redis()
    worker = make_worker(current_app._get_current_object(), name=name)
    worker.work(burst=burst, with_scheduler=True, logging_level=current_app.config.get("LOG_LEVEL", "INFO"))


@jobs_group.command("scheduler")
@with_appcontext
def scheduler_command():
    """Put the periodic jobs on their queues when due (expiry, reconciliation, mail, reminders, listings, rollups)."""
    from shop.worker import build_scheduler, use_shop_time

    _require_redis()
    use_shop_time()
    build_scheduler(current_app._get_current_object()).start()
@click.command("simulate-bank-transfer")
@with_appcontext
@click.argument("number")
@click.option("--amount", type=click.IntRange(0, 2_147_483_647), default=None,
              help="VND transferred (default: the order's total).")
@click.option("--note", default=None, help="The transfer's text as the bank shows it (default: the order's note).")
def simulate_bank_transfer_command(number, amount, note):
    """Play the bank's notification of a transfer for order NUMBER, as SePay sends it (demo only)."""
    if not current_app.config.get("DEMO_ALLOWED"):
        raise click.ClickException("simulate-bank-transfer refuses to run with the production configuration.")
    from shop.errors import ShopError
    from shop.services.payments.bank_demo import simulate_transfer

    try:
        result = simulate_transfer(number, amount, note)
    except ShopError as error:
        raise click.ClickException(error.message) from None
    click.echo(f"Bank notification for {number.upper()} delivered: {result}")
