"""The attack battery (issue 21): generated hostile inputs, each run against a copy of the small repository.

A pull request's data and templates, the clerk's typing and whatever sits in ``.weibao/`` are all input weibao
does not control.  Each :class:`Attack` names the input (a setup that damages the copy), the command, and what
must happen: the exit code, the coded diagnostics (with the file they name) or the Chinese text, and the files the
command may change.  :func:`run` then also requires, for every attack:

- no hang (a watchdog signal after ``timeout`` seconds; a blocked read of a FIFO is interrupted too);
- no internal error and no traceback;
- no byte changed in the repository outside the files the attack allows, and none outside the repository at all
  (a sentinel folder beside the copy is compared byte for byte, and no new file may appear next to it).

:func:`attacks` generates the inputs.  ``scale`` 1 (the default, run by ``.ci/run``) gives about 730; a larger
scale (``WEIBAO_ATTACK_SCALE=4``) adds byte positions, every control character and more damaged caches.
All texts are invented samples.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import stat
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

UNIT = "data/units/gongan.yaml"
MEETING = "data/meetings/2026/2026-03-15-director.yaml"
CASE = "data/cases/2026/db-2026-1.yaml"
TARGETS = {"unit": UNIT, "meeting": MEETING, "case": CASE, "settings": "data/weibao.yaml", "office": "data/office.yaml",
           "glossary": "data/glossary.yaml"}
DATED = {"meeting": MEETING, "case": CASE}
SECRET = "RUNNER-SECRET-0xC0FFEE"  # what a runner's file outside the repository holds; never in any output
FORMULA = ('=HYPERLINK("http://example.invalid","点")', "+1+1", "-2+3", "@SUM(A1)", "\t=1+1")


@dataclass
class Attack:
    cls: str
    name: str
    argv: list[str]
    setup: Callable[[Path], None] | None = None
    exits: tuple[int, ...] = (1,)
    codes: tuple[tuple[str, str], ...] = ()  # (path the line starts with, code)
    texts: tuple[str, ...] = ()
    changes: tuple[str, ...] = ()  # repository paths the command may write (a folder: ending in "/")
    check: Callable[[Path, str], list[str]] | None = None
    timeout: float = float(os.environ.get("WEIBAO_ATTACK_TIMEOUT", "60"))

    @property
    def id(self) -> str:
        return f"{self.cls}/{self.name}"


class Hang(BaseException):
    """Raised by the watchdog's signal: the command ran past its time (a BaseException, so no handler swallows it)."""


# -- running one attack --------------------------------------------------------------------------------


def tree(root: Path) -> dict[str, bytes | str]:
    """Every entry under root except .weibao/: file bytes, or the kind of a non-regular entry."""
    out: dict[str, bytes | str] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        rel_dir = Path(dirpath).relative_to(root)
        dirnames[:] = [d for d in dirnames if not (rel_dir == Path(".") and d in (".weibao", ".git"))]
        for name in filenames + [d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]:
            p = Path(dirpath) / name
            rel = (rel_dir / name).as_posix()
            if p.is_symlink():
                out[rel] = "link:" + os.readlink(p)
            elif p.is_file():
                out[rel] = p.read_bytes()
            else:
                out[rel] = "special"
    return out


