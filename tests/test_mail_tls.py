"""E-mail with STARTTLS and login, to a real SMTP server on loopback that demands both.

The server's certificate comes from a throw-away certificate authority (trustme);
the client trusts it only through SSL_CERT_FILE, as it would a company's own CA, so
the certificate and host name are checked for real.
"""

from __future__ import annotations

import email.utils
import re
import smtplib
import ssl
from collections.abc import Iterator
from pathlib import Path

import pytest
import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from secor_xl.automation.mail import MailSettings, build_message, send

from .test_watch import Inbox, free_port

USER, PASSWORD = "owner@example.com", "s3cret-Pa55"


class Logins:
    """An aiosmtpd authenticator that accepts one user and remembers every try."""

    def __init__(self) -> None:
        self.tries: list[tuple[str, str]] = []

    def __call__(self, server: object, session: object, envelope: object, mechanism: str,
                 auth_data: object) -> AuthResult:
        assert isinstance(auth_data, LoginPassword)
        login, password = auth_data.login.decode(), auth_data.password.decode()
        self.tries.append((login, password))
        return AuthResult(success=(login, password) == (USER, PASSWORD), handled=False)


@pytest.fixture(scope="module")
def authority() -> trustme.CA:
    return trustme.CA()


@pytest.fixture()
def tls_server(authority: trustme.CA) -> Iterator[tuple[Inbox, Logins, int]]:
    """A server on 127.0.0.1 that refuses mail before STARTTLS and AUTH before TLS."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("127.0.0.1").configure_cert(context)
    inbox, logins, port = Inbox(), Logins(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, tls_context=context,
                            require_starttls=True, authenticator=logins,
                            auth_require_tls=True)
    controller.start()
    try:
        yield inbox, logins, port
    finally:
        controller.stop()


@pytest.fixture()
def trusted(authority: trustme.CA, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The client trusts the test authority, as the system store would a real one."""
    bundle = tmp_path / "ca.pem"
    authority.cert_pem.write_to_path(str(bundle))
    monkeypatch.setenv("SSL_CERT_FILE", str(bundle))


def settings(port: int, **kw: object) -> MailSettings:
    return MailSettings("127.0.0.1", port, "secor@example.com", ("owner@example.com",),
                        **kw)  # type: ignore[arg-type]


def message(s: MailSettings):  # type: ignore[no-untyped-def]
    return build_message(s, "SECOR reminders", "3 items are due.", "<p>3 items are due.</p>")


def test_starttls_and_login_deliver(tls_server: tuple[Inbox, Logins, int], trusted: None,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    inbox, logins, port = tls_server
    monkeypatch.setenv("SECOR_SMTP_PASSWORD", PASSWORD)
    s = settings(port, starttls=True, username=USER, tries=1)
    send(s, message(s))
    assert logins.tries == [(USER, PASSWORD)]
    (got,) = inbox.messages
    assert got["Subject"] == "SECOR reminders"
    assert email.utils.parsedate_to_datetime(str(got["Date"])).tzinfo is not None
    assert re.fullmatch(r"<[^<>@\s]+@example\.com>", str(got["Message-ID"]))


def test_wrong_password_is_refused_not_sent(tls_server: tuple[Inbox, Logins, int],
                                            trusted: None,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    inbox, logins, port = tls_server
    monkeypatch.setenv("SECOR_SMTP_PASSWORD", "wrong")
    s = settings(port, starttls=True, username=USER, tries=2)
    waits: list[float] = []
    with pytest.raises(smtplib.SMTPAuthenticationError):
        send(s, message(s), sleep=waits.append)
    # two attempts, each trying the server's mechanisms (PLAIN, then LOGIN)
    assert set(logins.tries) == {(USER, "wrong")} and len(logins.tries) == 4
    assert waits == [2.0]
    assert inbox.messages == []


def test_an_untrusted_certificate_is_refused(tls_server: tuple[Inbox, Logins, int],
                                             tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the authority, the server's certificate fails verification: no password
    goes out over a connection that could be intercepted."""
    inbox, logins, port = tls_server
    other = tmp_path / "other.pem"
    trustme.CA().cert_pem.write_to_path(str(other))
    monkeypatch.setenv("SSL_CERT_FILE", str(other))
    monkeypatch.setenv("SECOR_SMTP_PASSWORD", PASSWORD)
    s = settings(port, starttls=True, username=USER, tries=1)
    with pytest.raises(ssl.SSLCertVerificationError):
        send(s, message(s))
    assert logins.tries == [] and inbox.messages == []


def test_plain_connection_is_refused_by_a_tls_only_server(
        tls_server: tuple[Inbox, Logins, int]) -> None:
    inbox, _logins, port = tls_server
    s = settings(port, tries=1)
    with pytest.raises(smtplib.SMTPException):
        send(s, message(s))
    assert inbox.messages == []
