"""The one write transaction: every command that changes a data repository changes it through here.

    with transaction(repo, "记录进展") as tx:      # lint/gate.py: a Transaction whose check is weibao validate
        text = tx.read("data/cases/2026/db-2026-1.yaml")
        tx.write("data/cases/2026/db-2026-1.yaml", new_text)
        tx.commit()

1. **Lock.**  Entering takes the repository's write lock (``.weibao/write.lock``, a cross-platform file lock from
   the ``filelock`` package), so two writers — a clerk and a colleague on a shared folder, a scheduled job beside
   a clerk — run one after the other: numbers are allocated once, no update is lost.
2. **Recover.**  A journal left by a writer that was killed while renaming is completed (all its files were
   complete on disk before the journal was written), and temporary files left by killed writers are removed.
3. **Stage.**  ``read`` remembers the bytes of each file read; ``write``/``create`` stage new contents in memory.
4. **Check.**  ``commit`` passes the staged texts (an overlay: the repository as it would be) to ``check``, which
   raises :class:`~weibao.errors.InvalidData` when the result would not validate.  Nothing has been written yet.
5. **Write all or none.**  A file read and changed on disk since is refused (Conflict); a file to be created that
   exists is refused.  Every new content is written to a temporary file and flushed; then a journal lists them;
   then each is renamed over its target (a new file by an exclusive hard link); then the journal is removed.  A
   failure before the journal removes the temporary files (no byte changed); a failure while renaming puts back
   what was renamed.  A full disk or a read-only folder is a Chinese StorageError (exit 2).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Callable

from weibao.core.files import (
    DATA_MAX_BYTES,
    FileRefused,
    create_exclusive,
    encode,
    is_temp_name,
    pause_for_tests,
    read_regular,
    remove_quietly,
    state_dir,
    write_temp,
)
from weibao.core.repository import Overlay, Repository
from weibao.errors import Conflict, StorageError, UsageError, WeibaoError, storage_error

if TYPE_CHECKING:
    from filelock import BaseFileLock

LOCK_FILE = "write.lock"
JOURNAL = "journal.json"
DEFAULT_TIMEOUT = 60.0  # seconds to wait for another writer
# temporary files of earlier weibao versions: .<name>.<8 random>.tmp (tempfile) and .<name>.<pid>.tmp (caches)
_LEGACY_TMP = re.compile(r"^\..+\.(?:[a-z0-9_]{8}|\d+)\.tmp$")

Check = Callable[[Overlay], None]


def lock_timeout() -> float:
    try:
        return float(os.environ.get("WEIBAO_LOCK_TIMEOUT", DEFAULT_TIMEOUT))
    except ValueError:
        return DEFAULT_TIMEOUT


class Transaction:
    """A change to the files of one repository, checked before it is written and written all or none."""

    def __init__(self, repo: Repository, check: Check, label: str):
        self.repo = repo
        self.check = check
        self.label = label
        self._read: dict[str, bytes | None] = {}  # rel → bytes when read (None: did not exist)
        self._staged: dict[str, str] = {}  # rel → new text
        self._create: set[str] = set()  # rels that must not exist
        self._lock: BaseFileLock | None = None
        self.committed: list[str] = []

    # -- the lock ----------------------------------------------------------------------------------------

    def __enter__(self) -> Transaction:
        from filelock import FileLock, Timeout

        try:
            folder = state_dir(self.repo.root)
            lock = FileLock(str(folder / LOCK_FILE), timeout=lock_timeout())
            lock.acquire(poll_interval=0.005)  # waiting writers look again every 5 ms (the default 50 ms makes them queue slowly)
        except Timeout:
            raise Conflict("另一个 weibao 命令正在修改这个数据仓库，一直没有结束。", hint="稍后重试。") from None
        except OSError as exc:
            raise storage_error(exc, "写入数据仓库") from None
        self._lock = lock
        try:
            recover(self.repo.root)
        except BaseException:
            self._release()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self._release()

    def _release(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    # -- staging -----------------------------------------------------------------------------------------

    def path(self, rel: str) -> Path:
        return self.repo.root / rel

    def read(self, rel: str) -> str:
        """The file's text (as staged in this transaction, if it is); remembered so a later change on disk is noticed."""
        if rel in self._staged:
            return self._staged[rel]
        raw = self._remember(rel)
        if raw is None:
            raise UsageError(f"{rel} 不存在。")
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise UsageError(f"{rel} 不是 UTF-8 文本，无法修改。", hint="先运行 weibao validate 查看原因。") from None

    def exists(self, rel: str) -> bool:
        return rel in self._staged or self.path(rel).exists()

    def write(self, rel: str, text: str) -> None:
        """Stage new contents for an existing file (or a new one)."""
        self._remember(rel)
        self._staged[rel] = text

    def create(self, rel: str, text: str) -> None:
        """Stage a new file; the commit refuses if it exists by then."""
        if self.exists(rel):
            raise Conflict(f"{rel} 已经存在，没有覆盖。")
        self._read.setdefault(rel, None)
        self._create.add(rel)
        self._staged[rel] = text

    @property
    def staged(self) -> dict[str, str]:
        return dict(self._staged)

    def _remember(self, rel: str) -> bytes | None:
        if rel not in self._read:
            path = self.path(rel)
            if not os.path.lexists(path):
                self._read[rel] = None
                return None
            try:  # read as validate reads: a regular file inside the repository, within the size limit
                self._read[rel] = read_regular(path, self.repo.root, DATA_MAX_BYTES)
            except FileRefused as exc:
                raise UsageError(f"{rel}：{exc.message}（{exc.code}）", hint=exc.hint or "先运行 weibao validate 查看原因。") from None
            except OSError as exc:
                raise storage_error(exc, "读取") from None
        return self._read[rel]

    # -- commit ------------------------------------------------------------------------------------------

    def commit(self) -> list[str]:
        """Check the change, then write every staged file, or none; return the paths written."""
        if self._lock is None:
            raise WeibaoError("写入必须在事务中进行。")  # a programming error, said in the user's language
        changed = {rel: text for rel, text in self._staged.items() if encode(text) != self._read.get(rel)}
        if not changed:
            return []
        self.check(changed)
        self._refuse_stale(changed)
        try:
            self.committed = apply(self.repo.root, changed, self._create, {rel: self._read.get(rel) for rel in changed})
        except (StorageError, Conflict):
            raise
        except OSError as exc:
            raise storage_error(exc, "写入") from None
        return self.committed

    def _refuse_stale(self, changed: dict[str, str]) -> None:
        for rel in changed:
            path = self.path(rel)
            if rel in self._create:
                if path.exists() or path.is_symlink():
                    raise Conflict(f"{rel} 已经存在，没有覆盖。", hint="可能有别人同时新建了它；重新运行这个命令。")
                continue
            try:
                now: bytes | None = read_regular(path, self.repo.root, DATA_MAX_BYTES) if os.path.lexists(path) else None
            except FileRefused as exc:
                raise UsageError(f"{rel}：{exc.message}（{exc.code}）", hint=exc.hint) from None
            if now != self._read.get(rel):
                raise Conflict(f"{rel} 在读取后被改动过，没有覆盖。", hint="重新运行这个命令。")