def run(attack: Attack, template: Path, work: Path) -> list[str]:
    """Run one attack in ``work`` (an empty folder); the problems found (empty: the attack was handled)."""
    from typer.testing import CliRunner

    from weibao.cli.app import app, register

    register()
    repo = work / "repo"
    shutil.copytree(template, repo, symlinks=True, ignore=shutil.ignore_patterns(".git", "write.lock", "journal.json"))
    outside = work / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(SECRET + "\n", encoding="utf-8")
    if attack.setup:
        attack.setup(repo)
    before, before_outside, beside = tree(repo), tree(outside), sorted(p.name for p in work.iterdir())

    def on_signal(signum: int, frame: object) -> None:
        raise Hang()

    previous = signal.signal(signal.SIGUSR1, on_signal)
    timer = threading.Timer(attack.timeout, lambda: os.kill(os.getpid(), signal.SIGUSR1))
    timer.start()
    try:
        result = CliRunner().invoke(app, ["--repo", str(repo), *attack.argv])
        hung = isinstance(result.exception, Hang)
    except Hang:
        hung, result = True, None
    finally:
        timer.cancel()
        signal.signal(signal.SIGUSR1, previous)
    if hung or result is None:
        return [f"ran past {attack.timeout:.0f} s (a hang)"]
    out = result.output
    problems = []
    if result.exit_code not in attack.exits:
        problems.append(f"exit code {result.exit_code}, expected {attack.exits}: {out[-600:]}")
    if "Traceback" in out or "内部错误" in out or (result.exception is not None and not isinstance(result.exception, SystemExit)):
        problems.append(f"internal error: {out[-600:]} {result.exception!r}")
    lines = out.splitlines()
    for path, code in attack.codes:
        if not any(line.startswith(path) and f"[{code}]" in line for line in lines):
            problems.append(f"no {code} for {path}: {out[-600:]}")
    problems += [f"missing text {t!r}: {out[-600:]}" for t in attack.texts if t not in out]
    if SECRET in out:
        problems.append("a file outside the repository reached the output")
    if "\x1b" in out or "\x9b" in out:
        problems.append("an escape sequence reached the terminal")
    after = tree(repo)
    allowed = lambda k: k in attack.changes or any(k.startswith(c) for c in attack.changes if c.endswith("/"))  # noqa: E731
    changed = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k) and not allowed(k))
    if changed:
        problems.append(f"changed outside the intended files: {changed[:5]}")
    if tree(outside) != before_outside or sorted(p.name for p in work.iterdir()) != beside:
        problems.append("a file outside the repository was written")
    if attack.check:
        problems += attack.check(repo, out)
    return problems


# -- the inputs ----------------------------------------------------------------------------------------


