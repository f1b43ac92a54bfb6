"""Drive one URL for a fixed time and measure it: wrk when installed, else Python threads.

Both report the same figures: requests per second, p50 and p99 latency, and how many
responses were not 2xx/3xx (or failed at the socket).
"""
import http.client
import re
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass
class LoadResult:
    """What one load run measured."""

    requests: int
    seconds: float
    rps: float
    p50_ms: float
    p99_ms: float
    bad_responses: int  # neither 2xx nor 3xx
    socket_errors: int
    tool: str

    @property
    def errors(self):
        return self.bad_responses + self.socket_errors


def percentile(values, fraction):
    """Return the value below which `fraction` of `values` fall (nearest rank); 0 when empty."""
    if not values:
        return 0.0
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[index]


def wrk_available():
    """Whether wrk is on the PATH."""
    return shutil.which("wrk") is not None


def run_load(url, seconds, connections, headers=None, use_wrk=None):
    """Load `url` for `seconds` with `connections` concurrent connections."""
    use_wrk = wrk_available() if use_wrk is None else use_wrk
    if use_wrk:
        return run_wrk(url, seconds, connections, headers or {})
    return run_threads(url, seconds, connections, headers or {})


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _milliseconds(text):
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    return float(match.group(1)) * _UNITS[match.group(2)]


def parse_wrk(output, seconds):
    """Read requests/s, latency percentiles and errors from wrk --latency output."""
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    p50 = _milliseconds(re.search(r"^\s+50%\s+(\S+)", output, re.MULTILINE).group(1))
    p99 = _milliseconds(re.search(r"^\s+99%\s+(\S+)", output, re.MULTILINE).group(1))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    socket_errors = sum(int(n) for n in sockets.groups()) if sockets else 0
    return LoadResult(requests, seconds, rps, p50, p99, int(bad.group(1)) if bad else 0, socket_errors, "wrk")


def run_wrk(url, seconds, connections, headers):
    """Run wrk against `url`."""
    command = ["wrk", "--latency", "-t", str(min(2, connections)), "-c", str(connections),
               "-d", f"{seconds}s", "--timeout", "10s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run(  # noqa: S603  (wrk on a local address the bench chose)
        [*command, url], capture_output=True, text=True, check=True).stdout
    return parse_wrk(output, seconds)


def run_threads(url, seconds, connections, headers):
    """Load `url` from `connections` threads with http.client (when wrk is not installed)."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    latencies, bad, socket_errors = [], [0], [0]
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def worker():
        mine, my_bad, my_errors = [], 0, 0
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        while time.monotonic() < deadline:
            started = time.monotonic()
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
            except (OSError, http.client.HTTPException):
                my_errors += 1
                connection.close()
                connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
                continue
            mine.append((time.monotonic() - started) * 1000)
            if not 200 <= response.status < 400:
                my_bad += 1
            if response.getheader("Connection", "").lower() == "close":
                connection.close()
        connection.close()
        with lock:
            latencies.extend(mine)
            bad[0] += my_bad
            socket_errors[0] += my_errors

    started = time.monotonic()
    threads = [threading.Thread(target=worker) for _n in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    return LoadResult(len(latencies), elapsed, len(latencies) / elapsed, percentile(latencies, 0.50),
                      percentile(latencies, 0.99), bad[0], socket_errors[0], "python")
