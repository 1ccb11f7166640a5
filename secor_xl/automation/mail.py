"""Sending a digest by e-mail: plain text plus HTML, STARTTLS and login when asked,
retried with backoff. The password comes only from an environment variable.

Every message carries a Date and a Message-ID (on the sender's domain): spam
filters mark mail without them down.
"""

from __future__ import annotations

import os
import smtplib
import ssl
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from ..errors import UserError


@dataclass(frozen=True)
class MailSettings:
    """Where and how to send.

    Args:
        host, port: the SMTP server.
        sender: From.
        recipients: --mail-to: when given, every workbook's digest goes to these
            addresses instead of the addresses in the workbooks; empty: the workbook's
            Reminder Email and its roster's addresses.
        copy_to: --copy-to: the consultant, who gets one summary of each run.
        starttls: upgrade the connection with STARTTLS before anything else.
        username: log in as this user (with the password from `password_env`).
        password_env: the environment variable holding the password.
        tries: attempts before giving up; waits 2, 4, 8 ... seconds between them.
    """

    host: str
    port: int
    sender: str
    recipients: tuple[str, ...] = ()
    copy_to: tuple[str, ...] = ()
    starttls: bool = False
    username: str | None = None
    password_env: str = "SECOR_SMTP_PASSWORD"
    tries: int = 3
    timeout: float = 30.0


def parse_host(text: str) -> tuple[str, int]:
    """HOST:PORT (port 25 when left out)."""
    host, _, port = text.rpartition(":") if ":" in text else (text, "", "25")
    try:
        return host or "localhost", int(port)
    except ValueError:
        raise UserError(f"--smtp {text!r}: write it as HOST:PORT, e.g. smtp.example.com:587.") \
            from None


def header_text(text: str) -> str:
    """Text safe for a mail header: a line break typed in a cell (Alt+Enter) becomes a space."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())


def sender_domain(sender: str) -> str:
    """The domain of the From address, for the Message-ID ("localhost" without one)."""
    domain = sender.rpartition("@")[2].strip().strip(">").strip()
    return domain if "@" in sender and domain else "localhost"


def build_message(settings: MailSettings, subject: str, text: str, html_body: str,
                  to: Sequence[str] | None = None) -> EmailMessage:
    """A message to `to` (default: the settings' recipients), with Date and Message-ID."""
    message = EmailMessage()
    message["Subject"] = header_text(subject)
    message["From"] = settings.sender
    message["To"] = ", ".join(settings.recipients if to is None else to)
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=sender_domain(settings.sender))
    message.set_content(text)
    message.add_alternative(html_body, subtype="html")
    return message


def send(settings: MailSettings, message: EmailMessage,
         sleep: Callable[[float], None] = time.sleep) -> dict[str, tuple[int, bytes]]:
    """Deliver, retrying with backoff; raises OSError or SMTPException when it cannot.

    Returns the recipients the server refused while taking the others (none when
    every one was taken; when all are refused, SMTPRecipientsRefused is raised).
    """
    password = os.environ.get(settings.password_env) if settings.username else None
    if settings.username and password is None:
        raise UserError(f"the SMTP login needs the password in the environment variable "
                        f"{settings.password_env}; set it and run again.")
    last: Exception | None = None
    for attempt in range(settings.tries):
        try:
            with smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout) as smtp:
                if settings.starttls:
                    smtp.starttls(context=ssl.create_default_context())
                if settings.username and password is not None:
                    smtp.login(settings.username, password)
                refused: dict[str, tuple[int, bytes]] = smtp.send_message(message)
            return refused
        except (OSError, smtplib.SMTPException) as exc:
            last = exc
            if refused_for_good(exc) is not None:
                break  # the recipients or the message refused for good: same answer again
            if attempt + 1 < settings.tries:
                sleep(2.0 ** (attempt + 1))
    assert last is not None
    raise last


def server_failed(exc: BaseException) -> bool:
    """Whether a failure is the server's or the connection's (it would fail every other
    message too), not this message's: its recipients or its content refused."""
    return not isinstance(exc, smtplib.SMTPRecipientsRefused | smtplib.SMTPDataError
                          | smtplib.SMTPNotSupportedError)


def refused_for_good(exc: BaseException) -> tuple[int | None, str] | None:
    """(code, reason) when the server refused this message or its recipients for good:
    a 5xx reply to the recipients or the content, or an address with accents that it
    cannot take (no SMTPUTF8). Sending it again would get the same answer. None for
    anything else (the server down, a 4xx "try later")."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        answers = list(exc.recipients.values())
        if answers and all(code >= 500 for code, _ in answers):
            return answers[0][0], _reply(answers[0][1])
        return None
    if isinstance(exc, smtplib.SMTPDataError) and exc.smtp_code >= 500:
        return exc.smtp_code, _reply(exc.smtp_error)
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return None, ("the server cannot take an address with accents or other non-ASCII "
                      "letters (it has no SMTPUTF8)")
    return None


def _reply(text: bytes | str) -> str:
    raw = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    return header_text(raw)[:200]
