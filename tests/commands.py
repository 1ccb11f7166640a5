"""Running `secor-xl` as a user would: a separate process, exit code and both streams."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def secor_xl(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """`python -m secor_xl ARGS`, captured; never raises on a non-zero exit."""
    return subprocess.run([sys.executable, "-m", "secor_xl", *map(str, args)],
                          capture_output=True, text=True, check=False)
