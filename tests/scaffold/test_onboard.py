"""weibao init and weibao import-duties: the seed, four document structures (one GB18030, one .docx), end to end."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml
from conftest import ROOT
from typer.testing import CliRunner

from weibao.cli.app import app, register

register()
runner = CliRunner()
FIX = ROOT / "tests" / "fixtures" / "import"


def run(*args: str):
    return runner.invoke(app, list(args))


def new_repo(tmp_path: Path, host: str = "妇儿工委") -> Path:
    target = tmp_path / "county"
    r = run("init", str(target), "--region", "某某县", "--office-host", host, "--prefix", "某政办字", "--prefix", "某未保办发")
    assert r.exit_code == 0, r.output
    return target


def units_of(repo: Path) -> list[dict]:
    return sorted((yaml.safe_load(p.read_text(encoding="utf-8")) for p in (repo / "data/units").glob("*.yaml")), key=lambda u: u["order"])


def imported(tmp_path: Path, source: Path, host: str = "妇儿工委") -> tuple[Path, list[dict], object]:
    repo = new_repo(tmp_path, host)
    r = run("--repo", str(repo), "import-duties", str(source))
    return repo, units_of(repo), r


def test_init_creates_a_clean_repository(tmp_path: Path):
    repo = new_repo(tmp_path)
    assert (repo / ".git").is_dir()
    for rel in ("data/weibao.yaml", "data/office.yaml", "data/glossary.yaml", "data/units/README.md", "data/meetings/README.md",
                ".gitignore", ".github/workflows/weibao.yml", ".pre-commit-config.yaml"):
        assert (repo / rel).is_file(), rel
    assert "/private/" in (repo / ".gitignore").read_text(encoding="utf-8")
    s = yaml.safe_load((repo / "data/weibao.yaml").read_text(encoding="utf-8"))
    assert s["office"] == {"name": "某某县未成年人保护工作领导小组办公室", "short_name": "县未保办", "host_unit": "fuergongwei"}
    assert [(p["prefix"], p.get("own", False)) for p in s["document_prefixes"]] == [("某政办字", False), ("某未保办发", True)]
    office = (repo / "data/office.yaml").read_text(encoding="utf-8")
    body = office.split("\n", 2)[2]  # the header says where the rules came from
    assert "某某县未成年人保护工作领导小组办公室（以下简称县未保办）设在妇儿工委" in body and "奈曼旗" not in body and "民政局" not in body
    r = run("--repo", str(repo), "validate")
    assert r.exit_code == 0 and "未发现问题" in r.output
    assert run("--repo", str(repo), "fmt", "--check").exit_code == 0
    assert run("--repo", str(repo), "schema", "--check").exit_code == 0


def test_init_refuses_a_non_empty_directory_and_never_overwrites(tmp_path: Path):
    target = tmp_path / "county"
    target.mkdir()
    (target / "notes.txt").write_text("已有的文件\n", encoding="utf-8")
    r = run("init", str(target), "--region", "某某县")
    assert r.exit_code == 2 and "不是空目录" in r.output and not (target / "data").exists()
    (target / ".gitignore").write_text("# 我自己的\n", encoding="utf-8")
    r = run("init", str(target), "--region", "某某县", "--force")
    assert r.exit_code == 0
    assert (target / ".gitignore").read_text(encoding="utf-8") == "# 我自己的\n"
    assert (target / "notes.txt").read_text(encoding="utf-8") == "已有的文件\n"
    r = run("init", str(tmp_path / "x"), "--region", "某某")
    assert r.exit_code == 2 and "应以旗、县、区或市结尾" in r.output


def test_seed_import_reproduces_the_bundled_units(tmp_path: Path, seed_text: str):
    src = tmp_path / "seed.txt"
    src.write_text(seed_text, encoding="utf-8")
    target = tmp_path / "naiman"
    assert run("init", str(target), "--region", "奈曼旗").exit_code == 0
    r = run("--repo", str(target), "import-duties", str(src))
    assert r.exit_code == 0, r.output
    assert "原文的职责部分（去掉标题、序号和空白）6558 字，导入 6558 字，一致。" in r.output
    got = units_of(target)
    want = sorted((yaml.safe_load(p.read_text(encoding="utf-8")) for p in (ROOT / "data/units").glob("*.yaml")), key=lambda u: u["order"])
    assert [(u["name"], u.get("heading"), u.get("numbered_in_source", True)) for u in got] == \
        [(u["name"], u.get("heading"), u.get("numbered_in_source", True)) for u in want]
    assert [[d["text"] for d in u["duties"]] for u in got] == [[d["text"] for d in u["duties"]] for u in want]
    same_id = sum(a["id"] == b["id"] for a, b in zip(got, want))
    assert same_id >= 20  # pinyin of the short name: most ids equal the hand-made ones
    assert run("--repo", str(target), "validate").exit_code == 0


def test_numbered_irregular_and_heading_with_first_duty(tmp_path: Path):
    repo, units, r = imported(tmp_path, FIX / "numbered.txt")
    assert r.exit_code == 0, r.output
    assert [(u["id"], u["name"], u.get("numbered_in_source", True)) for u in units] == [
        ("xuanchuanbu", "县委宣传部", True), ("zhengfawei", "县委政法委", False), ("jiaoyu", "县教育局", True), ("fuergongwei", "县妇儿工委", True)]
    assert [d["text"] for d in units[2]["duties"]] == ["负责控辍保学工作，督促学校落实安全管理制度。", "配合有关部门做好校园周边环境治理。"]
    assert [(d.get("role"), d.get("role_basis")) for d in units[2]["duties"]] == [("lead", "负责"), ("support", "配合")]
    assert "不属于任何单位、未导入：第 18–19 行中的 2 行，在职责清单之后（落款、日期、抄送、网页页脚等）：\n    18  2023年3月1日\n    19  （此件公开发布）\n" in r.output
    assert "137 字，导入 137 字，一致" in r.output


def test_unnumbered_gb18030(tmp_path: Path):
    repo, units, r = imported(tmp_path, FIX / "unnumbered.gb18030.txt", host="民政局")  # the office sits in a unit the document lists
    assert r.exit_code == 0, r.output
    assert [(u["name"], u["kind"], [d["text"] for d in u["duties"]]) for u in units] == [
        ("县民政局", "政府部门", ["负责困境儿童分类保障工作。", "督促指导乡镇设立未成年人保护工作站。"]),
        ("县公安局", "政府部门", ["依法打击侵害未成年人合法权益的违法犯罪行为；", "会同有关部门维护校园周边治安秩序。"]),
        ("县人民法院", "审判机关", ["加强涉未成年人案件的审判工作。"]),
    ]
    assert all(u.get("numbered_in_source") is False for u in units)


def test_merged_heading_markdown(tmp_path: Path):
    repo, units, r = imported(tmp_path, FIX / "merged.md")
    assert r.exit_code == 0, r.output
    assert [(u["name"], u.get("heading"), len(u["duties"])) for u in units] == [
        ("县委宣传部", "县委宣传部、县委文明办", 2), ("县委文明办", "县委宣传部、县委文明办", 2), ("县妇儿工委", None, 2), ("县卫健委", None, 1)]
    assert [d["text"] for d in units[2]["duties"]] == ["推动儿童发展纲要落实。", "统筹协调妇女儿童工作。"]


def test_task_list_in_docx(tmp_path: Path):
    import docx

    d = docx.Document()
    for line in (FIX / "tasks.txt").read_text(encoding="utf-8").splitlines():
        d.add_paragraph(line)
    src = tmp_path / "tasks.docx"
    d.save(str(src))
    repo, units, r = imported(tmp_path, src)
    assert r.exit_code == 0, r.output
    assert [(u["name"], [(x["text"], x.get("role")) for x in u["duties"]]) for u in units] == [
        ("县妇儿工委", [("建立健全未成年人保护工作协调机制。", "lead")]),
        ("县民政局", [("建立健全未成年人保护工作协调机制。", "support"), ("做好困境儿童基本生活保障。", "lead")]),
        ("县教育局", [("建立健全未成年人保护工作协调机制。", "support"), ("加强校园及周边安全管理。", "lead")]),
        ("县公安局", [("加强校园及周边安全管理。", "lead")]),
    ]


def test_text_before_the_first_unit_is_reported_and_dry_run_writes_nothing(tmp_path: Path):
    repo = new_repo(tmp_path)  # the office sits in 妇儿工委, which this document does not list
    src = tmp_path / "odd.txt"
    src.write_text("职责如下：\n这一段话在任何单位标题之前。\n一、县民政局\n负责困境儿童保障。\n", encoding="utf-8")
    r = run("--repo", str(repo), "import-duties", str(src), "--dry-run")
    assert r.exit_code == 1  # the import itself would stop: the host unit is not in the document
    assert "不属于任何单位、未导入：第 1–2 行中的 2 行，在第一个单位之前（标题、主送、前言、网页导航等）：" in r.output
    assert "（试运行，未写入）" in r.output and "        minzheng-1  负责困境儿童保障。" in r.output
    assert "承办单位：数据仓库设置的承办单位（未保办设在的单位）是“fuergongwei”" in r.output and "--office-host 县民政局" in r.output
    assert "将要写入：data/units/minzheng.yaml" in r.output
    assert list((repo / "data/units").glob("*.yaml")) == []
    doc = json.loads(run("--repo", str(repo), "import-duties", str(src), "--dry-run", "--format", "json").stdout)
    assert doc["unplaced"] == [] and doc["outside"][0]["lines"] == [{"line": 1, "text": "职责如下："}, {"line": 2, "text": "这一段话在任何单位标题之前。"}]
    assert doc["source_chars"] == doc["imported_chars"] == len("负责困境儿童保障。")  # the duty part only
    r = run("--repo", str(repo), "import-duties", str(src), "--dry-run", "--office-host", "民政局")
    assert r.exit_code == 0 and "把承办单位改为 县民政局（minzheng）" in r.output, r.output


def test_import_refuses_when_units_exist_and_bad_files(tmp_path: Path):
    repo, _, r = imported(tmp_path, FIX / "unnumbered.gb18030.txt", host="民政局")  # the office sits in a unit the document lists
    r = run("--repo", str(repo), "import-duties", str(FIX / "merged.md"))
    assert r.exit_code == 2 and "没有覆盖" in r.output
    r = run("--repo", str(repo), "import-duties", str(tmp_path / "missing.txt"))
    assert r.exit_code == 2 and "找不到文件" in r.output
    bad = tmp_path / "x.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0")
    r = run("--repo", str(repo), "import-duties", str(bad))
    assert r.exit_code == 2 and "Traceback" not in r.output, r.output  # LibreOffice cannot read it, or it holds no unit


def test_end_to_end_for_a_county_with_the_office_in_the_fuergongwei(tmp_path: Path):
    repo, units, r = imported(tmp_path, FIX / "numbered.txt")
    assert r.exit_code == 0, r.output
    assert "术语表：保留" in r.output
    v = run("--repo", str(repo), "validate")
    assert v.exit_code == 0, v.output
    doc = json.loads(run("--repo", str(repo), "who", "想学学怎么做家庭教育", "--format", "json").stdout)
    assert doc["results"][0]["unit"] == {"id": "fuergongwei", "name": "县妇儿工委"}
    doc = json.loads(run("--repo", str(repo), "who", "孩子辍学了不去上学", "--format", "json").stdout)
    assert doc["results"][0]["unit"]["id"] == "jiaoyu"
    assert json.loads(run("--repo", str(repo), "unit", "妇儿工委", "--format", "json").stdout)["found"] == "fuergongwei"
    shutil.rmtree(repo)


def test_import_can_bring_the_sample_questions_whose_units_exist(tmp_path: Path):
    repo = new_repo(tmp_path)
    r = run("--repo", str(repo), "import-duties", str(FIX / "numbered.txt"), "--with-samples")
    assert r.exit_code == 0, r.output
    ids = {"xuanchuanbu", "zhengfawei", "jiaoyu", "fuergongwei"}
    bundled = [q for p in (ROOT / "data/questions").glob("samples-*.yaml")
               for q in yaml.safe_load(p.read_text(encoding="utf-8"))["questions"]]
    keep = [q for q in bundled if set(q["lead"]) | set(q.get("support") or []) <= ids]
    assert keep and len(keep) < len(bundled)
    assert f"问答库：带入示例问题 {len(keep)} 问" in r.output and f"{len(bundled) - len(keep)} 问涉及本地没有的单位，未带入。" in r.output
    got = [q for p in (repo / "data/questions").glob("samples-*.yaml") for q in yaml.safe_load(p.read_text(encoding="utf-8"))["questions"]]
    assert sorted(q["q"] for q in got) == sorted(q["q"] for q in keep)
    assert run("--repo", str(repo), "validate").exit_code == 0
    assert run("--repo", str(repo), "fmt", "--check").exit_code == 0
    doc = json.loads(run("--repo", str(repo), "who", keep[0]["q"], "--format", "json").stdout)
    assert doc["results"][0]["unit"]["id"] in keep[0]["lead"]


def test_init_without_git_says_what_was_made(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "no-git-here"))
    target = tmp_path / "county"
    r = run("init", str(target), "--region", "某某县")
    assert r.exit_code == 2 and "数据仓库已创建" in r.output and "没有找到 git 程序" in r.output and "git init" in r.output
    assert (target / "data/weibao.yaml").is_file() and not (target / ".git").exists()


def test_a_source_file_name_with_a_line_break_stays_in_its_comment(tmp_path: Path):
    """The source's file name goes into a comment at the top of each unit file; a line break in it started a line
    of YAML and the import ended in an internal error (issue 21)."""
    src = tmp_path / "职责\n分工\u2028.txt"
    shutil.copy(FIX / "numbered.txt", src)
    repo, units, r = imported(tmp_path, src)
    assert r.exit_code == 0, r.output
    lines = (repo / "data/units/jiaoyu.yaml").read_text(encoding="utf-8").split("\n")
    assert any(line.startswith("# 由 weibao import-duties 从 职责 分工 .txt 导入；") for line in lines), lines[:4]
    assert run("--repo", str(repo), "validate").exit_code == 0


def test_an_old_word_file_without_libreoffice_names_the_package(tmp_path: Path, monkeypatch):
    repo = new_repo(tmp_path)
    old = tmp_path / "职责分工.wps"
    old.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 60)
    monkeypatch.setenv("PATH", str(tmp_path / "nothing-here"))
    r = run("--repo", str(repo), "import-duties", str(old))
    assert r.exit_code == 2 and "读取 .wps 文件需要 LibreOffice，本机没有安装。" in r.output
    assert "sudo apt install libreoffice-writer" in r.output.replace("\n", "") and list((repo / "data/units").glob("*.yaml")) == []

