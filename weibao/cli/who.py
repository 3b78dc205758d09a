"""weibao who / unit / matrix."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Any, Optional

import typer

from weibao.cli import complete
from weibao.cli.app import app
from weibao.cli.common import checked, repository, unit_id, write, write_csv, write_json
from weibao.cli.options import FORMAT, FORMAT_TABLE, MatrixFormat, TextJson, TextJsonCsv, emit, format_option, out_option


class MatrixBy(str, Enum):
    topic = "topic"
    unit = "unit"


def _index(repo: Any = None) -> dict[str, Any]:
    from weibao.who.index import load_index

    return load_index(repo or repository())  # a rebuild shows its progress on a terminal (core/progress.py)


@app.command(
    "who",
    help=(
        "谁负责：按职责分工回答“这件事归哪个部门管”。\n\n"
        "问题可以是一整句大白话，也可以是几个关键词。结果按相关程度排序，列出单位、角色（牵头／配合／相关／参考）"
        "和对应的职责原文。问的是办公室自身的规则（联络员换人备案、挂牌督办、主任办公会……）时，先答旗未保办并引用规则条款；"
        "说到孩子受伤害时，先用红字写出依法负责的单位。答案不对时，在 data/glossary.yaml 中补充说法即可。\n\n"
        "示例：\n\n"
        "  weibao who 学校旁边的网吧让初中生进去通宵上网，该找哪个部门？\n\n"
        "  weibao who 孩子被人贩子拐走了 --top 3 --explain\n\n"
        "  weibao who 我们单位联络员换人了，名单报给谁备案\n\n"
        "  weibao who 校车安全 --format json"
    ),
)
def who_cmd(
    question: list[str] = typer.Argument(..., metavar="问题", help="要问的事，可以不加引号。"),
    top: int = typer.Option(5, "--top", "-n", min=1, max=29, help="最多列出几个单位。"),
    fmt: TextJson = FORMAT,
    explain: bool = typer.Option(False, "--explain", help="显示检索词、命中的术语表词条和每个单位的得分依据。"),
) -> None:
    from weibao.who.engine import check_question, rank, to_json

    text = check_question(" ".join(question))
    index = _index()
    query, results = rank(index, text, top=top)
    if fmt is TextJson.json:
        doc = to_json(query, results, index)
        if explain:
            doc["explain"] = _explain_json(query, results, index)
        write_json(doc)
    else:
        _print_who(query, results, index, explain)
    raise typer.Exit(0 if results else 1)


def _explain_json(query, results, index) -> dict:
    return {
        "fired": [{"words": f.words, "terms": f.terms} for f in query.fired],
        "literals": query.literals,
        "cleaned": query.cleaned.strip(),
        "units": [
            {
                "unit": r.unit["id"],
                "score": round(r.score, 4),
                "text_score": round(r.text_score, 4),
                "vote": round(r.vote, 4),
                "items": [{"id": r.unit["duties"][h.duty]["id"], "score": round(h.score, 4), "matched": h.phrases} for h in r.items],
            }
            for r in results
        ],
    }


def _section_zh(n: int) -> str:
    from weibao.domain.numbering import zh_number

    return zh_number(n)


def _unit_names(index, ids: list[str]) -> list[str]:
    names = {u["id"]: u["name"] for u in index["units"]}
    return [names.get(i, i) for i in ids]


def _print_who(query, results, index, explain: bool) -> None:
    from rich.console import Console
    from rich.text import Text

    from weibao.who.engine import missing_model_note

    console = Console(highlight=False, soft_wrap=False)
    _print_who_results(console, query, results, index, explain)
    note = missing_model_note(index)
    if note:
        console.print(Text(f"注：{note}", style="yellow"))


def _print_who_results(console, query, results, index, explain: bool) -> None:
    from rich.text import Text

    from weibao.who.engine import ROLE_ZH, highlight_spans

    console.print(Text(f"问题：{query.text}", style="bold"))
    if explain or query.fired:
        for f in query.fired:
            console.print(f"  术语：{'、'.join(f.words)} → {'、'.join(f.terms)}", style="cyan")
    if explain:
        console.print(f"  检索词：{'、'.join(query.terms) or '（无）'}", style="cyan")
        console.print(f"  去掉套话后：{' '.join(query.cleaned.split()) or '（无）'}", style="dim")
    if explain and query.similar:
        console.print("  相似的已答问题（问答库）：", style="cyan")
        for i, s in query.similar[:5]:
            e = index["examples"][i]
            console.print(f"    {s:.2f}  {e['q']} → {'、'.join(_unit_names(index, e['lead']))}  （{e['where']}）", style="cyan")
    for case in query.urgent:  # a child being harmed: who answers by law, first, whatever the duty texts say
        why = f"问题中说到：{'、'.join(case['matched'])}" if case["matched"] else "问法与这类情形的例句相近，请接线人核实"
        console.print(Text(f"紧急：{case['name']}（{why}）", style="bold red"))
        if case.get("action"):
            console.print(Text(f"  先做什么：{case['action']}", style="red"))
        who = "、".join(_unit_names(index, case["lead"])) + "牵头"
        if case.get("support"):
            who += "；" + "、".join(_unit_names(index, case["support"])) + "配合"
        console.print(Text(f"  依法负责：{who}", style="red"))
        console.print(Text(f"  依据：{case['basis']}", style="dim"))
    if not results:
        console.print("没有找到相关的职责。可以换个说法，或在 data/glossary.yaml 中补充这个说法对应的规范用语；"
                      "知道答案后用 weibao learn 记入问答库。", style="yellow")
        return
    from rich.table import Table

    role_style = {"lead": "bold green", "support": "yellow", "related": "dim", "reference": "cyan"}
    for i, r in enumerate(results, 1):
        line = Text(f"{i}. ")
        if r.office:  # the office answers for its own rules; it is set up in this unit
            office = index["office"]
            line.append(office["short_name"] or office["name"], style="bold")
            line.append(f"（设在{r.unit['name']}{'，' + office['host_division'] + '承办日常工作' if office.get('host_division') else ''}）")
        else:
            line.append(r.unit["name"], style="bold")
        line.append(f"  {ROLE_ZH[r.role]}", style=role_style[r.role])
        if r.urgent:
            line.append("  紧急情形依法负责", style="bold red")
        line.append(f"  得分 {r.score:.2f}", style="dim")
        console.print(line)
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True, style="dim")
        grid.add_column(overflow="fold")
        for c in r.office:
            source = index["office"].get("source")
            body = Text(c["text"])
            body.append(f"\n（工作规则第{_section_zh(c['section'])}条{'，' + source if source else ''}：{c['title']}）", style="dim")
            grid.add_row(f"   {c['id']}", body)
        for h in r.items:
            d = r.unit["duties"][h.duty]
            body = Text(d["text"])
            for s, e in highlight_spans(query, d["text"]):
                body.stylize("bold magenta", s, e)
            if explain:
                body.append(f"\n得分 {h.score:.1f}；命中：{'、'.join(dict.fromkeys(h.phrases)) or '（仅字面相近）'}", style="dim")
            grid.add_row(f"   {d['id']}", body)
        if r.examples and (explain or not r.items):
            i, _sim = r.examples[0]
            e = index["examples"][i]
            note = Text(f"{'问答库记录的答案' if i in query.same else '相似的已答问题'}：{e['q']}", style="dim")
            if explain:
                note.append(f"\n{e['where']}；职责原文得分 {r.text_score:.1f}，问答库得分 {r.vote:.2f}", style="dim")
            grid.add_row("   参考", note)
        elif r.vote and (explain or not r.items):  # chosen by what the 问答库 taught, no one near question names it
            note = Text("问答库中这类问题常由该单位牵头" + ("（职责原文没有直接对应的条目）" if not r.items else ""), style="dim")
            if explain:
                note.append(f"\n职责原文得分 {r.text_score:.1f}，问答库得分 {r.vote:.2f}", style="dim")
            grid.add_row("   参考", note)
        console.print(grid)


@app.command(
    "learn",
    help=(
        "记住一个问题的正确答案：把问题和负责单位记入问答库（data/questions/）。\n\n"
        "weibao who 答错或答不出时，在这里记下正确的牵头单位（和配合单位）；以后同样和相似的问题都会参考它。"
        "问题已在问答库中时（去掉请问、哪个部门、找谁等问句用语和标点后字字相同），改每一处的答案；"
        "否则追加到 data/questions/learned.yaml（第一次使用时新建）。"
        "单位可以用简称、全称或 id。问题中不得有姓名、电话、证件号。\n\n"
        "示例：\n\n"
        "  weibao learn 孩子想学马头琴 --lead 教体局\n\n"
        "  weibao learn 网吧让孩子通宵上网 --lead 文旅局 --support 市场监管局"
    ),
)
def learn_cmd(
    question: list[str] = typer.Argument(..., metavar="问题", help="提问人的问法，可以不加引号。"),
    lead: list[str] = typer.Option(..., "--lead", "-l", autocompletion=complete.units, help="牵头单位（可写多个：--lead 公安 --lead 民政）。"),
    support: list[str] = typer.Option([], "--support", "-s", autocompletion=complete.units, help="配合单位（可写多个）；改答时不写则保留原有的配合单位。"),
) -> None:
    from weibao.who.engine import rank
    from weibao.who.learn import learn

    repo = repository()
    done = learn(repo, " ".join(question), lead, support or None)
    index = _index(repo)
    names = {u["id"]: u["name"] for u in index["units"]}

    def answer(lead_ids: list[str], support_ids: list[str]) -> str:
        return "、".join(names.get(u, u) for u in lead_ids) + (f"（配合：{'、'.join(names.get(u, u) for u in support_ids)}）" if support_ids else "")

    where = "、".join(f"{p}:{ln}" for p, ln in done.places)
    if done.action == "same":
        write(f"问答库已有这个问题，答案相同，未改动：{where}\n")
    elif done.action == "changed":
        assert done.before is not None  # learn() keeps the answer it changed
        write(f"已改答：{where}  {done.question}\n  {answer(*done.before)} → {answer(done.lead, done.support)}\n")
    else:
        write(f"已记入问答库：{where}  {done.question} → {answer(done.lead, done.support)}\n")
    _, results = rank(index, done.question, top=3)
    write("现在 weibao who 的回答：" + ("；".join(f"{i}. {r.unit['name']}" for i, r in enumerate(results, 1)) or "（无）") + "\n")


@app.command(
    "unit",
    help=(
        "查看一个成员单位：职责条目（含角色和主题）、办公室成员和联络员。\n\n"
        "名称可以用任何常见叫法：公安、公安局、旗公安局、检察院、妇联、团委，或单位 id。"
        "叫法有歧义或找不到时，列出最接近的单位（退出码 1）。\n\n"
        "示例：\n\n"
        "  weibao unit 公安\n\n"
        "  weibao unit 团委 --format json"
    ),
)
def unit_cmd(
    name: str = typer.Argument(..., metavar="名称", help="单位名称、简称、别称或 id。", autocompletion=complete.units),
    fmt: TextJson = FORMAT,
) -> None:
    from weibao.records.units import open_work
    from weibao.who.lookup import find_unit

    index = _index()
    found = find_unit(index, name)
    if found.unit is None:
        if fmt is TextJson.json:
            write_json({"query": name, "found": None, "reason": found.reason,
                        "candidates": [{"id": u["id"], "name": u["name"]} for u in found.candidates]})
        else:
            what = "有多个单位符合" if found.reason == "ambiguous" else "没有找到单位"
            sys.stderr.write(f"weibao：{what}“{name}”。\n")
            if found.candidates:
                sys.stderr.write("最接近的单位：\n")
                for u in found.candidates:
                    sys.stderr.write(f"  {u['name']}（{u['id']}）\n")
                sys.stderr.write("提示：用更完整的名称或 id 再查一次。\n")
        raise typer.Exit(1)
    u = found.unit
    decisions, cases = open_work(repository(), u["id"])
    if fmt is TextJson.json:
        write_json({"query": name, "found": u["id"], "unit": u, "open_decisions": decisions, "open_cases": cases})
        return
    _print_unit(u, index)
    if decisions:
        write(f"未办结的议定事项（{len(decisions)} 项）：\n")
        for d in decisions:
            role = "牵头" if d["role"] == "lead" else "配合"
            write(f"  {d['id']}  {role}  {d['status']}  时限 {d['deadline'] or '未定'}  {d['text']}\n")
    if cases:
        write(f"未办结的督办事项（{len(cases)} 件）：\n")
        for c in cases:
            role = "牵头" if c["role"] == "lead" else "配合"
            write(f"  {c['id']}  {role}  {c['level']}  {c['state']}  时限 {c['deadline'] or '未定'}  {c['subject']}\n")


def _print_unit(u: dict, index: dict) -> None:
    from rich.console import Console
    from rich.text import Text

    from weibao.who.matrix import MARK

    topics = {t["id"]: t["name"] for t in index["topics"]}
    console = Console(highlight=False)
    title = Text(u["name"], style="bold")
    title.append(f"（{u['full_name']}）  第 {u['order']} 位  {u['kind']}", style="dim")
    console.print(title)
    if u.get("aliases"):
        console.print(f"  也称：{'、'.join(u['aliases'])}", style="dim")
    for label, key in (("办公室成员", "office_member"), ("联络员", "liaison")):
        p = u.get(key)
        if p:
            extra = "，".join(x for x in (p.get("post"), p.get("phone"), f"备案 {p['filed_on']}" if p.get("filed_on") else "") if x)
            console.print(f"  {label}：{p['name']}" + (f"（{extra}）" if extra else ""))
        else:
            console.print(f"  {label}：（未登记；由本单位函告备案后填写）", style="yellow")
    from rich.table import Table

    console.print(f"职责（{len(u['duties'])} 条）：")
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style="dim")
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for d in u["duties"]:
        role = MARK.get(d["role"] or "", "")
        body = Text(d["text"])
        if d["topics"]:
            body.append(f"\n主题：{'、'.join(topics.get(t, t) for t in d['topics'])}", style="dim")
        grid.add_row(f"  {d['id']}", Text(role, style="green" if d["role"] == "lead" else "yellow"), body)
    console.print(grid)


@app.command(
    "matrix",
    help=(
        "主题 × 成员单位：每个主题由谁牵头、谁配合（依据职责条目的主题标注和原文用语）。\n\n"
        "示例：\n\n"
        "  weibao matrix\n\n"
        "  weibao matrix --format csv > 职责矩阵.csv      （Excel/WPS 可直接打开）\n\n"
        "  weibao matrix --by unit --format md"
    ),
)
def matrix_cmd(
    by: MatrixBy = typer.Option(MatrixBy.topic, "--by", help="按主题（topic，每行一个主题）或按单位（unit）排列。"),
    fmt: MatrixFormat = format_option(MatrixFormat.text, "输出格式：text、csv 或 md。"),
) -> None:
    from weibao.who import matrix

    index = _index()
    render = {"text": matrix.as_text, "csv": matrix.as_csv, "md": matrix.as_markdown}[fmt.value]
    write(render(index, by.value))


@app.command(
    "roster",
    help=(
        "成员单位的办公室成员和联络员名册（规则四（六））：单位、身份、姓名、职务、办公电话、任职日期、函告备案日期；"
        "没有登记的也列出一行，便于催报。办公电话是公务信息，可以列出；手机号码不进数据仓库（WB902）。\n\n"
        "示例：\n\n  weibao roster\n\n  weibao roster --unit 公安\n\n  weibao roster --format csv > 名册.csv\n\n  weibao roster --out 名册.xlsx\n\n  weibao roster --out 名册.docx"
    ),
)
def roster_cmd(
    unit: Optional[str] = typer.Option(None, "--unit", metavar="单位", help="只列出这个单位的。", autocompletion=complete.units),
    fmt: TextJsonCsv = FORMAT_TABLE,
    out: Optional[Path] = out_option("写入 Excel 表格（.xlsx）或 Word 表格（.docx），都可直接打印。"),
) -> None:
    from weibao.errors import UsageError
    from weibao.exchange.registers import roster_file
    from weibao.records.units import roster_rows, roster_table

    kind = out.suffix.lower() if out is not None else None
    if kind not in (None, ".xlsx", ".docx"):
        raise UsageError(f"名册只能写成 .xlsx（Excel）或 .docx（Word）文件，不能写成“{out.name if out else ''}”。",
                         hint="例如 --out 名册.docx")
    data = checked("无法列出名册", ("unit",))
    rows = roster_rows(data, unit_id(unit) if unit else None)
    headers, table = roster_table(rows)
    if out is not None:
        emit(roster_file(data, rows, headers, table, kind or ""), out)
        return
    if fmt is TextJsonCsv.json:
        write_json(rows)
        return
    if fmt is TextJsonCsv.csv:
        write_csv(headers, table)
        return
    missing = sum(1 for r in rows if not r["name"])
    lines = [f"办公室成员和联络员（{len(rows) - missing} 人已登记，{missing} 个未登记）："]
    for r in rows:
        who = f"{r['name']}" + (f"，{r['post']}" if r["post"] else "") + (f"，办公电话 {r['phone']}" if r["phone"] else "") \
            + (f"，{r['since']} 起" if r["since"] else "") if r["name"] else "（未登记；由本单位函告备案后填写）"
        lines.append(f"  {r['unit_name']} {r['role']}：{who}")
    write("\n".join(lines) + "\n")

