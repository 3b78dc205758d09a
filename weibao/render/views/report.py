"""The scheduled report (exchange/report.py builds it) as a document view, for DOCX."""

from __future__ import annotations

import datetime as _dt
from typing import Any

from weibao.domain.numbering import zh_date
from weibao.model.document import Document
from weibao.render.views.document import block, document_view


def report_view(rep: dict[str, Any]) -> dict[str, Any]:
    """The report as a document view (for DOCX): numbered sections of short paragraphs."""
    names = rep["unit_names"]
    body: list[str] = []
    v = rep["validation"]
    body.append("一、数据校验")
    marked = f"，标为非个人信息的行 {v['notes']} 处" if v.get("notes") else ""
    body.append(f"检查了 {v['files']} 个数据文件：错误 {v['errors']} 个，警告 {v['warnings']} 个{marked}。")
    body += [f"{code}：{n} 个" for code, n in v["by_code"].items()]
    body.append("二、逾期和即将到期")
    for label, rows, key in (("议定事项", rep["decisions"], "text"), ("督办事项", rep["cases"], "subject")):
        body.append(f"{label}逾期 {len(rows['overdue'])} 项，{rep['due_soon_days']} 天内到期 {len(rows['due_soon'])} 项。")
        for r in rows["overdue"]:
            leads = [r["lead"]] if isinstance(r["lead"], str) else r["lead"]
            body.append(f"逾期：{r['id']} {r[key]}（牵头：{'、'.join(names.get(x, x) for x in leads)}；时限 {r['deadline']}）")
    m = rep["meetings"]
    body.append(f"三、{m['year']}年会议制度执行情况")
    body += [f"{t['type']}：召开 {len(t['held'])} 次，{t['state']}。" for t in m["types"]]
    body.append("四、人员和职责变化")
    ch = rep["changes"]
    if ch is None:
        body.append("未指定比较起点（--since），本期不列变化。")
    else:
        body.append(f"自 {ch['since']} 以来：人员变更 {len(ch['personnel'])} 项，职责条目变化 {len(ch['duties'])} 项，其他记录变化 {len(ch['other'])} 项。")
        body += [f"{p['name']}{p['role']}：{p['before'] or '（未登记）'} → {p['after'] or '（未登记）'}" for p in ch["personnel"]]
    body.append("五、各成员单位")
    body += [f"{u['name']}：职责 {u['duties']} 条（牵头 {u['lead_duties']} 条），未办结议定事项 {u['open_decisions']} 项，"
             f"未办结督办事项 {u['open_cases']} 件，逾期 {u['overdue']} 项。" for u in rep["units"] if u["open_decisions"] or u["open_cases"]]
    doc = Document(id="report", type="报告", issuer=rep["office"] or "办公室", mark=f"{rep['office']}", title=f"未成年人保护工作情况报告（截至{zh_date(rep['as_of'])}）",
                   body=["（本报告由 weibao 根据数据仓库自动生成）"], date=_dt.date.fromisoformat(rep["as_of"]), sealed=False, to=[])
    view = document_view(doc, None)  # no attachments: no data needed
    view["body"] = [block(p, heading=True) if p[:2] in ("一、", "二、", "三、", "四、", "五、") else block(p) for p in body]
    view["number"] = None
    return view
