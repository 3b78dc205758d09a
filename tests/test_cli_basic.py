import json

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
