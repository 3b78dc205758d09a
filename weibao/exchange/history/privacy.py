"""``weibao privacy scan``: identifying information in the files, or anywhere in the git history.

validate only sees the files as they are now.  A name or a phone number that was committed once and deleted later
is still in every clone, in every pushed copy, in every backup: :func:`scan_history` reads every version of every
file any commit of any branch, tag or stash ever held (one ``git log --all --raw`` and one ``git cat-file
--batch``), runs the same detectors (domain/privacy.py) and lists each finding with the commits that brought it.
:func:`purge_steps` says how to take it out of the history and what else the office must do.  Findings are shown
masked, as everywhere.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from weibao.core.files import FileRefused, read_regular
from weibao.core.git import GitRepo
from weibao.core.progress import step
from weibao.domain.privacy import KindNamed, scan_text_file

MAX_BYTES = 20 * 1024 * 1024  # a larger file is not a text the office wrote
SKIP_DIRS = {".git", ".weibao", ".venv", "venv", "node_modules", "__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache"}


@dataclass
class Hit(KindNamed):
    path: str
    line: int
    column: int
    kind: str
    masked: str
    commits: list[tuple[str, str]] = field(default_factory=list)  # (commit, date) that wrote this version; history only

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"path": self.path, "line": self.line, "column": self.column, "code": self.code, "kind": self.kind,
                                  "what": self.what, "masked": self.masked}
        if self.commits:
            out["commits"] = [{"commit": c, "date": d} for c, d in self.commits]
        return out


@dataclass
class PrivacyScan:
    history: bool
    hits: list[Hit] = field(default_factory=list)
    files: int = 0  # files (or file versions, in the history) read
    commits: int = 0
    excused: int = 0  # lines marked # weibao: 非个人信息

    @property
    def paths(self) -> list[str]:
        return sorted({h.path for h in self.hits})

    @property
    def first_commits(self) -> list[tuple[str, str]]:
        """The oldest commit that brought each finding, oldest first."""
        firsts = {min(h.commits, key=lambda c: c[1]) for h in self.hits if h.commits}
        return sorted(firsts, key=lambda c: (c[1], c[0]))

    def as_dict(self) -> dict[str, object]:
        return {"history": self.history, "files": self.files, "commits": self.commits, "excused": self.excused,
                "found": len(self.hits), "paths": self.paths, "hits": [h.as_dict() for h in self.hits]}


def _text(data: bytes) -> str | None:
    if len(data) > MAX_BYTES or b"\0" in data[:8192]:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def _hits(path: str, text: str, result: PrivacyScan, commits: list[tuple[str, str]] | None = None) -> None:
    found = scan_text_file(text)
    result.excused += len(found.excused)
    for line, f in found.found:
        result.hits.append(Hit(path, line, f.start + 1, f.kind, f.masked(), list(commits or [])))


def scan_texts(files: dict[str, str]) -> PrivacyScan:
    """Texts not yet written anywhere (a site being built: path → text), by the rules of ``scan_worktree``."""
    result = PrivacyScan(history=False)
    for path in sorted(files):
        result.files += 1
        _hits(path, files[path], result)
    return result


def _inside(path: str, prefixes: list[str]) -> bool:
    return not prefixes or any(path == p or path.startswith(p.rstrip("/") + "/") for p in prefixes)


def scan_worktree(root: Path, prefixes: list[str] | None = None) -> PrivacyScan:
    """The files as they are now: in a git repository the tracked ones and the new ones git does not ignore (what the
    next commit could take), else every file under ``root``."""
    prefixes = prefixes or []
    result = PrivacyScan(history=False)
    g = GitRepo.find(root)
    if g is not None:
        base = g.top
        names = [x for x in g.run("ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0") if x]
    else:
        base = root
        names = []
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = [d for d in dirnames if d not in SKIP_DIRS]
            names += [Path(dirpath, f).relative_to(root).as_posix() for f in filenames]
    for name in sorted(set(names)):
        if not _inside(name, prefixes):
            continue
        try:  # a FIFO, a link out of the repository or a file over MAX_BYTES is not read (and never waited on)
            data = read_regular(base / name, base, MAX_BYTES)
        except FileRefused:
            continue  # deleted since git listed it, or not a file weibao reads
        text = _text(data)
        if text is None:
            continue
        result.files += 1
        _hits(name, text, result)
    return result


@step("正在检查 git 历史中的每个版本")
def scan_history(g: GitRepo, prefixes: list[str] | None = None) -> PrivacyScan:
    """Every version of every file in the history (all refs), each read once."""
    result = PrivacyScan(history=True)
    versions = g.versions_ever(prefixes or [])
    by_blob: dict[str, dict[str, list[tuple[str, str]]]] = {}  # blob → path → commits
    commits: set[str] = set()
    for commit, day, path, blob in versions:
        commits.add(commit)
        by_blob.setdefault(blob, {}).setdefault(path, []).append((commit, day))
    result.commits = len(commits)
    contents = g.blobs(set(by_blob))
    for blob, paths in sorted(by_blob.items(), key=lambda kv: min(kv[1])):
        text = _text(contents.get(blob, b""))
        if text is None:
            continue
        for path, where in sorted(paths.items()):
            result.files += 1
            _hits(path, text, result, sorted(set(where), key=lambda c: (c[1], c[0])))
    result.hits.sort(key=lambda h: (h.path, min((c[1] for c in h.commits), default=""), h.line, h.column))
    return result


def purge_steps(scan: PrivacyScan) -> list[str]:
    """What the office does when the history holds identifying information (in Chinese, for the clerk)."""
    paths = scan.paths
    path_args = " ".join(f"--path '{p}'" for p in paths[:20]) + (" …" if len(paths) > 20 else "")
    steps = [
        "立即停止推送、停止共享这个仓库；不要再把它发给任何人。",
        "先在当前文件中删去或改写这些信息（人写成“李某”，学校写成“某校”），运行 weibao validate 确认没有 WB901–WB909，然后提交。",
        "从全部历史中清除（在仓库的一份新克隆中操作，操作前备份）：\n"
        "    pip install git-filter-repo\n"
        "    整个文件都不该有的：git filter-repo --invert-paths " + path_args + "\n"
        "    只替换其中几处：把原文逐条写进一个不纳入 git 的文件 replacements.txt（每行“原文==>某某”），\n"
        "        运行 git filter-repo --replace-text replacements.txt，用完删除该文件\n"
        "    也可以用 BFG Repo-Cleaner：java -jar bfg.jar --replace-text replacements.txt",
        "清除后强制推送所有分支和标签：git push --force --all && git push --force --tags；"
        "在代码托管平台上删除旧的合并请求、缓存和复刻（必要时请平台协助清除旧提交）。",
        "通知每个有克隆的人删除旧克隆、重新克隆；旧克隆、备份和导出文件（json、xlsx、docx）中的同样内容也要删除。",
        "本机清理：git reflog expire --expire=now --all && git gc --prune=now --aggressive。",
        "再运行 weibao privacy scan --history，确认退出码为 0。",
        "报告：按《未成年人保护法》第七十二条和《个人信息保护法》第五十七条，立即向本单位负责人和旗未保办报告，"
        "记录泄露了什么、在哪些提交、谁可能看到过、采取了哪些补救措施；可能危害未成年人的，按规定通知其监护人并报告履行个人信息保护职责的部门。",
    ]
    return steps
