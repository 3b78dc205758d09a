"""The parse cache under .weibao/cache/: parsed records, keyed by file content (positions are re-derived on demand).

An entry is used only when the file's text is byte-for-byte what was parsed
(blake2b of the decoded text), so an edit, a replaced file or a same-size edit
within the same second can never be served stale; a touched but unchanged file
still hits.  The cache is JSON (never pickle: a planted cache file must not run
code) signed with a random key kept outside every repository (~/.cache/weibao),
so a cache committed to git or copied from another machine is never trusted;
a corrupt, foreign (other format, version or key) or unreadable cache is ignored
and rebuilt.  The privacy scan always reads the text itself.  WEIBAO_CACHE=0
turns the cache off; read-only checkouts work without it.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from weibao import __version__
from weibao.diagnostics import Diagnostic
from weibao.errors import UsageError

if TYPE_CHECKING:  # the YAML reader is imported only when a cached file is used
    from weibao.core.yamlread import Loaded

FORMAT = 1
DIR = Path(".weibao") / "cache"
FILE = "parsed.json"


def enabled() -> bool:
    from weibao.core import cache_enabled

    return cache_enabled()


def _machine_key() -> bytes | None:
    """A random key kept outside every repository (~/.cache/weibao/cache-key). The cache is signed with it, so a
    cache file committed to git or copied from elsewhere is never trusted; without a writable home there is no cache."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "weibao"
    path = base / "cache-key"
    try:
        key = path.read_bytes()
        if len(key) >= 32:
            return key
    except OSError:
        pass
    try:
        base.mkdir(parents=True, exist_ok=True)
        key = os.urandom(32)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(key)
        return key
    except FileExistsError:
        try:
            return path.read_bytes()
        except OSError:
            return None
    except OSError:
        return None


def _sign(key: bytes, body: bytes) -> str:
    import hmac

    return hmac.new(key, body, hashlib.sha256).hexdigest()


CACHE_MAX_BYTES = 256 * 1024 * 1024  # the index of a county's repository is a few MB


def _read_signed(path: Path, key: bytes) -> Any:
    """The JSON body of a file written by ``_write_signed`` with this machine's key; None if absent, foreign or corrupt
    (or not a regular file inside the repository, or too large: a FIFO or a link to /dev/zero is never read)."""
    from weibao.core.files import STATE_DIR, FileRefused, read_regular

    top = next((p for p in path.parents if p.name == STATE_DIR), None)
    try:
        raw = read_regular(path, top.parent if top is not None else None, CACHE_MAX_BYTES)
    except FileRefused:
        return None
    try:
        sig, _, body = raw.partition(b"\n")
        if sig.decode("ascii", "replace") != _sign(key, body):
            return None  # not written by this machine: ignored (and replaced)
        return json.loads(body.decode("utf-8"))
    except (OSError, ValueError):
        return None


def _write_signed(path: Path, key: bytes, doc: Any) -> None:
    """Signature line + compact JSON, atomically, under .weibao/ (which ignores itself); silently skipped when read-only."""
    try:
        body = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    except (TypeError, ValueError):
        return
    write_quietly(path, _sign(key, body).encode("ascii") + b"\n" + body)


def read_signed(path: Path) -> Any:
    """A cache document this machine wrote (signed with its key): None when absent, foreign, planted or damaged."""
    key = _machine_key() if enabled() else None
    return None if key is None else _read_signed(path, key)


def write_signed(path: Path, doc: Any) -> None:
    """Write a cache document signed with this machine's key (skipped without a key, a writable home or the cache)."""
    key = _machine_key() if enabled() else None
    if key is not None:
        _write_signed(path, key, doc)


def write_quietly(path: Path, content: bytes | str) -> None:
    """Write a cache file under the repository's .weibao/ (``path`` is inside it); a read-only checkout or a full disk
    simply goes without the cache."""
    from weibao.core.files import STATE_DIR, remove_quietly, state_dir, write_temp

    try:
        top = next((p for p in path.parents if p.name == STATE_DIR), None)
        if top is not None:
            # never through a symlink: a .weibao/ (or a folder in it) that a pull request made a link elsewhere
            if any(q.is_symlink() for q in (top, *path.parents) if q.is_relative_to(top)):
                return
            state_dir(top.parent)
            if not path.parent.resolve().is_relative_to(top.parent.resolve()) or path.is_symlink():
                return
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = write_temp(path, content, mode=0o644)
        try:
            os.replace(tmp, path)
        except OSError:
            remove_quietly(tmp)
    except (OSError, UsageError):  # UsageError: a .weibao/ that is a file (state_dir); the cache is only a speed-up
        pass


def digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


