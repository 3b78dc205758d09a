"""One exception hierarchy; the CLI turns these into messages and exit codes in one place."""

from __future__ import annotations


class WeibaoError(Exception):
    """An error the user can act on.  ``message`` is Chinese and shown as is."""

    exit_code = 2

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint


class UsageError(WeibaoError):
    exit_code = 2


class RepositoryNotFound(WeibaoError):
    exit_code = 2


class InvalidData(WeibaoError):
    """The data does not validate, so the command cannot go on."""

    exit_code = 1


class TemplateFailure(WeibaoError):
    """A template could not be read or rendered (syntax error, undefined field, forbidden access)."""

    exit_code = 1
