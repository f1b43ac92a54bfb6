"""Background jobs: what the shop does after a response (e-mails, expiring reservations)."""


def queue_depths():
    """Return {(queue, state): number of jobs}; empty while jobs run in-process. Reads only."""
    return {}
