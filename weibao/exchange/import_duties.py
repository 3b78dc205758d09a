"""Import a 成员单位职责（任务）分工 document into data/units/.

Reads what exchange/sources.py reads (.txt, .md, .docx, .html, .pdf, and .doc/.wps/.rtf through LibreOffice,
traditional characters made simplified).  Understands the structures such documents really use:

- Chinese-numbered headings (一、旗委宣传部), with numbers irregular or missing;
- an unnumbered heading line followed by its paragraph(s);
- several units in one heading (一、市委宣传部、市委文明办。…): each gets the duties;
- the heading and the first duty on one line (三、市教育局：负责…);
- task lists where the responsible units stand in brackets after each task
  （市教育体育局、市妇联按照职责分工负责）/（市民政局牵头，市财政局配合）.

Duty paragraphs are split into items after 。 and ； verbatim.  Nothing is dropped
silently.  Text that is not part of any unit — the title, preamble and 主送 before the
first unit, the 落款, dates, 抄送 and page footers after the list, a heading with no
duty under it — is reported, grouped, with line numbers, and does not stop the import;
a line inside the list that fits under no unit does (it would be lost).  The characters
imported are counted against the characters of the duty part (minus headings, labels
and whitespace).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from weibao.core.repository import Repository
from weibao.domain.naming import unit_id, unit_kind
from weibao.domain.roles import BRACKET_WORDS, item_role
from weibao.domain.text import comment_line
from weibao.errors import UsageError, WeibaoError
from weibao.exchange.sources import Source, read_source

UNIT_SUFFIX = re.compile(
    r"(?:局|委|办|院|会|部|联|团|中心|公司|队|所|站|厅|处|社|协|政府|工委|办公室|委员会|管委会|集团|银行|分局|支队|大队|妇儿工委)$"
)
NUM_LABEL = re.compile(r"^(?:[一二三四五六七八九十百零]+[、.．]|（[一二三四五六七八九十]+）|\d+[、.．)）]|[（(]\d+[)）])\s*")
END_MARKERS = re.compile(r"^(?:\d{4}年\d{1,2}月\d{1,2}日$|（此件[^）]*）$|抄送[:：]|[^，。；]{2,30}\d{4}年\d{1,2}月\d{1,2}日印发$"
                         # the foot of a government web page, when the text was copied from one
                         r"|版权所有|主办单位[:：]|网站标识码|.{0,30}ICP备|.{0,30}公网安备|联系我们|网站地图|【?打印本页|【?关闭窗口|分享到|扫一扫)")
START_MARKERS = ("职责如下", "分工如下", "任务分工如下", "职责分工如下", "具体分工如下", "明确如下")
BRACKET = re.compile(r"[（(]([^（）()]{2,120})[)）]\s*([。；;.]?)\s*$")
DUTY_END = "。；"


@dataclass
class ParsedUnit:
    name: str
    heading: str
    aliases: list[str] = field(default_factory=list)
    numbered: bool = False
    duties: list[str] = field(default_factory=list)
    assignments: list[str | None] = field(default_factory=list)  # per duty: the task's bracket (县妇儿工委牵头，县民政局配合)
    line: int = 0


@dataclass
class ImportResult:
    units: list[ParsedUnit]
    unplaced: list[tuple[int, str]]  # inside the list, under no unit: the import stops (the text would be lost)
    skipped: list[tuple[int, str]]  # after the list ended (落款, dates, 抄送, page footers …), reported, not imported
    start_line: int
    source_chars: int
    imported_chars: int
    preamble: list[tuple[int, str]] = field(default_factory=list)  # before the first unit (title, 主送, 前言 …)
    empty: list[tuple[int, str]] = field(default_factory=list)  # headings with no duty under them (a 落款 line …)


def _clean(line: str) -> str:
    line = line.replace("\u3000", " ").strip()
    return re.sub(r"^#+\s*", "", line).strip("*").strip()  # Markdown headings and emphasis


def _names(text: str) -> list[str] | None:
    """Unit names in a heading-like text (、 or ，separated, an optional (…) after each), or None if it is not one."""
    text = text.strip().rstrip("。：:，,")
    if not text or len(text) > 60 or any(c in text for c in "。；"):
        return None
    parts = [p.strip() for p in re.split(r"[、，,]", text) if p.strip()]
    for p in parts:
        bare = re.sub(r"[（(][^）)]*[）)]$", "", p)
        if not (2 <= len(bare) <= 20 and UNIT_SUFFIX.search(bare)):
            return None
    return parts


def _bracket_units(inner: str) -> list[tuple[str, str, str]] | None:
    """Units and roles from a task's bracket: （A牵头，B、C配合） / （A、B按照职责分工负责）; the words are
    domain/roles.BRACKET_WORDS."""
    out: list[tuple[str, str, str]] = []
    words = "|".join(sorted(BRACKET_WORDS, key=len, reverse=True))
    for clause in re.split(r"[，,；;]", inner):
        clause = clause.strip()
        m = re.match(rf"^(.+?)({words})$", clause)
        if not m:
            return None
        names = _names(m.group(1))
        if not names:
            return None
        out += [(n, BRACKET_WORDS[m.group(2)], m.group(2)) for n in names]
    return out or None


def split_duties(paragraph: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[。；])", paragraph) if s.strip()]


_SENTENCE_END = "。；！？"  # where a duty paragraph may end; a page also breaks after ：or ）inside one


def _joined(source: Source) -> list[tuple[int, str, bool]]:
    """(line number, text, marked as a heading) for every non-empty line; for a PDF the lines the page broke are
    joined back into their paragraph (a line that does not end a sentence, followed by one that starts no heading)."""
    out: list[tuple[int, str, bool]] = []
    for i, raw in enumerate(source.lines):
        line = _clean(raw)
        if not line:
            continue
        if source.wrapped and out:
            ln, prev, head = out[-1]
            rest = line[m.end():] if (m := NUM_LABEL.match(line)) else line
            prev_rest = prev[m.end():] if (m := NUM_LABEL.match(prev)) else prev
            starts = bool(NUM_LABEL.match(line)) or _names(rest) is not None or _heading_and_duty(rest) is not None \
                or END_MARKERS.match(line) or BRACKET.search(prev)
            if prev[-1:] not in _SENTENCE_END and not starts and _names(prev_rest) is None and not END_MARKERS.match(prev):
                out[-1] = (ln, prev + line, head)
                continue
        out.append((i + 1, line, i in source.headings))
    return out


def _heading_and_duty(rest: str) -> tuple[list[str], str, str] | None:
    """"单位：text" / "单位。text" / "单位、单位。text": the unit names, the heading and the first duty."""
    m = re.match(r"^(.{2,60}?)[：:。](.+)$", rest)
    names = _names(m.group(1)) if m else None
    return (names, m.group(1), m.group(2).strip()) if m and names else None


def _bold_heading(rest: str) -> list[str] | None:
    """A paragraph the document sets bold (or as a heading style) that names one unit the suffix list does not know
    (县融媒体中心 is known; 县红领巾理事会 is not): short, and no sentence punctuation."""
    text = rest.strip().rstrip("：:。")
    generic = re.search(r"职责|任务|工作|分工|主要|其他|附件|备注|说明|要求|目标|措施|内容", text)  # a bold label, not a unit
    if 3 <= len(text) <= 20 and not generic and not re.search(r"[，,。；;！？《》“”\s\d]", text):
        return [text]
    return None


def parse(text: str | Source) -> ImportResult:
    source = Source(text.splitlines()) if isinstance(text, str) else text
    lines = _joined(source)
    start = 0  # index into lines of the first line after "……职责如下："
    for i, (_ln, line, _h) in enumerate(lines):
        if any(m in line for m in START_MARKERS):
            start = i + 1
            break
    units: dict[str, ParsedUnit] = {}
    order: list[str] = []
    current: list[ParsedUnit] = []
    unplaced: list[tuple[int, str]] = []
    skipped: list[tuple[int, str]] = []
    preamble: list[tuple[int, str]] = [(ln, line) for ln, line, _h in lines[:start]]
    source_chars = imported_chars = 0
    ended = False

    def unit(name: str, heading: str, numbered: bool, ln: int) -> ParsedUnit:
        bare = re.sub(r"[（(][^）)]*[）)]$", "", name)
        alias = name[len(bare) + 1:-1] if bare != name else None
        if bare not in units:
            units[bare] = ParsedUnit(name=bare, heading=heading if heading != bare else bare, numbered=numbered, line=ln)
            if alias:
                units[bare].aliases.append(alias)
            order.append(bare)
        return units[bare]

    def add(targets: list[ParsedUnit], paragraph: str, assignment: str | None = None) -> None:
        nonlocal imported_chars
        items = split_duties(paragraph)
        for t in targets:
            t.duties += items
            t.assignments += [assignment] * len(items)
        imported_chars += len(re.sub(r"\s", "", "".join(items)))

    for ln, line, marked in lines[start:]:
        if ended or (units and END_MARKERS.match(line)):
            ended = True
            skipped.append((ln, line))
            continue
        label = NUM_LABEL.match(line)
        rest = line[label.end():] if label else line
        # a task with its responsible units in brackets
        bm = BRACKET.search(rest)
        assigned = _bracket_units(bm.group(1)) if bm else None
        if bm and assigned:
            task = rest[: bm.start()].rstrip()
            end = bm.group(2)
            task_text = task + ({";": "；", ".": "。"}.get(end, end) if task[-1:] not in DUTY_END else "")
            targets = [unit(n, n, bool(label), ln) for n, _r, _w in assigned]
            source_chars += len(re.sub(r"\s", "", task_text))
            add(targets, task_text, bm.group(1).strip())
            current = []
            continue
        names = _names(rest) or (_bold_heading(rest) if marked else None)
        if names:  # a heading line
            current = [unit(n, rest.rstrip("。：:"), bool(label), ln) for n in names]
            continue
        both = _heading_and_duty(rest)
        if both:  # heading and first duty on one line
            head_names, heading, body = both
            current = [unit(n, heading, bool(label), ln) for n in head_names]
            source_chars += len(re.sub(r"\s", "", body))
            add(current, body)
            continue
        if not current:
            if not units:  # before the first unit: the title, 主送, the preamble, page furniture
                preamble.append((ln, line))
                continue
            unplaced.append((ln, line))
            source_chars += len(re.sub(r"\s", "", rest))
            continue
        source_chars += len(re.sub(r"\s", "", line))
        add(current, line)
    empty = [(units[n].line, units[n].heading) for n in order if not units[n].duties]
    kept = [units[n] for n in order if units[n].duties]
    return ImportResult(kept, unplaced, skipped, lines[start][0] if start < len(lines) else 1, source_chars, imported_chars,
                        preamble=preamble, empty=empty)


# -- writing units ------------------------------------------------------------------------------------------


def unit_records(result: ImportResult, region: str, level: str, role_words: Any, taken: set[str]) -> list[dict[str, Any]]:
    """The unit records to write; each duty item's role as domain/roles.py decides it (validate checks the same)."""
    out = []
    for order, u in enumerate(result.units, start=1):
        uid = unit_id(u.name, level, taken)
        full = region + (u.name[len(level):] if level and u.name.startswith(level) else u.name)
        names = [u.name, u.heading, *u.aliases]
        duties = []
        for i, (text, assignment) in enumerate(zip(u.duties, u.assignments), start=1):
            role, word = item_role(text, role_words, assignment=assignment, names=names)
            d: dict[str, Any] = {"id": f"{uid}-{i}", "text": text, "role": role}
            if word:
                d["role_basis"] = word
            if assignment:
                d["assignment"] = assignment
            duties.append(d)
        rec: dict[str, Any] = {"id": uid, "name": u.name, "full_name": full, "order": order, "kind": unit_kind(u.name)}
        if u.heading != u.name:
            rec["heading"] = u.heading
        if u.aliases:
            rec["aliases"] = u.aliases
        if not u.numbered:
            rec["numbered_in_source"] = False
        rec["duties"] = duties
        rec["office_member"] = None
        rec["liaison"] = None
        out.append(rec)
    return out


