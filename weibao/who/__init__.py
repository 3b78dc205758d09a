"""Who is responsible: the duty-division index, the ranking engine, unit lookup and the matrix.

Nothing here imports pydantic or the YAML loader at module level: with a fresh
index cache under ``.weibao/``, ``weibao who`` answers without parsing YAML.
"""
