"""Files a pull request can hold that are not regular files (issue 21): a FIFO named like a data file hung
``validate``, ``export`` and ``fmt --check`` until killed.  Every command now refuses it with WB012 and ends."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def fifo_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "data", repo / "data")
    os.mkfifo(repo / "data" / "units" / "x.yaml")
    return repo


@pytest.mark.parametrize(
    "args",
    [["validate"], ["export", "--format", "json"], ["fmt", "--check"], ["who", "校车安全"], ["unit", "公安"]],
    ids=["validate", "export", "fmt-check", "who", "unit"],
)
def test_a_fifo_is_refused_not_waited_on(fifo_repo: Path, args: list[str]):
    r = subprocess.run([sys.executable, "-m", "weibao", *args], cwd=fifo_repo, capture_output=True, text=True, timeout=120,
                       env={**os.environ, "NO_COLOR": "1"})
    out = r.stdout + r.stderr
    assert "Traceback" not in out
    if args[0] in ("validate", "fmt"):
        assert r.returncode == 1 and "WB012" in out and "data/units/x.yaml" in out and "命名管道" in out
    else:  # the others refuse the broken repository (or answer without the file), and end
        assert r.returncode in (0, 1, 2)


def test_read_regular_refuses_what_is_not_a_regular_file(tmp_path: Path):
    from weibao.core.files import FileRefused, read_regular

    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(FileRefused) as exc:
        read_regular(tmp_path / "pipe", tmp_path, 1000)
    assert exc.value.code == "WB012" and "命名管道" in exc.value.message
    (tmp_path / "big").write_bytes(b"x" * 1001)
    with pytest.raises(FileRefused) as exc:
        read_regular(tmp_path / "big", tmp_path, 1000)
    assert exc.value.code == "WB004"
    outside = tmp_path.parent / f"{tmp_path.name}-outside.txt"
    outside.write_text("secret", encoding="utf-8")
    (tmp_path / "link").symlink_to(outside)
    with pytest.raises(FileRefused) as exc:
        read_regular(tmp_path / "link", tmp_path, 1000)
    assert exc.value.code == "WB003"
    (tmp_path / "ok").write_bytes(b"fine")
    assert read_regular(tmp_path / "ok", tmp_path, 1000) == b"fine"
    assert read_regular(tmp_path / "ok", None, 1000) == b"fine"


def test_the_cache_is_never_written_through_a_symlink(tmp_path: Path):
    """Issue 21: a .weibao/ that a pull request made a link to a folder outside the repository was written through."""
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "data", repo / "data")
    outside = tmp_path / "outside"
    outside.mkdir()
    (repo / ".weibao").symlink_to(outside)
    for args in (["validate"], ["who", "校车安全"]):
        r = subprocess.run([sys.executable, "-m", "weibao", *args], cwd=repo, capture_output=True, text=True, timeout=300,
                           env={**os.environ, "NO_COLOR": "1"})
        assert r.returncode in (0, 1) and "Traceback" not in r.stderr
    assert list(outside.iterdir()) == []


def test_a_date_no_output_can_hold_is_a_data_error(tmp_path: Path):
    """Issue 21: a deadline of 9999-12-31 overflowed the calendar export (an internal error); it is WB204 at validate."""
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "data", repo / "data")
    shutil.copytree(ROOT / "examples" / "cases" / "good" / "2026", repo / "data" / "cases" / "2026")
    case = next((repo / "data" / "cases" / "2026").glob("*.yaml"))
    text = case.read_text(encoding="utf-8")
    line = next(ln for ln in text.splitlines() if ln.startswith("deadline:"))
    case.write_text(text.replace(line, "deadline: 9999-12-31"), encoding="utf-8")
    for args in (["validate"], ["export", "--format", "ics"]):
        r = subprocess.run([sys.executable, "-m", "weibao", *args], cwd=repo, capture_output=True, text=True, timeout=120,
                           env={**os.environ, "NO_COLOR": "1"})
        assert r.returncode == 1 and "Traceback" not in r.stderr and "内部错误" not in r.stderr
        assert "WB204" in r.stdout + r.stderr and "日期应在 1900-01-01 到 2199-12-31 之间" in r.stdout + r.stderr


def test_import_duties_refuses_a_huge_file_at_once(tmp_path: Path):
    import time

    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "data", repo / "data")
    big = tmp_path / "职责.txt"
    with big.open("wb") as fh:
        fh.seek(60 * 1024 * 1024)
        fh.write(b"\n")
    start = time.monotonic()
    r = subprocess.run([sys.executable, "-m", "weibao", "import-duties", str(big), "--dry-run"], cwd=repo, capture_output=True,
                       text=True, timeout=120, env={**os.environ, "NO_COLOR": "1"})
    assert r.returncode == 2 and "超过上限 20 MB" in r.stderr and "Traceback" not in r.stderr
    assert time.monotonic() - start < 20


def test_out_never_replaces_a_special_file(tmp_path: Path):
    """Issue 21: --out naming a device node (as root) replaced the node with a regular file."""
    from weibao.core.files import atomic_write
    from weibao.errors import UsageError

    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(UsageError) as exc:
        atomic_write(tmp_path / "pipe", "x")
    assert "命名管道" in exc.value.message
    assert (tmp_path / "pipe").is_fifo()
    if Path("/dev/null").exists():
        with pytest.raises(UsageError) as exc:
            atomic_write(Path("/dev/null"), "x")
        assert "字符设备" in exc.value.message and Path("/dev/null").is_char_device()


def test_a_folder_that_cannot_be_read_is_an_error_not_a_skip(tmp_path: Path, monkeypatch):
    """Issue 21: data/meetings at mode 000 (as another user) was skipped and validate exited 0.  As root every folder
    is readable, so the refusal is simulated where the walk lists the folder."""
    from weibao.core.repository import Repository
    from weibao.lint.engine import validate

    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "data", repo / "data")
    real = os.scandir
    locked = str(repo / "data" / "meetings")

    def scandir(path="."):
        if os.fspath(path) == locked:
            raise PermissionError(13, "Permission denied", locked)
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    report, _ = validate(Repository(repo))
    found = [(d.code, d.path) for d in report.diagnostics if d.severity == "error"]
    assert ("WB008", "data/meetings") in found


def test_a_unit_file_that_cannot_be_read_is_one_error_not_one_per_reference(repo: Path):
    """Two BOMs at the top of gongan.yaml was only a warning (YAML drops the second one); now it is WB014, and the
    questions, positions and cases naming gongan do not each add a WB302 (there were 252 errors for one file)."""
    from weibao.core.repository import Repository
    from weibao.lint.engine import validate

    root = Path(__file__).resolve().parents[2]
    shutil.copy(root / "data/questions/samples-5.yaml", repo / "data/questions/samples-5.yaml")  # names gongan 60 times
    unit = repo / "data/units/gongan.yaml"
    unit.write_text("\ufeff\ufeff" + unit.read_text(encoding="utf-8"), encoding="utf-8")
    report, _data = validate(Repository(repo))
    assert sorted((d.code, d.path) for d in report.diagnostics) == [("WB010", "data/units/gongan.yaml"), ("WB014", "data/units/gongan.yaml")]
