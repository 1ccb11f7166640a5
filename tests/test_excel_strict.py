"""Excel is stricter than LibreOffice (issue 15): MMULT and SUMPRODUCT take numbers only,
so a TRUE/FALSE array passed to them shows #VALUE! in Excel while LibreOffice computes.
Every formula of the masters is read and each argument of those functions must be made
a number (arithmetic at its top level), never a bare comparison."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.formula import ArrayFormula

MASTERS = Path(__file__).parent.parent / "workbooks"
STRICT = ("MMULT", "SUMPRODUCT")
COMPARE = ("<>", "<=", ">=", "=", "<", ">")
ARITHMETIC = ("*", "+", "-", "/", "^")


def formulas(path: Path) -> list[tuple[str, str]]:
    """(where, formula) of every formula cell, defined name, conditional format and
    validation."""
    wb = openpyxl.load_workbook(path)
    found = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                value = cell.value
                text = value.text if isinstance(value, ArrayFormula) else value
                if isinstance(text, str) and text.startswith("="):
                    found.append((f"{ws.title}!{cell.coordinate}", text))
        found += [(f"{ws.title} format {cf.sqref}", "=" + rule.formula[0])
                  for cf in ws.conditional_formatting for rule in cf.rules if rule.formula]
        found += [(f"{ws.title} validation {dv.sqref}", "=" + (dv.formula1 or ""))
                  for dv in ws.data_validations.dataValidation]
    for name, defined in wb.defined_names.items():
        found.append((name, "=" + (defined.attr_text or "")))
    return found


BOOKS = ["secor_master.xlsx", "secor_master.xlsm", "demo"]
"""The masters, and the demo company's workbook (full of records)."""


@pytest.fixture(params=BOOKS)
def book(request: pytest.FixtureRequest) -> Path:
    if request.param == "demo":
        demo: Path = request.getfixturevalue("demo_master")
        return demo
    return MASTERS / str(request.param)


def top_level(text: str) -> list[str]:
    """The characters of `text` outside any parentheses or string, as runs."""
    depth, quoted, out, run = 0, False, [], ""
    for ch in text:
        if ch == '"':
            quoted = not quoted
        if quoted:
            continue
        if ch == "(":
            if depth == 0 and run:
                out.append(run)
                run = ""
            depth += 1
        elif ch == ")":
            depth -= 1
        elif depth == 0:
            run += ch
    return [*out, run] if run else out


def arguments(formula: str, function: str) -> list[str]:
    """The top-level arguments of every call of `function` in `formula`."""
    found, start = [], 0
    while (i := formula.upper().find(function + "(", start)) >= 0:
        depth, quoted, j, arg, args = 0, False, i + len(function) + 1, "", []
        while j < len(formula):
            ch = formula[j]
            if ch == '"':
                quoted = not quoted
            if not quoted and ch == "(":
                depth += 1
            elif not quoted and ch == ")":
                if depth == 0:
                    break
                depth -= 1
            elif not quoted and ch == "," and depth == 0:
                args.append(arg)
                arg = ""
                j += 1
                continue
            arg += ch
            j += 1
        found += [*args, arg]
        start = i + 1
    return found


def is_bare_comparison(argument: str) -> bool:
    """A comparison (or parentheses around one) with no arithmetic that makes it a number."""
    text = argument.strip()
    while text.startswith("(") and text.endswith(")") and not top_level(text):
        text = text[1:-1].strip()
    outside = "".join(top_level(text))
    return any(op in outside for op in COMPARE) and not any(op in outside for op in ARITHMETIC)


def test_no_boolean_array_reaches_mmult_or_sumproduct(book: Path) -> None:
    bad = [(where, function, arg[:80]) for where, formula in formulas(book)
           for function in STRICT for arg in arguments(formula, function)
           if is_bare_comparison(arg)]
    assert bad == []


def test_every_formula_is_short_enough_to_read(book: Path) -> None:
    """No formula passes 1,000 characters (the road cell was 5,062, the counts 2,400)."""
    longest = max((len(text), where) for where, text in formulas(book))
    assert longest[0] < 1000, longest


def test_the_checker_finds_what_excel_rejects() -> None:
    assert is_bare_comparison("(A1:A3=TRANSPOSE(B1:B3))")
    assert is_bare_comparison("((A1:A3=TRANSPOSE(B1:B3)))")
    assert not is_bare_comparison("((A1:A3=TRANSPOSE(B1:B3))*1)")
    assert not is_bare_comparison("(A1:A3=1)*(B1:B3>2)")
    assert not is_bare_comparison("ROW(A1:A3)^0")
    assert arguments("=SUM(MMULT((X=Y),ROW(Z)^0))", "MMULT") == ["(X=Y)", "ROW(Z)^0"]


# Functions newer than the floor (Excel 2019, LibreOffice 7.x): dynamic arrays and later.
NEWER = ("FILTER", "SORT", "SORTBY", "UNIQUE", "SEQUENCE", "RANDARRAY", "XLOOKUP", "XMATCH",
         "LET", "LAMBDA", "TEXTSPLIT", "TEXTBEFORE", "TEXTAFTER", "VSTACK", "HSTACK", "TAKE",
         "DROP", "CHOOSECOLS", "CHOOSEROWS", "TOCOL", "TOROW", "WRAPROWS", "WRAPCOLS",
         "EXPAND", "MAP", "REDUCE", "SCAN", "MAKEARRAY", "BYROW", "BYCOL", "ISOMITTED")


def test_no_function_newer_than_excel_2019(book: Path) -> None:
    texts = [text for _where, text in formulas(book)]
    assert used_functions(texts) & set(NEWER) == set()
    assert {"MMULT", "EDATE", "COUNTIF"} <= used_functions(texts)  # the reading works


def used_functions(texts: list[str]) -> set[str]:
    """Function names called in `texts` (Excel's _xlfn. prefix dropped)."""
    import re

    return {name for text in texts
            for name in re.findall(r"(?:_XLFN\.|_XLWS\.)?([A-Z][A-Z0-9.]*)\(", text.upper())}


def test_the_function_reader_sees_new_functions() -> None:
    assert used_functions(["=_xlfn.XLOOKUP(A1,B:B,C:C)", "=SUM(LET(x,1,x))"]) >= {
        "XLOOKUP", "LET", "SUM"}


def test_every_certifying_partner_list_the_dropdown_can_ask_for_exists() -> None:
    """Company > Certifying Partner is INDIRECT("Partners_" & Province): Excel shows an error
    for a name that does not exist, so every province code has one."""
    from secor_xl.schema import PROVINCES

    wb = openpyxl.load_workbook(MASTERS / "secor_master.xlsx")
    missing = [code for code in PROVINCES if f"Partners_{code}" not in wb.defined_names]
    assert missing == []
