"""Property tests: the loader and validator never raise, whatever the input.

(a) Real data files, randomly mutated character by character, through
    ``parse_text`` and ``schema.check``.
(b) Random bytes written into a copied repository, through ``validate``.

Every diagnostic must carry a known code, the file's path, and a line that is
either None or within the text.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT, run_validate
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from weibao.core.modelcheck import check
from weibao.core.yamlread import parse_text
from weibao.diagnostics import CODES
from weibao.model import Office, Unit

ALPHABET = [":", "-", " ", "\t", "\n", "#", "&", "*", "!", '"', "'", "[", "{", "中", "：", "]", "}", ",", "?", "|", ">", "%", "@", "`", "a", "0"]

SOURCES = {
    "data/units/gongan.yaml": Unit,
    "data/office.yaml": Office,
}
TEXTS = {rel: (ROOT / rel).read_text(encoding="utf-8") for rel in SOURCES}


@st.composite
def mutated(draw, rel: str) -> str:
    """The real text of ``rel`` after 1–8 random deletions, insertions and replacements."""
    text = TEXTS[rel]
    chars = st.sampled_from(ALPHABET)
    for _ in range(draw(st.integers(1, 8))):
        op = draw(st.sampled_from(["delete", "insert", "replace", "insert-run", "delete-line"]))
        pos = draw(st.integers(0, max(len(text) - 1, 0)))
        if op == "delete":
            text = text[:pos] + text[pos + 1 :]
        elif op == "insert":
            text = text[:pos] + draw(chars) + text[pos:]
        elif op == "replace":
            text = text[:pos] + draw(chars) + text[pos + 1 :]
        elif op == "insert-run":
            text = text[:pos] + "".join(draw(st.lists(chars, min_size=2, max_size=6))) + text[pos:]
        else:  # delete the whole line around pos
            start = text.rfind("\n", 0, pos) + 1
            end = text.find("\n", pos)
            text = text[:start] + (text[end + 1 :] if end >= 0 else "")
    return text


def assert_sane(diags, rel: str, text: str) -> None:
    # libyaml puts "end of stream" one line past a last line that lacks its newline ("[" → line 2)
    max_line = text.count("\n") + 1 + (not text.endswith("\n"))
    for d in diags:
        assert d.code in CODES, d
        assert d.severity == CODES[d.code].severity, d
        assert d.path == rel, d
        assert d.line is None or 1 <= d.line <= max_line, (d, max_line)
        assert d.column is None or d.column >= 1, d
        assert d.message, d


def parse_and_check(rel: str, text: str) -> None:
    loaded = parse_text(text, rel)
    assert_sane(loaded.diagnostics, rel, text)
    if any(d.severity == "error" for d in loaded.diagnostics):
        assert loaded.data is None
    if loaded.data is not None:
        model, diags = check(loaded, SOURCES[rel])
        assert_sane(diags, rel, text)
        assert (model is None) == bool(diags)


@pytest.mark.parametrize("rel", list(SOURCES))
def test_unmutated_sources_are_clean(rel):
    loaded = parse_text(TEXTS[rel], rel)
    assert loaded.diagnostics == []
    model, diags = check(loaded, SOURCES[rel])
    assert diags == [] and model is not None


@settings(max_examples=200, deadline=None)
@given(text=mutated("data/units/gongan.yaml"))
def test_mutated_unit_never_raises(text):
    parse_and_check("data/units/gongan.yaml", text)


@settings(max_examples=200, deadline=None)
@given(text=mutated("data/office.yaml"))
def test_mutated_office_never_raises(text):
    parse_and_check("data/office.yaml", text)


@settings(max_examples=200, deadline=None)
@given(text=st.lists(st.sampled_from(ALPHABET + ["id", "duties", "\n  - ", "2022-02-30", "~", "null", "!!str"]), max_size=60).map("".join))
def test_random_text_never_raises(text):
    loaded = parse_text(text, "data/units/x.yaml")
    assert_sane(loaded.diagnostics, "data/units/x.yaml", text)
    if loaded.data is not None:
        _, diags = check(loaded, Unit)
        assert_sane(diags, "data/units/x.yaml", text)


# --------------------------------------------------- random bytes on disk

TARGETS = ["data/units/gongan.yaml", "data/office.yaml", "data/weibao.yaml", "data/meetings/2024/m1.yaml"]


@pytest.fixture(scope="module")
def fuzz_repo(tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("fuzz") / "repo"
    shutil.copytree(ROOT / "data", dest / "data")
    (dest / "data/meetings/2024").mkdir(parents=True)
    return dest


random_bytes = st.one_of(
    st.binary(max_size=2048),
    # real YAML with random bytes spliced in: gets past the reader more often
    st.tuples(st.sampled_from(list(TEXTS.values())), st.integers(0, 4000), st.binary(min_size=1, max_size=16)).map(
        lambda t: (lambda raw, pos, junk: raw[:pos] + junk + raw[pos:])(t[0].encode("utf-8"), t[1], t[2])
    ),
)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(target=st.sampled_from(TARGETS), content=random_bytes)
def test_random_bytes_never_crash_validate(fuzz_repo, target, content):
    path = fuzz_repo / target
    original = path.read_bytes() if path.exists() else None
    try:
        path.write_bytes(content)
        diags = run_validate(fuzz_repo)
        for d in diags:
            assert d.code in CODES, d
            assert d.line is None or d.line >= 1, d
            assert d.column is None or d.column >= 1, d
    finally:
        if original is None:
            path.unlink()
        else:
            path.write_bytes(original)


def test_fixed_lone_surrogate_in_parse_text():
    loaded = parse_text("id: a\ud800\n", "x.yaml")
    assert loaded.diagnostics
