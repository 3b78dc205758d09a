"""Runs the attack battery (attack_battery.py) against copies of the small repository: about 730 hostile inputs by
default (``.ci/run`` runs them); ``WEIBAO_ATTACK_SCALE=4`` runs about 1,430.  Each is one test, named by its class
and input, so a failure names the input that broke."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from attack_battery import attacks, resolve, run

SCALE = int(os.environ.get("WEIBAO_ATTACK_SCALE", "1") or 1)
ATTACKS = attacks(SCALE)


def test_the_battery_is_large_enough():
    classes = {a.cls.split("-")[0] for a in ATTACKS}
    assert len(ATTACKS) >= 500 and {"file", "special", "command", "output", "template", "cache", "injection", "terminal"} <= classes


@pytest.mark.parametrize("attack", ATTACKS, ids=[a.id for a in ATTACKS])
def test_attack(attack, small_template: Path, tmp_path: Path):
    problems = run(resolve(attack, tmp_path / "repo"), small_template, tmp_path)
    assert not problems, "\n".join(problems)
