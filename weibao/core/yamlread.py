"""Read one data file safely: bytes → text → YAML events → plain values with positions.

Nothing here raises on bad input.  Every problem becomes a :class:`Diagnostic`
with the file's path and, where the problem has one, its line and column.
The tree is built from libyaml's event stream (``yaml.CSafeLoader``), not with
the constructor, so that we can

* reject anchors and aliases (billion-laughs bombs cost nothing to detect),
* report duplicate keys, which PyYAML silently overwrites,
* keep the line and column of every key and value,
* keep dates as ISO text for the schema to check (an impossible date is a
  finding, not a crash).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeAlias

import yaml

from weibao.core.files import DATA_MAX_BYTES
from weibao.diagnostics import Diagnostic, is_control

_Loader: type[yaml.CSafeLoader] | type[yaml.SafeLoader]
try:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader
_Loader_base = _Loader

# what reading and parsing a file may report
READ_CODES = frozenset({"WB002", "WB003", "WB004", "WB012", "WB013", "WB014", "WB005", "WB006", "WB007", "WB008", "WB010",
                        "WB101", "WB102", "WB103", "WB104", "WB105", "WB106", "WB107", "WB108"})
MAX_BYTES = DATA_MAX_BYTES
MAX_DEPTH = 64
MAX_NODES = 500_000

Loc: TypeAlias = tuple[str | int, ...]  # a path into the tree: ("duties", 3, "text")

_STD = "tag:yaml.org,2002:"
_PLAIN_TAGS = {_STD + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_COLLECTION_TAGS = {_STD + "map", _STD + "seq"}

_KEY_KIND = {_STD + "int": "数字", _STD + "float": "数字", _STD + "bool": "真假值", _STD + "null": "空值",
             _STD + "timestamp": "日期"}

_resolver = yaml.resolver.Resolver()
_constructor = yaml.constructor.SafeConstructor()


@dataclass
class Loaded:
    """A parsed file: its data, where each part of it sits, and what went wrong."""

    path: Path
    rel: str
    data: Any = None
    value_marks: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    text: str | None = None  # the decoded file, for line-based checks (privacy)
    lazy_marks: bool = False  # from the parse cache: positions are found again (by parsing) only if a diagnostic needs one

    @property
    def ok(self) -> bool:
        return self.data is not None and not any(d.severity == "error" for d in self.diagnostics)

    def pos(self, loc: Loc, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the value (or key) at ``loc``.

        Falls back to the nearest enclosing node that has a position, so a
        missing field points at the mapping that lacks it.
        """
        if self.lazy_marks and self.text is not None:
            again = Loaded(path=self.path, rel=self.rel)
            parse_into(again, self.text, marks=True)
            self.value_marks, self.key_marks, self.lazy_marks = again.value_marks, again.key_marks, False
        loc = tuple(loc)
        if key and loc in self.key_marks:
            return self.key_marks[loc]
        while True:
            if loc in self.value_marks:
                return self.value_marks[loc]
            if loc in self.key_marks:
                return self.key_marks[loc]
            if not loc:
                return (1, 1)
            loc = loc[:-1]

    def diag(self, code: str, message: str, loc: Loc = (), *, key: bool = False, **kw: Any) -> Diagnostic:
        line, col = self.pos(loc, key=key)
        kw.setdefault("field", format_loc(loc) or None)
        return Diagnostic(code, message, path=self.rel, line=line, column=col, **kw)


def format_loc(loc: Loc) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _mark(m: Any) -> tuple[int, int]:
    return (m.line + 1, m.column + 1)