def import_duties(repo: Repository, source: Path, dry_run: bool = False, with_samples: bool = False,
                  office_host: str | None = None) -> dict[str, Any]:
    """Parse the document and (unless dry_run) write data/units/<id>.yaml, prune the glossary terms the new duties
    lack and, with ``with_samples``, bring the bundled sample 问答库 along (see ``carry_samples``) — in one write
    transaction: the repository is validated as the import would leave it, and written all or not at all.

    ``office_host`` (a unit's name as the document gives it, or its id) makes that unit the office's host unit
    (settings office.host_unit and the positions of data/office.yaml); without it, a host unit the document does
    not list stops the import with the exact command that fixes it.

    An import that did not place every line of the duty part under a unit, or whose character count differs from
    the duty part's, is not written (nothing of the duty division may be lost): the summary says what is missing.
    Text outside the duty part (title, preamble, 落款 …) is reported and does not stop it."""
    import json

    from weibao.core.canonical import format_text
    from weibao.core.dataset import load_repository
    from weibao.lint.gate import transaction
    from weibao.model.unit import Unit

    src = read_source(source)
    result = parse(src)
    if not result.units:
        raise UsageError(f"在 {source} 中没有找到任何成员单位的标题。", hint="标题应单独成行（可带“一、”序号），以“局、委、办、院、会、部、联”等结尾。")
    folder = repo.data_dir / "units"
    existing = sorted(p.name for p in folder.glob("*.yaml")) if folder.is_dir() else []
    if existing and not dry_run:
        raise WeibaoError(f"data/units/ 中已有 {len(existing)} 个成员单位文件（例如 {existing[0]}），没有覆盖。",
                          hint="导入只用于空的数据仓库；要重新导入，先把 data/units/ 中的文件移走。")
    data = load_repository(repo)
    s = data.settings
    region = s.region.name if s else ""
    level = (s.region.short or s.region.level) if s else ""
    records = unit_records(result, region, level, data.role_words(), set())
    try:
        host = _host(records, s.office.host_unit if s else None, office_host, source)
    except UsageError as exc:
        if not dry_run:
            raise
        host = {"id": None, "name": None, "changed": False, "problem": f"{exc.message}{exc.hint or ''}"}
    summary: dict[str, Any] = {
        "source": str(source), "notes": src.notes, "start_line": result.start_line, "units": len(records),
        "duties": sum(len(r["duties"]) for r in records), "source_chars": result.source_chars, "imported_chars": result.imported_chars,
        "unplaced": [{"line": ln, "text": t} for ln, t in result.unplaced],
        "outside": [{"why": why, "lines": [{"line": ln, "text": t} for ln, t in group]} for why, group in (
            ("在第一个单位之前（标题、主送、前言、网页导航等）", result.preamble),
            ("标题下没有职责（例如落款的发文机关）", result.empty),
            ("在职责清单之后（落款、日期、抄送、网页页脚等）", result.skipped)) if group],
        "skipped": [{"line": ln, "text": t} for ln, t in result.skipped],
        "files": [f"data/units/{r['id']}.yaml" for r in records], "records": records, "host_unit": host,
        "glossary_pruned": None, "samples": None, "written": False,
    }
    if dry_run or result.unplaced or result.source_chars != result.imported_chars:
        return summary
    with transaction(repo, "导入成员单位职责") as tx:
        folder = repo.data_dir / "units"
        existing = sorted(p.name for p in folder.glob("*.yaml")) if folder.is_dir() else []
        if existing:
            clash = [f for f in summary["files"] if Path(f).name in existing]
            raise WeibaoError(f"data/units/ 中已有 {len(existing)} 个成员单位文件（例如 {existing[0]}），没有覆盖。",
                              hint="导入只用于空的数据仓库；要重新导入，先把 data/units/ 中的文件移走。" + (f"（会重名的有 {clash[0]}）" if clash else ""))
        for r in records:
            rel = f"data/units/{r['id']}.yaml"
            text = f"# 成员单位：{comment_line(r['name'])}\n# 由 weibao import-duties 从 {comment_line(source.name)} 导入；职责原文逐字照录，在句号、分号处分条。\n"
            text += "\n".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in r.items() if k != "duties")
            text += "\nduties:\n" + "".join(f"  - {json.dumps(d, ensure_ascii=False)}\n" for d in r["duties"])
            tx.create(rel, format_text(text, Unit, rel))
        if s and host["id"] and host["id"] != s.office.host_unit:
            set_host_unit(tx, s.office.host_unit, host["id"])
        summary["glossary_pruned"] = prune_glossary(tx, "\n".join(d["text"] for r in records for d in r["duties"]), {r["id"] for r in records})
        if with_samples:
            summary["samples"] = carry_samples(tx, repo, {r["id"] for r in records})
        tx.commit()
    summary["written"] = True
    return summary


