"""Names of member units: the kind of body a name denotes, and the stable ASCII id made from it (pypinyin)."""

from __future__ import annotations

import re


def unit_kind(name: str) -> str:
    if "人大" in name:
        return "人大机关"
    if "政协" in name:
        return "政协机关"
    if name.endswith("法院"):
        return "审判机关"
    if name.endswith("检察院"):
        return "检察机关"
    if any(k in name for k in ("妇联", "团", "工会", "科协", "残联", "工商联", "工商业联合会", "关工委", "红十字会", "妇儿工委")):
        return "群团组织"
    if re.search(r"^(?:[^委]{0,3})委(?:宣传部|政法委|网信办|组织部|统战部|办公室|编办)", name) or name.endswith(("宣传部", "政法委", "网信办")):
        return "党委部门"
    return "政府部门"


def unit_id(name: str, level: str, taken: set[str]) -> str:
    """A stable ASCII id from the name: pinyin of the name without the region prefix, 人民 and a final 局."""
    from pypinyin import lazy_pinyin

    core = name
    for prefix in (f"{level}委", level, "市委", "县委", "区委", "旗委"):
        if core.startswith(prefix) and len(core) - len(prefix) >= 2:
            core = core[len(prefix):]
            break
    core = core.replace("人民", "")
    if core.endswith("局") and len(core) > 2:
        core = core[:-1]
    core = re.sub(r"[（(].*?[）)]", "", core)
    base = "".join(lazy_pinyin(core)).lower()
    base = re.sub(r"[^a-z0-9]+", "", base) or "unit"
    uid, n = base, 2
    while uid in taken:
        uid = f"{base}-{n}"
        n += 1
    taken.add(uid)
    return uid
