"""``weibao site --out DIR``: the static public site, built from what ``export --public`` allows and the index
``weibao who`` answers from.

Every page is rendered from the templates in ``weibao/site/templates`` with the page's path back to the site root
(``root``), so links work from ``file://`` and from any folder of any static server.  Nothing depends on the time of
the build: the same repository gives the same bytes.  Before anything is written, the privacy check of ``weibao
privacy scan`` reads every generated file; a finding stops the build and nothing is written."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from weibao.core.progress import step
from weibao.core.repository import Repository
from weibao.errors import UsageError, WeibaoError

HERE = Path(__file__).resolve().parent
ASSETS = ("site.css", "site.js", "who.js")  # copied as they are (who.js: the in-browser ranking, weibao/site/who.js)
WHO_DATA = "assets/who-data.js"
MARKER = ".weibao-site"  # in every built site: a folder holding it may be replaced by the next build
PUBLIC_DISCLOSURE = "此件公开发布"
NAV = (("index.html", "谁负责"), ("units.html", "成员单位"), ("matrix.html", "职责矩阵"), ("rules.html", "工作规则"),
       ("meetings.html", "会议安排"), ("documents.html", "公开文件"))


class SitePrivacyError(WeibaoError):
    """The generated pages hold what identifies a child: nothing is written."""

    exit_code = 1


@dataclass
class Site:
    files: dict[str, bytes] = field(default_factory=dict)  # path in the site → content

    @property
    def size(self) -> int:
        return sum(len(b) for b in self.files.values())

    def first_page_bytes(self) -> int:
        """What a browser loads for the first page: index.html and every local file it refers to."""
        import re

        page = self.files["index.html"].decode("utf-8")
        refs = set(re.findall(r'(?:src|href)="(assets/[^"]+)"', page))
        return len(self.files["index.html"]) + sum(len(self.files[r]) for r in refs if r in self.files)


def build_site(repo: Repository) -> Site:
    """Every file of the site, in memory (checked for privacy; ``write_site`` puts them in a folder)."""
    from weibao.exchange.export_json import export_data, valid_data
    from weibao.site.whodata import data_script
    from weibao.who.index import load_index
    from weibao.who.matrix import build as matrix_cells

    with step("正在生成公开网站"):
        public = export_data(repo, public=True)
        index = load_index(repo)
        data = valid_data(repo)
        env = _env()
        ctx = _context(public, index)
        site = Site()

        def page(path: str, template: str, **extra: Any) -> None:
            root = "../" * path.count("/")
            html = env.get_template(template).render(**ctx, **extra, root=root, here=path)
            site.files[path] = html.encode("utf-8")

        page("index.html", "index.html.j2", title="谁负责")
        page("units.html", "units.html.j2", title="成员单位")
        for u in ctx["units"]:
            page(f"units/{u['id']}.html", "unit.html.j2", title=u["name"], unit=u)
        topics, units, cells = matrix_cells(index)
        page("matrix.html", "matrix.html.j2", title="职责矩阵", matrix_topics=topics, matrix_units=units,
             cells={f"{t}|{u}": r for (t, u), r in cells.items()})
        page("rules.html", "rules.html.j2", title="工作规则")
        page("meetings.html", "meetings.html.j2", title="会议安排")
        docs = _documents(repo, data, public)
        for d in docs:
            site.files[f"documents/{d['file']}"] = d["html"].encode("utf-8")
        page("documents.html", "documents.html.j2", title="公开文件", documents=docs)
        for name in ASSETS:
            site.files[f"assets/{name}"] = (HERE / name).read_bytes()
        site.files[WHO_DATA] = data_script(index).encode("utf-8")
        site.files["assets/search-data.js"] = _search_script(ctx, index).encode("utf-8")
        site.files[MARKER] = "weibao site：这个文件夹由 weibao site 生成，下次生成时整个替换。\n".encode()
    _check_privacy(site)
    return site


def write_site(site: Site, out: Path) -> None:
    """The site into ``out``, whole: built beside it and swapped in.  A folder that is not empty and was not built by
    weibao site (no marker) is never replaced."""
    out = out.absolute()
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out} 已存在且不是文件夹。", hint="换一个 --out 位置。")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise UsageError(f"{out} 不是空文件夹，也不是 weibao site 生成的，不会覆盖。", hint="换一个空文件夹，或先移走里面的文件。")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.parent / f".{out.name}.weibao-tmp"
    old = out.parent / f".{out.name}.weibao-old"
    for leftover in (tmp, old):  # what an interrupted build left; anything else of that name is not ours to remove
        if leftover.is_dir() and (leftover / MARKER).is_file():
            shutil.rmtree(leftover)
        elif leftover.exists() or leftover.is_symlink():
            raise UsageError(f"{leftover} 已存在，不是 weibao site 留下的，不会改动。", hint="移走它，或换一个 --out 位置。")
    try:
        for rel, content in sorted(site.files.items()):
            p = tmp / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_bytes(content)
        if out.exists():
            out.rename(old)
        try:
            tmp.rename(out)
        except OSError:
            if old.exists() and not out.exists():
                old.rename(out)  # the previous site stays in place
            raise
    except OSError as exc:
        raise UsageError(f"无法写入 {out}：{exc.strerror or exc}。") from None
    finally:
        for leftover in (tmp, old):
            if leftover.is_dir():
                shutil.rmtree(leftover, ignore_errors=True)


def _env() -> Any:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    from weibao.domain.numbering import zh_date, zh_number

    env.filters.update(zh_number=zh_number, zh_date=zh_date)
    return env


def _context(public: dict[str, Any], index: dict[str, Any]) -> dict[str, Any]:
    """What every page may show: the public export, arranged by unit."""
    from weibao.domain.roles import ROLE_ZH
    from weibao.model.case import CLOSED

    settings = public["settings"]
    topics = {t["id"]: t["name"] for t in public["topics"]}
    decisions = [d for d in public["decisions"] if d["status"] in _open_states()]
    units = []
    for u in sorted(public["units"], key=lambda u: u["order"]):
        contacts = [{"role": role, **p} for role, p in (("办公室成员", u.get("office_member")), ("联络员", u.get("liaison"))) if p]
        units.append({
            "id": u["id"], "name": u["name"], "full_name": u["full_name"], "kind": u["kind"], "aliases": u["aliases"],
            "duties": [{**d, "role_zh": ROLE_ZH.get(d["role"] or "", "本单位职责"), "topic_names": [topics.get(t, t) for t in d["topics"]]}
                       for d in u["duties"]],
            "contacts": contacts,
            "phone": next((p["phone"] for p in contacts if p.get("phone")), None),
            "decisions": [d for d in decisions if u["id"] in d["lead"] + d["support"]],
            "cases": [_case_summary(c) for c in public["cases"] if c["lead"] == u["id"] and c["state"] not in CLOSED],
        })
    office = public["office"]
    return {
        "site_name": settings["office"]["name"],
        "office_short": settings["office"]["short_name"],
        "region": settings["region"]["name"],
        "founding": settings.get("founding_document"),
        "nav": NAV,
        "units": units,
        "unit_names": {u["id"]: u["name"] for u in units},
        "topics": public["topics"],
        "office": office,
        "clauses": [{"id": c_id, **c} for c_id, c in ((index.get("office") or {}).get("clauses") or {}).items()],
        "meetings": sorted(public["meetings"], key=lambda m: (m["date"], m["id"]), reverse=True),
    }


def _open_states() -> frozenset[str]:
    from weibao.model.meeting import DECISION_OPEN

    return frozenset(DECISION_OPEN)


def _case_summary(case: dict[str, Any]) -> dict[str, Any]:
    """A case as the public may see it: what export --public keeps, and only the fields a reader needs."""
    return {k: case.get(k) for k in ("id", "kind", "subject", "level", "state", "opened", "deadline", "support")}


def _documents(repo: Repository, data: Any, public: dict[str, Any]) -> list[dict[str, Any]]:
    """Every document published openly (此件公开发布), rendered as the HTML of ``weibao render --format html``."""
    from weibao.render import document_view_of, render_view

    out = []
    redacted = data.redacted()
    for d in sorted(public["documents"], key=lambda d: (d.get("date") or "", d["id"]), reverse=True):
        if d.get("disclosure") != PUBLIC_DISCLOSURE:
            continue
        html = render_view(document_view_of(redacted, d["id"]), "html", repo, data.privacy_allowed())
        out.append({"id": d["id"], "file": f"{d['id']}.html", "number": d.get("number"), "title": d["title"],
                    "issuer": d.get("issuer"), "date": d.get("date"), "type": d.get("type"), "html": html})
    return out


def _search_script(ctx: dict[str, Any], index: dict[str, Any]) -> str:
    """What the search box searches: every duty item and every office rule, and the glossary's everyday words."""
    duties = [[u["id"], u["name"], d["id"], d["text"], d["role_zh"]] for u in ctx["units"] for d in u["duties"]]
    rules = [[c["id"], c["section"], c["title"], c["text"]] for c in ctx["clauses"]]
    words = [[e["words"], e["terms"]] for e in index["glossary"].get("entries", [])]
    units = [[u["id"], u["name"], u["phone"]] for u in ctx["units"]]
    return script("WEIBAO_SEARCH", {"duties": duties, "rules": rules, "words": words, "units": units, "office": ctx["office_short"]})


