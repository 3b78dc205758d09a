"""``weibao validate`` (layer 2a): the rule registry, the rules, the engine, and the write gate."""
