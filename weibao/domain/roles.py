"""The role a member unit has for a duty: 牵头 (lead) or 配合 (support) — decided here and nowhere else.

validate (stored roles must agree), import-duties (writes the role), who (the role for the matter asked about),
matrix, report and export all call these functions.  The rule, table-driven by the repository's ``role_words``
(data/weibao.yaml; defaults in model/settings.py):

1. A duty text is split into clauses at ，；。：！？ (and their ASCII forms).  Words listed in ``exclude``
   (负责人, 社会支持 …) are masked first: they contain a role word but do not state a role.
2. A clause's role is given by the earliest role word in it: a ``lead`` word (牵头, 负责, 督促指导, 会同) makes
   it lead, a ``support`` word (配合, 协助, 支持) support.  A clause with no role word is the unit's own duty:
   lead.  (会同 is a lead word: in official texts “A会同B做某事” makes A the one in charge.)
3. A duty item leads when any of its clauses leads; otherwise it supports.  The basis is the word that decided:
   the first lead word of a leading item (none when the lead comes from a clause without a role word), the first
   support word of a supporting one.
4. A task whose units are assigned in brackets (（县妇儿工委牵头，县民政局配合）, kept as the item's
   ``assignment``) gives each unit the role of the bracket clause that names it.

See docs/roles.md for the sentences this is tested on.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable

LEAD, SUPPORT = "lead", "support"
ROLE_ZH = {LEAD: "牵头", SUPPORT: "配合"}
CLAUSE_END = "，；。：！？,;:!?\n"


@dataclass(frozen=True)
class RoleTable:
    """The role words of a repository (``settings.role_words``), as tuples."""

    lead: tuple[str, ...]
    support: tuple[str, ...]
    exclude: tuple[str, ...] = ()

    @classmethod
    def of(cls, words: Any) -> RoleTable:
        """From the settings model, a plain dict (the who index), or a RoleTable."""
        if isinstance(words, RoleTable):
            return words
        get = words.get if isinstance(words, dict) else lambda k, d=None: getattr(words, k, d)
        return _table(tuple(get("lead") or ()), tuple(get("support") or ()), tuple(get("exclude") or ()))


@lru_cache(maxsize=64)
def _table(lead: tuple[str, ...], support: tuple[str, ...], exclude: tuple[str, ...]) -> RoleTable:
    return RoleTable(lead, support, exclude)


@dataclass(frozen=True)
class Clause:
    start: int
    end: int
    role: str
    word: str | None  # the role word that decided; None: no role word (the unit's own duty)


def clauses(text: str, words: Any) -> list[Clause]:
    """The clauses of ``text`` with their roles (see the module docstring)."""
    return list(_clauses(text, RoleTable.of(words)))


@lru_cache(maxsize=4096)
def _clauses(text: str, table: RoleTable) -> tuple[Clause, ...]:
    masked = text
    for ex in sorted(table.exclude, key=len, reverse=True):
        masked = masked.replace(ex, "\0" * len(ex))
    out = []
    start = 0
    for i, ch in enumerate(masked + "\n"):
        if ch not in CLAUSE_END and i < len(masked):
            continue
        if i > start and masked[start:i].strip("\0 \u3000"):
            out.append(_clause(masked, start, i, table))
        start = i + 1
    if not out:
        out.append(Clause(0, len(text), LEAD, None))
    return tuple(out)


def _clause(masked: str, start: int, end: int, table: RoleTable) -> Clause:
    part = masked[start:end]
    hits = [(part.find(w), -len(w), role, w) for role, vocab in ((LEAD, table.lead), (SUPPORT, table.support)) for w in vocab if w and w in part]
    if not hits:
        return Clause(start, end, LEAD, None)
    _pos, _len, role, word = min(hits)
    return Clause(start, end, role, word)


def item_role(text: str, words: Any, *, assignment: str | None = None, names: Iterable[str] = ()) -> tuple[str, str | None]:
    """(role, basis) of a duty item for its unit.  ``assignment`` and ``names`` (the unit's names) for a task whose
    units are assigned in brackets."""
    if assignment:
        found = assigned_role(assignment, words, names)
        if found is not None:
            return found
    cl = clauses(text, words)
    leading = [c for c in cl if c.role == LEAD]
    if leading:
        return LEAD, next((c.word for c in leading if c.word), None)
    return SUPPORT, cl[0].word


def assigned_role(assignment: str, words: Any, names: Iterable[str]) -> tuple[str, str | None] | None:
    """The role a bracket assignment (县妇儿工委牵头，县民政局、县教育局配合) gives the unit called by one of ``names``;
    None when no clause names it."""
    names = [n for n in names if n]
    t = RoleTable.of(words)
    table = RoleTable(t.lead + tuple(w for w, r in BRACKET_WORDS.items() if r == LEAD),
                      t.support + tuple(w for w, r in BRACKET_WORDS.items() if r == SUPPORT), t.exclude)
    for c in _clauses(assignment, table):
        part = assignment[c.start : c.end]
        if any(n in part for n in names):
            return c.role, c.word
    return None


def role_at(text: str, pos: int, words: Any) -> tuple[str, str | None]:
    """(role, word) of the clause of ``text`` that holds position ``pos``."""
    for c in clauses(text, words):
        if c.start <= pos <= c.end:
            return c.role, c.word
    return LEAD, None


def phrase_role(text: str, phrase: str, words: Any, *, assignment: str | None = None,
                names: Iterable[str] = ()) -> tuple[str | None, str | None]:
    """The role the item gives its unit for the matter ``phrase`` (where it first stands); (None, None) when the
    phrase is not in the text.  An assigned task has one role for all of it."""
    pos = text.find(phrase)
    if pos < 0:
        return None, None
    if assignment:
        found = assigned_role(assignment, words, names)
        if found is not None:
            return found
    return role_at(text, pos, words)


# the role words of a task's bracket in a task list (（A牵头，B配合） / （A、B按照职责分工负责）): the importer's table
BRACKET_WORDS = {"按照职责分工负责": LEAD, "按职责分工负责": LEAD, "分别负责": LEAD, "共同负责": LEAD, "牵头负责": LEAD,
                 "牵头": LEAD, "负责": LEAD, "配合": SUPPORT, "协助": SUPPORT, "参与": SUPPORT}
