"""weibao agenda (issue 24): what is overdue and due this week, this month and next month, by unit, in working days,
as of the office's today."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import add_samples
from typer.testing import CliRunner

from weibao.cli.app import app, register

register()
runner = CliRunner()
LATE_EVENING_UTC = "2026-12-04T18:20:00+00:00"  # already Saturday 5 December in 奈曼旗


@pytest.fixture
def office(repo: Path) -> Path:
    """The bundled data with the sample meetings, cases, 收文, plan and annual reports."""
    return add_samples(repo, year=True)


def cli(repo: Path, *args: str, now: str = LATE_EVENING_UTC):
    return runner.invoke(app, ["--repo", str(repo), *args], env={"WEIBAO_NOW": now})


def test_chat_text_for_the_work_group(office: Path):
    r = cli(office, "agenda", "--format", "chat")
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines() == [
        "【旗未保办待办提醒】2026年12月5日",
        "逾期 6 项：",
        "1. 挂牌督办 督办事项 db-2026-2 某苏木一名小学生疑似遭受家庭暴力的处置｜旗公安局｜6月15日到期，逾期173天",
        "2. 年度任务 2026-t1 推动各苏木乡镇（场、街道）建立未成年人保护工…｜旗民政局｜6月30日到期，逾期158天",
        "3. 督办事项 db-2026-1 校园周边环境联合检查的落实情况｜旗教体局｜6月30日到期，逾期158天",
        "4. 议定事项 2026-03-15-director-2 开展校园周边环境联合检查｜旗教体局｜6月30日到期，逾期158天",
        "5. 议定事项 2026-05-10-topic-1 制定农村留守儿童关爱服务工作方案｜旗民政局｜7月31日到期，逾期127天",
        "6. 督办事项 db-2026-4 学校食堂食品安全专项检查｜旗市场监管局｜8月31日到期，逾期96天",
        "本月到期 2 项：",
        "1. 议定事项 2026-09-01-group-1 各成员单位于年底前报送本年度未成年人保护工作…｜旗民政局｜12月20日到期",
        "2. 年度任务 2026-t3 开展预防未成年人违法犯罪法治宣传｜旗司法局｜12月31日到期",
        "下月到期 28 项：",
        "年度工作情况未报送：26 个成员单位、2 个苏木乡镇（场、街道）（1月15日截止）",
        "详情：weibao agenda",
    ]


def test_one_units_list_with_working_days(office: Path):
    r = cli(office, "agenda", "--unit", "司法")
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines() == [
        "旗司法局的待办提醒（截至 2026年12月5日）：逾期 0 项，本周到期 0 项，本月到期 1 项，下月到期 1 项。",
        "旗司法局",
        "  本月  年度任务 2026-t3  开展预防未成年人违法犯罪法治宣传",
        "        时限 2026-12-31（还有 26 天，19 个工作日）  牵头  未报告",
        "  下月  年度报告 2026-sifa  2026年度未成年人保护工作情况",
        "        时限 2027-01-15（还有 41 天，29 个工作日，其中 2027 年按周一至周五估算）  牵头",
    ]
    chat = cli(office, "agenda", "--unit", "公安", "--format", "chat").stdout.splitlines()
    assert chat[2] == "1. 挂牌督办 督办事项 db-2026-2 某苏木一名小学生疑似遭受家庭暴力的处置｜本单位牵头｜6月15日到期，逾期173天"
    assert chat[3] == "2. 督办事项 db-2026-1 校园周边环境联合检查的落实情况｜配合（牵头：旗教体局）｜6月30日到期，逾期158天"


def test_json_and_markdown(office: Path):
    doc = json.loads(cli(office, "agenda", "--format", "json").stdout)
    assert doc["as_of"] == "2026-12-05" and doc["counts"] == {"逾期": 6, "本周": 0, "本月": 2, "下月": 28}
    first = doc["items"][0]
    assert (first["id"], first["level"], first["lead_names"], first["days_left"]) == ("db-2026-2", "挂牌督办", ["旗公安局"], -173)
    group = next(i for i in doc["items"] if i["id"] == "2026-09-01-group-1")
    assert (group["bucket"], group["days_left"], group["workdays_left"]) == ("本月", 15, 10)  # 12-20 is a Sunday
    police = next(u for u in doc["by_unit"] if u["unit"] == "gongan")
    # (公安's annual report is in: no reminder for it)
    assert [(i["id"], i["role"]) for i in police["items"]] == [("db-2026-2", "牵头"), ("db-2026-1", "配合"), ("2026-03-15-director-2", "配合")]
    md = cli(office, "agenda", "--unit", "民政", "--format", "md").stdout
    assert "## 旗民政局" in md and "| 2026-12-20 | 还有 15 天，10 个工作日 | 议定事项 | 2026-09-01-group-1 |" in md


def test_this_week_and_today_by_the_office_clock(office: Path):
    """Due on Sunday 6 December: this week on Saturday the 5th (office time), even when the machine's clock says the 4th."""
    p = office / "data/meetings/2026/2026-09-01-group.yaml"
    p.write_text(p.read_text(encoding="utf-8").replace("deadline: 2026-12-20", "deadline: 2026-12-06"), encoding="utf-8")
    doc = json.loads(cli(office, "agenda", "--format", "json").stdout)
    assert doc["counts"]["本周"] == 1 and next(i for i in doc["items"] if i["bucket"] == "本周")["workdays_left"] == 0
    doc = json.loads(cli(office, "agenda", "--format", "json", now="2026-12-07T01:00:00+00:00").stdout)
    assert next(i for i in doc["items"] if i["id"] == "2026-09-01-group-1")["bucket"] == "逾期"


def test_settings_time_zone(office: Path):
    s = office / "data/weibao.yaml"
    s.write_text(s.read_text(encoding="utf-8") + "timezone: Europe/London\n", encoding="utf-8")
    assert json.loads(cli(office, "agenda", "--format", "json").stdout)["as_of"] == "2026-12-04"


def test_bad_input(office: Path):
    r = cli(office, "agenda", "--unit", "不存在的单位")
    assert r.exit_code == 2 and "没有找到单位“不存在的单位”" in r.output
    r = cli(office, "agenda", "--as-of", "2026-13-01")
    assert r.exit_code == 2 and "格式不对" in r.output


def test_the_rules_own_meetings_and_an_empty_list(repo: Path):
    """The bundled data holds no meeting of 2026: the 办公室成员会议 the rules ask for every year is due by 31 December,
    on the office's own list; once held, nothing is left."""
    r = cli(repo, "agenda")
    assert r.exit_code == 0 and r.stdout.splitlines() == [
        "待办提醒（截至 2026年12月5日）：逾期 0 项，本周到期 0 项，本月到期 1 项，下月到期 0 项。",
        "旗未保办",
        "  本月  会议 2026-members-meeting  办公室成员会议（原则上每年召开一次，根据工作需要可不定期召开；本年度已开 0 次）",
        "        时限 2026-12-31（还有 26 天，19 个工作日）  牵头",
    ]
    r = cli(repo, "meeting", "new", "--type", "办公室成员会议", "--date", "2026-12-01", "--title", "2026年办公室成员会议（样例）")
    assert r.exit_code == 0, r.output
    r = cli(repo, "agenda")
    assert r.stdout.splitlines()[-1] == "没有逾期或两个月内到期的事项。"
