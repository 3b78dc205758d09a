"""Finding a data repository and the files in it.

A data repository is a folder that holds ``data/weibao.yaml``.  Commands find
it the way git finds its root: an explicit path, else ``--repo``/``WEIBAO_REPO``,
else the nearest folder upward from the current directory.
"""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from weibao.diagnostics import Diagnostic
from weibao.errors import RepositoryNotFound

Overlay = Mapping[str, "str | None"]  # rel path → the text a file would have (None: deleted), for checking a change before it is written

SETTINGS_FILE = "weibao.yaml"
ENV_VAR = "WEIBAO_REPO"


@dataclass(frozen=True)
class Kind:
    """One kind of data file: where it lives and which model checks it."""

    name: str
    patterns: tuple[str, ...]
    label: str  # Chinese name, for messages
    single: bool = False  # exactly one file (settings, office)
    required: bool = False


KINDS: tuple[Kind, ...] = (
    Kind("settings", ("weibao.yaml",), "仓库设置", single=True, required=True),
    Kind("office", ("office.yaml",), "办公室工作规则", single=True, required=True),
    Kind("glossary", ("glossary.yaml",), "术语表", single=True),
    Kind("topics", ("topics.yaml",), "主题表", single=True),
    Kind("questions", ("questions/*.yaml",), "问答库"),
    Kind("unit", ("units/*.yaml",), "成员单位"),
    Kind("meeting", ("meetings/*.yaml", "meetings/*/*.yaml"), "会议"),
    Kind("case", ("cases/*.yaml", "cases/*/*.yaml"), "督办事项"),
    Kind("document", ("documents/*.yaml", "documents/*/*.yaml"), "公文"),
    Kind("received", ("received/*.yaml", "received/*/*.yaml"), "收文"),
    Kind("research", ("research/*.yaml", "research/*/*.yaml"), "调研和专题研究"),
    Kind("notification", ("notifications/*.yaml", "notifications/*/*.yaml"), "情况通报"),
    Kind("area", ("areas/*.yaml",), "苏木乡镇（场、街道）"),
    Kind("annual_plan", ("annual/*/plan.yaml",), "年度工作计划"),
    Kind("unit_report", ("annual/*/units/*.yaml",), "成员单位年度报告"),
    Kind("area_report", ("annual/*/areas/*.yaml",), "苏木乡镇年度报告"),
)
KIND_BY_NAME = {k.name: k for k in KINDS}
REQUIRED_DIRS = ("units",)
LAYOUT_CODES = frozenset({"WB001", "WB002", "WB003", "WB008", "WB009", "WB011"})  # what scan() may report
IGNORED_NAMES = {"README.md", "README", ".gitkeep", ".gitignore", ".DS_Store"}


@dataclass(frozen=True)
class DataFile:
    kind: Kind
    path: Path
    rel: str


@dataclass
class Layout:
    files: list[DataFile] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def of(self, kind: str) -> list[DataFile]:
        return [f for f in self.files if f.kind.name == kind]


