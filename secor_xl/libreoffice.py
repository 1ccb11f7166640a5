"""Headless LibreOffice: recalculate a workbook, or convert a file to PDF.

A real spreadsheet application is the judge of the workbook's formulas, so
tests, the README picture and (later) `docs --pdf` go through here. Each call
uses a private profile that forces recalculation on load, so the cached
values XlsxWriter writes (zeros) are never trusted.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

_RECALC_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
 <prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
 <prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


class LibreOfficeError(RuntimeError):
    """LibreOffice is missing, or did not produce the file it was asked for."""


def find_soffice() -> str | None:
    """The soffice program, or None when LibreOffice is not installed."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for candidate in ("/usr/lib/libreoffice/program/soffice",
                      "/opt/libreoffice/program/soffice",
                      "/Applications/LibreOffice.app/Contents/MacOS/soffice",
                      r"C:\Program Files\LibreOffice\program\soffice.exe"):
        if Path(candidate).exists():
            return candidate
    return None


def convert(source: str | Path, target_format: str, outdir: str | Path,
            timeout: float = 180) -> Path:
    """Convert `source` with LibreOffice into `outdir`, recalculating on load.

    Args:
        source: the file to open (.xlsx, .docx, ...).
        target_format: LibreOffice's --convert-to argument, e.g. "xlsx" or "pdf".
        outdir: folder for the result; it keeps the source's stem.
        timeout: seconds before giving up.

    Returns the converted file's path.
    """
    return convert_many([source], target_format, outdir, timeout)[0]


def convert_many(sources: Sequence[str | Path], target_format: str, outdir: str | Path,
                 timeout: float = 180) -> list[Path]:
    """`convert` for several files in one LibreOffice run (starting it is most of the time
    of converting a short document); the results in the order of `sources`."""
    soffice = find_soffice()
    if soffice is None:
        raise LibreOfficeError(
            "LibreOffice is not installed: install it (Debian/Ubuntu: apt-get install "
            "libreoffice-calc-nogui libreoffice-writer-nogui) and try again.")
    paths, outdir = [Path(s).resolve() for s in sources], Path(outdir).resolve()
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="secor-lo-") as profile:
        user = Path(profile, "user")
        user.mkdir()
        (user / "registrymodifications.xcu").write_text(_RECALC_PROFILE, encoding="utf-8")
        cmd = [soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
               "--norestore", "--nolockcheck", "--convert-to", target_format,
               "--outdir", str(outdir), *map(str, paths)]
        env = dict(os.environ, HOME=profile)
        try:
            done = subprocess.run(cmd, capture_output=True, text=True,
                                  timeout=timeout * len(paths), env=env, check=False)
        except subprocess.TimeoutExpired as exc:
            raise LibreOfficeError(f"LibreOffice took more than {timeout * len(paths):.0f} s "
                                   f"converting {', '.join(p.name for p in paths)}") from exc
    ext = target_format.split(":", 1)[0]
    results = [outdir / f"{path.stem}.{ext}" for path in paths]
    missing = [path.name for path, result in zip(paths, results, strict=True)
               if not result.exists()]
    if done.returncode != 0 or missing:
        names = ", ".join(missing) or paths[0].name
        raise LibreOfficeError(f"LibreOffice could not convert {names} to {ext}: "
                               f"{(done.stderr or done.stdout).strip()[-500:]}")
    return results


def recalculate(source: str | Path, outdir: str | Path) -> Path:
    """An .xlsx copy of `source` with every formula recalculated by LibreOffice."""
    return convert(source, "xlsx:Calc Office Open XML", outdir)