def _host(records: list[dict[str, Any]], current: str | None, wanted: str | None, source: Path) -> dict[str, Any]:
    """The unit the office sits in, among the imported ones: ``wanted`` (a name or id) if given, else the one the
    settings name; a host the document does not list is a usage error that gives the exact command to run."""
    import difflib

    def match(name: str) -> dict[str, Any] | None:
        for r in records:
            if name in (r["id"], r["name"], r.get("heading"), r["full_name"], *r.get("aliases", [])):
                return r
        hits = [r for r in records if name in r["name"] or r["name"].endswith(name)]
        return hits[0] if len(hits) == 1 else None

    if wanted:
        found = match(wanted)
        if found is None:
            near = difflib.get_close_matches(wanted, [r["name"] for r in records], n=3, cutoff=0.3)
            raise UsageError(f"--office-host “{wanted}”不是导入的成员单位之一。", hint="导入的单位中相近的有：" + ("、".join(near) or "无"))
        return {"id": found["id"], "name": found["name"], "changed": found["id"] != current}
    if current is None or any(r["id"] == current for r in records):
        r = next((r for r in records if r["id"] == current), None)
        return {"id": current, "name": r["name"] if r else None, "changed": False}
    by_id = {r["id"]: r for r in records}
    near = difflib.get_close_matches(current, list(by_id), n=1, cutoff=0.5)
    guess = by_id[near[0]] if near else next((r for r in records if "民政" in r["name"]), records[0])
    raise UsageError(
        f"数据仓库设置的承办单位（未保办设在的单位）是“{current}”，但导入的 {len(records)} 个单位中没有它。",
        hint=f"用 --office-host 指定导入的单位中未保办设在哪个单位，例如：weibao import-duties {_shell(str(source))} "
             f"--office-host {_shell(guess['name'])}")


