"""A real SMTP server (aiosmtpd) in a process of its own, so that a test can kill it (SIGKILL) and start it again.

Every message it accepts is written to a folder (one file each, renamed into place before the 250 reply),
so what it received survives its death. `delay` slows each recipient down, to make a batch take a while.

    python -m tests.smtp_process PORT FOLDER [DELAY]
"""
import asyncio
import email
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from email import policy
from pathlib import Path


class FolderHandler:
    """Accept every message after `delay` seconds and keep it as a file in `folder`."""

    def __init__(self, folder, delay):
        self.folder, self.delay = Path(folder), delay

    async def handle_RCPT(self, _server, _session, envelope, address, _options):
        await asyncio.sleep(self.delay)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, _server, _session, envelope):
        name = uuid.uuid4().hex
        partial = self.folder / f".{name}"
        partial.write_bytes(envelope.content)
        partial.rename(self.folder / f"{name}.eml")
        return "250 OK"


class SmtpProcess:
    """The server above as a child process on a fixed loopback port; killed and started again by its PID."""

    def __init__(self, folder, delay=0.0, port=None):
        self.folder, self.delay = Path(folder), delay
        self.folder.mkdir(parents=True, exist_ok=True)
        self.port = port or _free_port()
        self.process = None

    def start(self):
        """Start the server and wait until it accepts connections."""
        self.process = subprocess.Popen(  # noqa: S603  (this interpreter, this module)
            [sys.executable, "-m", "tests.smtp_process", str(self.port), str(self.folder), str(self.delay)],
            cwd=Path(__file__).resolve().parents[1], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("the SMTP server did not start")

    def kill(self):
        """SIGKILL the server (no goodbye to its clients) and wait for it to be gone."""
        if self.process and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def messages(self):
        """Every message received so far (across restarts), parsed."""
        return [email.message_from_bytes(path.read_bytes(), policy=policy.default)
                for path in sorted(self.folder.glob("*.eml"))]

    def count(self):
        """How many messages were received so far."""
        return len(list(self.folder.glob("*.eml")))


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main(port, folder, delay):
    """Serve on 127.0.0.1:`port` until killed."""
    from aiosmtpd.controller import Controller

    controller = Controller(FolderHandler(folder, delay), hostname="127.0.0.1", port=port)
    controller.start()
    while True:  # until SIGTERM or SIGKILL
        time.sleep(3600)


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2], float(sys.argv[3]) if len(sys.argv) > 3 else 0.0)
