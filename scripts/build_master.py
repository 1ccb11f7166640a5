"""Rebuild the committed masters in workbooks/ from the schema.

    python scripts/build_master.py          # rewrite secor_master.xlsx, .xlsm and _lite.xlsx
    python scripts/build_master.py --check  # exit 1 when a committed file is stale

The build is reproducible (fixed document dates), so an unchanged schema gives
the same files and `git status` stays clean. The .xlsm carries the VBA project
of the installed xlwings package (see workbooks/XLWINGS-LICENSE.txt), so a new
xlwings release makes it stale too. The last step writes secor_master_lite.xlsx:
the .xlsx with the xlwings Lite code generated from this package (a changed engine
module makes it stale).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from secor_xl.builder import BuildOptions, build_workbook
from secor_xl.builder.fingerprint import fingerprint
from secor_xl.builder.vba.xlsm import macro_fingerprint
from secor_xl.excel.lite_code import carried_files, main_without_engine, make_lite
from secor_xl.excel.lite_parts import lite_members, read_properties

ROOT = Path(__file__).resolve().parent.parent
MASTER = ROOT / "workbooks" / "secor_master.xlsx"
MACRO_MASTER = ROOT / "workbooks" / "secor_master.xlsm"
LITE_MASTER = ROOT / "workbooks" / "secor_master_lite.xlsx"
TARGETS = ((MASTER, BuildOptions(reproducible=True)),
           (MACRO_MASTER, BuildOptions(reproducible=True, macros=True)),
           (LITE_MASTER, BuildOptions(reproducible=True)))


def build(target: Path, options: BuildOptions) -> Path:
    """One master; the Lite one gets its code after the build."""
    built = build_workbook(target, options)
    return make_lite(built) if target.name == LITE_MASTER.name else built


def lite_stale_reason(committed: Path, fresh: Path) -> str | None:
    """Why the committed Lite parts differ from the fresh build's, or None."""
    old, new = read_properties(committed), read_properties(fresh)
    if not old:
        return "it has no xlwings Lite code"
    if carried_files(old["main.py"]) != carried_files(new["main.py"]):
        return "the engine its main.py carries differs from the package's"
    if main_without_engine(old["main.py"]) != main_without_engine(new["main.py"]):
        return "its main.py differs from the one this package generates"
    if {k: v for k, v in old.items() if k != "main.py"} != {
            k: v for k, v in new.items() if k != "main.py"}:
        return "its requirements.txt or Lite settings differ"
    if {k: v for k, v in lite_members(committed).items() if "webextension1" not in k} != {
            k: v for k, v in lite_members(fresh).items() if "webextension1" not in k}:
        return "its task pane parts differ"
    return None


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
    if committed.name == LITE_MASTER.name:
        return lite_stale_reason(committed, fresh)
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
                fresh = build(Path(tmp) / target.name, options)
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
        build(target, options)
        print(f"wrote {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
