"""JSON Schema (draft 2020-12) for every record kind, generated from the models, and the editor modeline.

With the schemas in the data repository's schemas/ folder and a first line
``# yaml-language-server: $schema=<relative path>`` in each data file, VS Code
with the YAML extension completes and checks fields while the clerk types.
"""

from __future__ import annotations

import json
import posixpath
from functools import lru_cache
from typing import Any

DRAFT = "https://json-schema.org/draft/2020-12/schema"
FOLDER = "schemas"
MODELINE = "# yaml-language-server: $schema="


def schema_for(kind: str) -> dict[str, Any]:
    from weibao.core.repository import KIND_BY_NAME
    from weibao.model import MODELS

    s = MODELS[kind].model_json_schema(mode="validation")
    out = {"$schema": DRAFT, "$id": f"https://weibao.invalid/schemas/{kind}.schema.json", "title": KIND_BY_NAME[kind].label}
    doc = (MODELS[kind].__doc__ or "").strip().splitlines()
    if doc:
        out["description"] = doc[0]
    out.update({k: v for k, v in s.items() if k != "title"})
    return out


def all_schemas() -> dict[str, str]:
    """File name → JSON text, for every record kind (computed once per process: the models do not change)."""
    return dict(_all_schemas())


@lru_cache(maxsize=1)
def _all_schemas() -> tuple[tuple[str, str], ...]:
    from weibao.model import MODELS

    return tuple((f"{kind}.schema.json", json.dumps(schema_for(kind), ensure_ascii=False, indent=2, sort_keys=True) + "\n") for kind in MODELS)


def modeline(rel: str, kind: str) -> str:
    """The first line of a data file at ``rel`` (relative to the repository root) pointing at its schema."""
    target = f"{FOLDER}/{kind}.schema.json"
    return MODELINE + posixpath.relpath(target, posixpath.dirname(rel))


def with_modeline(text: str, rel: str, kind: str) -> str:
    """The text with its modeline as the first line (an old or misplaced modeline is replaced)."""
    lines = [line for line in text.split("\n") if not line.startswith(MODELINE)]
    return modeline(rel, kind) + "\n" + "\n".join(lines)