def read_text(path: Path, rel: str, root: Path | None = None, max_bytes: int = MAX_BYTES) -> tuple[str | None, list[Diagnostic]]:
    """Read a file as UTF-8 text, or explain (in diagnostics) why it cannot be read."""
    diags: list[Diagnostic] = []

    def fail(code: str, msg: str, line: int | None = None, col: int | None = None, hint: str | None = None) -> tuple[None, list[Diagnostic]]:
        diags.append(Diagnostic(code, msg, path=rel, line=line, column=col, hint=hint))
        return None, diags

    from weibao.core.files import FileRefused, read_regular

    try:
        raw = read_regular(path, root, max_bytes)
    except FileRefused as exc:
        return fail(exc.code, exc.message, hint=exc.hint)
    return decode(raw, rel, diags)


def decode(raw: bytes, rel: str, diags: list[Diagnostic] | None = None) -> tuple[str | None, list[Diagnostic]]:
    """The bytes of a data file as text, or the diagnostics that say why they are not UTF-8 text."""
    diags = [] if diags is None else diags

    def fail(code: str, msg: str, line: int | None = None, col: int | None = None, hint: str | None = None) -> tuple[None, list[Diagnostic]]:
        diags.append(Diagnostic(code, msg, path=rel, line=line, column=col, hint=hint))
        return None, diags

    nul = raw.find(b"\x00")
    if nul >= 0:
        line = raw.count(b"\n", 0, nul) + 1
        col = len(raw[raw.rfind(b"\n", 0, nul) + 1 : nul].decode("utf-8", "replace")) + 1
        return fail("WB005", "文件含有二进制内容（NUL 字节），不是文本文件。", line, col, hint="数据文件必须是 UTF-8 文本的 YAML。")
    if raw.startswith(b"\xef\xbb\xbf"):
        diags.append(Diagnostic("WB010", "文件开头带有 UTF-8 BOM。", path=rel, line=1, column=1, hint="用编辑器另存为“UTF-8（无 BOM）”，或运行 weibao fmt。"))
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = len(raw[raw.rfind(b"\n", 0, exc.start) + 1 : exc.start].decode("utf-8", "replace")) + 1
        hint = "请用编辑器把文件另存为 UTF-8 编码。"
        try:
            raw.decode("gb18030")
            hint = "文件看起来是 GBK/GB18030 编码；请用编辑器另存为 UTF-8（例如：iconv -f GB18030 -t UTF-8）。"
        except UnicodeDecodeError:
            pass
        return fail("WB006", f"文件不是 UTF-8 编码（第 {line} 行有无法解码的字节 0x{raw[exc.start]:02X}）。", line, col, hint=hint)
    extra = text.find("\ufeff")
    if extra >= 0:  # a second BOM: YAML drops one at the start of the stream silently, and keeps one elsewhere in a value
        line = text.count("\n", 0, extra) + 1
        return fail("WB014", f"第 {line} 行有多余的 BOM（U+FEFF，看不见的字符）。", line, extra - (text.rfind("\n", 0, extra) + 1) + 1,
                    hint="删除这个字符：用编辑器另存为“UTF-8（无 BOM）”，或在该处删除看不见的字符。")
    return text, diags


def load_file(path: Path, rel: str, root: Path | None = None, max_bytes: int = MAX_BYTES) -> Loaded:
    out = Loaded(path=path, rel=rel)
    text, diags = read_text(path, rel, root, max_bytes)
    out.diagnostics.extend(diags)
    if text is None:
        return out
    parse_into(out, text)
    return out


def parse_text(text: str, rel: str = "<text>") -> Loaded:
    out = Loaded(path=Path(rel), rel=rel)
    parse_into(out, text)
    return out


def _char_at(text: str, line: int | None, col: int | None) -> str:
    if line is None or col is None:
        return ""
    lines = text.split("\n")
    if line - 1 < len(lines) and col - 1 < len(lines[line - 1]):
        return lines[line - 1][col - 1]
    return ""


def _first_tab_indent(text: str, from_line: int = 1) -> tuple[int, int] | None:
    """The first line at or after ``from_line`` indented with a tab (lines counted as the parser counts them)."""
    for i, line in enumerate(text.split("\n"), 1):
        if i < from_line:
            continue
        stripped = line.lstrip(" ")
        if stripped.startswith("\t"):
            return (i, len(line) - len(stripped) + 1)
    return None