def apply(root: Path, changed: dict[str, str], create: set[str], before: dict[str, bytes | None]) -> list[str]:
    """Write the files (temporary files first, then a journal, then renames); all or none."""
    temps: dict[str, Path] = {}
    made_dirs: list[Path] = []
    try:
        for rel, text in changed.items():
            target = root / rel
            if not target.parent.is_dir():
                missing = [p for p in [target.parent, *target.parent.parents] if not p.exists() and root in p.parents]
                target.parent.mkdir(parents=True, exist_ok=True)
                made_dirs.extend(reversed(missing))
            temps[rel] = write_temp(target, text)
    except OSError as exc:
        _discard(temps, made_dirs)
        raise storage_error(exc, "写入") from None
    journal = state_dir(root) / JOURNAL
    entries = [{"target": rel, "temp": temps[rel].relative_to(root).as_posix(), "create": rel in create} for rel in changed]
    try:
        jt = write_temp(journal, json.dumps({"entries": entries}, ensure_ascii=False))
        os.replace(jt, journal)
    except OSError as exc:
        _discard(temps, made_dirs)
        raise storage_error(exc, "写入") from None
    pause_for_tests()
    done: list[str] = []
    try:
        for rel in changed:
            if rel in create:
                create_exclusive(root / rel, temps[rel])
            else:
                os.replace(temps[rel], root / rel)
            done.append(rel)
    except BaseException as exc:
        _discard({r: t for r, t in temps.items() if r not in done}, [])
        _undo(root, done, create, before)
        remove_quietly(journal)
        if isinstance(exc, FileExistsError):
            raise Conflict(f"{exc.filename or '文件'} 已经存在，没有覆盖；没有写入任何文件。") from None
        if isinstance(exc, OSError):
            raise storage_error(exc, "写入") from None
        raise
    _sync_dirs({(root / rel).parent for rel in changed})
    remove_quietly(journal)
    return list(changed)


