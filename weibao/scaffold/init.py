"""weibao init: a new data repository for another county (旗县区), ready for import-duties."""

from __future__ import annotations

import re
from pathlib import Path

from weibao.core.canonical import format_text
from weibao.core.git import GitError, GitRepo
from weibao.core.repository import Repository
from weibao.core.schemagen import FOLDER, all_schemas, with_modeline
from weibao.domain.naming import unit_id
from weibao.domain.text import comment_line
from weibao.errors import UsageError
from weibao.lint.gate import transaction
from weibao.model.office import Office
from weibao.model.settings import Settings

SKELETON = Path(__file__).resolve().parent.parent / "skeleton"
KNOWN_HOSTS = {"minzheng": "民政局", "fuergongwei": "妇儿工委", "fulian": "妇联"}
LEVELS = ("自治旗", "自治县", "旗", "县", "区", "市")


def _level(region: str) -> str:
    if not re.fullmatch(r"[\u4e00-\u9fff]{2,20}", region):
        raise UsageError(f"地区名称“{region}”只能由汉字组成。", hint="例如 --region 某某县")
    for lv in LEVELS:
        if region.endswith(lv) and len(region) > len(lv):
            return lv[-1]
    raise UsageError(f"地区名称“{region}”应以旗、县、区或市结尾。", hint="例如 --region 科尔沁左翼中旗、--region 某某县")


def _host(value: str | None, region: str = "", level: str = "") -> tuple[str, str]:
    """(unit id, name in the rules text) of the unit the office sits in; the id is what import-duties will give it."""
    if value is None:
        return "minzheng", "民政局"
    value = value.strip()
    if value in KNOWN_HOSTS:
        return value, KNOWN_HOSTS[value]
    if not re.fullmatch(r"[\u4e00-\u9fff]{2,20}", value):
        raise UsageError(f"不认识单位“{value}”。", hint="写单位的中文简称（例如 妇儿工委、民政局），或已知的 id：" + "、".join(KNOWN_HOSTS))
    name = value
    for prefix in (region, f"{level}委", level):  # 某某县妇联 / 县妇联 → 妇联
        if prefix and name.startswith(prefix) and len(name) - len(prefix) >= 2:
            name = name[len(prefix):]
            break
    for known_id, known_name in KNOWN_HOSTS.items():
        if known_name == name:
            return known_id, name
    return unit_id(name, level, set()), name


def office_rules(region: str, level: str, host_name: str, host_id: str) -> str:
    """The standard rules (data/office.yaml of the bundled repository) rewritten for another region and host unit."""
    text = (SKELETON / "office.yaml").read_text(encoding="utf-8")
    header = (f"# {comment_line(region)}未成年人保护工作领导小组办公室工作规则（依奈曼旗的规则改写的起点）。\n"
              "# 请按本地印发的规则逐字修改 sections，并相应修改各项的 source；苏木乡镇（场、街道）等说法按本地实际改。\n")
    body = re.sub(r"^#.*\n", "", text, count=3)
    body = re.sub(r"^source_document: .*\n", "", body, flags=re.M)
    body = re.sub(r"^effective: .*\n", "", body, flags=re.M)
    for old, new in (("奈曼旗", region), ("旗未保办", f"{level}未保办"), ("旗未成年人", f"{level}未成年人"), ("旗委、政府", f"{level}委、政府"),
                     ("民政局社会福利股", host_name), ("民政局", host_name), ("unit: minzheng", f"unit: {host_id}")):
        body = body.replace(old, new)
    return header + body


def settings_text(region: str, level: str, host_id: str, prefixes: list[str]) -> str:
    lines = [
        "# weibao 数据仓库设置：地区、机构名称、文号代字等本地事实。由 weibao init 生成，请核对。",
        "schema_version: 1",
        "region:",
        f"  name: {region}",
        f"  level: {level}",
        f"  short: {level}",
        f"government: {region}人民政府",
        f"government_office: {region}人民政府办公室",
        "leading_group:",
        f"  name: {region}未成年人保护工作领导小组",
        "  short_name: 领导小组",
        "office:",
        f"  name: {region}未成年人保护工作领导小组办公室",
        f"  short_name: {level}未保办",
        f"  host_unit: {host_id}",
    ]
    if prefixes:
        lines.append("document_prefixes:")
        for i, p in enumerate(prefixes):
            if not re.fullmatch(r"[\u4e00-\u9fff]+", p):
                raise UsageError(f"文号代字“{p}”只能由汉字组成。", hint="例如 --prefix 某政办字；〔年份〕和序号由 weibao doc new 生成。")
            own = i == len(prefixes) - 1 and len(prefixes) > 0
            lines += [f"  - id: prefix-{i + 1}", f"    prefix: {p}",
                      f"    issuer: {region}未成年人保护工作领导小组办公室" if own else f"    issuer: {region}人民政府办公室"]
            if own:
                lines += ["    own: true", "    signing_rule: doc-signing"]
    lines += ["private_store: private", ""]
    return "\n".join(lines)


