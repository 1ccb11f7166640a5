"""Render the README's pictures from the demo: the Dashboard and a readiness report page.

    python scripts/render_pictures.py [--as-of 2026-11-26]

LibreOffice (headless) recalculates the demo workbook and prints it to PDF;
the page that holds the Dashboard becomes docs/dashboard.png, and the first
page of the demo's readiness report becomes docs/readiness.png (pdftoppm,
Debian: poppler-utils).
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from secor_xl.demo import run_demo
from secor_xl.libreoffice import convert

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "docs" / "dashboard.png"
REPORT_TARGET = ROOT / "docs" / "readiness.png"


def page_with(pdf: Path, text: str) -> int:
    """The first page of `pdf` whose text contains `text`."""
    pages = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")
    for number, page in enumerate(pages, start=1):
        if text in page:
            return number
    raise SystemExit(f"no page of {pdf} says {text!r}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--as-of", type=dt.date.fromisoformat, default=None)
    parser.add_argument("--out", type=Path, default=TARGET)
    args = parser.parse_args()
    if not shutil.which("pdftoppm"):
        raise SystemExit("pdftoppm is missing: apt-get install poppler-utils")
    with tempfile.TemporaryDirectory() as tmp:
        ctx = run_demo(Path(tmp) / "demo", args.as_of)
        pdf = convert(ctx.workbook, "pdf", Path(tmp) / "pdf")
        page = page_with(pdf, "Readiness by element")
        stem = Path(tmp) / "dashboard"
        subprocess.run(["pdftoppm", "-png", "-r", "110", "-f", str(page), "-l", str(page),
                        "-singlefile", str(pdf), str(stem)], check=True)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(f"{stem}.png", args.out)
        report = next((ctx.outdir / "documents").glob("readiness_*.docx"))
        report_pdf = convert(report, "pdf", Path(tmp) / "pdf")
        report_stem = Path(tmp) / "readiness"
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile",
                        str(report_pdf), str(report_stem)], check=True)
        shutil.copy(f"{report_stem}.png", REPORT_TARGET)
    print(f"wrote {args.out} (page {page} of the demo workbook's PDF) and {REPORT_TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