def _mutate(rel: str, fn: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    def setup(repo: Path) -> None:
        p = repo / rel
        p.write_bytes(fn(p.read_bytes()))
    return setup


def _insert(at: float, what: bytes) -> Callable[[bytes], bytes]:
    def fn(b: bytes) -> bytes:
        i = int(len(b) * at)
        while i < len(b) and (b[i] & 0xC0) == 0x80:  # at a character boundary, so only the inserted byte is wrong
            i += 1
        return b[:i] + what + b[i:]
    return fn


def _replace(pattern: bytes, repl: bytes) -> Callable[[bytes], bytes]:
    def fn(b: bytes) -> bytes:
        out, n = re.subn(pattern, repl, b, count=1)
        assert n == 1, pattern
        return out
    return fn


BOMB = (b"a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
        b"d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
        b"g: [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n")

# (name, bytes → bytes, code): damage any data file, with the code validate must give
SYNTAX: list[tuple[str, Callable[[bytes], bytes], str]] = [
    ("gb18030", lambda b: b.decode("utf-8").encode("gb18030"), "WB006"),
    ("two-boms", lambda b: "\ufeff\ufeff".encode() + b, "WB014"),
    ("bom-inside", _insert(0.5, "\ufeff".encode()), "WB014"),
    ("python-tag", lambda b: b + b'evil: !!python/object/apply:os.system ["touch /tmp/weibao-pwned"]\n', "WB107"),
    ("binary-tag", lambda b: b + b"blob: !!binary aGVsbG8=\n", "WB107"),
    ("set-tag", lambda b: b + b"s: !!set {a, b}\n", "WB107"),
    ("alias-bomb", lambda b: b + BOMB, "WB104"),
    ("anchor", lambda b: b"x: &k key\n" + b, "WB104"),
    ("deep-nesting", lambda b: b + b"deep: " + b"[" * 5000 + b"]" * 5000 + b"\n", "WB106"),
    ("duplicate-key", lambda b: b + re.search(rb"(?m)^[a-z_]+:.*$", b).group(0) + b"\n", "WB103"),  # type: ignore[union-attr]
    ("merge-key", lambda b: b + b"<<: {id: evil}\n", "WB108"),
    ("complex-key", lambda b: b + b"? [a, b]\n: c\n", "WB108"),
    ("two-documents", lambda b: b + b"---\nid: second\n", "WB105"),
    ("tab-indent", _replace(rb"\n  (?=\S)", b"\n\t"), "WB102"),
    ("nul-only", lambda b: b"\x00" * 16, "WB005"),
    ("empty", lambda b: b"", "WB007"),
    ("comments-only", lambda b: b"# \xe6\xa0\xb7\xe4\xbe\x8b\n", "WB007"),
]

# control characters: C0 but tab and newline, DEL, C1
CONTROLS = [chr(c) for c in (*range(0x01, 0x20), 0x7F, *range(0x80, 0xA0)) if chr(c) not in "\t\n"]
SEQUENCES = ["\x1b[2J", "\x1b]0;pwned\x07", "\x1b]52;c;cHduZWQ=\x07", "\x9b31m"]
YAML_ESCAPES = ["\\e", "\\x1b", "\\a", "\\x7f", "\\x85", "\\x9b", "\\u009b", "\\b", "\\v", "\\f", "\\x01", "\\u001b[2J"]


def _file_attacks(scale: int, rng: random.Random) -> list[Attack]:
    out = []
    for kind, rel in TARGETS.items():
        def bad(name: str, setup: Callable[[Path], None], code: str, rel: str = rel, kind: str = kind) -> None:
            out.append(Attack(f"file-{kind}", name, ["validate"], setup, exits=(1,), codes=((rel, code),)))

        for name, fn, code in SYNTAX:
            bad(name, _mutate(rel, fn), code)
        for i in range(3 * scale):
            at = rng.random()
            bad(f"nul-{i}", _mutate(rel, _insert(at, b"\x00")), "WB005")
            bad(f"not-utf8-{i}", _mutate(rel, _insert(at, b"\xff")), "WB006")
        for esc in YAML_ESCAPES:  # an escape in a double-quoted value writes the control character into the data
            bad(f"escape-{esc}", _mutate(rel, lambda b, esc=esc: b + f'zz_note: "样例{esc}[2J文字"\n'.encode()), "WB013")
        raw = CONTROLS if scale > 1 else CONTROLS[::4]
        for ch in [c for c in raw if c != "\r"] + SEQUENCES:  # raw in the file: YAML itself refuses them
            bad(f"raw-U+{ord(ch[0]):04X}-{len(ch)}", _mutate(rel, lambda b, ch=ch: b + f"zz_note: 样例{ch}文字\n".encode()), "WB101")
        out.extend(_special_files(kind, rel))
    for kind, rel in DATED.items():
        for day in ("9999-12-31", "0001-01-01", "1899-12-31", "2200-01-01"):
            out.append(Attack(f"file-{kind}", f"date-{day}", ["validate"],
                              _mutate(rel, _replace(rb"(?m)^(\w+: )\d{4}-\d\d-\d\d$", rb"\g<1>" + day.encode())),
                              exits=(1,), codes=((rel, "WB204"),)))
    return out


def _special_files(kind: str, rel: str) -> list[Attack]:
    def fifo(repo: Path) -> None:
        (repo / rel).unlink()
        os.mkfifo(repo / rel)

    def folder(repo: Path) -> None:
        (repo / rel).unlink()
        (repo / rel).mkdir()
        (repo / rel / "x.yaml").write_text("id: x\n", encoding="utf-8")

    def link_out(repo: Path) -> None:
        (repo / rel).unlink()
        (repo / rel).symlink_to(repo.parent / "outside" / "secret.txt")

    def dangling(repo: Path) -> None:
        (repo / rel).unlink()
        (repo / rel).symlink_to("no-such-file.yaml")

    def loop(repo: Path) -> None:
        (repo / rel).unlink()
        (repo / rel).symlink_to(Path(rel).name)

    def huge(repo: Path) -> None:
        with open(repo / rel, "ab") as fh:
            fh.write(b"# " + b"x" * (5 * 1024 * 1024) + b"\n")

    def device(repo: Path) -> None:
        (repo / rel).unlink()
        (repo / rel).symlink_to("/dev/zero")  # inside no repository: refused before any read

    cases = [("fifo", fifo, "WB012"), ("folder", folder, "WB002"), ("link-out", link_out, "WB003"), ("dangling-link", dangling, "WB008"),
             ("link-loop", loop, "WB008"), ("over-5MB", huge, "WB004"), ("link-to-dev-zero", device, "WB003")]
    return [Attack(f"special-{kind}", name, ["validate"], setup, exits=(1,), codes=((rel, code),)) for name, setup, code in cases] + \
        [Attack(f"special-{kind}", "fifo-export", ["export", "--format", "json", "--out", "{repo}/../export.json"], fifo, exits=(1,),
                codes=((rel, "WB012"),), texts=("未导出",))]


# commands that take text typed by the clerk; {} is the text
TEXT_COMMANDS = {
    "case-new": ["case", "new", "--kind", "督办", "--lead", "公安", "--subject", "某校周边{}整治（样例）"],
    "case-log": ["case", "log", "db-2026-1", "样例{}进展", "--date", "2026-06-01"],
    "meeting-new": ["meeting", "new", "--type", "主任办公会", "--date", "2026-06-01", "--title", "样例{}会议"],
    "decision-progress": ["decision", "progress", "2026-03-15-director-1", "样例{}进展", "--date", "2026-06-01"],
    "who": ["who", "孩子{}被打了"],
}


def _command_line_attacks(scale: int) -> list[Attack]:
    out = []
    chars = CONTROLS if scale > 1 else CONTROLS[::2]
    for name, argv in TEXT_COMMANDS.items():
        for ch in chars + SEQUENCES:
            at = next(i for i, a in enumerate(argv) if "{}" in a)
            shown = f"U+{ord(ch[0]):04X}"
            out.append(Attack("command-line", f"{name}-{shown}-{len(ch)}", [a.replace("{}", ch) for a in argv], exits=(2,),
                              texts=(f"第 {at + 3} 个参数", f"控制字符 {shown}")))  # +3: --repo and its path come first
    out.append(Attack("command-line", "who-2001-characters", ["who", "孩" * 2001], exits=(2,), texts=("2000",)))
    dates = [("validate", ["validate", "--as-of", "{}"]), ("decisions", ["decisions", "--as-of", "{}"]),
             ("report", ["report", "--as-of", "{}"]), ("case-new-deadline", TEXT_COMMANDS["case-new"][:-1] + ["样例", "--deadline", "{}"]),
             ("meeting-new", ["meeting", "new", "--type", "主任办公会", "--date", "{}", "--title", "样例"]),
             ("case-log", ["case", "log", "db-2026-1", "样例", "--date", "{}"])]
    for name, argv in dates:
        for day, text in (("9999-12-31", "超出范围"), ("0001-01-01", "超出范围"), ("2200-01-01", "超出范围"), ("1899-12-31", "超出范围"),
                          ("2026-02-30", "格式不对"), ("20260101x", "格式不对"), ("-1", "格式不对")):
            out.append(Attack("command-line-date", f"{name}-{day}", [a.replace("{}", day) for a in argv], exits=(2,), texts=(text,)))
    return out


def _output_attacks() -> list[Attack]:
    def fifo_out(repo: Path) -> None:
        os.mkfifo(repo / "out.json")

    def folder_out(repo: Path) -> None:
        (repo / "out.json").mkdir()

    def file_as_folder(repo: Path) -> None:
        (repo / "out").write_text("样例\n", encoding="utf-8")

    def device_out(repo: Path) -> None:  # a null device of its own: a broken weibao must not damage the machine's /dev/null
        os.mknod(repo / "out.json", 0o666 | stat.S_IFCHR, os.makedev(1, 3))

    def socket_out(repo: Path) -> None:
        import socket

        with socket.socket(socket.AF_UNIX) as s:
            s.bind(str(repo / "out.json"))

    def linked_folder(repo: Path) -> None:  # a folder of the pull request that leads to the runner's files
        (repo / "report").symlink_to(repo.parent / "outside")

    through = [("report", ["report", "--as-of", "2026-12-31", "--out", "{repo}/report"]),
               ("export-json", ["export", "--format", "json", "--out", "{repo}/report/x.json"]),
               ("export-csv", ["export", "--format", "csv", "--out", "{repo}/report/csv"]),
               ("export-xlsx", ["export", "--format", "xlsx", "--out", "{repo}/report/x.xlsx"]),
               ("render", ["render", "--template", "duties", "--out", "{repo}/report/d.md"]),
               ("schema", ["schema", "--out", "{repo}/report/schemas"])]
    return [Attack("output", f"through-linked-folder-{name}", argv, linked_folder, exits=(2,), texts=("指向仓库之外",))
            for name, argv in through] + [
        Attack("output", "fifo", ["export", "--format", "json", "--out", "{repo}/out.json"], fifo_out, exits=(2,), texts=("命名管道",)),
        *([Attack("output", "char-device", ["export", "--format", "json", "--out", "{repo}/out.json"], device_out, exits=(2,),
                  texts=("字符设备",))] if _can_make_devices() else []),
        Attack("output", "socket", ["export", "--format", "json", "--out", "{repo}/out.json"], socket_out, exits=(2,), texts=("套接字",)),
        Attack("output", "folder", ["export", "--format", "json", "--out", "{repo}/out.json"], folder_out, exits=(2,), texts=("是一个目录",)),
        Attack("output", "under-a-file", ["export", "--format", "json", "--out", "{repo}/out/x.json"], file_as_folder, exits=(2,)),
        Attack("output", "csv-into-a-file", ["export", "--format", "csv", "--out", "{repo}/out"], file_as_folder, exits=(2,)),
        Attack("output", "render-fifo", ["render", "--template", "duties", "--out", "{repo}/out.json"], fifo_out, exits=(2,),
               texts=("命名管道",)),
        Attack("output", "schema-into-a-file", ["schema", "--out", "{repo}/out"], file_as_folder, exits=(2,)),
    ]


def _can_make_devices() -> bool:
    """Whether this process may create a device node (root, outside most containers' limits)."""
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        try:
            os.mknod(os.path.join(d, "n"), 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        except (OSError, AttributeError):
            return False
    return True


def _template_attacks() -> list[Attack]:
    def link_folder(repo: Path) -> None:
        (repo / "templates").symlink_to(repo.parent / "outside")
        (repo.parent / "outside" / "duties.md.j2").write_text("{{ 1 }}" + SECRET, encoding="utf-8")

    def link_template(repo: Path) -> None:
        (repo / "templates").mkdir()
        (repo / "templates" / "duties.md.j2").symlink_to(repo.parent / "outside" / "secret.txt")

    def include_out(repo: Path) -> None:
        (repo / "templates").mkdir()
        (repo / "templates" / "leak.md.j2").symlink_to(repo.parent / "outside" / "secret.txt")
        (repo / "templates" / "duties.md.j2").write_text("{% include 'leak.md.j2' %}\n", encoding="utf-8")

    def fifo_template(repo: Path) -> None:
        (repo / "templates").mkdir()
        os.mkfifo(repo / "templates" / "duties.md.j2")

    def dunder(repo: Path) -> None:
        (repo / "templates").mkdir()
        (repo / "templates" / "duties.md.j2").write_text("{{ ''.__class__.__mro__[1].__subclasses__() }}\n", encoding="utf-8")

    render = ["render", "--template", "duties"]
    # a templates/ folder that is itself a link: its files resolve outside the repository
    return [Attack("template", "folder-link-out", render, link_folder, exits=(1,), texts=("WB003",)),
            Attack("template", "template-link-out", render, link_template, exits=(1,), texts=("WB003",)),
            Attack("template", "include-link-out", render, include_out, exits=(1,), texts=("WB003",)),
            Attack("template", "fifo", render, fifo_template, exits=(1,), texts=("WB012",)),
            Attack("template", "sandbox-escape", render, dunder, exits=(1,), texts=("不允许",))]


def _cache_attacks(scale: int, rng: random.Random) -> list[Attack]:
    """A damaged, foreign or planted cache is discarded and rebuilt: the command answers as with no cache."""
    def damage(rel: str, fn: Callable[[bytes], bytes]) -> Callable[[Path], None]:
        def setup(repo: Path) -> None:
            p = repo / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            raw = p.read_bytes() if p.is_file() else b'x\n{"format": 9}'
            p.unlink(missing_ok=True)
            p.write_bytes(fn(raw))
        return setup

    def replace_json(value: object, key_index: int) -> Callable[[bytes], bytes]:
        def fn(raw: bytes) -> bytes:
            sig, _, body = raw.partition(b"\n")
            doc = json.loads(body)
            keys = sorted(doc) if isinstance(doc, dict) else []
            if keys:
                doc[keys[key_index % len(keys)]] = value
            return sig + b"\n" + json.dumps(doc, ensure_ascii=False).encode()  # the old signature: now wrong
        return fn

    def planted(raw: bytes) -> bytes:
        _sig, _, body = raw.partition(b"\n")
        return b"0" * 64 + b"\n" + body.replace("县公安局".encode(), b"INJECTED-UNIT")

    def fifo(rel: str) -> Callable[[Path], None]:
        def setup(repo: Path) -> None:
            (repo / rel).unlink(missing_ok=True)
            os.mkfifo(repo / rel)
        return setup

    def link_out(rel: str) -> Callable[[Path], None]:
        def setup(repo: Path) -> None:
            (repo / rel).unlink(missing_ok=True)
            (repo / rel).symlink_to(repo.parent / "outside" / "secret.txt")
        return setup

    def no_injected(repo: Path, out: str) -> list[str]:
        return ["a planted index was served"] if "INJECTED-UNIT" in out else []

    out = []
    for rel, argv, texts in ((".weibao/index.json", ["who", "孩子被打了"], ("县公安局",)),
                             (".weibao/cache/parsed.json", ["validate"], ("0 个错误",))):
        exits = (0,)
        variants: list[tuple[str, Callable[[Path], None]]] = [
            ("truncated", damage(rel, lambda b: b[: len(b) // 2])), ("garbage", damage(rel, lambda b: bytes(rng.randrange(256) for _ in range(4096)))),
            ("empty", damage(rel, lambda b: b"")), ("planted", damage(rel, planted)), ("fifo", fifo(rel)), ("link-out", link_out(rel)),
            ("not-json", damage(rel, lambda b: b.split(b"\n")[0] + b"\n{not json")), ("nul", damage(rel, lambda b: b"\x00" * 100))]
        for i in range(4 * scale):
            for value in (0, "x", [], {}, None, [1, "a"], {"a": [None]}):
                variants.append((f"field{i}-{type(value).__name__}-{json.dumps(value)}", damage(rel, replace_json(value, i))))
        for name, setup in variants:
            out.append(Attack(f"cache-{Path(rel).stem}", name, argv, setup, exits=exits, texts=texts, check=no_injected))
    return out


def _injection_attacks() -> list[Attack]:
    """Formulas in data reach every CSV and XLSX guarded; names with markup reach Markdown as text."""
    def formula_duty(text: str) -> Callable[[Path], None]:
        def setup(repo: Path) -> None:
            quoted = json.dumps(text, ensure_ascii=False)
            for rel, old, new in ((UNIT, "name: 县公安局", f"name: {quoted}"), (CASE, "subject: 校园周边环境检查的落实（样例）", f"subject: {quoted}"),
                                  (MEETING, "text: 开展校园周边环境检查（样例）", f"text: {quoted}")):
                p = repo / rel
                body = p.read_text(encoding="utf-8")
                assert old in body, (rel, old)
                p.write_text(body.replace(old, new, 1), encoding="utf-8")
        return setup

    def csv_guarded(repo: Path, out: str) -> list[str]:
        import csv
        import io

        cells = [c for row in csv.reader(io.StringIO(out.lstrip("\ufeff"))) for c in row]
        return [f"unguarded cell {c!r}" for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]

    def xlsx_guarded(repo: Path, out: str) -> list[str]:
        from openpyxl import load_workbook

        wb = load_workbook(repo / "out.xlsx")
        return [f"formula cell {c.coordinate}={c.value!r}" for ws in wb.worksheets for row in ws.iter_rows() for c in row
                if c.data_type == "f"]  # text that starts like a formula is a string cell: shown, never run

    def csv_dir_guarded(repo: Path, out: str) -> list[str]:
        return [p for f in sorted((repo / "csv").glob("*.csv")) for p in csv_guarded(repo, f.read_text(encoding="utf-8-sig"))]

    out = []
    for i, text in enumerate(FORMULA):
        setup = formula_duty(text)
        out += [Attack("injection", f"matrix-csv-{i}", ["matrix", "--format", "csv"], setup, exits=(0,), check=csv_guarded),
                Attack("injection", f"case-list-csv-{i}", ["case", "list", "--format", "csv"], setup, exits=(0,), check=csv_guarded),
                Attack("injection", f"decisions-csv-{i}", ["decisions", "--format", "csv"], setup, exits=(0,), check=csv_guarded),
                Attack("injection", f"export-csv-{i}", ["export", "--format", "csv", "--out", "{repo}/csv"], setup, exits=(0,),
                       changes=("csv/",), check=csv_dir_guarded),
                Attack("injection", f"export-xlsx-{i}", ["export", "--format", "xlsx", "--out", "{repo}/out.xlsx"], setup, exits=(0,),
                       changes=("out.xlsx",), check=xlsx_guarded)]
    return out


def _terminal_attacks() -> list[Attack]:
    def escape_name(repo: Path) -> None:
        (repo / "data/units" / "x\x1b[2J\x1b]0;pwned\x07y.yaml").write_text("id: [\n", encoding="utf-8")

    def bidi_name(repo: Path) -> None:
        (repo / "data/units" / "x\u202eyy.yaml").write_text("id: [\n", encoding="utf-8")

    def fifo_note(repo: Path) -> None:  # any file of the repository is scanned for children's information
        os.mkfifo(repo / "notes.txt")

    return [Attack("special-other", "fifo-in-privacy-scan", ["privacy", "scan"], fifo_note, exits=(0,), texts=("没有发现",)),
            Attack("terminal", "escape-in-file-name", ["validate"], escape_name, exits=(1,), texts=("\\x1b[2J",)),
            Attack("terminal", "escape-in-file-name-json", ["validate", "--format", "json"], escape_name, exits=(1,), texts=("\\u001b[2J",)),
            Attack("terminal", "escape-in-file-name-github", ["validate", "--format", "github"], escape_name, exits=(1,), texts=("\\x1b",)),
            Attack("terminal", "bidi-in-file-name", ["validate"], bidi_name, exits=(1,), texts=("\\u202e",),
                   check=lambda repo, out: ["a bidi override reached the terminal"] if "\u202e" in out else [])]


def _import_attacks(rng: random.Random) -> list[Attack]:
    """Duty divisions that are not what they claim: import-duties refuses them (exit 2) and writes nothing."""
    def source(name: str, content: bytes) -> Callable[[Path], None]:
        def setup(repo: Path) -> None:
            for p in (repo / "data/units").glob("*.yaml"):
                p.unlink()  # an empty repository to import into
            (repo.parent / name).write_bytes(content)
        return setup

    def fifo_source(repo: Path) -> None:
        for p in (repo / "data/units").glob("*.yaml"):
            p.unlink()
        os.mkfifo(repo.parent / "fifo.txt")

    noise = bytes(rng.randrange(256) for _ in range(20000))
    cases = [("pdf-garbage", "x.pdf", b"%PDF-1.7\n" + noise), ("pdf-truncated", "y.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog"),
             ("docx-garbage", "x.docx", b"PK\x03\x04" + noise), ("html-no-units", "x.html", b"<html><body>" + b"<div>" * 5000 + "样例".encode() + b"</body>"),
             ("text-not-encoded", "x.txt", noise), ("empty", "e.txt", b"")]
    out = [Attack("import", name, ["import-duties", f"{{repo}}/../{file}"], source(file, content), exits=(2,)) for name, file, content in cases]
    out.append(Attack("import", "fifo", ["import-duties", "{repo}/../fifo.txt"], fifo_source, exits=(2,), texts=("命名管道",)))
    return out


def attacks(scale: int = 1, seed: int = 21) -> list[Attack]:
    rng = random.Random(seed)
    found = (_file_attacks(scale, rng) + _command_line_attacks(scale) + _output_attacks() + _template_attacks()
             + _cache_attacks(scale, rng) + _injection_attacks() + _terminal_attacks() + _import_attacks(rng))
    ids = [a.id for a in found]
    assert len(ids) == len(set(ids)), "attack names must be unique"
    return found


def resolve(attack: Attack, repo: Path) -> Attack:
    """``{repo}`` in the arguments: the copy the attack runs in."""
    return Attack(**{**attack.__dict__, "argv": [a.replace("{repo}", str(repo)) for a in attack.argv]})
