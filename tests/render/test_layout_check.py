"""The layout verifier's own judgements (benchmarks/layout_check.py) can fail: fed measured lines that break the
rules, each check says ✗ with the figure."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("layout_check", ROOT / "benchmarks" / "layout_check.py")
assert spec and spec.loader
layout_check = importlib.util.module_from_spec(spec)
sys.modules["layout_check"] = layout_check
spec.loader.exec_module(layout_check)
MM = layout_check.MM


def line(text: str, left: float, right: float, size: float = 16, font: str = "ABCDEF+UMingCN") -> dict:
    chars = [{"text": ch, "fontname": font} for ch in text]
    return {"text": text, "left": left, "right": right, "top": 100, "bottom": 105, "size": size, "chars": chars, "base": 104}


def test_signature_centred_over_the_date_or_not():
    sealed = layout_check.Sample("x", "x")
    right = 184 - 4 * layout_check.CHAR_MM  # date 右空四字
    date = line("2022年5月30日", right - 36.2, right)
    centre = right - 18.1
    ok = layout_check._signature([[line("奈曼旗人民政府办公室", centre - 27.8, centre + 27.8), date]], sealed)
    assert ok[0][1] is True
    off = layout_check._signature([[line("奈曼旗人民政府办公室", centre - 24.8, centre + 30.8), date]], sealed)
    assert off[0][1] is False and "署名偏 +3.0 mm" in off[0][2]


def test_numbers_of_one_list_in_one_font():
    lines = [line("（一）协调推动各成员单位和各苏木乡镇（场、街道）学习", 39, 184),
             line("（二）牵头组织、协调推动有关单位制定和实施未成年人", 39, 184, font="ABCDEF+UKaiCN")]
    (check,) = layout_check._fonts(lines)
    assert check[1] is False and "（二）牵头组织" in check[2] and "UKaiCN" in check[2]
    (check,) = layout_check._fonts([lines[0], line("（二）牵头组织、协调推动有关单位制定和实施未成年人", 39, 184)])
    assert check[1] is True


def test_a_heading_alone_in_the_wrong_font():
    (check,) = layout_check._fonts([line("一、检查内容", 39, 84, font="ABCDEF+UMingCN")])
    assert check[1] is False and "h1" in check[2]
    (check,) = layout_check._fonts([line("一、检查内容", 39, 84, font="ABCDEF+NotoSansCJKsc-Regular")])
    assert check[1] is True


def test_title_breaks_judged_by_a_dictionary_not_ours():
    pytest.importorskip("jieba")
    cuts = layout_check._word_breaks("关于2026年12月31日前完成未成年人保护工作的通知")
    text = "关于2026年12月31日前完成未成年人保护工作的通知"
    assert text.index("年人") not in cuts  # 未成｜年人
    assert text.index("月31") not in cuts  # 12｜月31日
    assert text.index("未成年人") in cuts and text.index("保护") in cuts


def test_the_sweep_notices_are_valid_documents(tmp_path: Path):
    import shutil

    from weibao.core.repository import Repository
    from weibao.lint.engine import validate

    shutil.copytree(ROOT / "data", tmp_path / "data")
    (tmp_path / "data" / "documents" / "2026").mkdir()
    for k in (3, 25):
        (tmp_path / "data" / "documents" / "2026" / f"sweep-{k}.yaml").write_text(layout_check.sweep_notice(k), encoding="utf-8")
    report, _ = validate(Repository(tmp_path))
    assert [(d.code, d.message) for d in report.diagnostics if d.severity == "error"] == []
