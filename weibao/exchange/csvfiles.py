"""CSV export: the six tables as files, UTF-8 with a BOM so Excel and WPS read the Chinese text."""

from __future__ import annotations

from pathlib import Path

from weibao.core.dataset import RepoData
from weibao.core.files import atomic_write_all
from weibao.domain.cells import csv_text
from weibao.errors import UsageError
from weibao.exchange.tables import cell, tables


def write_csv_dir(data: RepoData, folder: Path) -> list[str]:
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} 是一个文件；csv 导出六张表，--out 应是目录。", hint="例如 --out 导出/")
    folder.mkdir(parents=True, exist_ok=True)
    files = {folder / f"{name}.csv": csv_text([headers, *([cell(v) for v in row] for row in rows)])
             for name, (headers, rows) in tables(data).items()}
    atomic_write_all(files)  # all six or none: a full disk leaves no mix of new and old tables
    return [p.name for p in files]
