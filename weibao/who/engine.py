"""Rank member units by how well their duty items answer a question.

1. normalise the question; find glossary words in it (everyday → official terms, transitively);
2. drop question fluff (哪个部门, 归谁管 …) and the glossary words themselves;
3. score every duty item with BM25 over character bigrams of what is left plus the
   official terms, and add a bonus for each whole official term or long literal
   phrase found verbatim in the item;
4. a unit's score is its best item plus a little of its next two (a unit whose
   several items speak to the matter outranks one with a single passing mention);
   a lead item counts a little more than a supporting one;
5. the 问答库 of answered questions (data/questions/) votes: a linear classifier
   learned from all of them (classifier.py) scores every unit, or, without one, the
   answered questions most like this one vote for their units (examples.py); the
   final score is the duty-text score scaled to the best one plus ``classifier.WEIGHT``
   (``examples.WEIGHT``) times the vote scaled to the best vote.  The units recorded
   for the same question come first.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field
from typing import Any

from weibao.domain.roles import LEAD, SUPPORT, phrase_role
from weibao.domain.text import bigrams, normalize, segments, spans

K1 = 1.2
B = 0.75
BM25_WEIGHT = 0.15
CONCEPT_POWER = 2.0
LITERAL_MIN = 2
SHORT_LITERAL = 0.5  # weight of a two-character literal run (often a fragment, not a word)
LITERAL_LENGTH = 0.3  # longer verbatim runs of the question are stronger evidence
# how strongly the clause where a matter stands ties the unit to it, by the clause's role (domain/roles.py)
CLAUSE_ROLE_FACTOR = {LEAD: 1.1, SUPPORT: 0.7}
OWN_DUTY = 1.0  # a clause without a role word: the unit's own duty
# single characters that never carry the matter of a question: split literal runs there
FUNCTION_CHARS = "的了吗呢吧啊呀么嘛哦呗俺咱您他她它谁啥咋怎"
# a lead word that shares the matter with others (会同 = in charge, together with)
SHARED_LEAD = {"会同": 0.95}
SECONDARY_TERM = 0.8  # an item matching only a later term of a glossary entry (terms are listed by preference)
SECOND, THIRD = 0.3, 0.1
ITEM_SHOW = 0.35
MENTION_BOOST = 1.2  # the question names the unit (公安局, 法院 …)
MENTION_OTHER = 0.7  # …but as the asker's own unit (我们检察院) or as one that declined (他们说找别的部门)
MENTION_CROWD = 3  # a question naming this many units asks about them (衔接, 统筹), not one of them
MIN_RELATIVE = 0.1
FOCUS = 1.3  # a concept in the clause that asks (…应该向哪个部门报案) is the matter; the rest is often context
COVER_SHARE = 0.5  # a concept this strong (vs the strongest) gets its best unit into the top ranks
MATTER_MIN = 4  # characters a clause needs (question fluff removed) to be asked about on its own (two matters)
MATTER_PLACE = 2  # a unit leading another clause's matter is moved up to this place (0-based) at the latest
URGENT_MIN = -0.6  # the learned value from which a question that talks about a child counts as an urgent case (chosen
# on urgent_dev3.yaml with the model learned from the two earlier sets: 78 % recognised, words alone 49 %; 5 % of calm
# questions alarmed, words alone 0 %)
NOT_URGENT = ""  # the urgent model's class of questions that are no urgent case
_MATTER_SPLIT = re.compile(r"[，。；：！？,;:!?\n]|还有|而且|并且|另外|同时")


@dataclass
class Fired:
    words: list[str]
    terms: list[str]


@dataclass
class Query:
    text: str
    cleaned: str
    fired: list[Fired] = field(default_factory=list)
    expansions: list[str] = field(default_factory=list)
    literals: list[str] = field(default_factory=list)
    focus: str = ""  # the clause holding the question word (找谁, 哪个部门 …), if any
    weights: dict[str, float] = field(default_factory=dict)
    similar: list[tuple[int, float]] = field(default_factory=list)  # (answered question, cosine), best first
    same: list[int] = field(default_factory=list)  # answered questions that are this question (examples.same_key)
    urgent: list[dict[str, Any]] = field(default_factory=list)  # the glossary's urgent cases the question describes
    office: list[dict[str, Any]] = field(default_factory=list)  # the office's rules the question asks about

    @property
    def terms(self) -> list[str]:
        out: list[str] = []
        for t in self.literals + [w for f in self.fired for w in f.words] + self.expansions:
            if t not in out:
                out.append(t)
        return out


def analyse(index: dict[str, Any], question: str, baseline: bool = False) -> Query:
    q = normalize(question)
    query = Query(text=question, cleaned=q)
    if baseline:
        for seg in segments(q):
            for g in bigrams(seg):
                query.weights[g] = query.weights.get(g, 0.0) + 1.0
        return query
    glossary = index["glossary"]
    by_word: dict[str, dict] = {}
    for e in glossary["entries"]:
        for w in e["words"]:
            by_word.setdefault(normalize(w), e)
    # glossary words present in the question, longest first, without overlaps
    taken = [False] * len(q)
    found: list[dict] = []
    for w in sorted(by_word, key=len, reverse=True):
        start = q.find(w)
        while start >= 0:
            if not any(taken[start : start + len(w)]):
                for i in range(start, start + len(w)):
                    taken[i] = True
                if by_word[w] not in found:
                    found.append(by_word[w])
                    query.fired.append(Fired(words=[w], terms=list(by_word[w]["terms"])))
                else:
                    next(f for f in query.fired if f.terms == list(by_word[w]["terms"])).words.append(w)
            start = q.find(w, start + 1)
    # transitive expansion (validate forbids cycles; guard anyway)
    queue = [t for f in query.fired for t in f.terms]
    while queue:
        t = queue.pop(0)
        if t in query.expansions:
            continue
        query.expansions.append(t)
        nt = normalize(t)
        if nt in by_word:
            queue.extend(x for x in by_word[nt]["terms"] if x not in query.expansions)
    corpus = index.setdefault("_corpus", "\n".join(d["text"] for u in index["units"] for d in u["duties"]))
    # everyday words are masked; words that are themselves official (in the duty texts) stay for literal matching
    keep = [False] * len(q)
    for f in query.fired:
        for w in f.words:
            if w in corpus:
                start = q.find(w)
                while start >= 0:
                    for i in range(start, start + len(w)):
                        keep[i] = True
                    start = q.find(w, start + 1)
    rest = "".join(" " if taken[i] and not keep[i] else ch for i, ch in enumerate(q))
    for phrase in sorted((normalize(x) for x in glossary["fluff"]), key=len, reverse=True):
        rest = rest.replace(phrase, " ")
    for ch in FUNCTION_CHARS:
        rest = rest.replace(ch, " ")
    query.cleaned = rest
    query.focus = _focus_clause(q, glossary["fluff"])
    fired_words = [w for f in query.fired for w in f.words]
    for seg in segments(rest):
        for g in bigrams(seg):
            query.weights[g] = query.weights.get(g, 0.0) + 1.0
        # a run inside a fired glossary word is already that word's concept
        query.literals.extend(r for r in _literal_runs(seg, corpus) if not any(r in w for w in fired_words))
    for t in query.expansions:
        for seg in segments(t):
            for g in bigrams(seg):
                query.weights[g] = query.weights.get(g, 0.0) + 1.0
    return query


_CLAUSE_SPLIT = "，。；：！？,;:!?\n"


def _focus_clause(q: str, fluff: list[str]) -> str:
    """The last clause of the question that holds a question word (a fluff phrase with 谁 or 哪)."""
    markers = [normalize(f) for f in fluff if "谁" in f or "哪" in f]
    clauses, cur = [], ""
    for ch in q:
        if ch in _CLAUSE_SPLIT:
            clauses.append(cur)
            cur = ""
        else:
            cur += ch
    clauses.append(cur)
    asking = [c for c in clauses if any(m in c for m in markers)]
    return asking[-1] if asking else ""


def _literal_runs(seg: str, corpus: str) -> list[str]:
    """Greedy longest pieces of the segment (2+ characters) that occur verbatim in the duty texts."""
    out, i = [], 0
    while i < len(seg) - 1:
        j = len(seg)
        while j > i + 1 and seg[i:j] not in corpus:
            j -= 1
        if j > i + 1:
            out.append(seg[i:j])
            i = j
        else:
            i += 1
    return out


def _phrase_idf(index: dict[str, Any], phrase: str) -> float:
    cache = index.setdefault("_phrase_df", {})
    if phrase not in cache:
        cache[phrase] = sum(1 for u in index["units"] for d in u["duties"] if phrase in d["text"])
    n = len(index["items"])
    df = cache[phrase]
    return math.log(1 + (n - df + 0.5) / (df + 0.5)) if df else 0.0


@dataclass
class ItemHit:
    unit: int
    duty: int
    score: float
    phrases: list[str]
    roles: list[str | None] = field(default_factory=list)
    concepts: dict[int, float] = field(default_factory=dict)  # concept index → contribution


def concepts(index: dict[str, Any], query: Query) -> list[tuple[list[str], float]]:
    """The question's concepts with their weights.

    Each fired glossary entry is one concept (its official terms); its weight is
    the specificity (idf) of its most common term, so that a broad everyday word
    does not borrow the weight of a narrow expansion.  Each literal run of the
    question found in the duty texts is a concept too (two-character runs count
    half: they are often fragments).
    """
    out = []
    for f in query.fired:
        terms = list(dict.fromkeys(f.terms))
        idfs = [_phrase_idf(index, t) for t in terms]
        present = [x for x in idfs if x > 0]
        if present:
            focus = FOCUS if any(w in query.focus for w in f.words) else 1.0
            out.append((terms, focus * min(present) ** CONCEPT_POWER))
    for x in dict.fromkeys(query.literals):
        if len(x) >= LITERAL_MIN:
            w = _phrase_idf(index, x) ** CONCEPT_POWER * (FOCUS if x in query.focus else 1.0)
            out.append(([x], w * (SHORT_LITERAL if len(x) == 2 else 1.0 + LITERAL_LENGTH * math.log(len(x) / 3))))
    return out


def clause_role(index: dict[str, Any], unit: dict[str, Any], duty: dict[str, Any], phrase: str) -> tuple[str | None, str | None]:
    """The role the duty gives the unit for the clause where ``phrase`` stands (domain/roles.py decides)."""
    names = [unit["name"], unit.get("heading"), *(unit.get("aliases") or [])]
    return phrase_role(duty["text"], phrase, index["role_words"], assignment=duty.get("assignment"), names=[n for n in names if n])


def clause_factor(role: str | None, word: str | None) -> float:
    if word in SHARED_LEAD:
        return SHARED_LEAD[word]
    if role == LEAD and word is None:
        return OWN_DUTY
    return CLAUSE_ROLE_FACTOR.get(role or LEAD, OWN_DUTY)


def score_items(index: dict[str, Any], query: Query, baseline: bool = False) -> list[ItemHit]:
    idf = index["idf"]
    avgdl = index["avgdl"] or 1.0
    cons = [] if baseline else concepts(index, query)
    bm25_w = 1.0 if baseline else BM25_WEIGHT
    hits = []
    for it in index["items"]:
        tf = it["tf"]
        norm = K1 * (1 - B + B * it["len"] / avgdl)
        s = 0.0
        for g, w in query.weights.items():
            f = tf.get(g)
            if f:
                s += bm25_w * w * idf[g] * f * (K1 + 1) / (f + norm)
        matched = []
        roles = []
        if cons:
            unit = index["units"][it["u"]]
            duty = unit["duties"][it["d"]]
            text = duty["text"]
            per: dict[int, float] = {}
            for ci, (phrases, weight) in enumerate(cons):
                found = [p for p in phrases if p in text]
                if found:
                    role, word = clause_role(index, unit, duty, found[0])
                    primary = 1.0 if found[0] == phrases[0] else SECONDARY_TERM
                    per[ci] = weight * primary * clause_factor(role, word)
                    s += per[ci]
                    matched.extend(found)
                    roles.append(role)
        if s > 0:
            hits.append(ItemHit(it["u"], it["d"], s, matched, roles, per if cons else {}))
    return hits


@dataclass
class UnitResult:
    unit: dict[str, Any]
    score: float
    role: str
    items: list[ItemHit]
    ui: int = -1
    text_score: float = 0.0  # from the duty texts alone
    vote: float = 0.0  # from similar answered questions
    examples: list[tuple[int, float]] = field(default_factory=list)  # the answered questions that voted for it
    urgent: str | None = None  # the urgent case (its id) for which this unit leads by law
    office: list[dict[str, Any]] = field(default_factory=list)  # the office's rules it answers for (it hosts the office)


QUESTION_MAX = 2000  # characters: a caller's question, not a document (100,000 random characters took minutes)


def check_question(text: str) -> str:
    """The question, stripped, or a UsageError when it is empty or longer than QUESTION_MAX characters."""
    from weibao.errors import UsageError

    text = text.strip()
    if not text:
        raise UsageError("问题是空的。", hint="例如：weibao who 孩子被人贩子拐走了")
    if len(text) > QUESTION_MAX:
        raise UsageError(f"问题有 {len(text)} 个字，超过上限 {QUESTION_MAX} 字。",
                         hint="用一两句话说清是什么事、涉及什么人即可；整份材料请交给办公室人工分办。")
    return text


def rank(index: dict[str, Any], question: str, top: int = 5, baseline: bool = False,
         exclude: set[int] | frozenset[int] = frozenset(), matters: bool = True) -> tuple[Query, list[UnitResult]]:
    """The units that answer ``question``, best first (``exclude``: answered questions not to consult, for evaluation)."""
    query = analyse(index, question, baseline)
    query_norm = normalize(question)
    mentions = {} if baseline else mention_factors(index, query_norm)
    per_unit: dict[int, list[ItemHit]] = {}
    for h in score_items(index, query, baseline):
        per_unit.setdefault(h.unit, []).append(h)
    results = []
    for ui, hits in per_unit.items():
        hits.sort(key=lambda h: -h.score)
        s = hits[0].score
        if not baseline:
            s += SECOND * (hits[1].score if len(hits) > 1 else 0) + THIRD * (hits[2].score if len(hits) > 2 else 0)
        unit = index["units"][ui]
        if not baseline:
            s *= mentions.get(ui, 1.0)
        shown = [h for h in hits if h.score >= ITEM_SHOW * hits[0].score][:3]
        role = _unit_role(unit, shown[0])
        results.append(UnitResult(unit, s, role, shown, ui, text_score=s))
    results.sort(key=lambda r: (-r.score, r.unit["order"]))
    if results and not baseline:
        results = [r for r in results if r.score >= MIN_RELATIVE * results[0].score]
        results = _cover_concepts(results, per_unit)
    if not baseline:
        results = _blend(index, query, results, exclude)
        if matters:
            results = _other_matters(index, question, results, exclude)
        query.office = office_clauses(index, question)
        results = _with_office(index, query.office, results)
        query.urgent = urgent_cases(index, question)
        return query, _with_urgent(index, query.urgent, results[:top] if top else results)
    return query, results[:top] if top else results


def urgent_cases(index: dict[str, Any], question: str) -> list[dict[str, Any]]:
    """The urgent cases of the glossary (殴打虐待, 性侵害, 拐卖走失 …) that ``question`` describes: one of a case's
    words in it — or, when none is, the case the model learned from the example questions finds (``_learned_case``) —
    and, when the glossary lists words for a child, one of those too.  Each with the words it matched."""
    glossary = index.get("glossary") or {}
    cases = glossary.get("urgent") or []
    if not cases:
        return []
    q = normalize(question)
    child, by_first = _urgent_words(index, glossary)
    if child and not any(w and w in q for w in child):
        return []
    said: dict[int, list[int]] = {}  # case → the places of its words the question says
    for first in {*q, ""}:  # only the words that start with a character of the question (or with a gap)
        for ci, wi, parts in by_first.get(first, ()):
            if _parts_at(parts, q, 0, len(q)) if len(parts) > 1 else parts[0] in q:
                said.setdefault(ci, []).append(wi)
    out = [{**case, "matched": [case["words"][wi] for wi in sorted(said[ci])]} for ci, case in enumerate(cases) if ci in said]
    return out or _learned_case(index, cases, question)


def _urgent_words(index: dict[str, Any], glossary: dict[str, Any]) -> tuple[list[str], dict[str, list[tuple[int, int, tuple[str, ...]]]]]:
    """The glossary's child words and its urgent words by their first character ("" for a word that starts with a
    gap), normalised once per index (again when the glossary's lists are replaced): (case, place of the word, its
    pieces)."""
    cached = index.get("_urgent_words")
    if cached is None or cached[0] is not glossary.get("urgent") or cached[1] is not glossary.get("child_words"):
        by_first: dict[str, list[tuple[int, int, tuple[str, ...]]]] = {}
        for ci, case in enumerate(glossary.get("urgent") or []):
            for wi, word in enumerate(case["words"]):
                parts = _word_parts(word)
                if any(parts):
                    by_first.setdefault(parts[0][:1], []).append((ci, wi, parts))
        child = [normalize(w) for w in glossary.get("child_words") or []]
        cached = index["_urgent_words"] = (glossary.get("urgent"), glossary.get("child_words"), child, by_first)
    return cached[2], cached[3]


def _learned_case(index: dict[str, Any], cases: list[dict[str, Any]], question: str) -> list[dict[str, Any]]:
    """The urgent case the model learned from the cases' example questions (data/glossary.yaml ``examples``) finds in
    a question none of the words match — 他爹拿铁锹把子打得腿都肿了 — when its value reaches ``URGENT_MIN`` (even below
    the value of "no case": one against the rest, a case's value is its own yes or no); with ``matched`` empty and the
    value as ``learned``."""
    from weibao.who.classifier import scores

    values = scores(index, question, key="urgent_model")
    found = [(v, c) for c, v in values.items() if c != NOT_URGENT]
    if not found:
        return []
    value, case_id = max(found)
    if value < URGENT_MIN:
        return []
    case = next((c for c in cases if c["id"] == case_id), None)
    return [{**case, "matched": [], "learned": round(value, 2)}] if case else []


def _other_matters(index: dict[str, Any], question: str, results: list[UnitResult],
                   exclude: set[int] | frozenset[int]) -> list[UnitResult]:
    """A question with two matters in two clauses (游戏公司不搞实名认证，孩子天天玩到半夜) gets the lead unit of each:
    every clause long enough is asked on its own, and a unit that leads its clause by a duty text — first by the duty
    texts and first by the 问答库 alike, not only as an urgent case — is moved up to place ``MATTER_PLACE`` when the
    whole question ranked it lower; the first answer stays."""
    from weibao.domain.text import strip_fluff

    if not results:
        return results
    fluff = index["_fluff"] if "_fluff" in index else index.setdefault("_fluff", _sorted_fluff(index))
    clauses = [c for c in _MATTER_SPLIT.split(normalize(question)) if len(strip_fluff(c, fluff).strip()) >= MATTER_MIN]
    if len(clauses) < 2:
        return results
    out = list(results)
    for clause in clauses:
        _, found = rank(index, clause, top=0, exclude=exclude, matters=False)
        if not found or not found[0].items or found[0].role != LEAD or found[0].urgent:
            continue
        if found[0].text_score < max(r.text_score for r in found) or found[0].vote < max(r.vote for r in found):
            continue  # the duty texts and the 问答库 must agree on the clause's matter
        ui = found[0].ui
        place = next((i for i, r in enumerate(out) if r.ui == ui), None)
        if place is not None and place <= MATTER_PLACE:
            continue
        r = out.pop(place) if place is not None else UnitResult(found[0].unit, 0.0, LEAD, found[0].items, ui, text_score=found[0].text_score)
        r.role = LEAD  # the role of the clause that matched (it leads the clause's matter)
        r.items = r.items or found[0].items
        at = min(MATTER_PLACE, len(out))
        r.score = max(r.score, out[at].score if at < len(out) else 0.0)
        out.insert(at, r)
    return out


def _sorted_fluff(index: dict[str, Any]) -> list[str]:
    from weibao.domain.text import sorted_fluff

    return sorted_fluff(index["glossary"])


def office_clauses(index: dict[str, Any], question: str) -> list[dict[str, Any]]:
    """The office's rules (data/office.yaml) the question asks about, by the glossary's office cues: each rule once,
    the one matched by the longest cue word first, with its id, section, title, text and the words that matched."""
    office = index.get("office")
    cues = (index.get("glossary") or {}).get("office") or []
    if not office or not cues:
        return []
    q = normalize(question)
    found: dict[str, list[str]] = {}
    for cue in cues:
        said = [w for w in cue["words"] if _said(w, q)]
        if said:
            for clause in cue["clauses"]:
                if clause in office["clauses"]:
                    found.setdefault(clause, []).extend(w for w in said if w not in found.get(clause, []))
    order = sorted(found, key=lambda c: -max(len(w.replace("…", "")) for w in found[c]))
    return [{"id": c, **office["clauses"][c], "matched": found[c]} for c in order]


def _with_office(index: dict[str, Any], clauses: list[dict[str, Any]], results: list[UnitResult]) -> list[UnitResult]:
    """A question about the office's own rules is answered first by the office, shown as its host unit (a real unit
    id) leading, with the rules quoted; the ranked units follow."""
    if not clauses:
        return results
    host = index["office"]["host"]
    ui = next(i for i, u in enumerate(index["units"]) if u["id"] == host)
    found = next((r for r in results if r.ui == ui), None)
    if found is None:
        found = UnitResult(index["units"][ui], 0.0, "lead", [], ui)
    found.score = (results[0].score if results else 0.0) + 1.0
    found.role = "lead"
    found.office = clauses
    return [found, *(r for r in results if r is not found)]


def _said(word: str, q: str) -> bool:
    """Whether the (normalised) question says ``word``; "…" in a word stands for one to eight characters (被…打 is
    said by 被继父打了 and 被老师打)."""
    parts = _word_parts(word)
    if len(parts) == 1:
        return bool(parts[0]) and parts[0] in q
    return _parts_at(parts, q, 0, len(q))


@functools.lru_cache(maxsize=4096)
def _word_parts(word: str) -> tuple[str, ...]:
    """The normalised pieces of a glossary word between its "…" gaps (one piece for a word without a gap)."""
    return tuple(normalize(p) for p in word.split("…"))


def _parts_at(parts: tuple[str, ...], q: str, lo: int, hi: int) -> bool:
    """Whether ``parts[0]`` occurs in ``q`` starting between ``lo`` and ``hi`` and each later piece follows the one
    before it after a gap of one to eight characters (plain string search: no pattern compiled per word and run)."""
    first = parts[0]
    at = q.find(first, lo)
    while at != -1 and at <= hi:
        end = at + len(first)
        if len(parts) == 1 or _parts_at(parts[1:], q, end + 1, end + 8):
            return True
        at = q.find(first, at + 1)
    return False


def _with_urgent(index: dict[str, Any], cases: list[dict[str, Any]], results: list[UnitResult]) -> list[UnitResult]:
    """The ranked units, and every unit that leads an urgent case by law: marked where the ranking already has it,
    added after the ranked ones (beyond ``--top`` if need be) where it has not, so that it is never left out and the
    ranking of the duty texts stays as it was (an empty answer starts with it)."""
    by_id = {u["id"]: ui for ui, u in enumerate(index["units"])}
    out = list(results)
    for case in cases:
        for unit_id in case["lead"]:
            ui = by_id.get(unit_id)
            if ui is None:
                continue
            found = next((r for r in out if r.ui == ui), None)
            if found is None:
                found = UnitResult(index["units"][ui], out[-1].score if out else 1.0, "lead", [], ui)
                out.append(found)
            found.urgent = found.urgent or case["id"]
            found.role = "lead"  # by law, whatever clause (or similar question) brought it into the ranking
    return out


def _blend(index: dict[str, Any], query: Query, results: list[UnitResult], exclude: set[int] | frozenset[int]) -> list[UnitResult]:
    """Add the votes of similar answered questions; a unit they name but no duty text matched joins the list."""
    from weibao.who import classifier, examples

    query.similar = examples.similar(index, query.text, exclude=exclude)
    fluff = index.setdefault("_fluff", examples.sorted_fluff(index["glossary"]))
    key = examples.same_key(query.text, fluff)
    same = [i for i, e in enumerate(index["examples"]) if key and e["key"] == key and i not in exclude]
    query.same = same
    if not key:  # nothing but fluff (哪个部门管, 找谁): nothing to compare
        return results
    knn = examples.votes(index, query.similar)
    learned = {} if exclude else classifier.scores(index, query.text)  # (a model cannot leave questions out)
    if learned:  # the classifier learned from the whole 问答库 decides better than the ten nearest questions
        low = min(learned.values())
        votes, weight = {u: v - low for u, v in learned.items() if v > low}, classifier.WEIGHT
    else:
        votes, weight = knn, examples.WEIGHT
    if not results:  # the duty texts say nothing to it: answer only from close or agreeing neighbours
        close = {u for i, s in query.similar if s >= examples.MIN_SIMILARITY for u in index["examples"][i]["lead"]}
        agreeing = {u for u, v in knn.items() if v >= examples.MIN_VOTE} if len(key) >= examples.LONG else set()
        votes = {u: v for u, v in votes.items() if u in close | agreeing}
    if not votes and not same:
        return results
    best_text = max((r.score for r in results), default=0.0) or 1.0
    best_vote = max(votes.values(), default=0.0) or 1.0
    by_id = {r.unit["id"]: r for r in results}
    if learned:  # a unit the classifier barely prefers to the least likely one gets no vote
        votes = {u: v for u, v in votes.items() if v >= classifier.MIN_SHARE * best_vote}
    named = {u for i, _s in query.similar for u in index["examples"][i]["lead"]}
    alone = classifier.ALONE if learned else 0.0  # a unit only the classifier (no duty text, no near question) names
    strong = {u for u, v in votes.items() if u in named or v >= alone * best_vote} | {u for i in same for u in index["examples"][i]["lead"]}
    answered = {u for i in same for u in index["examples"][i]["lead"]}
    for ui, unit in enumerate(index["units"]):
        if unit["id"] in strong and unit["id"] not in by_id:
            # no duty clause of the unit matched: the clerk's recorded answer to this very question makes it 牵头;
            # a similar answered question (or the classifier) only offers it for reference (参考)
            r = UnitResult(unit, 0.0, "lead" if unit["id"] in answered else "reference", [], ui)
            results.append(r)
            by_id[unit["id"]] = r
    for r in results:
        r.vote = votes.get(r.unit["id"], 0.0)
        mine = [(i, 1.0) for i in same if r.unit["id"] in index["examples"][i]["lead"]]
        mine += [(i, s) for i, s in query.similar if i not in same and r.unit["id"] in index["examples"][i]["lead"]]
        r.examples = mine[:3]
        r.score = r.text_score / best_text + weight * r.vote / best_vote
        if any(r.unit["id"] in index["examples"][i]["lead"] for i in same):
            r.score += 1.0 + weight  # the same question was answered: its units come first (the clerk's correction holds)
    results.sort(key=lambda r: (-r.score, r.unit["order"]))
    return [r for r in results if r.score >= MIN_RELATIVE * results[0].score]


def _cover_concepts(results: list[UnitResult], per_unit: dict[int, list[ItemHit]]) -> list[UnitResult]:
    """Keep the best unit first; then let each strong concept's best unit follow.

    A question with two matters in it (网吧 and 勒索) should show the unit for each
    matter near the top, not two units for the first matter.
    """
    best: dict[int, tuple[float, int]] = {}
    for ui, hits in per_unit.items():
        for h in hits:
            for ci, v in h.concepts.items():
                if v > best.get(ci, (0.0, -1))[0]:
                    best[ci] = (v, ui)
    if len(best) < 2:
        return results
    strongest = max(v for v, _ in best.values())
    by_ui = {r.ui: r for r in results}
    order = [results[0]]
    for v, ui in sorted(best.values(), key=lambda x: -x[0]):
        r = by_ui.get(ui)
        if v >= COVER_SHARE * strongest and r is not None and r not in order:
            order.append(r)
    return order + [r for r in results if r not in order]


_SENTENCE_END = "。！？!?；;\n"


def mention_factors(index: dict[str, Any], question: str) -> dict[int, float]:
    """How the question's naming of units changes their scores: unit index → factor.

    A unit named plainly ("派出所管不管", "想请法官来讲课") is likely the one asked
    about (×MENTION_BOOST).  Named as the asker's own unit ("我们检察院在办…") or in
    a sentence saying it declined ("他们说这事该找别的部门") it is likely not
    (×MENTION_OTHER).  A question naming several units asks about them together
    (衔接, 统筹) and none is boosted.  The asker and decline words are glossary data.
    """
    glossary = index["glossary"]
    asker = [normalize(w) for w in glossary.get("asker") or []]
    deflect = [normalize(w) for w in glossary.get("deflect") or []]
    found: dict[int, list[int]] = {}
    for ui, unit in enumerate(index["units"]):
        taken: list[int] = []
        for k in sorted(unit_keys(index, unit), key=len, reverse=True):
            start = question.find(k)
            while start >= 0:
                if not any(t <= start < t + 1 for t in taken):
                    taken.append(start)
                start = question.find(k, start + 1)
        if taken:
            found[ui] = taken
    if len(found) >= MENTION_CROWD:
        return {}
    out = {}
    for ui, starts in found.items():
        other = False
        for pos in starts:
            before = question[max(0, pos - 4) : pos]
            s0 = max(question.rfind(c, 0, pos) for c in _SENTENCE_END) + 1
            ends = [i for i in (question.find(c, pos) for c in _SENTENCE_END) if i >= 0]
            sentence = question[s0 : min(ends) if ends else len(question)]
            if any(before.endswith(w) or w in before for w in asker) or any(w in sentence for w in deflect):
                other = True
        out[ui] = MENTION_OTHER if other else MENTION_BOOST
    return out


def unit_keys(index: dict[str, Any], unit: dict[str, Any]) -> list[str]:
    """Names a question may call the unit by: name, name without the region prefix, heading, aliases."""
    short = (index.get("region") or {}).get("short") or ""
    keys = [unit["name"], unit["full_name"], *(unit.get("aliases") or [])]
    if unit.get("heading"):
        keys.append(unit["heading"])
    if short and unit["name"].startswith(short) and len(unit["name"]) - len(short) >= 2:
        keys.append(unit["name"][len(short):])
    return [normalize(k) for k in keys if len(k) >= 2]


def _unit_role(unit: dict[str, Any], hit: ItemHit) -> str:
    """The unit's role for this matter: the role (domain/roles.py) of the clauses where the matter stands in its best
    duty item — ``support`` only when every such clause supports; ``related`` when no term matched, only similar
    characters (the duty text does not speak to the matter)."""
    if not hit.roles:
        return "related"
    return SUPPORT if all(r == SUPPORT for r in hit.roles) else LEAD


def highlight_spans(query: Query, text: str) -> list[tuple[int, int]]:
    """Where the question's words (bigrams of what is left, and the official terms) occur in a duty text."""
    needles = [g for g in query.weights if len(g) >= 2] + query.expansions
    return spans(text, needles)


