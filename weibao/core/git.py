"""The one way weibao talks to git: the ``git`` program, run as a subprocess, with one error translation.

Everything that reads history (diff, history, report --since, numbers used in any commit, whether the private
store is tracked) and the one thing that writes (``git init`` for a new repository) goes through :class:`GitRepo`.
Outside a git repository, or without git installed, :meth:`GitRepo.find` returns None and callers work from the
files on disk; commands that need history say so in Chinese (:meth:`GitRepo.require`).
"""

from __future__ import annotations

import datetime as _dt
import subprocess
from pathlib import Path

from weibao.errors import UsageError, WeibaoError

TIMEOUT = 120  # seconds for one git command


class GitError(WeibaoError):
    exit_code = 2


def _git(args: list[str], cwd: Path | None = None, input: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", "-c", "core.quotePath=false", *args], cwd=cwd, input=input, capture_output=True,
                              timeout=TIMEOUT, check=False)
    except FileNotFoundError:
        raise GitError("没有找到 git 程序。", hint="安装 git 后重试（https://git-scm.com）。") from None
    except subprocess.TimeoutExpired:
        raise GitError(f"git {args[0]} 超过 {TIMEOUT} 秒没有完成。") from None
    except OSError as exc:
        raise GitError(f"无法运行 git：{exc.strerror or exc}") from None


