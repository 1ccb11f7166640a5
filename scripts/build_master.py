"""Rebuild the committed masters in workbooks/ from the schema.

    python scripts/build_master.py          # rewrite workbooks/secor_master.xlsx
    python scripts/build_master.py --check  # exit 1 when the committed file is stale

The build is reproducible (fixed document dates), so an unchanged schema gives
the same file and `git status` stays clean.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from secor_xl.workbook import BuildOptions, build_workbook
from secor_xl.workbook.fingerprint import fingerprint

ROOT = Path(__file__).resolve().parent.parent
MASTER = ROOT / "workbooks" / "secor_master.xlsx"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true",
                        help="compare with the committed file instead of writing it")
    args = parser.parse_args()
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            fresh = build_workbook(Path(tmp) / MASTER.name, BuildOptions(reproducible=True))
            if not MASTER.exists() or fingerprint(fresh) != fingerprint(MASTER):
                print(f"{MASTER.relative_to(ROOT)} is stale: run python scripts/build_master.py")
                return 1
        print(f"{MASTER.relative_to(ROOT)} is up to date")
        return 0
    MASTER.parent.mkdir(exist_ok=True)
    build_workbook(MASTER, BuildOptions(reproducible=True))
    print(f"wrote {MASTER.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
