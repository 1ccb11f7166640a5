"""`secor-xl`: the command line (typer + rich), one module per group of commands.

`app` holds the shared options, error handling and the workbook commands;
`clients` adds the commands for many clients; `audit` the interviews and the
observation walk-around. Thin: parse, call the library, present.
"""

from . import audit, clients  # register interviews and observe; upgrade, portfolio, watch
from .app import app, main

__all__ = ["app", "audit", "clients", "main"]
