"""The README's Quick start is two commands, and CI runs the second word for word."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from secor_xl.cli import app

ROOT = Path(__file__).resolve().parent.parent


def quick_start() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"^## Quick start\s*\n+```\w*\n(.*?)```", text, re.S | re.M)
    assert match, "README.md needs a '## Quick start' heading followed by a code block"
    return [line for line in match.group(1).splitlines() if line.strip()]


def test_two_commands() -> None:
    demo, tests = quick_start()
    assert demo.endswith("secor-xl demo") and "pip install" in demo
    assert "pytest" in tests and "pip install" in tests


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert quick_start()[1] in ci
    assert any("libreoffice-calc-nogui" in line for line in ci)


def test_every_command_is_in_the_reference() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    runner = CliRunner()
    for command in ("init", "schema", "demo", "check", "score", "docs", "minutes",
                    "incident", "templates check", "portfolio", "watch", "interviews",
                    "observe"):
        assert f"`secor-xl {command}" in text, command
        assert runner.invoke(app, [*command.split(), "--help"]).exit_code == 0


def word_examples() -> list[list[str]]:
    """The `minutes` and `incident` lines of the README's Word documents block."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"^## Word documents\s*\n+```\w*\n(.*?)```", text, re.S | re.M)
    assert match, "README.md needs a '## Word documents' code block"
    lines = [line.split("#", 1)[0].split() for line in match.group(1).splitlines()]
    return [words for words in lines if words[:2] in (["secor-xl", "minutes"],
                                                      ["secor-xl", "incident"])]


def test_minutes_and_incident_examples_run_on_the_quick_starts_demo(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Word for word, on the files the README made (the Quick start's `secor-xl demo`)."""
    from secor_xl.demo import run_demo

    run_demo(tmp_path / "secor-demo")
    monkeypatch.chdir(tmp_path)
    examples = word_examples()
    assert [words[1] for words in examples] == ["minutes", "incident"]
    for words in examples:
        result = CliRunner().invoke(app, words[1:])
        assert result.exit_code == 0, (words, result.output)
        out = Path(words[words.index("--out") + 1])
        assert out.is_file() and out.stat().st_size > 0, words


def test_minutes_without_a_meeting_is_one_clear_line(tmp_path: Path) -> None:
    """The README's `init` workbook has no meeting yet: a clear refusal, no traceback."""
    runner = CliRunner()
    workbook = tmp_path / "prairie.xlsx"
    assert runner.invoke(app, ["init", str(workbook), "--province", "AB"]).exit_code == 0
    result = runner.invoke(app, ["minutes", str(workbook), "--out",
                                 str(tmp_path / "m.docx")])
    assert result.exit_code == 2
    assert "has no meeting yet" in result.output and "Traceback" not in result.output


def test_the_readme_and_docs_cite_only_files_in_the_repository() -> None:
    """The source facts ship with the project (docs/research/sources.md, written from
    the package's own list): nothing points at a folder beside the repository."""
    import importlib.util

    for path in [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]:
        text = path.read_text(encoding="utf-8")
        assert "shared/" not in text, path.name
        for cited in re.findall(r"`((?:docs|secor_xl|scripts|tests|workbooks)/[\w./-]+)`",
                                text):
            assert (ROOT / cited.rstrip("/")).exists(), (path.name, cited)
    spec = importlib.util.spec_from_file_location("build_sources",
                                                  ROOT / "scripts" / "build_sources.py")
    assert spec and spec.loader
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    from secor_xl.documents.sources_data import SOURCES

    listed = (ROOT / "docs" / "research" / "sources.md").read_text(encoding="utf-8")
    assert listed == script.listing(SOURCES), "stale: run python scripts/build_sources.py"
