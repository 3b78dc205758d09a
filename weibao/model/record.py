"""Records whose full schema later issues define (meetings, cases, documents).

Until then each such file must be a mapping with an ASCII ``id``; everything
else is kept as written and exported unchanged.
"""

from __future__ import annotations

from pydantic import ConfigDict

from .base import Id, Model


class GenericRecord(Model):
    model_config = ConfigDict(extra="allow")

    id: Id
