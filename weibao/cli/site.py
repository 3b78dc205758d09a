"""weibao site."""

from __future__ import annotations

from pathlib import Path

import typer

from weibao.cli.app import app
from weibao.cli.common import repository, write


@app.command(
    "site",
    help=(
        "生成对外公开的静态网站：首页可以用大白话问“这件事归谁管”（答案与 weibao who 相同，在浏览器里算出，不需要服务器），"
        "另有各成员单位的职责和联系人、职责矩阵、工作规则、会议安排和公开文件。\n\n"
        "只收录 export --public 允许的内容；生成前用 privacy scan 的规则检查每个文件，发现可识别未成年人的信息时不生成（退出码 1）。"
        "同样的数据生成同样的文件；可以直接双击打开 index.html，也可以放到任何静态网站服务器上。\n\n"
        "示例：\n\n"
        "  weibao site --out 网站/"
    ),
)
def site_cmd(
    out: Path = typer.Option(..., "--out", "-o", metavar="文件夹", help="写入该文件夹：空文件夹，或上次 weibao site 生成的文件夹（整个替换）。"),
) -> None:
    from weibao.site.build import build_site, write_site

    site = build_site(repository())
    write_site(site, out)
    pages = sum(1 for p in site.files if p.endswith(".html"))
    write(f"已生成网站：{out}（{pages} 个网页，共 {site.size / 1e6:.1f} MB；首页连同它用到的文件 {site.first_page_bytes() / 1e6:.2f} MB）。\n"
          f"打开 {out / 'index.html'} 查看。\n")
