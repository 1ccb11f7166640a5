"""The one error a user sees: a clear line naming the file and what to do."""

from __future__ import annotations


class UserError(Exception):
    """Input that cannot be used (exit 2): the message is the whole story.

    Args:
        message: one line naming the file (and sheet, row, column where there
            is one) and what to do about it.
        exit_code: 2 for unusable input, per the CLI contract.
    """

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code
