
from typer.testing import CliRunner

from weibao.cli.app import app, register

register()
runner = CliRunner()


def test_validate_bundled_data_clean(monkeypatch):
    from conftest import ROOT

    monkeypatch.chdir(ROOT)
    r = runner.invoke(app, ["validate", "data"])
    assert r.exit_code == 0, r.output
    assert "校验通过" in r.output


def test_validate_single_file_filters(repo):
    (repo / "data/units/sifa.yaml").write_text(
        (repo / "data/units/sifa.yaml").read_text(encoding="utf-8").replace("kind: 政府部门", "kind: 政府"), encoding="utf-8")
    r = runner.invoke(app, ["validate", str(repo / "data/units/sifa.yaml")])
    assert r.exit_code == 1
    assert "data/units/sifa.yaml:10:7: 错误[WB205]" in r.stdout
    r = runner.invoke(app, ["validate", str(repo / "data/units/gongan.yaml")])
    assert r.exit_code == 0
    assert "检查了 1 个文件，未发现问题" in r.stdout
