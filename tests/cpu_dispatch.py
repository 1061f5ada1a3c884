"""Another CPU on this machine: the environment that makes numpy and OpenBLAS pick other kernels.

numpy chooses SIMD code paths at run time from the CPU features it finds, and OpenBLAS
chooses a kernel family for the CPU model; a sum, a log or a least-squares fit can then
differ in the last binary digits. Switching both away from what this machine would pick
shows, on one machine, what a reader's different CPU would do to the stored outputs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

# Kernel families to fall back to, from the newest instruction sets down; each runs on any
# CPU that runs the families before it, so the choice never asks for instructions the CPU lacks.
_OPENBLAS_FALLBACK = {"SKYLAKEX": "Haswell", "COOPERLAKE": "Haswell", "SAPPHIRERAPIDS": "Haswell",
                      "HASWELL": "Sandybridge", "ZEN": "Sandybridge", "SANDYBRIDGE": "Nehalem"}

_PROBE = r"""
import ctypes, glob, json, os, numpy as np
from numpy._core._multiarray_umath import __cpu_baseline__, __cpu_dispatch__, __cpu_features__
libs = glob.glob(os.path.join(os.path.dirname(np.__file__), "..", "numpy.libs", "libscipy_openblas*"))
core = ""
if libs:
    lib = ctypes.CDLL(libs[0])
    for name in ("scipy_openblas_get_corename64_", "scipy_openblas_get_corename", "openblas_get_corename"):
        if hasattr(lib, name):
            getter = getattr(lib, name); getter.restype = ctypes.c_char_p; core = getter().decode(); break
print(json.dumps({"found": [f for f in __cpu_dispatch__ if __cpu_features__.get(f)],
                  "baseline": list(__cpu_baseline__), "openblas": core}))
"""


def probe(env: dict[str, str] | None = None) -> dict:
    """What numpy finds and which OpenBLAS kernel it loads, in a fresh interpreter with ``env``."""
    out = subprocess.run([sys.executable, "-c", _PROBE], env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def other_cpu_environment() -> tuple[dict[str, str], str]:
    """The environment for the second run, and a line saying what it changes."""
    here = probe(os.environ.copy())
    env = os.environ.copy()
    changes = []
    if here["found"]:
        env["NPY_DISABLE_CPU_FEATURES"] = " ".join(here["found"])
        changes.append(f"numpy dispatch {', '.join(here['found'])} disabled (baseline {', '.join(here['baseline'])})")
    core = here["openblas"].upper()
    if core:
        fallback = next((v for k, v in _OPENBLAS_FALLBACK.items() if core.startswith(k)),
                        "Nehalem" if core != "NEHALEM" else "Prescott")
        env["OPENBLAS_CORETYPE"] = fallback
        changes.append(f"OpenBLAS kernel {here['openblas']} -> {fallback}")
    return env, "; ".join(changes) or "nothing to change on this CPU"
