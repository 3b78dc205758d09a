"""Minors' privacy (未成年人保护法 arts. 4, 72, 103): no identifying data in tracked files.

WB901 an 18-digit 居民身份证号 (check digit verified) anywhere in a data file, comments included;
WB902 a mainland mobile number; WB903 a personal name in a case's subject or log where the
“李某” / “小明（化名）” form is expected; WB904/WB905 the private store is tracked by git / not ignored.
The detectors are domain/privacy.py's, the same the write commands refuse with.
"""

from __future__ import annotations

from typing import Iterator

from weibao.core.dataset import RepoData
from weibao.core.git import GitError, GitRepo
from weibao.core.yamlread import Loc
from weibao.diagnostics import Diagnostic
from weibao.domain.privacy import find_id_numbers, find_mobiles, find_names, has_digit_runs, masked
from weibao.lint.registry import rule


@rule("WB901", "WB902")
def no_identifiers_in_files(data: RepoData) -> Iterator[Diagnostic]:
    """Every data file, line by line (values and comments): no ID card numbers, no mobile numbers."""
    for kind_records in data.records.values():
        for r in kind_records:
            text = r.loaded.text
            if not text or not has_digit_runs(text):  # most files have no long digit run
                continue
            for ln, line in enumerate(text.split("\n"), start=1):  # lines as the parser and editors count them
                if not has_digit_runs(line):
                    continue
                for col, found in find_id_numbers(line):
                    yield Diagnostic("WB901", f"出现了居民身份证号（{masked('WB901', found)}）。", path=r.rel, line=ln, column=col + 1,
                                     record=r.id, hint="身份证号不得写入纳入 git 的文件；需要时放在私密资料目录中，用督办编号关联。")
                for col, found in find_mobiles(line):
                    yield Diagnostic("WB902", f"出现了手机号码（{masked('WB902', found)}）。", path=r.rel, line=ln, column=col + 1,
                                     record=r.id, hint="个人手机号不得写入纳入 git 的文件；单位联系方式写办公电话。")


@rule("WB903")
def no_names_in_cases(data: RepoData) -> Iterator[Diagnostic]:
    for r in data.valid("case"):
        c = r.model
        fields: list[tuple[Loc, str]] = [(("subject",), c.subject)] + [(("log", i, "text"), e.text) for i, e in enumerate(c.log)]
        if c.closure:
            fields.append((("closure", "result"), c.closure.result))
        for loc, value in fields:
            for _pos, name in find_names(value):
                yield r.diag("WB903", f"“{name}”像是一个人的真实姓名。", loc,
                             hint=f"写成“{name[0]}某”或加注“（化名）”；真实姓名只放在私密资料目录中。")


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
                     hint=f"运行 git rm -r --cached {rel} 并在 .gitignore 中加入 /{rel}/；已推送的历史需要另行清除。")
    if not ignored:
        yield s.diag("WB905", f"私密资料目录 {rel}/ 没有被 .gitignore 忽略。", ("private_store",), hint=f"在 .gitignore 中加一行 /{rel}/。")