def script(name: str, value: Any) -> str:
    """``window.NAME = value;`` — JSON safe inside a script file and an HTML page (no ``</``, no line separators)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    text = text.replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"window.{name} = {text};\n"


def _check_privacy(site: Site) -> None:
    """``weibao privacy scan``'s rules over every page, style and script.  The who data is read as its texts, one per
    line (questions, duty texts, glossary words): its models' weights are coded bytes, not words."""
    from weibao.exchange.history.privacy import scan_texts

    texts = {p: b.decode("utf-8") for p, b in site.files.items() if p.endswith((".html", ".js", ".css")) and p != WHO_DATA}
    if WHO_DATA in site.files:
        raw = site.files[WHO_DATA].decode("utf-8")
        texts[WHO_DATA] = "\n".join(_words(json.loads(raw[raw.index("=") + 1 :].rstrip().rstrip(";"))))
    found = scan_texts(texts)
    if found.hits:
        lines = [f"{h.path}:{h.line}:{h.column} {h.kind} {h.masked}" for h in found.hits[:20]]
        raise SitePrivacyError(f"生成的网页中有 {len(found.hits)} 处可识别未成年人的信息，网站没有生成：\n" + "\n".join(lines),
                               hint="先用 weibao validate 和 weibao privacy scan 找到并改正数据中的这些内容。")


def _words(value: Any, in_model: bool = False) -> list[str]:
    """Every string of the who data, but the coded weights of its models (ASCII strings under a model's key)."""
    if isinstance(value, str):
        return [] if in_model and value.isascii() else [value]
    if isinstance(value, dict):
        return [w for k, v in sorted(value.items()) for w in _words(v, in_model or k in ("classifier", "urgent_model"))]
    if isinstance(value, list):
        return [w for v in value for w in _words(v, in_model)]
    return []