GITIGNORE = """# 私密资料（可识别未成年人及其家庭的信息）只放在这里，永远不纳入 git
/private/
# weibao 的查询缓存
.weibao/
__pycache__/
report/
"""

PRE_COMMIT = """# pre-commit 钩子（https://pre-commit.com）：提交前校验并整理数据文件。
repos:
  - repo: local
    hooks:
      - id: weibao-validate
        name: weibao validate
        entry: weibao validate
        language: system
        pass_filenames: false
        files: ^data/.*\\.yaml$
      - id: weibao-fmt
        name: weibao fmt
        entry: weibao fmt
        language: system
        files: ^data/.*\\.yaml$
"""


def init_repository(target: Path, region: str, host: str | None, prefixes: list[str], force: bool = False) -> list[str]:
    """Create the repository; return the files written (existing files are never overwritten).

    All files are written in one write transaction: the new repository is validated before anything is written,
    and a failure leaves the folder as it was."""
    level = _level(region)
    host_id, host_name = _host(host, region, level)
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target} 已存在，且不是目录。")
    if target.is_dir() and any(p.name != ".weibao" for p in target.iterdir()) and not force:
        raise UsageError(f"{target} 不是空目录，没有写入。", hint="加 --force 可在非空目录中创建（已有的文件一律不覆盖）。")
    files = {
        "data/weibao.yaml": format_text(settings_text(region, level, host_id, prefixes), Settings, "data/weibao.yaml"),
        # the rewrite may change line lengths: canonical layout again
        "data/office.yaml": format_text(office_rules(region, level, host_name, host_id), Office, "data/office.yaml"),
        "data/glossary.yaml": with_modeline((SKELETON / "glossary.yaml").read_text(encoding="utf-8"), "data/glossary.yaml", "glossary"),
        "data/units/README.md": (SKELETON / "units.README.md").read_text(encoding="utf-8"),
        "data/meetings/README.md": (SKELETON / "meetings.README.md").read_text(encoding="utf-8"),
        "data/cases/README.md": (SKELETON / "cases.README.md").read_text(encoding="utf-8"),
        "data/documents/README.md": (SKELETON / "documents.README.md").read_text(encoding="utf-8"),
        "data/questions/README.md": (SKELETON / "questions.README.md").read_text(encoding="utf-8"),
        ".gitignore": GITIGNORE,
        ".github/workflows/weibao.yml": (SKELETON / "github-actions.yml").read_text(encoding="utf-8"),
        ".pre-commit-config.yaml": PRE_COMMIT,
    }
    files.update({f"{FOLDER}/{name}": text for name, text in all_schemas().items()})
    target.mkdir(parents=True, exist_ok=True)
    repo = Repository(target.resolve())
    # a failure writes none of the files; the folder and its .weibao/ (the write lock, which another writer may be
    # waiting on: it is never removed) stay
    with transaction(repo, "新建数据仓库") as tx:
        if not force and any(p.name != ".weibao" for p in target.iterdir()):  # again under the lock: a writer beside us
            raise UsageError(f"{target} 不是空目录，没有写入。", hint="加 --force 可在非空目录中创建（已有的文件一律不覆盖）。")
        for rel, content in files.items():
            if not tx.exists(rel):
                tx.create(rel, content)
        written = tx.commit()
    if not (target / ".git").exists():
        try:
            GitRepo.init(target)
        except GitError as exc:
            raise GitError(f"数据仓库已创建（写入 {len(written)} 个文件），但没有建成 git 仓库：{exc.message}",
                           hint="装好 git 后在该目录中运行 git init。") from None
    return [rel for rel in files if rel in written]