def _shell(word: str) -> str:
    """A word as the clerk would type it: quoted only when the shell needs it (Chinese needs no quotes)."""
    import shlex

    return word if re.fullmatch(r"[\w./\-（）()、，：:]+", word) else shlex.quote(word)


def set_host_unit(tx: Any, old: str, new: str) -> None:
    """Stage the office's host unit ``new`` in data/weibao.yaml and in the positions of data/office.yaml that sat
    in ``old`` (the 主任 and 副主任 come from the host unit, 规则二); comments are kept."""
    from weibao.core.roundtrip import dump, rt_yaml

    y = rt_yaml()
    settings = y.load(tx.read("data/weibao.yaml"))
    settings["office"]["host_unit"] = new
    tx.write("data/weibao.yaml", dump(settings, y))
    if tx.exists("data/office.yaml"):
        office = y.load(tx.read("data/office.yaml"))
        for p in office.get("positions") or []:
            if p.get("unit") == old:
                p["unit"] = new
            for h in p.get("holders") or []:
                if isinstance(h, dict) and h.get("unit") == old:
                    h["unit"] = new
        tx.write("data/office.yaml", dump(office, y))


SAMPLES = Path(__file__).resolve().parent.parent / "skeleton" / "questions"


def carry_samples(tx: Any, repo: Repository, unit_ids: set[str]) -> dict[str, int]:
    """Stage the bundled sample 问答库 into data/questions/, keeping only the questions whose units all exist here
    (same pinyin ids: same names).  Existing files are never overwritten.  The samples answer by the division of
    duties they were written for; the office should review them (weibao who --explain shows which one answered)."""
    from weibao.core.canonical import format_text
    from weibao.core.roundtrip import dump, rt_yaml
    from weibao.model.questions import Questions

    kept = dropped = files = 0
    for src in sorted(SAMPLES.glob("samples-*.yaml"), key=lambda p: int(p.stem.rsplit("-", 1)[1])):
        rel = f"data/questions/{src.name}"
        if tx.exists(rel):
            continue
        y = rt_yaml()
        doc = y.load(src.read_text(encoding="utf-8"))
        qs = doc["questions"]
        for i in reversed(range(len(qs))):
            units = set(qs[i].get("lead") or []) | set(qs[i].get("support") or [])
            if units <= unit_ids:
                kept += 1
            else:
                dropped += 1
                del qs[i]
        if not len(qs):
            continue
        tx.create(rel, format_text(dump(doc, y), Questions, rel))
        files += 1
    return {"files": files, "kept": kept, "dropped": dropped}


