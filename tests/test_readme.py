"""The README's Quick start is two commands, and CI runs the second word for word."""

from __future__ import annotations

import re
from pathlib import Path

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
