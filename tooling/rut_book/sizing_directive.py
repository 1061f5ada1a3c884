"""Sphinx extension: ``{rut-hub-sizing}`` renders ``classroom/sizing.json`` in the teacher's guide.

A table of each chapter's measured run (wall time, CPU time, the kernel's peak memory), then what a class
needs, computed here from those numbers: memory per student, memory for a class running at once, and cores for
a class that runs the heaviest chapter within a lecture's first minutes.
"""

from __future__ import annotations

import math

from rut_book.editions import sizing
from rut_book.generated_myst import GeneratedMyST

CLASS_SIZES = (30, 100, 300)
RUN_WINDOW_MINUTES = 10  # the class presses Run all within ten minutes of each other


def sizing_lines(data: dict) -> list[str]:
    """The MyST source of the sizing section: a table, then the needs of classes of each size."""
    lines = [f"Measured on {data['measured_on']} ({data['machine']}): each chapter run top to bottom on a fresh "
             "kernel, as *Run all* does (the quicker of two runs); one JupyterLab server, idle, holds "
             f"{data['jupyterlab_server_mb']:,} MB.", "",
             "| chapter | run time (s) | CPU time (s) | kernel's peak memory (MB) |", "|---|---:|---:|---:|"]
    lines += [f"| {{doc}}`/notebooks/{row['chapter']}` | {row['seconds']:.1f} | {row['cpu_seconds']:.1f} | "
              f"{row['peak_mb']:,} |" for row in data["chapters"]]
    student_mb = sizing.per_student_mb(data)
    heaviest = max(data["chapters"], key=lambda row: row["peak_mb"])
    lines += ["", f"One student needs about {math.ceil(student_mb / 50) * 50:,} MB: the server, the heaviest "
                  f"kernel ({heaviest['peak_mb']:,} MB), and {sizing.HEADROOM - 1:.0%} headroom; each further "
                  "chapter left open holds its own kernel. For a class that works at the same time, with everyone "
                  f"pressing *Run all* on the most CPU-hungry chapter within {RUN_WINDOW_MINUTES} minutes:", "",
              "| students | memory (GB) | cores |", "|---:|---:|---:|"]
    for students in CLASS_SIZES:
        memory_gb = students * student_mb / 1024
        cores = sizing.cores_for_class(data, students, RUN_WINDOW_MINUTES)
        lines.append(f"| {students:,} | {memory_gb:,.0f} | {max(1, math.ceil(cores)):,} |")
    return lines


class HubSizing(GeneratedMyST):
    css_class = "rut-hub-sizing"

    def data_file(self):
        return sizing.SIZING_FILE

    def code_files(self):
        return (sizing.__file__,)

    def myst_lines(self):
        return sizing_lines(sizing.load())


def setup(app):
    app.add_directive("rut-hub-sizing", HubSizing)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
