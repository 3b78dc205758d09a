"""Writing files safely: a temporary file in the same folder, flushed to disk, then renamed over the target.

Every file weibao writes goes through here — data files (inside a write transaction, core/transaction.py),
exports, rendered documents, reports, schemas, caches.  A temporary file is named ``.<name>.<random>.weibao.tmp``
so that the next write transaction can recognise and remove one a killed process left behind.  An OSError (disk
full, read-only folder, no permission) becomes a Chinese :class:`~weibao.errors.StorageError` (exit 2) and the
target is left as it was.
"""

from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Mapping
from pathlib import Path

from weibao.errors import StorageError, UsageError, storage_error

TMP_SUFFIX = ".weibao.tmp"
DATA_MAX_BYTES = 5 * 1024 * 1024  # a data file is a small, reviewable text (WB004); yamlread.MAX_BYTES is this
STATE_DIR = ".weibao"  # caches, the write lock and the transaction journal; ignores itself in git


def temp_path(target: Path) -> Path:
    return target.parent / f".{target.name}.{secrets.token_hex(4)}{TMP_SUFFIX}"


def is_temp_name(name: str) -> bool:
    return name.startswith(".") and name.endswith(TMP_SUFFIX)


def encode(content: str | bytes) -> bytes:
    """Text is written as UTF-8 with LF line ends (as ``weibao fmt`` keeps data files)."""
    return content if isinstance(content, bytes) else content.replace("\r\n", "\n").encode("utf-8")


def write_temp(target: Path, content: str | bytes, mode: int | None = None) -> Path:
    """Write ``content`` to a fresh temporary file beside ``target`` (flushed to disk); return its path."""
    tmp = temp_path(target)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            view = memoryview(encode(content))
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
        if mode is None:
            mode = target.stat().st_mode & 0o777 if target.exists() else 0o644
        os.chmod(tmp, mode)
    except BaseException:
        remove_quietly(tmp)
        raise
    return tmp


class FileRefused(Exception):
    """A file weibao will not read: ``code`` is the diagnostic (WB002 folder, WB003 link out of the repository,
    WB004 too large, WB008 missing or unreadable, WB012 not a regular file), ``message`` and ``hint`` in Chinese."""

    def __init__(self, code: str, message: str, hint: str | None = None):
        super().__init__(message)
        self.code, self.message, self.hint = code, message, hint


_KINDS = ((stat.S_ISFIFO, "命名管道（FIFO）"), (stat.S_ISCHR, "字符设备"), (stat.S_ISBLK, "块设备"), (stat.S_ISSOCK, "套接字"))


def read_regular(path: Path, root: Path | None, max_bytes: int) -> bytes:
    """The bytes of ``path`` — the one way weibao reads a file a repository (or a pull request) supplies.

    It must be a regular file (a FIFO, device or socket is never read: opened without blocking and refused), inside
    ``root`` once symlinks are resolved (when a root is given), and at most ``max_bytes`` long (checked before
    reading and again while reading, for a file that grows).  Anything else raises :class:`FileRefused`."""
    try:
        link = os.path.islink(path)
        if link or root is not None:
            try:
                target = path.resolve(strict=True)
            except RuntimeError:
                raise FileRefused("WB008", "符号链接形成循环，无法读取。", "删除或修正该符号链接。") from None
            except FileNotFoundError:
                raise FileRefused("WB008", "文件不存在或符号链接已失效。") from None
            if root is not None and not target.is_relative_to(root.resolve()):
                shown = os.readlink(path) if link else str(target)
                raise FileRefused("WB003", f"符号链接指向仓库之外：{shown}", "请把文件本身放进仓库，而不是链接到仓库外。")
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileRefused:
        raise
    except FileNotFoundError:
        raise FileRefused("WB008", "文件不存在或符号链接已失效。") from None
    except IsADirectoryError:
        raise FileRefused("WB002", "这里应是一个文件，实际上是一个目录。", "请删除或改名该目录。") from None
    except OSError as exc:
        raise FileRefused("WB008", f"无法读取文件：{exc.strerror or exc}") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise FileRefused("WB002", "这里应是一个文件，实际上是一个目录。", "请删除或改名该目录。")
        if not stat.S_ISREG(st.st_mode):
            kind = next((name for test, name in _KINDS if test(st.st_mode)), "特殊文件")
            raise FileRefused("WB012", f"这不是普通文件，而是{kind}，未读取。", "数据和模板只能是普通文本文件；请删除它。")
        if st.st_size > max_bytes:
            raise FileRefused("WB004", f"文件大小 {st.st_size / 1024 / 1024:.1f} MB，超过上限 {max_bytes / 1024 / 1024:.0f} MB，未读取。",
                              "数据文件应是小而可审阅的文本；请检查是否误放了其他文件。")
        os.set_blocking(fd, True)
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > max_bytes:
                raise FileRefused("WB004", f"文件超过上限 {max_bytes / 1024 / 1024:.0f} MB（读取时仍在增长），未读取。")
        return b"".join(chunks)
    except OSError as exc:
        raise FileRefused("WB008", f"无法读取文件：{exc.strerror or exc}") from None
    finally:
        os.close(fd)


