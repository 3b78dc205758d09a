"""A synthetic data repository shaped like ours, at county, city or province scale; it passes `weibao validate`.

    python benchmarks/generate.py --scale county|city|province --out DIR [--seed 1] [--years 5]

Per county: the 29 member units of the bundled data (renamed per county), and per
year about 12 主任办公会, 2 办公室成员会议, 6 专题工作会议 (with decisions),
200 supervision cases with progress logs, and 40 documents numbered under the
county's own prefix.  ×1, ×10 (city) and ×100 (province) counties over 5 years.
All text is invented sample text; no names, numbers or cases of real people.
Deterministic for a given seed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from weibao.domain.numbering import zh_number  # noqa: E402

SCALES = {"county": 1, "city": 10, "province": 100}
FIRST_YEAR = 2021
STATES = ["立案", "督办中", "整改中", "待核验", "办结"]
SUBJECTS = ["某苏木一名小学生的临时监护", "某镇网吧违规接纳未成年人", "学校周边商店向未成年人售烟", "某嘎查留守儿童的关爱帮扶",
            "校园欺凌事件的处置", "困境儿童生活保障落实情况", "校外培训机构安全检查", "某街道儿童之家建设"]


def _units(county: int) -> list[tuple[str, str]]:
    """(file name, text) of the 29 bundled units, with ids, names and orders made unique per county."""
    import yaml

    out = []
    for p in sorted((ROOT / "data" / "units").glob("*.yaml"), key=lambda p: yaml.safe_load(p.read_text(encoding="utf-8"))["order"]):
        text = p.read_text(encoding="utf-8")
        uid = p.stem
        d = yaml.safe_load(text)
        new_id = f"c{county}-{uid}"
        text = text.replace(f"id: {uid}\n", f"id: {new_id}\n", 1).replace(f"  - id: {uid}-", f"  - id: {new_id}-")
        text = text.replace(f"\norder: {d['order']}\n", f"\norder: {(county - 1) * 29 + d['order']}\n", 1)
        text = text.replace(f"\nname: {d['name']}\n", f"\nname: {d['name']}（{zh_number(county)}）\n", 1)
        if "\naliases:" in text:  # aliases must not collide across counties; drop them in the synthetic copies
            import re

            text = re.sub(r"\naliases: \[[^\]]*\]\n", "\n", text, count=1)
        out.append((f"{new_id}.yaml", text))
    return out


def _settings(counties: int) -> str:
    text = (ROOT / "data" / "weibao.yaml").read_text(encoding="utf-8")
    head, _, _rest = text.partition("document_prefixes:")
    prefixes = ["document_prefixes:"]
    for c in range(1, counties + 1):
        prefixes += [f"  - id: p{c}", f"    prefix: 样{zh_number(c)}未保办发", "    issuer: 奈曼旗未成年人保护工作领导小组办公室", "    own: true"]
    return head.replace("host_unit: minzheng", "host_unit: c1-minzheng") + "\n".join(prefixes) + "\n"


def generate(out: Path, scale: str, seed: int = 1, years: int = 5) -> int:
    rng = random.Random(seed)
    counties = SCALES[scale]
    if out.exists():
        shutil.rmtree(out)
    data = out / "data"
    for sub in ("units", "meetings", "cases", "documents"):
        (data / sub).mkdir(parents=True)
    (data / "weibao.yaml").write_text(_settings(counties), encoding="utf-8")
    office = (ROOT / "data" / "office.yaml").read_text(encoding="utf-8").replace("unit: minzheng", "unit: c1-minzheng")
    (data / "office.yaml").write_text(office, encoding="utf-8")
    n = 2
    for c in range(1, counties + 1):
        unit_ids = []
        for name, text in _units(c):
            (data / "units" / name).write_text(text, encoding="utf-8")
            unit_ids.append(name[:-5])
            n += 1
        for y in range(FIRST_YEAR, FIRST_YEAR + years):
            n += _meetings(data, rng, c, y, unit_ids)
            n += _cases(data, rng, c, y, unit_ids)
            n += _documents(data, c, y)
    return n


def _meetings(data: Path, rng: random.Random, c: int, y: int, units: list[str]) -> int:
    folder = data / "meetings" / str(y)
    folder.mkdir(exist_ok=True)
    plan = [("主任办公会", "director", 12), ("办公室成员会议", "members", 2), ("专题工作会议", "topic", 6)]
    count = 0
    for kind, slug, k in plan:
        for i in range(k):
            day = dt.date(y, 1 + (i * 11 // k) % 12, 5 + (i % 3) * 7)
            mid = f"c{c}-{day.isoformat()}-{slug}-{i + 1}"
            lines = ["# 样例（虚构，基准测试）", f"id: {mid}", f"type: {kind}", f"date: {day.isoformat()}", f"title: {y}年第{zh_number(i + 1)}次{kind}（样例）",
                     "chair:", "  position: director", "attendance:", "  present:"]
            lines += [f"    - {{unit: {u}}}" for u in rng.sample(units, 4)]
            if kind == "专题工作会议":
                lines += ["agenda:", "  - title: 研究有关工作（样例）", "    important: true", f"    approval: {{by: director, date: {day.isoformat()}}}"]
            rep = day + dt.timedelta(days=2)
            lines += ["minutes:", "  body:", "    - 会议研究了有关工作（样例）。", f"  reported_on: {rep.isoformat()}", f"  issued_on: {rep.isoformat()}", "decisions:"]
            for j in range(2):
                deadline = day + dt.timedelta(days=30 + 30 * j)
                done = rng.random() < 0.7
                lines += [f"  - id: {mid}-{j + 1}", "    text: 落实会议议定的有关工作（样例）", f"    lead: [{rng.choice(units)}]",
                          f"    deadline: {deadline.isoformat()}", f"    status: {'已办结' if done else '办理中'}", "    progress:",
                          f"      - date: {(day + dt.timedelta(days=10)).isoformat()}", "        text: 已部署落实（样例）"]
                if done:
                    lines.append(f"    done_on: {(day + dt.timedelta(days=20)).isoformat()}")
            (folder / f"{mid}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
            count += 1
    return count


def _cases(data: Path, rng: random.Random, c: int, y: int, units: list[str]) -> int:
    folder = data / "cases" / str(y)
    folder.mkdir(exist_ok=True)
    for i in range(200):
        cid = f"db-{y}-{(c - 1) * 200 + i + 1}"
        opened = dt.date(y, 1, 1) + dt.timedelta(days=rng.randrange(0, 300))
        final = rng.randrange(1, len(STATES))
        lines = ["# 样例（虚构，基准测试）", f"id: {cid}", f"kind: {rng.choice(['督查', '督办'])}", "source:", "  kind: 群众反映",
                 f"subject: {rng.choice(SUBJECTS)}（样例）", f"lead: {rng.choice(units)}", f"support: [{rng.choice(units)}]",
                 f"level: {rng.choice(['一般督办', '挂牌督办'])}", f"opened: {opened.isoformat()}",
                 f"deadline: {(opened + dt.timedelta(days=60)).isoformat()}", f"state: {STATES[final]}", "log:"]
        day = opened
        for s in range(1, final + 1):
            day += dt.timedelta(days=rng.randrange(1, 9))
            lines += [f"  - date: {day.isoformat()}", f"    text: 第{zh_number(s)}次跟进（样例）", f"    state: {STATES[s]}"]
            for _ in range(rng.randrange(0, 3)):
                lines += [f"  - date: {day.isoformat()}", "    text: 电话督促（样例）"]
        if STATES[final] == "办结":
            lines += ["closure:", f"  date: {day.isoformat()}", "  verified_by: 督查专员（样例）", "  result: 整改到位（样例）"]
        (folder / f"{cid}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 200


def _documents(data: Path, c: int, y: int) -> int:
    folder = data / "documents" / str(y)
    folder.mkdir(exist_ok=True)
    for i in range(1, 41):
        day = dt.date(y, 1 + (i - 1) * 12 // 40, 10)
        text = "\n".join([
            "# 样例（虚构，基准测试）", f"id: p{c}-{y}-{i}", "type: 通知", "issuer: 奈曼旗未成年人保护工作领导小组办公室",
            f"number: 样{zh_number(c)}未保办发〔{y}〕{i}号", "signer: 主任（样例）", f"title: 关于做好有关工作的通知（样例{i}）",
            "to: [各成员单位]", "body:", "  - 现将有关事项通知如下（样例）。", f"date: {day.isoformat()}", ""])
        (folder / f"p{c}-{y}-{i}.yaml").write_text(text, encoding="utf-8")
    return 40


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", choices=list(SCALES), default="county")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--years", type=int, default=5)
    args = ap.parse_args()
    n = generate(args.out, args.scale, args.seed, args.years)
    print(f"已生成 {args.out}：{args.scale}，{n} 个数据文件")


if __name__ == "__main__":
    main()
