"""Local servers the tooling and its tests start: a built site served as a static host serves it, a free port,
waiting until one answers, stopping only it.

``python -m rut_book.servers FOLDER PORT`` serves a built site on 127.0.0.1 (``make serve``).
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.request import urlopen

COMPRESSED_SUFFIXES = (".html", ".js", ".css", ".svg", ".json", ".txt", ".map", ".xml")
"""Text a static host (GitHub Pages, Netlify) sends gzip-compressed; images, fonts and ``.gz`` files go as they are."""


@functools.lru_cache(maxsize=512)
def _gzipped(path: str, mtime: float) -> bytes:
    return gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)


class StaticSiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site the way a static host does: text compressed with gzip when the browser accepts it,
    so what a page transfers here is what a reader's browser fetches; and without a log line per request."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if (path.suffix not in COMPRESSED_SUFFIXES or not path.is_file()
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = _gzipped(str(path), path.stat().st_mtime)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def serve_site(folder: str | Path, port: int = 0, host: str = "127.0.0.1") -> http.server.ThreadingHTTPServer:
    """Serve ``folder`` on ``host`` (this machine only by default; "0.0.0.0" for the local network) at ``port``
    (a free one for 0) from a background thread; ``shutdown()`` ends it.

    The address is ``f"http://127.0.0.1:{server.server_address[1]}"``.
    """
    if not Path(folder, "index.html").is_file():
        raise FileNotFoundError(f"{folder} holds no index.html: build the site first (make book)")
    handler = functools.partial(StaticSiteHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer((host, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@contextlib.contextmanager
def served_site(folder: str | Path, port: int = 0, host: str = "127.0.0.1"):
    """:func:`serve_site` while the ``with`` block runs, then stopped and its socket closed; yields the site's
    address, ``http://127.0.0.1:PORT``."""
    server = serve_site(folder, port, host)
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_http(url: str, timeout_s: float = 60, process: subprocess.Popen | None = None) -> None:
    """Return once ``url`` answers; raise if it does not within ``timeout_s`` seconds, or if ``process`` (the
    server that should answer) ends first."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server for {url} ended (exit status {process.returncode}) before answering")
        try:
            with urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {timeout_s} s")


def stop(process: subprocess.Popen) -> None:
    """Stop a server started with ``start_new_session=True`` and every process it started (its group), by id.

    The group is ended even when its leader has already ended: a server that failed (say, its port was taken)
    may leave a child running, such as JupyterHub's proxy.
    """
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    try:
        os.killpg(process.pid, signal.SIGKILL)  # what is left of the group
    except ProcessLookupError:
        pass


@contextlib.contextmanager
def jupyterlab(root_dir: str | Path, *, token: str = "", env: dict | None = None, timeout_s: float = 90,
               extra_arguments: tuple[str, ...] = ()):
    """JupyterLab serving ``root_dir`` on a free local port, until the ``with`` block ends; then it is stopped.

    The one way the tooling and the tests start JupyterLab: no browser, 127.0.0.1 only, its own process group
    (so :func:`stop` ends it and its kernels, nothing else), waited on until its page answers.

    Parameters
    ----------
    root_dir : str or pathlib.Path
        The folder JupyterLab opens.
    token : str, default ""
        The token a browser must give (empty: none).
    env : dict, optional
        The environment; by default this process's.
    timeout_s : float, default 90
        How long to wait for the page before giving up (only a broken install takes so long).
    extra_arguments : tuple of str, default ()
        More command-line options (``--LabApp.extension_manager=readonly``).

    Yields
    ------
    tuple of (subprocess.Popen, str)
        The server and its address (``http://127.0.0.1:PORT``).

    Examples
    --------
    >>> with jupyterlab("notebooks", token="learner") as (server, url):  # doctest: +SKIP
    ...     print(url)
    """
    port = free_port()
    lab = Path(sys.executable).with_name("jupyter-lab")
    server = subprocess.Popen(
        [str(lab) if lab.exists() else "jupyter-lab", "--no-browser", "--allow-root", f"--port={port}",
         "--ServerApp.ip=127.0.0.1", f"--ServerApp.token={token}", f"--ServerApp.root_dir={root_dir}",
         *extra_arguments],
        env=env if env is not None else dict(os.environ), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_http(f"{url}/lab" + (f"?token={token}" if token else ""), timeout_s, process=server)
        yield server, url
    finally:
        stop(server)


def main(argv: list[str]) -> int:
    """``python -m rut_book.servers FOLDER PORT [--network]``: serve a built site until Ctrl-C, to this machine
    only, or with ``--network`` to every machine that can reach this one (a classroom's local network)."""
    network = "--network" in argv
    argv = [arg for arg in argv if arg != "--network"]
    if len(argv) != 2 or not argv[1].isdigit():
        print("usage: python -m rut_book.servers FOLDER PORT [--network]", file=sys.stderr)
        return 2
    server = serve_site(argv[0], int(argv[1]), host="0.0.0.0" if network else "127.0.0.1")  # noqa: S104 - asked for
    port = server.server_address[1]
    where = (f"on port {port} of every address of this machine (the local network: http://{socket.gethostname()}:{port})"
             if network else f"on http://127.0.0.1:{port} (this machine only; NETWORK=1 serves the local network)")
    print(f"Serving {argv[0]} {where} (Ctrl-C to stop)", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