class ParseCache:
    def __init__(self, root: Path):
        self.path = root / DIR / FILE
        self.entries: dict[str, Any] = {}
        self.used: dict[str, Any] = {}
        self.dirty = False
        self.key = _machine_key() if enabled() else None
        if self.key is None:
            return
        doc = _read_signed(self.path, self.key)
        if (isinstance(doc, dict) and doc.get("format") == FORMAT and doc.get("version") == __version__
                and doc.get("reader") == reader_digest() and isinstance(doc.get("entries"), dict)):
            self.entries = doc["entries"]

    def get(self, rel: str, text: str) -> Loaded | None:
        e = self.entries.get(rel)
        h = digest(text)
        if not isinstance(e, dict) or e.get("hash") != h:
            return None
        from weibao.core.yamlread import Loaded

        try:
            out = Loaded(path=Path(rel), rel=rel, data=e["data"], text=text, lazy_marks=True)
            out.diagnostics = [Diagnostic(**d) for d in e["diags"]]
        except (KeyError, TypeError, ValueError):
            return None
        self.used[rel] = e
        return out

    def put(self, rel: str, text: str, loaded: Loaded) -> None:
        if self.key is None:
            return
        # data and the parser's own findings only: positions are cheap to find again for the few records
        # that get a diagnostic, and leaving them out keeps the cache small and quick to write
        self.used[rel] = {"hash": digest(text), "data": loaded.data, "diags": [d.__dict__ for d in loaded.diagnostics]}
        self.dirty = True

    def save(self) -> None:
        """Write the entries used in this run (files that are gone drop out); atomically; silently skip when read-only."""
        if self.key is None or (not self.dirty and set(self.used) == set(self.entries)):
            return
        _write_signed(self.path, self.key, {"format": FORMAT, "version": __version__, "reader": reader_digest(), "entries": self.used})


class _DigestMemo:
    """A signed set of text digests under .weibao/cache/ (the parse cache's key and rules): ``stamp`` says what the
    digests were made under (the weibao version, and for the privacy memo the detectors' source); a file made under
    another stamp, or not signed by this machine, is ignored.  The entries seen in this run are written back."""

    FILE = ""

    def __init__(self, root: Path):
        self.path = root / DIR / self.FILE
        self.known: set[str] = set()
        self.seen: set[str] = set()
        self.key = _machine_key() if enabled() else None
        if self.key is None:
            return
        doc = _read_signed(self.path, self.key)
        if isinstance(doc, dict) and all(doc.get(k) == v for k, v in self.stamp().items()) and isinstance(doc.get("texts"), list):
            self.known = {x for x in doc["texts"] if isinstance(x, str)}

    def stamp(self) -> dict[str, str]:
        return {"version": __version__}

    def _hit(self, h: str) -> bool:
        if h in self.known:
            self.seen.add(h)
            return True
        return False

    def save(self) -> None:
        if self.key is None or self.seen == self.known:
            return
        _write_signed(self.path, self.key, {**self.stamp(), "texts": sorted(self.seen)})


class CanonicalMemo(_DigestMemo):
    """Texts ``weibao fmt`` already found canonical (.weibao/cache/canonical.json, signed like the parse cache):
    a file whose exact text is listed needs no ruamel round trip on the next ``fmt --check``."""

    FILE = "canonical.json"

    def stamp(self) -> dict[str, str]:
        # the canonical form follows the models (their field order) and the formatter: an edit to either re-checks
        return {"version": __version__, "layout": _sources("canonical", ("core/canonical.py", "model"))}

    @staticmethod
    def _id(rel: str, kind: str, text: str) -> str:
        return digest(f"{rel}\0{kind}\0{text}")

    def has(self, rel: str, kind: str, text: str) -> bool:
        return self._hit(self._id(rel, kind, text))

    def add(self, rel: str, kind: str, text: str) -> None:
        self.seen.add(self._id(rel, kind, text))


class PrivacyMemo(_DigestMemo):
    """Texts in which the privacy detectors found nothing (.weibao/cache/privacy.json, signed like the parse cache),
    keyed by the exact text and by the detectors' own source: a file whose text was clean under the same detectors is
    not scanned again.  A file with a finding or a marker is always scanned; any change to the file, to
    domain/privacy.py or to lint/rules/privacy.py scans it again."""

    FILE = "privacy.json"

    def stamp(self) -> dict[str, str]:
        return {"version": __version__, "detector": _detector()}

    def clean(self, text: str) -> bool:
        return self._hit(digest(text))

    def add(self, text: str) -> None:
        self.seen.add(digest(text))


_SOURCES: dict[str, str] = {}


def _sources(name: str, rels: tuple[str, ...]) -> str:
    """A digest of some of weibao's own source files (a file, or every .py in a folder, under the package), computed
    once per process: a memo stamped with it is not trusted after any of them is edited."""
    if name not in _SOURCES:
        package = Path(__file__).resolve().parent.parent
        h = hashlib.blake2b(digest_size=16)
        for rel in rels:
            path = package / rel
            for f in sorted(path.glob("*.py")) if path.is_dir() else [path]:
                h.update(f.relative_to(package).as_posix().encode() + b"\0" + f.read_bytes())
        _SOURCES[name] = h.hexdigest()
    return _SOURCES[name]


def reader_digest() -> str:
    """A digest of the reader (core/yamlread.py, core/files.py and the codes it emits): files parsed by an older
    reader are parsed again, so a new check of the raw text (WB012, WB013 …) is never skipped by the cache."""
    return _sources("reader", ("core/yamlread.py", "core/files.py", "diagnostics.py"))


def _detector() -> str:
    """A digest of the detectors and of the rule that applies them (domain/privacy.py, lint/rules/privacy.py, read as
    files): an edited detector or rule never trusts what the old one found clean."""
    return _sources("privacy", ("domain/privacy.py", "lint/rules/privacy.py"))
