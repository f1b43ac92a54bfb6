"""A redis-server of the tests' own: started on a free loopback port, stopped by its PID (never the shared 6379).

`own_redis` (session) is one server for the run; `redis_url` gives a test an emptied database of it.
"""
import os
import shutil
import socket
import subprocess
import time

import pytest
import redis


def free_port():
    """Return a TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _real_clock_env():
    """The environment without libfaketime: a suite run under a faked clock (faketime) starts a server that works."""
    return {name: value for name, value in os.environ.items()
            if name != "LD_PRELOAD" and not name.startswith("FAKETIME")}


class RedisProcess:
    """One redis-server child process without persistence."""

    def __init__(self, port=None):
        self.port = port or free_port()
        self.process = None

    @property
    def url(self):
        """The server's address, database 0."""
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        """Start the server and wait until it answers PING."""
        binary = shutil.which("redis-server")
        if binary is None:
            if os.environ.get("REQUIRE_REDIS_SERVER"):  # CI: the fault tests never skip silently
                pytest.fail("redis-server is not installed (REQUIRE_REDIS_SERVER is set)")
            pytest.skip("redis-server is not installed")
        self.process = subprocess.Popen(  # noqa: S603  (a fixed binary and arguments)
            [binary, "--bind", "127.0.0.1", "--port", str(self.port), "--save", "", "--appendonly", "no",
             "--protected-mode", "yes"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            env=_real_clock_env())
        client = redis.Redis.from_url(self.url, socket_connect_timeout=0.2)
        for _ in range(100):
            try:
                client.ping()
                return self
            except redis.exceptions.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        """Stop the server (by its PID)."""
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


@pytest.fixture(scope="session")
def own_redis():
    """A redis-server of this test run, on a free port."""
    server = RedisProcess().start()
    yield server
    server.stop()


@pytest.fixture
def redis_url(own_redis):
    """The address of the run's own Redis, emptied before and after the test."""
    client = redis.Redis.from_url(own_redis.url)
    client.flushdb()
    yield own_redis.url
    client.flushdb()
    client.close()
