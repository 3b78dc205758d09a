"""weibao init, weibao import-duties."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from weibao.cli.app import app
from weibao.cli.common import repository, write, write_json


@app.command(
    "init",
    help=(
        "为另一个旗县区新建数据仓库：git 仓库、data/weibao.yaml（地区、机构、文号代字）、按标准规则改写的 data/office.yaml、"
        "术语表、空的会议/督办/公文目录、.gitignore（含私密资料目录）、CI 和 pre-commit 配置。新建后的仓库校验无问题。\n\n"
        "非空目录须加 --force，且已有的文件一律不覆盖。\n\n"
        "示例：\n\n"
        "  weibao init ../某某县 --region 某某县 --office-host 妇儿工委 --prefix 某政办字 --prefix 某未保办发\n\n"
        "  然后：cd ../某某县 && weibao import-duties 职责分工.docx && weibao validate"
    ),
)
def init_cmd(
    target: Path = typer.Argument(..., metavar="目录"),
    region: str = typer.Option(..., "--region", metavar="地区", help="旗县区名称，例如 某某县、科尔沁左翼中旗。"),
    office_host: Optional[str] = typer.Option(None, "--office-host", metavar="单位", help="未保办设在哪个单位：民政局（默认）、妇儿工委……"),
    prefix: Optional[List[str]] = typer.Option(None, "--prefix", metavar="代字", help="发文机关代字，可写多次；最后一个作为本办自身发文的代字。"),
    force: bool = typer.Option(False, "--force", help="允许在非空目录中创建（不覆盖已有文件）。"),
) -> None:
    from weibao.scaffold.init import init_repository

    written = init_repository(target, region, office_host, list(prefix or []), force)
    typer.echo(f"已在 {target} 创建数据仓库（写入 {len(written)} 个文件）。下一步：weibao --repo {target} import-duties 职责分工文件")


@app.command(
    "import-duties",
    help=(
        "从成员单位职责（任务）分工文件导入 data/units/：支持 .txt（UTF-8、UTF-16 或 GB18030）、.md、.docx、"
        "网页（.html，只读正文）、PDF（文字层，去掉页码和页眉页脚），装有 LibreOffice 时也支持 .doc、.wps、.rtf；繁体字转为简体。"
        "识别“一、单位”“（一）单位”“1. 单位”“单位：”等标题（序号可缺）、标题与职责同一行、一个标题多个单位、"
        "加粗的标题、表格（单位一列、职责一列）、任务后括号中的责任单位。"
        "职责按句号、分号逐字分条，并核对导入的字数与原文的职责部分一致。标题、前言、主送、落款、日期、网页的导航和页脚"
        "不属于任何单位，会分组列出（带行号），不影响导入；职责部分里放不进任何单位的行会使导入停止（什么也不写）。\n\n"
        "示例：\n\n  weibao import-duties 职责分工.docx --dry-run\n\n  weibao import-duties 职责分工.pdf --into ../某某县\n\n"
        "  weibao import-duties 职责分工.html --office-host 县妇儿工委"
    ),
)
def import_duties_cmd(
    source: Path = typer.Argument(..., metavar="文件"),
    into: Optional[str] = typer.Option(None, "--into", metavar="仓库", help="导入到哪个数据仓库（默认当前仓库）。"),
    dry_run: bool = typer.Option(False, "--dry-run", help="只显示将要写入的内容，不写文件。"),
    fmt: str = typer.Option("text", "--format", "-f", help="text 或 json。"),
    office_host: Optional[str] = typer.Option(None, "--office-host", metavar="单位",
                                              help="未保办设在哪个单位（文件中的单位名称或 id）；数据仓库设置的承办单位不在文件中时必须给出。"),
    with_samples: bool = typer.Option(False, "--with-samples", help="同时带入随 weibao 提供的示例问答库（约 2,800 问，只带入单位在本地都存在的问题）；它们按奈曼旗的分工作答，请核对。"),
) -> None:
    from weibao.exchange.import_duties import import_duties

    repo = repository(into) if into else repository()
    summary = import_duties(repo, source, dry_run=dry_run, with_samples=with_samples, office_host=office_host)
    if fmt == "json":
        write_json(summary)
    else:
        state = "已导入" if summary["written"] else "（试运行，未写入）" if dry_run else "（原文没有全部导入，未写入）"
        out = [f"说明：{n}" for n in summary["notes"]]
        out.append(f"{state} {summary['units']} 个成员单位、{summary['duties']} 条职责（从第 {summary['start_line']} 行起）：")
        for r in summary["records"]:
            out.append(f"  {r['order']:>2}. {r['name']}（{r['id']}，{r['kind']}）{len(r['duties'])} 条")
            if not summary["written"]:
                out += [f"        {d['id']}  {d['text']}" for d in r["duties"]]
        if summary["host_unit"].get("problem"):
            out.append(f"承办单位：{summary['host_unit']['problem']}")
        if dry_run and not summary["written"]:
            out.append("将要写入：" + "、".join(summary["files"]) + "；并按新的职责原文精简 data/glossary.yaml"
                       + (f"，把承办单位改为 {summary['host_unit']['name']}（{summary['host_unit']['id']}）" if summary["host_unit"]["changed"] else "") + "。")
        elif summary["host_unit"]["changed"] and summary["written"]:
            out.append(f"承办单位：未保办设在 {summary['host_unit']['name']}（{summary['host_unit']['id']}），已改 data/weibao.yaml 和 data/office.yaml。")
        same = summary["source_chars"] == summary["imported_chars"]
        out.append(f"核对：原文的职责部分（去掉标题、序号和空白）{summary['source_chars']} 字，导入 {summary['imported_chars']} 字"
                   + ("，一致。" if same else "，不一致！"))
        for u in summary["unplaced"]:
            out.append(f"  第 {u['line']} 行没有归入任何单位：{u['text']}")
        for group in summary["outside"]:
            lines = group["lines"]
            span = f"第 {lines[0]['line']} 行" if len(lines) == 1 else f"第 {lines[0]['line']}–{lines[-1]['line']} 行中的 {len(lines)} 行"
            out.append(f"不属于任何单位、未导入：{span}，{group['why']}：")
            out += [f"  {x['line']:>4}  {x['text'] if len(x['text']) <= 60 else x['text'][:58] + '……'}" for x in lines[:12]]
            if len(lines) > 12:
                out.append(f"  ……另有 {len(lines) - 12} 行")
        if summary["glossary_pruned"]:
            g = summary["glossary_pruned"]
            out.append(f"术语表：保留 {g['entries_after']}/{g['entries_before']} 个词条（去掉 {g['terms_removed']} 个本地职责原文中没有的规范用语）。")
            if g.get("urgent_after", 0) < g.get("urgent_before", 0):
                out.append(f"紧急情形：保留 {g['urgent_after']}/{g['urgent_before']} 个；其余的牵头单位在本地没有同名单位，已删去，"
                           "请在 data/glossary.yaml 的 urgent 中按本地单位补上（weibao who 靠它答出孩子受到伤害时依法负责的单位）。")
        if summary["samples"]:
            q = summary["samples"]
            out.append(f"问答库：带入示例问题 {q['kept']} 问（{q['files']} 个文件），{q['dropped']} 问涉及本地没有的单位，未带入。"
                       "示例按奈曼旗的分工作答，请用 weibao who --explain 核对，不对的用 weibao learn 改答。")
        if not dry_run and not summary["written"]:
            out.append("没有写入任何文件：原文中有内容没有归入任何单位，或导入的字数与原文不一致。请整理原文（或用 --dry-run 查看导入结果）后重新导入。")
        write("\n".join(out) + "\n")
    if summary["unplaced"] or summary["source_chars"] != summary["imported_chars"] or summary["host_unit"].get("problem"):
        raise typer.Exit(1)  # a dry run says the same: the import itself would not write

