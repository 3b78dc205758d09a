"""Minors' privacy (未成年人保护法 arts. 4, 72, 103): no identifying information in tracked files.

Every line of every data file, values and comments alike, goes through domain/privacy.py's detectors — the same
ones the write commands refuse with and the public outputs redact with: WB901 ID numbers, WB902 mobile numbers,
WB903 names, WB906 schools with grades or classes, WB907 home addresses, WB908 QQ / WeChat / e-mail, WB909 student
numbers.  A message shows the kind and at most the first and last characters, never the text found.  A line marked
``# weibao: 非个人信息（理由）`` is listed as WB910 (a note; a warning when it gives no reason).  WB904/WB905: the
private store is tracked by git / not ignored.
"""

from __future__ import annotations

from typing import Iterator

from weibao.core.dataset import RepoData
from weibao.core.git import GitError, GitRepo
from weibao.diagnostics import WARNING, Diagnostic
from weibao.domain.privacy import ADVICE, scan_file
from weibao.lint.registry import rule


@rule("WB901", "WB902", "WB903", "WB906", "WB907", "WB908", "WB909", "WB910")
def no_identifying_information(data: RepoData) -> Iterator[Diagnostic]:
    """Every data file, line by line: nothing that identifies a child or the child's family."""
    for kind_records in data.records.values():
        for r in kind_records:
            text = r.loaded.text
            if not text:
                continue
            result = scan_file(text)
            for line, f in result.found:
                yield Diagnostic(f.code, f"出现了{f.what}（{f.masked()}）。", path=r.rel, line=line, column=f.start + 1, record=r.id,
                                 hint=f"{ADVICE[f.kind]}；确需保存的放在私密资料目录中，用记录编号关联。"
                                      "若这不是个人信息，在该行末尾加 # weibao: 非个人信息（理由）。")
            for e in result.excused:
                what = f"文字“{e.span[0]}…”" if e.span else "这一行"
                if e.reason:
                    yield Diagnostic("WB910", f"{what}标为非个人信息：{e.reason}。", path=r.rel, line=e.line, column=e.column, record=r.id)
                else:
                    yield Diagnostic("WB910", f"{what}标为非个人信息，但没有写理由。", path=r.rel, line=e.line, column=e.column, record=r.id,
                                     severity=WARNING, hint="写成 # weibao: 非个人信息（理由），便于审阅者复核。")


@rule("WB904", "WB905")
def private_store_untracked(data: RepoData) -> Iterator[Diagnostic]:
    s = data.one("settings")
    if s is None:
        return
    rel = s.model.private_store.strip("/")
    root = data.repo.root
    if not (root / rel).exists():
        return
    g = GitRepo.find(root)
    if g is None:  # not a git repository (or no git): nothing can be tracked
        return
    try:
        store = g.rel(root / rel)
        files = g.tracked(store)
        ignored = g.ignored(store + "/")
    except (GitError, ValueError):
        return
    if files:
        yield s.diag("WB904", f"私密资料目录 {rel}/ 中有 {len(files)} 个文件被 git 跟踪（例如 {files[0]}）。", ("private_store",),
                     hint=f"运行 git rm -r --cached {rel} 并在 .gitignore 中加入 /{rel}/；已推送的历史用 weibao privacy scan --history 查出并清除。")
    if not ignored:
        yield s.diag("WB905", f"私密资料目录 {rel}/ 没有被 .gitignore 忽略。", ("private_store",), hint=f"在 .gitignore 中加一行 /{rel}/。")
