"""Hub sizing from measurement: each chapter's run time, CPU time and peak memory, and a JupyterLab server's.

``python -m rut_book.editions sizing`` runs every chapter top to bottom on a fresh kernel, as a student's
*Run all* does (twice, keeping the quicker run's times), and reads the kernel's peak resident memory
(``VmHWM``) and CPU time from ``/proc`` when the run ends; it also starts one JupyterLab server, waits until
it answers, and reads its resident memory. The results, with the machine they were measured on, go to
``classroom/sizing.json``; the teacher's guide renders them (``{rut-hub-sizing}``) with the memory and cores
a class needs, computed from them, never typed.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import tempfile
import time
from pathlib import Path

from rut_book import ROOT, servers

SIZING_FILE = ROOT / "classroom" / "sizing.json"


def _proc_status_mb(pid: int, field: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024  # the kernel reports kB
    raise RuntimeError(f"/proc/{pid}/status has no {field} line (is this Linux?)")


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def measure_chapter(path: Path, timeout: int = 300) -> dict:
    """Run one notebook on a fresh kernel; its wall time, the kernel's CPU seconds and peak memory (MB)."""
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    with client.setup_kernel():
        pid = client.km.provisioner.process.pid
        start_cpu, start = _cpu_seconds(pid), time.perf_counter()
        for index, cell in enumerate(notebook.cells):
            if cell.cell_type == "code":
                client.execute_cell(cell, index)
        seconds = time.perf_counter() - start
        cpu = _cpu_seconds(pid) - start_cpu
        peak = _proc_status_mb(pid, "VmHWM")
    return {"chapter": path.stem, "seconds": round(seconds, 1), "cpu_seconds": round(cpu, 1),
            "peak_mb": round(peak)}


def measure_jupyterlab(timeout: float = 60) -> float:
    """Start one JupyterLab server (no browser, a temporary folder), wait until it answers; its memory in MB."""
    with tempfile.TemporaryDirectory(prefix="rut-edu-sizing-") as folder:
        with servers.jupyterlab(folder, env={**os.environ, "JUPYTER_RUNTIME_DIR": folder}, timeout_s=timeout) as (server, _):
            return _proc_status_mb(server.pid, "VmRSS")


def _machine() -> str:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor() or "unknown CPU")
    return f"{model}, {os.cpu_count()} cores, Python {platform.python_version()}"


def measure(root: Path = ROOT) -> dict:
    """Every chapter's measurement and the JupyterLab server's, with the machine and the date."""
    chapters = []
    for path in sorted((root / "notebooks").glob("*.ipynb")):
        # Twice: the first run of a chapter may wait on the disk (a cold cache), so the times are the quicker
        # run's and the memory the larger run's.
        runs = [measure_chapter(path) for _ in range(2)]
        chapters.append({"chapter": path.stem, "seconds": min(run["seconds"] for run in runs),
                         "cpu_seconds": min(run["cpu_seconds"] for run in runs),
                         "peak_mb": max(run["peak_mb"] for run in runs)})
    return {"measured_on": dt.date.today().isoformat(), "machine": _machine(),
            "jupyterlab_server_mb": round(measure_jupyterlab()), "chapters": chapters}


def write(path: Path = SIZING_FILE, root: Path = ROOT) -> Path:
    path.write_text(json.dumps(measure(root), indent=2) + "\n", encoding="utf-8")
    return path


def load(path: Path = SIZING_FILE) -> dict:
    """The stored measurements, checked: every field present, every number positive."""
    data = json.loads(path.read_text(encoding="utf-8"))
    missing = {"measured_on", "machine", "jupyterlab_server_mb", "chapters"} - set(data)
    if missing:
        raise ValueError(f"{path}: missing {sorted(missing)}; rerun python -m rut_book.editions sizing")
    for row in data["chapters"]:
        if not all(row.get(key, 0) > 0 for key in ("seconds", "cpu_seconds", "peak_mb")):
            raise ValueError(f"{path}: chapter {row.get('chapter')!r} lacks a positive measurement")
    return data


# A student's server holds the JupyterLab server and one running kernel; the headroom covers the variation
# between runs and machines (a second chapter left open needs a second kernel: the hub's limit allows for it).
HEADROOM = 1.25


def per_student_mb(data: dict) -> float:
    """Memory one student needs: JupyterLab's server plus the heaviest chapter's kernel, with headroom."""
    return HEADROOM * (data["jupyterlab_server_mb"] + max(row["peak_mb"] for row in data["chapters"]))


def cores_for_class(data: dict, students: int, minutes: float) -> float:
    """Cores that let ``students`` each run the most CPU-hungry chapter once within ``minutes``."""
    return students * max(row["cpu_seconds"] for row in data["chapters"]) / (60 * minutes)