def prune_glossary(tx: Any, corpus: str, unit_ids: set[str] | None = None) -> dict[str, int] | None:
    """Stage the glossary with only the terms that occur in the duty texts (and the entries that keep a term), and,
    given the units imported, the urgent cases with only the units that exist here (a case no local unit leads is
    dropped: weibao validate would reject it, WB510, and the clerk is told to add it back); comments are kept."""
    from weibao.core.roundtrip import dump, rt_yaml

    rel = "data/glossary.yaml"
    if not tx.exists(rel):
        return None
    y = rt_yaml()
    doc = y.load(tx.read(rel))
    entries = doc.get("entries") or []
    before_e = len(entries)
    removed_terms = 0
    keep = []
    for e in entries:
        terms = [t for t in e.get("terms", []) if t in corpus]
        removed_terms += len(e.get("terms", [])) - len(terms)
        if terms:
            for t in list(e["terms"]):
                if t not in terms:
                    e["terms"].remove(t)
            keep.append(e)
    if keep:
        entries[:] = keep
    else:
        from ruamel.yaml.comments import CommentedSeq

        doc["entries"] = CommentedSeq()  # a fresh list: the old one's comments would make "[]" unparseable
    urgent = doc.get("urgent") or []
    before_u = len(urgent)
    if unit_ids is not None and urgent:
        for i in reversed(range(len(urgent))):
            case = urgent[i]
            for field in ("lead", "support"):
                for unit in list(case.get(field) or []):
                    if unit not in unit_ids:
                        case[field].remove(unit)
            if not case.get("lead"):
                del urgent[i]
    tx.write(rel, dump(doc, y))
    return {"entries_before": before_e, "entries_after": len(keep), "terms_removed": removed_terms,
            "urgent_before": before_u, "urgent_after": len(urgent)}
