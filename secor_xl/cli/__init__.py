"""`secor-xl`: the command line (typer + rich), one module per group of commands.

`app` holds the shared options, error handling and the workbook commands;
`clients` adds the commands for many clients. Thin: parse, call the library,
present.
"""

from . import clients  # registers upgrade, portfolio and watch on the app
from .app import app, main

__all__ = ["app", "clients", "main"]
