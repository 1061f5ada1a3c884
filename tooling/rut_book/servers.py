"""Local servers the tooling and its tests start: a free port, waiting until one answers, stopping only it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from urllib.request import urlopen


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_http(url: str, timeout_s: float = 60) -> None:
    """Return once ``url`` answers; raise if it does not within ``timeout_s`` seconds."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            with urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {timeout_s} s")


def stop(process: subprocess.Popen) -> None:
    """Stop a server started with ``start_new_session=True`` and every process it started (its group), by id."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
