"""Who is responsible (layer 2c): the duty-division index, the ranking engine, the classifier learned from the 问答库,
unit lookup, the matrix, and ``learn`` (which writes the 问答库).

With a fresh index cache under ``.weibao/``, ``weibao who`` answers without importing the YAML reader, the record
models, validation or numpy: weibao itself imports none of them on that path (tests/core/test_cache.py
checks).  pydantic is loaded all the same, by typer's own parameter handling.
"""