class GitRepo:
    """A git working tree (``top`` is its root)."""

    def __init__(self, top: Path):
        self.top = top

    @classmethod
    def find(cls, path: Path) -> GitRepo | None:
        """The working tree that holds ``path``, or None (not in git, or git not installed)."""
        try:
            p = _git(["-C", str(path), "rev-parse", "--show-toplevel"])
        except GitError:
            return None
        if p.returncode != 0:
            return None
        return cls(Path(p.stdout.decode("utf-8", "replace").strip()).resolve())

    @classmethod
    def require(cls, path: Path) -> GitRepo:
        g = cls.find(path)
        if g is None:
            _git(["--version"])  # raises the Chinese error when git itself is missing
            raise GitError(f"{path} 不在 git 仓库中，无法比较版本。", hint="在数据仓库中运行 git init 并提交一次。")
        return g

    @staticmethod
    def init(path: Path) -> None:
        p = _git(["init", "-q", str(path)])
        if p.returncode != 0:
            raise GitError(f"git init 失败：{p.stderr.decode('utf-8', 'replace').strip()}", hint="数据仓库已创建；装好 git 后在其中运行 git init。")

    def rel(self, path: Path) -> str:
        """``path`` relative to the working tree, as git writes paths."""
        return path.resolve().relative_to(self.top).as_posix()

    def run_bytes(self, *args: str, input: bytes | None = None) -> bytes:
        p = _git(["-C", str(self.top), *args], input=input)
        if p.returncode != 0:
            raise GitError(f"git {args[0]} 失败：{p.stderr.decode('utf-8', 'replace').strip()}")
        return p.stdout

    def run(self, *args: str, input: bytes | None = None) -> str:
        return self.run_bytes(*args, input=input).decode("utf-8", errors="replace")

    def ok(self, *args: str) -> bool:
        """Whether ``git args`` succeeds (exit 0)."""
        return _git(["-C", str(self.top), *args]).returncode == 0

    # -- revisions ---------------------------------------------------------------------------------------

    def head(self) -> str | None:
        """The commit HEAD points at; None in a repository without commits."""
        p = _git(["-C", str(self.top), "rev-parse", "--verify", "-q", "HEAD^{commit}"])
        return p.stdout.decode().strip() or None if p.returncode == 0 else None

    def resolve(self, rev: str) -> str:
        """The commit ``rev`` names, or a Chinese usage error."""
        if rev.startswith("-"):
            raise UsageError(f"git 中没有“{rev}”这个版本。", hint="用 git log --oneline 查看可用的提交；例如 HEAD、HEAD~1、main。")
        p = _git(["-C", str(self.top), "rev-parse", "--verify", "-q", f"{rev}^{{commit}}"])
        if p.returncode != 0:
            raise UsageError(f"git 中没有“{rev}”这个版本。", hint="用 git log --oneline 查看可用的提交；例如 HEAD、HEAD~1、main。")
        return p.stdout.decode().strip()

    def last_before(self, day: _dt.date) -> str | None:
        """The last commit (from HEAD) made before ``day`` began; None if there is none."""
        if self.head() is None:
            return None
        return self.run("rev-list", "-1", f"--before={day.isoformat()} 00:00:00", "HEAD").strip() or None

    # -- contents ----------------------------------------------------------------------------------------

    def ls_tree(self, rev: str, prefix: str) -> list[tuple[str, str]]:
        """(blob id, path) of every file under ``prefix`` in commit ``rev``."""
        out = []
        for entry in self.run_bytes("ls-tree", "-r", "-z", rev, "--", prefix).split(b"\0"):
            if not entry:
                continue
            meta, _, path = entry.partition(b"\t")
            parts = meta.split()
            if len(parts) == 3 and parts[1] == b"blob":
                out.append((parts[2].decode(), path.decode("utf-8", "replace")))
        return out

    def blobs(self, shas: set[str], max_bytes: int | None = None) -> dict[str, bytes]:
        """The contents of the given blobs, read through one ``git cat-file --batch``.  With ``max_bytes``, a blob
        larger than that is left out (its size is asked first), so a huge file in the history is never loaded."""
        if max_bytes is not None and shas:
            shas = {sha for sha, size in self.blob_sizes(shas).items() if size <= max_bytes}
        if not shas:
            return {}
        order = sorted(shas)
        buf = self.run_bytes("cat-file", "--batch", input="\n".join(order).encode() + b"\n")
        out, pos = {}, 0
        for sha in order:
            nl = buf.index(b"\n", pos)
            header = buf[pos:nl].split()
            pos = nl + 1
            if len(header) < 3 or header[1] != b"blob":
                continue
            size = int(header[2])
            out[sha] = buf[pos : pos + size]
            pos += size + 1
        return out

    def blob_sizes(self, shas: set[str]) -> dict[str, int]:
        """The size of each blob (``git cat-file --batch-check``); a missing one is left out."""
        out = {}
        listing = self.run_bytes("cat-file", "--batch-check", input="\n".join(sorted(shas)).encode() + b"\n")
        for line in listing.decode("utf-8", "replace").splitlines():
            parts = line.split()
            if len(parts) == 3 and parts[1] == "blob" and parts[2].isdigit():
                out[parts[0]] = int(parts[2])
        return out

    def names_ever(self, prefix: str) -> list[str]:
        """Every path under ``prefix`` in any commit of any branch (a deleted file keeps its name here)."""
        if self.head() is None:
            return []
        return [x for x in self.run("log", "--all", "--format=", "--name-only", "--", prefix).splitlines() if x]

    def patches_ever(self, prefix: str) -> str:
        """Every added and removed line under ``prefix`` in any commit of any branch."""
        if self.head() is None:
            return ""
        return self.run("log", "--all", "-p", "--format=", "--no-color", "--", prefix)

    def follow_log(self, path: str) -> str:
        """``git log --follow --raw`` of one file: commits with author, date, subject and old/new blob ids."""
        return self.run("log", "--follow", "--raw", "--no-abbrev", "--format=%x00%H%x1f%an%x1f%aI%x1f%s", "--", path)

    def _written(self, *log_args: str) -> list[tuple[str, str, str]]:
        """(the commit's header as formatted after ``%x01``, path, blob id) for every file version the commits of
        ``git log --raw -z <log_args>`` wrote — deletions left out."""
        raw = self.run_bytes("log", "--raw", "-z", "--no-abbrev", "--no-renames", *log_args)
        out: list[tuple[str, str, str]] = []
        header = ""
        fields = raw.split(b"\0")
        i = 0
        while i < len(fields):
            f = fields[i].lstrip(b"\n")
            i += 1
            if f.startswith(b"\x01"):
                head, _, rest = f[1:].partition(b"\n")
                header = head.decode().strip()
                f = rest.lstrip(b"\n")
            if f.startswith(b":"):  # :old-mode new-mode old-blob new-blob status, then the path as the next field
                parts = f[1:].split()
                path = fields[i].decode("utf-8", "replace") if i < len(fields) else ""
                i += 1
                if len(parts) >= 5 and not parts[4].startswith(b"D") and set(parts[3]) != {ord("0")}:
                    out.append((header, path, parts[3].decode()))
        return out

    def versions_ever(self, paths: list[str]) -> list[tuple[str, str, str, str]]:
        """(commit, commit date, path, blob id) for every version of every file any commit of any ref (branches, tags,
        stash) wrote, merges included: each blob that ever reached the history, with the commits that brought it."""
        if self.head() is None and not self.run("for-each-ref", "--count=1").strip():
            return []
        out = []
        for header, path, blob in self._written("--all", "-m", "--format=%x01%H %cs", "--", *paths):
            commit, day = header.split(" ", 1)
            out.append((commit, day, path, blob))
        return out

    def head_versions(self, paths: list[str]) -> list[tuple[int, str, str]]:
        """(commit time as a Unix timestamp, path, blob id) of every version HEAD's first-parent history wrote of the
        files under ``paths``, oldest first (deletions left out): the history a calendar feed's revisions count."""
        if self.head() is None:
            return []
        return [(int(header or 0), path, blob)
                for header, path, blob in self._written("--first-parent", "--reverse", "--format=%x01%ct", "HEAD", "--", *paths)]

    def tracked(self, prefix: str) -> list[str]:
        return [x for x in self.run("ls-files", "--", prefix).splitlines() if x]

    def ignored(self, path: str) -> bool:
        return self.ok("check-ignore", "-q", "--no-index", path)

    def committable(self, prefix: str) -> list[str]:
        """Files under ``prefix`` that are neither tracked nor ignored — what ``git add`` would take.  Each file is
        judged on its own, so a negation (``!/private/keep.txt``) that un-ignores one file inside an ignored folder
        pattern is caught."""
        return [x for x in self.run("ls-files", "--others", "--exclude-standard", "--", prefix).splitlines() if x]
