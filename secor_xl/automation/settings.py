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
to = ["owner@example.com", "office@example.com"]
```
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


def resolve(config: dict[str, Any], at: str | None, digest: Path | None, smtp: str | None,
            mail_to: list[str] | None, mail_from: str | None) -> WatchSettings:
    """Merge the config file and the command line (the command line wins)."""
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
    if host is None:
        return WatchSettings(at, digest_dir, None)
    recipients = mail_to or mail_cfg.get("to") or []
    if isinstance(recipients, str):
        recipients = [recipients]
    if not recipients:
        raise UserError("e-mail needs a recipient: give --mail-to ADDRESS (or `to` in the "
                        "[smtp] section of the config file).")
    sender = mail_from or mail_cfg.get("from") or "secor-xl@localhost"
    mail = MailSettings(host=host, port=int(port or 25), sender=str(sender),
                        recipients=tuple(str(r) for r in recipients),
                        starttls=bool(mail_cfg.get("starttls", False)),
                        username=mail_cfg.get("username"),
                        password_env=str(mail_cfg.get("password_env", "SECOR_SMTP_PASSWORD")))
    return WatchSettings(at, digest_dir, mail)
