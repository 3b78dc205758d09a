"""The scheduled report (exchange/report.py builds it) as a document view, for DOCX."""

from __future__ import annotations

import datetime as _dt
from typing import Any

from weibao.domain.numbering import zh_date
from weibao.model.document import Document
from weibao.render.views.document import block, document_view


def report_view(rep: dict[str, Any]) -> dict[str, Any]:
    """The report as a document view (for DOCX): numbered sections of short paragraphs, in words a clerk reads — no
    check codes, record ids, command flags or ISO dates in the body (report.json and report.md keep them) — and, not
    being a 文件 the office signed, a draft: what it is on the line above the title, no red 文件 head, no 发文字号."""
    names = rep["unit_names"]
    body: list[str] = []
    v = rep["validation"]
    body.append("一、数据校验")
    marked = f"，标为非个人信息的行{v['notes']}处" if v.get("notes") else ""
    body.append(f"检查了{v['files']}个数据文件：错误{v['errors']}个，警告{v['warnings']}个{marked}。")
    body += [f"{_code_title(code)}：{n}个" for code, n in v["by_code"].items()]
    body.append("二、逾期和即将到期")
    for label, rows, key in (("议定事项", rep["decisions"], "text"), ("督办事项", rep["cases"], "subject")):
        body.append(f"{label}逾期{len(rows['overdue'])}项，{rep['due_soon_days']}天内到期{len(rows['due_soon'])}项。")
        for r in rows["overdue"]:
            leads = [r["lead"]] if isinstance(r["lead"], str) else r["lead"]
            body.append(f"逾期：{r[key]}（牵头：{'、'.join(names.get(x, x) for x in leads)}；时限{_zh(r['deadline'])}）")
    m = rep["meetings"]
    body.append(f"三、{m['year']}年会议制度执行情况")
    body += [f"{t['type']}：召开{len(t['held'])}次" + (f"，{t['state']}。" if t["state"] not in ("", "—") else "。") for t in m["types"]]
    body.append("四、人员和职责变化")
    ch = rep["changes"]
    if ch is None:
        body.append("本期没有指定比较的起点，不列人员和职责变化。")
    else:
        since = _zh(ch["since"]) if _is_date(ch["since"]) else "比较的起点"  # a revision of the data is no word for a clerk
        body.append(f"自{since}以来：人员变更{len(ch['personnel'])}项，职责条目变化{len(ch['duties'])}项，其他记录变化{len(ch['other'])}项。")
        body += [f"{p['name']}{p['role']}：{p['before'] or '（未登记）'}→{p['after'] or '（未登记）'}" for p in ch["personnel"]]
    body.append("五、各成员单位")
    body += [f"{u['name']}：职责{u['duties']}条（牵头{u['lead_duties']}条），未办结议定事项{u['open_decisions']}项，"
             f"未办结督办事项{u['open_cases']}件，逾期{u['overdue']}项。" for u in rep["units"] if u["open_decisions"] or u["open_cases"]]
    as_of = _dt.date.fromisoformat(rep["as_of"])
    doc = Document(id="report", type="报告", issuer=rep["office"] or "办公室", title=f"未成年人保护工作情况报告（截至{zh_date(as_of)}）",
                   body=["（报告）"], date=as_of, sealed=False, to=[])
    draft = f"工作情况报告：由 weibao 根据数据仓库汇总（截至{zh_date(as_of)}），供办公室审阅，不是正式公文；问题的文件和行号见同目录的 report.md"
    view = document_view(doc, None, draft=draft)  # no attachments: no data needed
    view["body"] = [block(p, heading=True) if p[:2] in ("一、", "二、", "三、", "四、", "五、") else block(p) for p in body]
    return view


def _code_title(code: str) -> str:
    """A check code in words (its title in the catalogue of `weibao codes`)."""
    from weibao.diagnostics import CODES

    info = CODES.get(code)
    return info.title if info else "其他问题"


def _is_date(value: Any) -> bool:
    try:
        _dt.date.fromisoformat(value)
        return True
    except (TypeError, ValueError):
        return False


def _zh(value: str) -> str:
    """An ISO date in Chinese (2026年12月20日); anything else (a revision) as it is."""
    try:
        return zh_date(_dt.date.fromisoformat(value))
    except (TypeError, ValueError):
        return value
