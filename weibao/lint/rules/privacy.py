"""Minors' privacy (未成年人保护法 arts. 4, 72, 103): no identifying information in tracked files.

Every line of every data file, values and comments alike, goes through domain/privacy.py's detectors — the same
ones the write commands refuse with and the public outputs redact with: WB901 ID numbers, WB902 mobile numbers,
WB903 names, WB906 schools with grades or classes, WB907 home addresses, WB908 QQ / WeChat / e-mail, WB909 student
numbers.  A message shows the kind and at most the first and last characters, never the text found.  A line marked
``# weibao: 非个人信息（理由）`` is listed as WB910 (a note; a warning when it gives no reason).  WB904/WB905: the
private store is tracked by git / not ignored.
"""

from __future__ import annotations

import re
from typing import Any, Iterator

from weibao.core.cache import PrivacyMemo
from weibao.core.dataset import RepoData
from weibao.core.git import GitError, GitRepo
from weibao.core.yamlread import format_loc
from weibao.diagnostics import WARNING, Diagnostic
from weibao.domain.privacy import ADVICE, identifying, scan_file
from weibao.lint.registry import rule


@rule("WB901", "WB902", "WB903", "WB906", "WB907", "WB908", "WB909", "WB910")
def no_identifying_information(data: RepoData) -> Iterator[Diagnostic]:
    """Every data file, line by line: nothing that identifies a child or the child's family."""
    memo = PrivacyMemo(data.repo.root)
    for kind_records in data.records.values():
        for r in kind_records:
            text = r.loaded.text
            if not text:
                continue
            if memo.clean(text):
                data.privacy_clean.add(r.rel)
                continue
            result = scan_file(text)
            found_any = bool(result.found or result.excused)
            for line, f in result.found:
                where = _field_at(r, text, line, f.start + 1)
                yield Diagnostic(f.code, f"{'' if where else '注释中'}出现了{f.what}（{f.masked()}）。", path=r.rel, line=line,
                                 column=f.start + 1, record=r.id, field=where, hint=f"{ADVICE[f.kind]}；{KEEP}")
            if _REWRITTEN.search(text):  # escapes (\u738b) or folded lines (>): the values differ from the lines
                seen = {(line, f.kind) for line, f in result.found}
                for loc, value in _strings(r.loaded.data, ()):
                    if value in text:
                        continue
                    for f in identifying(value):
                        if f.text in result.allowed:
                            continue
                        d = r.diag(f.code, f"出现了{f.what}（{f.masked()}）。", loc, hint=f"{ADVICE[f.kind]}；{KEEP}")
                        found_any = True
                        if (d.line, f.kind) not in seen:
                            yield d
            for e in result.excused:
                what = f"文字“{e.span[0]}…”" if e.span else "这一行"
                if e.reason:
                    yield Diagnostic("WB910", f"{what}标为非个人信息：{e.reason}。", path=r.rel, line=e.line, column=e.column, record=r.id)
                else:
                    yield Diagnostic("WB910", f"{what}标为非个人信息，但没有写理由。", path=r.rel, line=e.line, column=e.column, record=r.id,
                                     severity=WARNING, hint="写成 # weibao: 非个人信息（理由），便于审阅者复核。")
            if not found_any:
                memo.add(text)
                data.privacy_clean.add(r.rel)
    memo.save()


KEEP = "确需保存的放在私密资料目录中，用记录编号关联。若这不是个人信息，在该行末尾加 # weibao: 非个人信息（理由）。"
# what makes a parsed value differ from the text of its lines: an escape in a quoted string, a folded block scalar
_REWRITTEN = re.compile(r"\\|:[ \t]*>[-+0-9]*[ \t]*(?:#.*)?$", re.M)


def _field_at(r: Any, text: str, line: int, column: int) -> str | None:
    """The field a finding stands in (subject, questions[3].q …), or None in a comment: the value that starts last
    at or before the finding."""
    src = text.split("\n")[line - 1] if line <= text.count("\n") + 1 else ""
    hash_at = re.search(r"(?:^|\s)#", src[: column - 1])
    if hash_at and src[: hash_at.start()].count('"') % 2 == 0 and src[: hash_at.start()].count("'") % 2 == 0:
        return None
    r.loaded.pos(())  # positions of every value (parsed again only now, for a file with a finding)
    best: tuple[int, int] | None = None
    where: tuple[Any, ...] = ()
    for loc, (ln, col) in r.loaded.value_marks.items():
        if (ln, col) <= (line, column) and (best is None or (ln, col) > best):
            best, where = (ln, col), loc
    return format_loc(where) or None


def _strings(node: Any, loc: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], str]]:
    if isinstance(node, str):
        yield loc, node
    elif isinstance(node, dict):
        for k, v in node.items():
            yield from _strings(v, (*loc, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _strings(v, (*loc, i))


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
        exposed = g.committable(store) if ignored else []
    except (GitError, ValueError):
        return
    if files:
        yield s.diag("WB904", f"私密资料目录 {rel}/ 中有 {len(files)} 个文件被 git 跟踪（例如 {files[0]}）。", ("private_store",),
                     hint=f"运行 git rm -r --cached {rel} 并在 .gitignore 中加入 /{rel}/；已推送的历史用 weibao privacy scan --history 查出并清除。")
    if not ignored:
        yield s.diag("WB905", f"私密资料目录 {rel}/ 没有被 .gitignore 忽略。", ("private_store",), hint=f"在 .gitignore 中加一行 /{rel}/。")
    elif exposed:  # the folder is ignored, but a negation pattern lets a file in it be committed
        yield s.diag("WB905", f"私密资料目录中有 {len(exposed)} 个文件没有被忽略，会被 git add 提交（例如 {exposed[0]}）。", ("private_store",),
                     hint=f"删去 .gitignore 中以 ! 开头、放开 {rel}/ 内文件的规则，用 /{rel}/ 忽略整个目录。")
