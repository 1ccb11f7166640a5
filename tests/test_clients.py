"""`secor-xl init --clients`: one master per CSV row, or nothing and every bad line listed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from secor_xl.automation.clients import Client, plan, read_clients, with_contact_email
from secor_xl.errors import UserError
from secor_xl.reader.read import read_workbook

from .commands import secor_xl

GOOD = """company,province,workers,contact
Prairie Ridge Framing Ltd.,AB,8,Dale Kowalski
Boucherie Lévesque,british columbia,3,Émilie Lévesque
"Smith, Jones & Co",Mb,0,
"""


run = secor_xl


def write_csv(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def company(path: Path) -> dict[str, object]:
    return read_workbook(path).company


def test_good_csv_makes_one_master_each(tmp_path: Path) -> None:
    csv_path = write_csv(tmp_path / "clients.csv", GOOD)
    folder = tmp_path / "clients"
    result = run("init", "--clients", csv_path, "--out", folder)
    assert result.returncode == 0, result.stderr
    assert "Wrote 3 client workbooks" in result.stdout
    made = sorted(p.name for p in folder.iterdir())
    assert made == ["Boucherie Lévesque.xlsx", "Prairie Ridge Framing Ltd.xlsx",
                    "Smith-Jones-Co.xlsx"]
    for name in made:
        assert str(folder / name) in result.stdout
    prairie = company(folder / "Prairie Ridge Framing Ltd.xlsx")
    assert prairie["Company Name"] == "Prairie Ridge Framing Ltd."
    assert prairie["Province"] == "AB"
    assert prairie["Number of Workers"] == 8
    assert prairie["Safety Contact"] == "Dale Kowalski"
    boucherie = company(folder / "Boucherie Lévesque.xlsx")
    assert (boucherie["Province"], boucherie["Number of Workers"],
            boucherie["Safety Contact"]) == ("BC", 3, "Émilie Lévesque")
    smith = company(folder / "Smith-Jones-Co.xlsx")
    assert (smith["Company Name"], smith["Province"], smith["Number of Workers"],
            smith["Safety Contact"]) == ("Smith, Jones & Co", "MB", 0, None)


def test_bad_lines_are_all_listed_and_nothing_is_written(tmp_path: Path) -> None:
    csv_path = write_csv(tmp_path / "clients.csv", "\n".join([
        "Company,Province,Workers,Contact",   # 1
        "Good One,AB,4,Ann",                  # 2
        ",AB,4,Ann",                          # 3 blank company
        "",                                   # 4 blank line, skipped
        "Quebec Co,QC,4,",                    # 5 unknown province
        "Half Co,BC,2.5,",                    # 6 not whole
        '"Multi',                             # 7-8: one record over two lines
        'line Co",SK,-1,',                    #   negative workers
        "Nothing Co,,,",                      # 9 province and workers blank
        "Good Two,BC,7,Bob",                  # 10
    ]) + "\n")
    folder = tmp_path / "clients"
    result = run("init", "--clients", csv_path, "--out", folder)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert "Traceback" not in result.stderr
    assert "5 rows cannot be used" in lines[0] and "nothing was written" in lines[0]
    assert lines[1:] == [
        f"{csv_path} line 3: company is blank.",
        f"{csv_path} line 5: province 'QC' is not one of AB, BC, SK, MB, NS, NB, NL, ON, PE, "
        "YT, NT, NU.",
        f"{csv_path} line 6: workers '2.5' is not a whole number from 0 to 10000.",
        f"{csv_path} line 7: workers '-1' is not a whole number from 0 to 10000.",
        f"{csv_path} line 9: province is blank; use one of AB, BC, SK, MB, NS, NB, NL, ON, PE, "
        "YT, NT, NU; workers is blank; give the number of workers (0 or more).",
    ]
    assert not folder.exists()


def test_semicolons_and_bom(tmp_path: Path) -> None:
    csv_path = write_csv(tmp_path / "clients.csv",
                         "\ufeffCOMPANY;Province;Number of Workers;Safety Contact\r\n"
                         "Caisse Gagnon, Frères;nova scotia;12;Luc Gagnon\r\n", "utf-8")
    folder = tmp_path / "out"
    result = run("init", "--clients", csv_path, "--out", folder)
    assert result.returncode == 0, result.stderr
    values = company(folder / "Caisse Gagnon-Frères.xlsx")
    assert (values["Company Name"], values["Province"], values["Number of Workers"],
            values["Safety Contact"]) == ("Caisse Gagnon, Frères", "NS", 12, "Luc Gagnon")


def test_duplicate_company_names_get_numbers_and_a_warning(tmp_path: Path) -> None:
    csv_path = write_csv(tmp_path / "clients.csv",
                         "company,province,workers\nAcme Ltd.,AB,1\nAcme Ltd.,BC,2\n"
                         "ACME LTD,MB,3\n../../etc/passwd,AB,1\nAcme  ltd.,AB,1\n")
    folder = tmp_path / "out"
    result = run("init", "--clients", csv_path, "--out", folder)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in folder.iterdir()) == [
        "ACME LTD-3.xlsx", "Acme Ltd-2.xlsx", "Acme Ltd.xlsx", "Acme-ltd.xlsx",
        "etc-passwd.xlsx"]
    assert company(folder / "Acme Ltd-2.xlsx")["Province"] == "BC"
    assert company(folder / "ACME LTD-3.xlsx")["Number of Workers"] == 3
    assert result.stderr.splitlines() == [
        f"warning: {csv_path} line 3: company 'Acme Ltd.' is already on line 2; this row's "
        "workbook is Acme Ltd-2.xlsx. If it is the same client, delete one of the rows.",
        f"warning: {csv_path} line 4: company 'ACME LTD' makes the same file name as "
        "'Acme Ltd.' on line 2; this row's workbook is ACME LTD-3.xlsx.",
        f"warning: {csv_path} line 6: company 'Acme  ltd.' is already on line 2; this row's "
        "workbook is Acme-ltd.xlsx. If it is the same client, delete one of the rows.",
    ]
    assert "5 client workbooks" in result.stdout and "3 warnings, see above" in result.stdout


def test_more_workers_than_the_province_limit_is_a_warning(tmp_path: Path) -> None:
    csv_path = write_csv(tmp_path / "clients.csv", "\n".join([
        "company,province,workers",
        "Big BC Co,BC,45",   # 2: BC's limit is 19
        "Edge BC Co,BC,19",  # 3: at the limit: fine
        "Ab Eleven,AB,11",   # 4: Alberta's is 10
        "Ontario Co,ON,45",  # 5: no small-employer limit found for Ontario: nothing to say
    ]) + "\n")
    folder = tmp_path / "out"
    result = run("init", "--clients", csv_path, "--out", folder)
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 2, result.stderr
    assert lines[0].startswith(f"warning: {csv_path} line 2: Big BC Co has 45 workers, over "
                               "British Columbia's small-employer limit of 19: ")
    assert "large-employer COR" in lines[0] and "Worker Threshold Override" in lines[0]
    assert lines[1].startswith(f"warning: {csv_path} line 4: Ab Eleven has 11 workers, over "
                               "Alberta's small-employer limit of 10: ")
    assert "regular COR" in lines[1]
    assert company(folder / "Big BC Co.xlsx")["Number of Workers"] == 45  # still made


def test_emails_go_where_emails_go(tmp_path: Path) -> None:
    csv_path = write_csv(tmp_path / "clients.csv", "\n".join([
        "Company,Province,Workers,Contact,Reminder Email",
        "Only Mail,AB,3,dale@onlymail.ca,",                      # 2: the address alone
        "Both Co,AB,3,Dale Kowalski <dale@both.ca>,",            # 3: name and address
        'Comma Co,AB,3,"Kowalski, Dale",office@comma.ca',        # 4: the email column
        "Two Co,AB,3,Ann Lee (ann@two.ca),office@two.ca",        # 5: two addresses
        "Same Co,AB,3,Ann Lee ann@same.ca,ANN@same.ca",          # 6: the same one twice
        "Plain Co,AB,3,Ann Lee,",                                # 7: nothing to move
    ]) + "\n")
    folder = tmp_path / "out"
    result = run("init", "--clients", csv_path, "--out", folder)
    assert result.returncode == 0, result.stderr

    def contact_and_email(name: str) -> tuple[object, object]:
        values = company(folder / f"{name}.xlsx")
        return values["Safety Contact"], values["Reminder Email"]

    assert contact_and_email("Only Mail") == (None, "dale@onlymail.ca")
    assert contact_and_email("Both Co") == ("Dale Kowalski", "dale@both.ca")
    assert contact_and_email("Comma Co") == ("Kowalski, Dale", "office@comma.ca")
    assert contact_and_email("Two Co") == ("Ann Lee", "office@two.ca")
    assert contact_and_email("Same Co") == ("Ann Lee", "ANN@same.ca")
    assert contact_and_email("Plain Co") == ("Ann Lee", None)
    for name in ("Only Mail", "Both Co", "Two Co"):
        assert read_workbook(folder / f"{name}.xlsx").frame("Employees").empty
    # the person's own address has nowhere to go in a new workbook (no roster yet): said
    assert result.stderr.splitlines() == [
        f"warning: {csv_path} line 5: Ann Lee's e-mail ann@two.ca is not kept: Reminder Email "
        "is office@two.ca (the email column) and the new workbook has no roster row for Ann "
        "Lee yet; type it in their Email on Employees when you add them."]
    check = run("check", folder / "Only Mail.xlsx", "--format", "json")
    codes = {f["code"] for f in __import__("json").loads(check.stdout)["findings"]}
    assert "invalid.email" not in codes and "invalid.employee" not in codes


def test_bad_emails_are_bad_rows(tmp_path: Path) -> None:
    csv_path = write_csv(tmp_path / "clients.csv", "\n".join([
        "company,province,workers,contact,email",
        "A,AB,1,dale@goodco,",
        "B,AB,1,a@b.ca c@d.ca,",
        "C,AB,1,Dale,dale at goodco",
    ]) + "\n")
    result = run("init", "--clients", csv_path, "--out", tmp_path / "out")
    assert result.returncode == 2
    assert result.stderr.splitlines()[1:] == [
        f"{csv_path} line 2: contact 'dale@goodco': 'dale@goodco' is not an e-mail address "
        "(name@example.com); put the person's name in contact and their address in email.",
        f"{csv_path} line 3: contact 'a@b.ca c@d.ca' has 2 e-mail addresses; give one "
        "(reminders go to one address) in the email column.",
        f"{csv_path} line 4: email 'dale at goodco' is not an e-mail address "
        "(name@example.com).",
    ]
    assert not (tmp_path / "out").exists()


def test_the_contacts_address_goes_to_their_roster_row() -> None:
    client = Client(2, "Both Co", "AB", 3, "Dale Kowalski", "office@both.ca", "dale@both.ca")
    roster = [{"Name": "Ann Lee"}, {"Name": "dale  KOWALSKI", "Email": None}]
    rows, kept = with_contact_email(roster, client)
    assert kept and rows == [{"Name": "Ann Lee"},
                             {"Name": "dale  KOWALSKI", "Email": "dale@both.ca"}]
    assert roster[1]["Email"] is None  # a copy
    mine = [{"Name": "Dale Kowalski", "Email": "dale@home.ca"}]
    assert with_contact_email(mine, client) == (mine, True)  # the roster's own address stays
    assert with_contact_email([{"Name": "Ann Lee"}], client) == ([{"Name": "Ann Lee"}], False)
    assert with_contact_email([], Client(2, "X", "AB", 1, None, "a@b.ca", None)) == ([], False)


def test_existing_files_are_refused_then_replaced_with_force(tmp_path: Path) -> None:
    csv_path = write_csv(tmp_path / "clients.csv", GOOD)
    folder = tmp_path / "clients"
    folder.mkdir()
    precious = folder / "Prairie Ridge Framing Ltd.xlsx"
    precious.write_bytes(b"precious")
    result = run("init", "--clients", csv_path, "--out", folder)
    assert result.returncode == 2
    assert "1 of these workbooks already exist" in result.stderr
    assert str(precious) in result.stderr and "--force" in result.stderr
    assert precious.read_bytes() == b"precious"
    assert [p.name for p in folder.iterdir()] == [precious.name]  # nothing else written

    result = run("init", "--clients", csv_path, "--out", folder, "--force")
    assert result.returncode == 0, result.stderr
    assert company(precious)["Company Name"] == "Prairie Ridge Framing Ltd."
    backups = list(folder.glob("Prairie Ridge Framing Ltd.*.bak.xlsx"))
    assert len(backups) == 1 and backups[0].read_bytes() == b"precious"


def test_open_in_excel_is_refused_even_with_force(tmp_path: Path) -> None:
    csv_path = write_csv(tmp_path / "clients.csv", GOOD)
    folder = tmp_path / "clients"
    folder.mkdir()
    (folder / "Boucherie Lévesque.xlsx").write_bytes(b"precious")
    (folder / "~$Boucherie Lévesque.xlsx").write_bytes(b"owner")
    result = run("init", "--clients", csv_path, "--out", folder, "--force")
    assert result.returncode == 2 and "open in Excel" in result.stderr
    assert (folder / "Boucherie Lévesque.xlsx").read_bytes() == b"precious"


@pytest.mark.parametrize(("content", "words"), [
    (None, ["no such file"]),
    (b"PK\x03\x04" + bytes(100), ["Excel workbook, not a CSV", "CSV UTF-8"]),
    (b"company,province\x00\x01\x02", ["not a text file"]),
    ("company,province,workers\nCaf\u00e9,AB,1\n".encode("cp1252"), ["line 2", "not UTF-8"]),
    (b"", ["is empty"]),
    (b"company,province,workers\n", ["no clients"]),
    (b"name,prov,workers\nA,AB,1\n", ["line 1", "no company or province column",
                                      "'name', 'prov', 'workers'"]),
])
def test_unusable_csv_is_one_clear_line(tmp_path: Path, content: bytes | None,
                                        words: list[str]) -> None:
    csv_path = tmp_path / "clients.csv"
    if content is not None:
        csv_path.write_bytes(content)
    with pytest.raises(UserError) as caught:
        read_clients(csv_path)
    message = str(caught.value)
    assert "\n" not in message and message.startswith(str(csv_path))
    for word in words:
        assert word in message


def test_missing_csv_through_the_cli(tmp_path: Path) -> None:
    result = run("init", "--clients", tmp_path / "nope.csv", "--out", tmp_path / "out")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "nope.csv: no such file" in lines[0]
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("args", "words"), [
    ([], ["init master.xlsx", "--clients"]),
    (["one.xlsx", "--clients", "c.csv", "--out", "d"], ["not both"]),
    (["--clients", "c.csv"], ["--out FOLDER"]),
    (["one.xlsx", "--out", "d"], ["--out is for --clients"]),
    (["--clients", "c.csv", "--out", "d", "--province", "AB"], ["--province", "from the CSV"]),
])
def test_path_and_clients_are_exclusive(tmp_path: Path, args: list[str],
                                        words: list[str]) -> None:
    result = subprocess.run([sys.executable, "-m", "secor_xl", "init", *args], cwd=tmp_path,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    for word in words:
        assert word in lines[0]
    assert list(tmp_path.iterdir()) == []


def test_read_clients_line_numbers_and_values(tmp_path: Path) -> None:
    csv_path = write_csv(tmp_path / "c.csv", "Workers,Contact,Company,Province,Notes\n"
                                             "\n 5 ,  Ann  , Alpha ,ab,x\n8.0,,Beta,Yukon\n")
    assert read_clients(csv_path) == [Client(3, "Alpha", "AB", 5, "Ann"),
                                      Client(4, "Beta", "YT", 8, None)]
    mails = write_csv(tmp_path / "m.csv", "company,province,workers,contact,e-mail\n"
                                          "A,AB,1,<a@x.ca>,\nB,AB,1,Bo bo@x.ca,mailto:o@x.ca\n")
    assert read_clients(mails) == [Client(2, "A", "AB", 1, None, "a@x.ca", None),
                                   Client(3, "B", "AB", 1, "Bo", "o@x.ca", "bo@x.ca")]


def test_plan_names_are_safe_and_unique(tmp_path: Path) -> None:
    clients = [Client(2, name, "AB", 1, None) for name in ("A/B", "a-b", "CON", "...")]
    assert [p.name for _, p in plan(clients, tmp_path)] == [
        "A-B.xlsx", "a-b-2.xlsx", "_CON.xlsx", "client.xlsx"]
    assert all(p.parent == tmp_path for _, p in plan(clients, tmp_path, ".xlsm"))