@dataclass(frozen=True)
class Repository:
    root: Path

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    def rel(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def layout(self, overlay: Overlay | None = None) -> Layout:
        return scan(self, overlay)



def _is_repo_root(path: Path) -> bool:
    return (path / "data" / SETTINGS_FILE).exists() or (path / "data" / SETTINGS_FILE).is_symlink()


def resolve_root(path: str | os.PathLike[str]) -> Path:
    """A PATH argument names the repository root or its ``data/`` folder."""
    p = Path(path).expanduser()
    if not p.exists():
        raise RepositoryNotFound(f"路径不存在：{path}")
    p = p.resolve()
    if p.is_file():
        raise RepositoryNotFound(f"{path} 是一个文件；请给出数据仓库的根目录或其 data/ 目录。")
    if _is_repo_root(p):
        return p
    if p.name == "data" and ((p / SETTINGS_FILE).exists() or (p / "units").is_dir()):
        return p.parent
    if (p / "data").is_dir():
        return p  # a damaged repository: validate reports what is missing
    raise RepositoryNotFound(
        f"{path} 不是 weibao 数据仓库（其中没有 data/{SETTINGS_FILE}）。",
        hint="请进入数据仓库目录，或用 --repo 路径 / 环境变量 WEIBAO_REPO 指定。",
    )


def find_repository(path: str | None = None, repo_option: str | None = None, cwd: Path | None = None) -> Repository:
    """Locate the repository: explicit PATH, then --repo, then $WEIBAO_REPO, then upward from cwd."""
    for candidate in (path, repo_option, os.environ.get(ENV_VAR) or None):
        if candidate:
            return Repository(resolve_root(candidate))
    here = (cwd or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if _is_repo_root(folder):
            return Repository(folder)
    raise RepositoryNotFound(
        f"当前目录（{here}）及其上级目录中都没有 weibao 数据仓库（data/{SETTINGS_FILE}）。",
        hint="请进入数据仓库目录后再运行，或用 --repo 路径 / 环境变量 WEIBAO_REPO 指定数据仓库。",
    )


_BY_TOP: dict[str, list[tuple[str, Kind]]] = {}
for _k in KINDS:
    for _p in _k.patterns:
        _BY_TOP.setdefault(_p.split("/", 1)[0], []).append((_p, _k))


def kind_of_rel(rel: str) -> Kind | None:
    """The kind of the data file at ``rel`` (relative to the repository root), or None."""
    return match_kind(rel[len("data/"):]) if rel.startswith("data/") else None


def match_kind(rel_in_data: str) -> Kind | None:
    """The kind of a data file from its path under data/ (the first folder narrows the patterns to try)."""
    depth = rel_in_data.count("/")
    for pattern, kind in _BY_TOP.get(rel_in_data.split("/", 1)[0], ()):
        if depth == pattern.count("/") and fnmatch.fnmatchcase(rel_in_data, pattern):
            return kind
    return None


def _stray(rel: str, name: str) -> Diagnostic:
    """A file in data/ that is no data file (the same finding for a file on disk and one a change would add)."""
    if name.endswith(".yml"):
        return Diagnostic("WB009", "扩展名应为 .yaml，该文件不会被读取。", path=rel, hint=f"改名为 {name[:-4]}.yaml。")
    if name.endswith(".yaml"):
        return Diagnostic("WB011", "这个位置不应有 YAML 文件，它不会被读取。", path=rel,
                          hint="成员单位放在 data/units/，会议、督办、公文分别放在 data/meetings/、data/cases/、data/documents/ 的年份目录下。")
    return Diagnostic("WB009", "数据目录中的无关文件，不会被读取。", path=rel)


def scan(repo: Repository, overlay: Overlay | None = None) -> Layout:
    """List the data files by kind; report missing, misplaced and stray entries.  With ``overlay`` the layout is
    the one the repository would have after the change (files added, files deleted)."""
    layout = Layout()
    overlay = overlay or {}
    data = repo.data_dir
    root_resolved = repo.root.resolve()
    added = {rel: text for rel, text in overlay.items() if rel.startswith("data/") and text is not None}
    if not data.is_dir() and not added:
        layout.diagnostics.append(Diagnostic("WB001", "缺少 data/ 目录。", path="data", hint="运行 weibao init 创建数据仓库。"))
        return layout
    for spec in KINDS:
        if spec.single and spec.required:
            target = data / spec.patterns[0]
            rel = f"data/{spec.patterns[0]}"
            if overlay.get(rel, "") is None or (not target.exists() and not target.is_symlink() and rel not in added):
                layout.diagnostics.append(Diagnostic("WB001", f"缺少{spec.label}文件 data/{spec.patterns[0]}。", path=f"data/{spec.patterns[0]}"))
    for d in REQUIRED_DIRS:
        if not (data / d).is_dir() and not any(rel.startswith(f"data/{d}/") for rel in added):
            layout.diagnostics.append(Diagnostic("WB001", f"缺少目录 data/{d}/。", path=f"data/{d}"))

    def unreadable(exc: OSError) -> None:  # a folder that cannot be listed is an error, never a silent skip
        if isinstance(exc, (FileNotFoundError, NotADirectoryError)):  # not there (yet): WB001, or the write, says what is wrong
            return
        where = Path(exc.filename) if exc.filename else data
        layout.diagnostics.append(Diagnostic("WB008", f"无法读取目录：{exc.strerror or exc}", path=repo.rel(where),
                                             hint="检查该目录的权限（运行 weibao 的用户要能读取它）。"))

    for dirpath, dirnames, filenames in os.walk(data, onerror=unreadable):
        dirnames.sort()
        here = Path(dirpath)
        entries = [(n, False) for n in sorted(filenames)] + [(n, True) for n in list(dirnames)]
        for name, is_dir in entries:
            full = here / name
            rel_data = full.relative_to(data).as_posix()
            rel = repo.rel(full)
            if name.startswith(".") or name in IGNORED_NAMES:
                if is_dir:
                    dirnames.remove(name)
                continue
            if full.is_symlink():
                try:
                    target = full.resolve(strict=False)
                except (RuntimeError, OSError):
                    layout.diagnostics.append(Diagnostic("WB008", "符号链接形成循环，无法读取。", path=rel, hint="删除或修正该符号链接。"))
                    if is_dir:
                        dirnames.remove(name)
                    continue
                if not target.is_relative_to(root_resolved):
                    layout.diagnostics.append(Diagnostic("WB003", f"符号链接指向仓库之外：{os.readlink(full)}", path=rel,
                                                         hint="请把文件本身放进仓库，而不是链接到仓库外。"))
                    if is_dir:
                        dirnames.remove(name)
                    continue
            kind = match_kind(rel_data)
            if not is_dir and rel in overlay:
                continue  # the overlay's version (added below) or deleted
            if is_dir:
                if kind is not None and name.endswith(".yaml"):
                    layout.diagnostics.append(Diagnostic("WB002", "这里应是一个 YAML 文件，实际上是一个目录。", path=rel, hint="请删除或改名该目录。"))
                    dirnames.remove(name)
                continue
            if kind is not None:
                layout.files.append(DataFile(kind, full, rel))
            else:
                layout.diagnostics.append(_stray(rel, name))
    for rel in sorted(added):
        kind = match_kind(rel[len("data/"):])
        name = rel.rsplit("/", 1)[-1]
        if kind is not None:
            layout.files.append(DataFile(kind, repo.root / rel, rel))
        elif not name.startswith(".") and name not in IGNORED_NAMES:
            layout.diagnostics.append(_stray(rel, name))
    layout.files.sort(key=lambda f: f.rel)
    return layout
