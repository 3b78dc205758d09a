"""One exception hierarchy; the CLI's root group turns these into messages and exit codes in one place.

Every error a user can act on is a :class:`WeibaoError` with a Chinese ``message`` and ``hint`` and
the exit code it ends the command with.  Library code never prints and never calls ``sys.exit``.
"""

from __future__ import annotations

import errno
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover - typing only
    from weibao.diagnostics import Report


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
    """The data does not validate, so the command cannot go on.

    ``report`` holds the diagnostics that block (as data: the CLI prints them as text or JSON); the
    message names what could not be done and the files that block it.
    """

    exit_code = 1

    def __init__(self, message: str, report: Report | None = None, hint: str | None = "先运行 weibao validate 修正这些错误。"):
        super().__init__(message, hint)
        self.report = report


class Conflict(WeibaoError):
    """A file changed on disk between reading and writing, or a file to be created already exists."""

    exit_code = 2


class TemplateFailure(WeibaoError):
    """A template could not be read or rendered (syntax error, undefined field, forbidden access)."""

    exit_code = 1


class StorageError(WeibaoError):
    """The operating system refused to read or write (disk full, read-only, no permission …)."""

    exit_code = 2


_WHAT = {
    errno.ENOSPC: "磁盘空间已满",
    errno.EDQUOT: "超出磁盘配额",
    errno.EROFS: "文件系统是只读的",
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.EEXIST: "已存在（或路径中有同名文件）",
    errno.EISDIR: "是一个目录",
    errno.ENOTDIR: "路径中有一段不是目录",
    errno.ENOENT: "不存在",
    errno.ENAMETOOLONG: "文件名太长",
    errno.EIO: "读写出错（I/O 错误）",
}


def storage_error(exc: OSError, action: str = "读写") -> StorageError:
    """A Chinese error for an OSError (the one translation every layer uses)."""
    what = _WHAT.get(exc.errno or 0) or exc.strerror or "无法读写"
    where = f" {exc.filename}" if exc.filename else ""
    hint = "腾出磁盘空间后重试；没有写入任何文件。" if exc.errno in (errno.ENOSPC, errno.EDQUOT) else "检查路径是否正确、是否有权限写入。"
    return StorageError(f"无法{action}{where}：{what}。", hint=hint)
