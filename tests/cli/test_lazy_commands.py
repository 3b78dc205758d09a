"""``weibao <command>`` imports only the module that adds the command (cli/app.py COMMAND_MODULES); the table must be
what the modules really register, or a command would vanish from a run that names it."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT

from weibao.cli.app import COMMAND_MODULES, _command_name

PROBE = """
import importlib, json
import typer.main
from weibao.cli import app as A
from weibao.cli.app import COMMAND_MODULES
out = {}
for m in sorted(set(COMMAND_MODULES.values())) + ["reference"]:
    nc, ng = len(A.app.registered_commands), len(A.app.registered_groups)
    importlib.import_module(f"weibao.cli.{m}")
    for info in A.app.registered_commands[nc:]:
        out[info.name or typer.main.get_command_name(info.callback.__name__)] = m
    for info in A.app.registered_groups[ng:]:
        out[info.name] = m
print(json.dumps(out))
"""


def test_the_table_is_what_each_module_registers():
    r = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, check=True)
    assert json.loads(r.stdout) == COMMAND_MODULES


def test_the_command_is_found_after_the_roots_options():
    assert _command_name(["who", "网吧"]) == "who"
    assert _command_name(["--repo", "../奈曼旗", "case", "list"]) == "case"
    assert _command_name(["--repo=../x", "validate"]) == "validate"
    assert _command_name(["--help"]) is None and _command_name([]) is None and _command_name(["--version"]) is None
    assert _command_name(["--install-completion"]) is None


def test_a_named_command_runs_with_only_its_module_and_help_lists_all():
    code = ("import sys; from weibao.cli.app import register, app; register(sys.argv[1:]);"
            "import typer.main; print(sorted(typer.main.get_command(app).commands))")
    only = subprocess.run([sys.executable, "-c", code, "who", "网吧"], cwd=ROOT, capture_output=True, text=True, check=True)
    assert only.stdout.strip() == str(sorted(k for k, m in COMMAND_MODULES.items() if m == "who"))
    every = subprocess.run([sys.executable, "-c", code, "--help"], cwd=ROOT, capture_output=True, text=True, check=True)
    assert every.stdout.strip() == str(sorted(COMMAND_MODULES))