ROLE_ZH = {"lead": "牵头", "support": "配合", "related": "相关", "reference": "参考"}


def similar_json(index: dict[str, Any], query: Query, n: int = 3) -> list[dict[str, Any]]:
    """The answered questions most like this one, for people to see why (text output and JSON)."""
    out = []
    for i, s in query.similar[:n]:
        e = index["examples"][i]
        out.append({"q": e["q"], "lead": e["lead"], "where": e["where"], "similarity": round(s, 3)})
    return out


def urgent_json(index: dict[str, Any], case: dict[str, Any]) -> dict[str, Any]:
    """An urgent case as JSON: what it is, the words that matched (none when it was recognised by the model learned
    from the example questions: ``learned`` is then its value, else null), the units by law with their names, basis,
    action."""
    names = {u["id"]: u["name"] for u in index["units"]}
    return {
        "id": case["id"], "name": case["name"], "matched": case["matched"], "learned": case.get("learned"),
        "lead": [{"id": u, "name": names.get(u, u)} for u in case["lead"]],
        "support": [{"id": u, "name": names.get(u, u)} for u in case.get("support") or []],
        "basis": case["basis"], "action": case.get("action"),
    }


def office_json(index: dict[str, Any], clauses: list[dict[str, Any]]) -> dict[str, Any]:
    """The office answering for its rules: its names, the host unit it is set up in, the rules quoted with their ids."""
    office = index["office"]
    names = {u["id"]: u["name"] for u in index["units"]}
    return {
        "name": office["name"], "short_name": office["short_name"],
        "host": {"id": office["host"], "name": names.get(office["host"], office["host"]), "division": office.get("host_division")},
        "source": office.get("source"),
        "clauses": [{"id": c["id"], "section": c["section"], "title": c["title"], "text": c["text"], "matched": c["matched"]} for c in clauses],
    }


def to_json(query: Query, results: list[UnitResult], index: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "query": query.text,
        "terms": query.terms,
        "results": [
            {
                "unit": {"id": r.unit["id"], "name": r.unit["name"]},
                "score": round(r.score, 4),
                "role": r.role,
                "role_zh": ROLE_ZH[r.role],
                "duties": [{"id": r.unit["duties"][h.duty]["id"], "text": r.unit["duties"][h.duty]["text"]} for h in r.items],
                "urgent": r.urgent,
                "office": office_json(index, r.office) if index and r.office else None,
            }
            for r in results
        ],
        "urgent": [urgent_json(index, c) for c in query.urgent] if index else [],
        "office": office_json(index, query.office) if index and query.office else None,
        "similar": similar_json(index, query) if index else [],
        "learned_model": not (index or {}).get("unlearned"),  # false: no numpy, the model of the 问答库 was not used
        "note": missing_model_note(index),
    }


def missing_model_note(index: dict[str, Any] | None) -> str | None:
    """What ``weibao who`` says under its answer when the index was built without numpy (classifier.MISSING)."""
    from weibao.who.classifier import MISSING

    return MISSING if index and index.get("unlearned") else None