def parse_into(out: Loaded, text: str, marks: bool = True) -> None:
    """Parse ``text`` into ``out``.  With ``marks=False`` positions are not recorded (faster, smaller): the
    Loaded is marked lazy and finds them again by parsing once more if a diagnostic asks for one."""
    rel = out.rel
    out.text = text
    out.lazy_marks = not marks

    def fail(code: str, msg: str, line: int | None, col: int | None, hint: str | None = None) -> None:
        out.diagnostics.append(Diagnostic(code, msg, path=rel, line=line, column=col, hint=hint))
        out.data = None

    if not text.strip():
        return fail("WB007", "文件是空的。", 1, 1, hint="请填写内容，或删除该文件。")

    # stack entries: [container, loc, pending_key, pending_key_mark, seen_keys]
    stack: list[list[Any]] = []
    root_holder: list[Any] = []
    parent: list[Any] | None
    docs = 0
    nodes = 0
    try:
        for ev in yaml.parse(text, Loader=_Loader):
            cls = ev.__class__
            if type(ev) is _ScalarEvent and ev.anchor is None and stack:  # the common case, handled first
                parent = stack[-1]
                container = parent[0]
                if container.__class__ is dict and parent[2] is None:
                    pass  # a key: the general path below checks it
                else:
                    nodes += 1
                    if nodes > MAX_NODES:
                        return fail("WB106", f"节点数超过上限 {MAX_NODES}。", *_mark(ev.start_mark))
                    if len(parent[1]) + 1 > MAX_DEPTH:
                        return fail("WB106", f"嵌套层级超过上限 {MAX_DEPTH}。", *_mark(ev.start_mark))
                    m = ev.start_mark
                    assert m is not None  # the parser gives every event its position
                    if marks:
                        loc = parent[1] + ((parent[2],) if container.__class__ is dict else (len(container),))
                        out.value_marks[loc] = (m.line + 1, m.column + 1)
                    value, err = _scalar(ev)
                    if err:
                        return fail("WB107", err, m.line + 1, m.column + 1, hint=_TAG_HINT)
                    if container.__class__ is dict:
                        container[parent[2]] = value
                        parent[2] = None
                    else:
                        container.append(value)
                    continue
            if cls in _SKIP_EVENTS:
                continue
            if isinstance(ev, yaml.DocumentStartEvent):
                docs += 1
                if docs > 1:
                    return fail("WB105", "文件中有第二个 YAML 文档（--- 之后）。", *_mark(ev.start_mark),
                                hint="每个文件只放一条记录；删除多余的 ---，或拆成多个文件。")
                continue
            if isinstance(ev, yaml.AliasEvent):
                return fail("WB104", f"使用了别名 *{ev.anchor}。", *_mark(ev.start_mark), hint="请把内容直接写出来，不要使用锚点和别名。")
            anchor = getattr(ev, "anchor", None)
            if anchor is not None:
                return fail("WB104", f"使用了锚点 &{anchor}。", *_mark(ev.start_mark), hint="请把内容直接写出来，不要使用锚点和别名。")

            nodes += 1
            if nodes > MAX_NODES:
                return fail("WB106", f"节点数超过上限 {MAX_NODES}。", *_mark(ev.start_mark))

            if isinstance(ev, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                frame = stack.pop()
                _attach(frame[0], stack, root_holder)
                continue

            parent = stack[-1] if stack else None
            # A scalar in key position of a mapping.
            if parent is not None and isinstance(parent[0], dict) and parent[2] is None:
                if not isinstance(ev, yaml.ScalarEvent):
                    return fail("WB108", "字段名必须是文本，这里却是列表或映射。", *_mark(ev.start_mark))
                key = ev.value
                if ev.tag not in (None, "!", _STD + "str"):
                    return fail("WB107", f"字段名上不允许使用标签 {ev.tag}。", *_mark(ev.start_mark),
                                hint="删除标签，只写字段名。")
                if ev.tag is None and ev.implicit[0]:
                    resolved = _KEY_TAGS.get(key)
                    if resolved is None:
                        resolved = _resolver.resolve(yaml.ScalarNode, key, (True, False))  # type: ignore[no-untyped-call]  # unannotated in types-PyYAML
                        if len(_KEY_TAGS) < 10_000:
                            _KEY_TAGS[key] = resolved
                    if resolved != _STD + "str" and key != "":
                        return fail("WB108", f"字段名“{key}”会被 YAML 当作{_KEY_KIND.get(resolved, '非文本')}。", *_mark(ev.start_mark),
                                    hint=f"字段名必须是文本；确需使用时请加引号，例如 \"{key}\":。")
                if key in parent[4]:
                    first = parent[4][key]
                    return fail("WB103", f"字段“{key}”重复出现（第一次在第 {first[0]} 行）。", *_mark(ev.start_mark),
                                hint="删除或合并重复的字段；YAML 会让后一个悄悄覆盖前一个。")
                if key == "":
                    return fail("WB108", "字段名为空。", *_mark(ev.start_mark))
                parent[2] = key
                parent[3] = _mark(ev.start_mark)
                parent[4][key] = parent[3]
                if marks:
                    out.key_marks[parent[1] + (key,)] = parent[3]
                continue

            loc = _child_loc(parent)
            if len(loc) > MAX_DEPTH:
                return fail("WB106", f"嵌套层级超过上限 {MAX_DEPTH}。", *_mark(ev.start_mark))
            if marks:
                out.value_marks[loc] = _mark(ev.start_mark)

            if isinstance(ev, yaml.ScalarEvent):
                value, err = _scalar(ev)
                if err:
                    return fail("WB107", err, *_mark(ev.start_mark), hint=_TAG_HINT)
                _attach(value, stack, root_holder)
            elif isinstance(ev, yaml.MappingStartEvent):
                if ev.tag not in (None, "!", _STD + "map"):
                    return fail("WB107", f"不支持的标签 {ev.tag}。", *_mark(ev.start_mark), hint=_TAG_HINT)
                stack.append([{}, loc, None, None, {}])
            elif isinstance(ev, yaml.SequenceStartEvent):
                if ev.tag not in (None, "!", _STD + "seq"):
                    return fail("WB107", f"不支持的标签 {ev.tag}。", *_mark(ev.start_mark), hint=_TAG_HINT)
                stack.append([[], loc, None, None, None])
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark is not None and exc.context and "quoted scalar" in exc.context:
            mark = exc.context_mark
        line, col = _mark(mark) if mark else (None, None)
        problem = exc.problem or str(exc)
        if _char_at(text, line, col) == "\t" or "'\\t'" in problem:
            if _char_at(text, line, col) != "\t":  # the parser stopped past the tab: the first tab indent from there
                tab = _first_tab_indent(text, line or 1) or _first_tab_indent(text)
                if tab:
                    line, col = tab
            return fail("WB102", "使用了制表符（Tab）缩进。", line, col, hint="YAML 只能用空格缩进；请把 Tab 替换为空格（建议 2 个）。")
        if "nesting depth" in problem:  # PyYAML 6.0.3+ stops deep nesting in its scanner, before our own count does
            return fail("WB106", f"嵌套层级超过上限 {MAX_DEPTH}。", line, col)
        return fail("WB101", f"YAML 语法错误：{_zh_problem(problem)}", line, col, hint=_syntax_hint(problem))
    except yaml.reader.ReaderError as exc:  # control characters and the like
        # libyaml counts bytes of the UTF-8 encoding; the pure-Python reader counts characters.
        pos = exc.position
        if _Loader is not yaml.SafeLoader:
            pos = len(text.encode("utf-8")[:pos].decode("utf-8", "ignore"))
        line, col = _line_col(text, pos)
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        return fail("WB101", f"YAML 语法错误：出现了不允许的控制字符 U+{ord(char):04X}。", line, col,
                    hint="删除该字符（常见于从网页或其他软件复制的文本）。")
    except yaml.YAMLError as exc:
        return fail("WB101", f"YAML 无法读取：{exc}", None, None)
    except UnicodeError:
        return fail("WB006", "文本中有无法编码为 UTF-8 的字符。", None, None)

    if not root_holder:
        return fail("WB007", "文件中只有注释，没有内容。", 1, 1, hint="请填写内容，或删除该文件。")
    out.data = root_holder[0]
    if out.data is None:
        return fail("WB007", "文件内容为空值。", 1, 1, hint="请填写内容，或删除该文件。")
    if "\\" in text or "\x85" in text:  # a control character can only come from an escape ("\e", "\x1b") or NEL
        _control_characters(out, text)


def _control_characters(out: Loaded, text: str) -> None:
    """WB013 for a text value holding a control character: an escape sequence in a name or duty reaches the clerk's
    terminal (``"旗公安局\\e[2J"`` cleared the screen of whoever ran ``weibao unit``) and every document."""
    for ev in yaml.parse(text, Loader=_Loader):
        if isinstance(ev, yaml.ScalarEvent) and any(is_control(ch) for ch in ev.value):
            at = next(i for i, ch in enumerate(ev.value) if is_control(ch))
            line, col = _mark(ev.start_mark)
            out.diagnostics.append(Diagnostic(
                "WB013", f"文字的第 {at + 1} 个字符是控制字符 U+{ord(ev.value[at]):04X}（前面是“{ev.value[max(0, at - 10):at]}”）。",
                path=out.rel, line=line, column=col, hint="删除这个字符；转义写法（\\e、\\x1b、\\a 等）不能用在数据里。"))


_TAG_HINT = "数据文件只能使用文本、数字、日期、真假值和空值，不要写 !! 开头的标签。"


def _line_col(text: str, position: int) -> tuple[int, int]:
    before = text[:position]
    line = before.count("\n") + 1
    return line, position - (before.rfind("\n") + 1) + 1


def _child_loc(parent: list[Any] | None) -> Loc:
    if parent is None:
        return ()
    container = parent[0]
    loc: Loc = parent[1]
    if isinstance(container, dict):
        return loc + (parent[2],)
    return loc + (len(container),)


def _attach(value: Any, stack: list[list[Any]], root_holder: list[Any]) -> None:
    if not stack:
        root_holder.append(value)
        return
    parent = stack[-1]
    if isinstance(parent[0], dict):
        parent[0][parent[2]] = value
        parent[2] = None
    else:
        parent[0].append(value)


_KEY_TAGS: dict[str, str] = {}  # field names repeat in every file: resolve each once
_ScalarEvent = yaml.ScalarEvent
_SKIP_EVENTS = (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)
# a plain scalar starting with none of these characters can only be text (YAML 1.1 implicit types start with them)
_IMPLICIT_START = frozenset("0123456789+-.~:nNtTfFyYoO<=")


def _scalar(ev: Any) -> tuple[Any, str | None]:
    tag = ev.tag
    if tag is None and (ev.style or (ev.value and ev.value[0] not in _IMPLICIT_START)):
        return ev.value, None  # quoted or block text, or plain text that no implicit type can start with
    if tag in (None, "!"):
        tag = _resolver.resolve(yaml.ScalarNode, ev.value, ev.implicit)  # type: ignore[no-untyped-call]  # unannotated in types-PyYAML
    if tag not in _PLAIN_TAGS:
        return None, f"不支持的标签 {tag}。"
    if tag == _STD + "str" or tag == _STD + "timestamp":
        return ev.value, None  # dates stay ISO text; the schema checks them
    node = yaml.ScalarNode(tag, ev.value, ev.start_mark, ev.end_mark, ev.style)
    try:
        if tag == _STD + "int":
            return _constructor.construct_yaml_int(node), None
        if tag == _STD + "float":
            return _constructor.construct_yaml_float(node), None
        if tag == _STD + "bool":
            return _constructor.construct_yaml_bool(node), None
        return None, None
    except Exception:  # an explicit tag whose value does not fit (!!bool maybe, !!int with no value)
        return None, f"值“{ev.value}”与标签 {tag.replace(_STD, '!!')} 不符。"


_PROBLEMS = [
    ("mapping values are not allowed", "此处不能出现“键: 值”（常见原因：冒号后缺空格、缩进不一致或文本中含“: ”未加引号）"),
    ("could not find expected ':'", "缺少冒号“:”"),
    ("did not find expected key", "没有找到预期的字段名（常见原因：缩进不一致）"),
    ("did not find expected '-' indicator", "列表项缺少“- ”（常见原因：缩进不一致）"),
    ("found unexpected end of stream", "文件意外结束（引号或括号没有闭合）"),
    ("found undefined alias", "引用了未定义的别名"),
    ("found character that cannot start any token", "出现了不能作为内容开头的字符"),
    ("expected <block end>, but found", "缩进不一致"),
    ("found unexpected ':'", "出现了多余的冒号"),
    ("while scanning a quoted scalar", "引号没有闭合"),
    ("found unknown escape character", "双引号中出现了未知的转义字符"),
    ("expected ',' or ']'", "方括号列表没有正确闭合"),
    ("expected ',' or '}'", "花括号映射没有正确闭合"),
    ("special characters are not allowed", "出现了不允许的控制字符"),
    ("did not find expected <document start>", "顶层结构之后出现了多余的内容（常见原因：缩进不一致）"),
    ("did not find expected node content", "缺少内容（常见原因：多余的“-”或“,”）"),
    ("found a tab character", "出现了制表符（Tab）"),
    ("could not find expected", "缺少预期的符号"),
    ("did not find URI escaped octet", "标签中有非法的转义"),
    ("found duplicate anchor", "锚点重复"),
]


def _zh_problem(problem: str) -> str:
    for en, zh in _PROBLEMS:
        if en in problem:
            return zh
    return problem


def _syntax_hint(problem: str) -> str:
    if "mapping values" in problem:
        return "检查该行的缩进；若文本中含有“: ”，请给整段文本加引号或改用“|-”块文本。"
    if "quoted" in problem or "end of stream" in problem:
        return "检查引号、括号是否成对。"
    return "对照上下文检查缩进和标点（YAML 的冒号、短横线后面要有空格）。"


# -- plain data without positions (diffs and history need no marks) ------------------------------------------

_PLAIN = None
_ANCHOR = re.compile(r"(?:^|[\s\[{,:-])[&*][^\s,\]}]")


def parse_plain(text: str, rel: str = "<text>") -> Any:
    """Plain data of a file version (libyaml, dates kept as ISO text like :func:`parse_into`); None if unreadable.

    Skips the position tracking of :func:`parse_into`: about 10× faster on long histories.  Text with anchors,
    aliases or tags goes through the checking parser, which refuses them."""
    global _PLAIN
    if _PLAIN is None:
        class _Loader(_Loader_base):  # type: ignore[misc,valid-type]
            pass

        _Loader.yaml_implicit_resolvers = {
            k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"] for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
        }
        _PLAIN = _Loader
    if _ANCHOR.search(text) or "!" in text:
        loaded = parse_text(text, rel)
        return loaded.data if loaded.ok else None
    try:
        return yaml.load(text, Loader=_PLAIN)  # noqa: S506 - a safe loader
    except yaml.YAMLError:
        return None
