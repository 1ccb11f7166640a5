"""Rebuild the committed masters in workbooks/ from the schema.

    python scripts/build_master.py          # rewrite secor_master.xlsx and secor_master.xlsm
    python scripts/build_master.py --check  # exit 1 when a committed file is stale

The build is reproducible (fixed document dates), so an unchanged schema gives
the same files and `git status` stays clean. The .xlsm carries the VBA project
of the installed xlwings package (see workbooks/XLWINGS-LICENSE.txt), so a new
xlwings release makes it stale too.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from secor_xl.builder import BuildOptions, build_workbook
from secor_xl.builder.fingerprint import fingerprint
from secor_xl.builder.vba.xlsm import macro_fingerprint

ROOT = Path(__file__).resolve().parent.parent
MASTER = ROOT / "workbooks" / "secor_master.xlsx"
MACRO_MASTER = ROOT / "workbooks" / "secor_master.xlsm"
TARGETS = ((MASTER, BuildOptions(reproducible=True)),
           (MACRO_MASTER, BuildOptions(reproducible=True, macros=True)))


def stale_reason(committed: Path, fresh: Path) -> str | None:
    """Why `committed` differs from the `fresh` build, or None when it does not."""
    if not committed.exists():
        return "it is missing"
    if fingerprint(fresh) != fingerprint(committed):
        return "its sheets differ from the schema's"
    old, new = macro_fingerprint(committed), macro_fingerprint(fresh)
    if old["xlwings"] != new["xlwings"]:
        return (f"its VBA comes from xlwings {old['xlwings']}, the installed xlwings is "
                f"{new['xlwings']}")
    if old != new:
        return "its VBA project, code names or buttons differ"
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true",
                        help="compare with the committed files instead of writing them")
    args = parser.parse_args()
    if args.check:
        stale = 0
        with tempfile.TemporaryDirectory() as tmp:
            for target, options in TARGETS:
                fresh = build_workbook(Path(tmp) / target.name, options)
                reason = stale_reason(target, fresh)
                name = target.relative_to(ROOT)
                if reason:
                    stale += 1
                    print(f"{name} is stale ({reason}): run python scripts/build_master.py")
                else:
                    print(f"{name} is up to date")
        return 1 if stale else 0
    MASTER.parent.mkdir(exist_ok=True)
    for target, options in TARGETS:
        build_workbook(target, options)
        print(f"wrote {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