def remove_quietly(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def atomic_write(path: Path, content: str | bytes) -> None:
    """Replace (or create) one file atomically: readers see the old file or the new one, never a part."""
    atomic_write_all({path: content})


def atomic_write_all(files: Mapping[Path, str | bytes]) -> None:
    """Replace (or create) several output files: every new content is written to a temporary file beside its
    target first, so a full disk or a read-only folder fails before any target is touched; then each is renamed
    over its target.  Only regular files are ever replaced (never a folder, device node, FIFO or socket)."""
    for path in files:
        _refuse_special_target(path)
    temps: dict[Path, Path] = {}
    current: Path | None = None
    try:
        try:
            for path, content in files.items():
                current = path
                path.parent.mkdir(parents=True, exist_ok=True)
                temps[path] = write_temp(path, content)
            pause_for_tests()
            for path, tmp in temps.items():
                current = path
                os.replace(tmp, path)
        except BaseException:
            for tmp in temps.values():
                remove_quietly(tmp)
            raise
    except StorageError:
        raise
    except OSError as exc:
        if not exc.filename and current is not None:
            exc.filename = str(current)  # a failed write names no file; the clerk needs to know which
        raise storage_error(exc, "写入") from None


def check_output(path: Path, root: Path) -> None:
    """An output named inside the repository must stay inside it once symlinks are resolved: a folder a pull request
    turned into a link (``report/`` → a runner's home) would otherwise take the write elsewhere."""
    target = Path(os.path.abspath(path))
    top = Path(os.path.abspath(root))
    if not target.is_relative_to(top):
        return  # a path the user chose outside the repository is theirs to choose
    existing = target.parent
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.resolve().is_relative_to(top.resolve()) or (target.is_symlink() and not target.resolve().is_relative_to(top.resolve())):
        raise UsageError(f"{path} 在数据仓库中，但经过符号链接指向仓库之外，不写入。",
                         hint="删除这个符号链接，或把 --out 指向仓库之外的普通目录。")


def _refuse_special_target(path: Path) -> None:
    if path.is_dir():
        raise UsageError(f"{path} 是一个目录，不能写成文件。", hint="--out 请给出文件名，例如 --out 导出/数据.xlsx")
    try:
        st = os.stat(path)
    except OSError:
        return
    if not stat.S_ISREG(st.st_mode):  # a device node, FIFO or socket is never replaced by a file
        kind = next((name for test, name in _KINDS if test(st.st_mode)), "特殊文件")
        raise UsageError(f"{path} 是{kind}，不是普通文件，不能写入。", hint="--out 请给出一个普通文件的路径。")


def create_exclusive(path: Path, tmp: Path) -> None:
    """Move the finished temporary file ``tmp`` to ``path`` only if ``path`` does not exist (FileExistsError if it
    does): a hard link is atomic and exclusive; where links are not supported, an exclusive rename is tried."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise
    except OSError:
        if path.exists() or path.is_symlink():
            raise FileExistsError(path) from None
        os.rename(tmp, path)  # no hard links (some network or FAT file systems): a plain rename, checked just before
        return
    remove_quietly(tmp)


def state_dir(root: Path) -> Path:
    """The repository's ``.weibao/`` folder (created on demand, ignoring itself in git).  One that is a symlink or
    not a folder is refused (exit 2): the write lock and the journal would be written wherever it points."""
    d = root / STATE_DIR
    if d.is_symlink() or (os.path.lexists(d) and not d.is_dir()):
        raise UsageError(f"{d} 不是普通目录（{'符号链接' if d.is_symlink() else '是一个文件'}），weibao 不会通过它写入。",
                         hint=f"删除 {d} 后重试；weibao 会重新建立这个存放缓存和写入锁的目录。")
    d.mkdir(exist_ok=True)
    gi = d / ".gitignore"
    if not gi.exists():
        try:
            fd = os.open(gi, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            return d
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write("*\n")
    return d


def pause_for_tests() -> None:
    """Tests kill a writer here (after the temporary file is complete, before the rename); the target must survive."""
    pause = os.environ.get("WEIBAO_TEST_PAUSE_BEFORE_RENAME")
    if pause:
        import time

        time.sleep(float(pause))