def _discard(temps: dict[str, Path], made_dirs: list[Path]) -> None:
    for t in temps.values():
        remove_quietly(t)
    for d in reversed(made_dirs):
        try:
            d.rmdir()
        except OSError:
            pass


def _undo(root: Path, done: list[str], create: set[str], before: dict[str, bytes | None]) -> None:
    """Put back what a failed commit had renamed (best effort: the originals are in memory)."""
    for rel in reversed(done):
        target = root / rel
        try:
            if rel in create or before.get(rel) is None:
                target.unlink()
            else:
                os.replace(write_temp(target, before[rel] or b""), target)
        except OSError:
            pass


def _sync_dirs(dirs: set[Path]) -> None:
    if os.name != "posix":
        return
    for d in dirs:
        try:
            fd = os.open(d, os.O_RDONLY)
        except OSError:
            continue
        try:
            os.fsync(fd)
        except OSError:
            pass
        finally:
            os.close(fd)


def recover(root: Path) -> None:
    """Finish what a killed writer left: a journal whose renames had not begun is dropped (the change never
    happened: the command never reported success); one killed halfway through its renames is completed (its
    files were all complete on disk before the journal was written).  Then temporary files are removed."""
    journal = root / ".weibao" / JOURNAL
    if os.path.lexists(journal):
        entries = _journal_entries(root, journal)
        begun = any(not temp.exists() for _target, temp, _create in entries)
        for target, temp, create in entries if begun else []:
            if not temp.exists():
                continue
            try:
                if create:
                    if target.exists():
                        remove_quietly(temp)
                    else:
                        create_exclusive(target, temp)
                else:
                    os.replace(temp, target)
            except OSError:
                pass
        remove_quietly(journal)
    sweep(root)


JOURNAL_MAX_BYTES = 1024 * 1024


def _journal_entries(root: Path, journal: Path) -> list[tuple[Path, Path, bool]]:
    """The renames a journal lists, or none when it is not one weibao wrote: a journal arrives with a pull request
    as easily as data does, and acting on it would move files anywhere.  Every target must be a path inside the
    repository and every temporary file weibao's own, beside its target; one entry otherwise voids the journal."""
    try:
        doc = json.loads(read_regular(journal, root, JOURNAL_MAX_BYTES))  # never a FIFO, never a link out
    except (FileRefused, OSError, ValueError):
        return []
    raw = doc.get("entries") if isinstance(doc, dict) else None
    if not isinstance(raw, list):
        return []
    top = root.resolve()
    out = []
    for e in raw:
        if not isinstance(e, dict):
            return []
        target, temp = e.get("target"), e.get("temp")
        if not (isinstance(target, str) and isinstance(temp, str)):
            return []
        t, tmp = PurePosixPath(target), PurePosixPath(temp)
        if t.is_absolute() or ".." in t.parts or "\\" in target or tmp.parent != t.parent \
                or not (is_temp_name(tmp.name) and tmp.name.startswith(f".{t.name}.")):
            return []
        path, temp_path = root / t, root / tmp
        if path.is_symlink() or temp_path.is_symlink() or not path.parent.resolve().is_relative_to(top):
            return []
        out.append((path, temp_path, bool(e.get("create"))))
    return out


def sweep(root: Path) -> int:
    """Remove temporary files that killed writers left in data/, schemas/, .weibao/ and the root folder."""
    removed = 0
    folders = [root / "data", root / "schemas", root / ".weibao"]
    candidates: list[Path] = []
    for folder in folders:
        if folder.is_dir():
            for dirpath, _dirnames, filenames in os.walk(folder):
                candidates += [Path(dirpath) / n for n in filenames if n.startswith(".") and n.endswith(".tmp")]
    try:
        candidates += [p for p in root.iterdir() if p.name.startswith(".") and p.name.endswith(".tmp") and p.is_file()]
    except OSError:
        pass
    for p in candidates:
        if is_temp_name(p.name) or _LEGACY_TMP.match(p.name):
            try:
                p.unlink()
                removed += 1
            except OSError:
                pass
    return removed
