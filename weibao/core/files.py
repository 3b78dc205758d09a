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
from pathlib import Path

from weibao.errors import StorageError, UsageError, storage_error

TMP_SUFFIX = ".weibao.tmp"
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


def remove_quietly(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def atomic_write(path: Path, content: str | bytes) -> None:
    """Replace (or create) one file atomically: readers see the old file or the new one, never a part."""
    if path.is_dir():
        raise UsageError(f"{path} 是一个目录，不能写成文件。", hint="--out 请给出文件名，例如 --out 导出/数据.xlsx")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = write_temp(path, content)
        try:
            pause_for_tests()
            os.replace(tmp, path)
        except BaseException:
            remove_quietly(tmp)
            raise
    except StorageError:
        raise
    except OSError as exc:
        raise storage_error(exc, "写入") from None


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
    """The repository's ``.weibao/`` folder (created on demand, ignoring itself in git)."""
    d = root / STATE_DIR
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
