"""`watch` settings: a TOML config file, overridden by the command line.

```toml
[watch]
at = "07:00"
digest = "C:/SECOR/digests"

[smtp]
host = "smtp.example.com"
port = 587
starttls = true
username = "reminders@example.com"
password_env = "SECOR_SMTP_PASSWORD"   # the password itself never goes in a file
from = "reminders@example.com"
copy_to = ["consultant@example.com"]   # --copy-to: one summary of each run
# to = ["office@example.com"]          # --mail-to: every digest here instead of the
#                                      # workbooks' own addresses (see the README)
```
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..cells import EMAIL
from ..errors import UserError
from .mail import MailSettings, parse_host


@dataclass(frozen=True)
class WatchSettings:
    at: str
    digest_dir: Path | None
    mail: MailSettings | None


def load_config(path: Path | None) -> dict[str, Any]:
    if path is None:
        return {}
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise UserError(f"{path}: no such config file.") from None
    except tomllib.TOMLDecodeError as exc:
        raise UserError(f"{path}: is not valid TOML ({exc}).") from None


def _addresses(value: object, what: str) -> tuple[str, ...]:
    """One address or a list of them, each checked."""
    if value is None or isinstance(value, str | list | tuple):
        found = [] if value is None else [value] if isinstance(value, str) else list(value)
    else:
        raise UserError(f"{what}: give an address or a list of addresses, not {value!r}.")
    out = []
    for item in found:
        text = str(item).strip()
        if not EMAIL.fullmatch(text):
            raise UserError(f"{what} {text!r}: is not an e-mail address (name@example.com).")
        out.append(text)
    return tuple(out)


def resolve(config: dict[str, Any], at: str | None, digest: Path | None, smtp: str | None,
            mail_to: list[str] | None, mail_from: str | None,
            copy_to: list[str] | None = None) -> WatchSettings:
    """Merge the config file and the command line (the command line wins).

    Without --mail-to (or `to`), the addresses come from each workbook: its Company's
    Reminder Email and its roster's Email column.
    """
    watch = config.get("watch", {})
    mail_cfg = config.get("smtp", {})
    at = at or str(watch.get("at", "07:00"))
    if not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", at):
        raise UserError(f"--at {at!r}: give a time of day as HH:MM, e.g. 07:00.")
    digest_dir = digest or (Path(watch["digest"]) if watch.get("digest") else None)
    host = port = None
    if smtp:
        host, port = parse_host(smtp)
    elif mail_cfg.get("host"):
        host, port = str(mail_cfg["host"]), int(mail_cfg.get("port", 25))
    recipients = _addresses(mail_to or mail_cfg.get("to"), "--mail-to")
    copies = _addresses(copy_to or mail_cfg.get("copy_to"), "--copy-to")
    if host is None:
        if mail_to or copy_to:
            raise UserError("--mail-to and --copy-to need a mail server: give --smtp "
                            "HOST:PORT (or `host` in the [smtp] section of the config file).")
        return WatchSettings(at, digest_dir, None)
    sender = mail_from or mail_cfg.get("from") or "secor-xl@localhost"
    mail = MailSettings(host=host, port=int(port or 25), sender=str(sender),
                        recipients=recipients, copy_to=copies,
                        starttls=bool(mail_cfg.get("starttls", False)),
                        username=mail_cfg.get("username"),
                        password_env=str(mail_cfg.get("password_env", "SECOR_SMTP_PASSWORD")))
    return WatchSettings(at, digest_dir, mail)
