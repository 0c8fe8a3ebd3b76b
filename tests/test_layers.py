"""Package imports run one way (the contracts are in pyproject.toml, [tool.importlinter])."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

PACKAGES = ["bot", "handlers", "core", "sources", "model", "store", "nlp", "testkit"]


def lint_imports(folder: Path, config: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(folder)}
    return subprocess.run([str(Path(sys.executable).parent / "lint-imports"), "--config", str(config),
                           "--no-cache"], cwd=folder, env=env, capture_output=True, text=True, timeout=120)


def test_the_code_keeps_every_import_contract():
    result = lint_imports(ROOT, ROOT / "pyproject.toml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 kept, 0 broken" in result.stdout


def test_a_back_import_breaks_the_contracts(tmp_path):
    """The same contracts over a tree of the same packages where the core imports a Slack listener and
    the store imports slack_sdk: both are reported, so a real back-import would fail `make test`."""
    for name in PACKAGES:
        (tmp_path / name).mkdir()
        (tmp_path / name / "__init__.py").write_text("")
    (tmp_path / "handlers" / "commands.py").write_text("import core.answer\n")
    (tmp_path / "core" / "answer.py").write_text("import store.sqlite\n")
    (tmp_path / "core" / "digest.py").write_text("from handlers import commands\n")
    (tmp_path / "store" / "sqlite.py").write_text("import nlp\nimport slack_sdk\n")
    config = tmp_path / "pyproject.toml"
    config.write_text((ROOT / "pyproject.toml").read_text())
    result = lint_imports(tmp_path, config)
    assert result.returncode == 1
    assert "core.digest -> handlers.commands" in result.stdout
    assert "store.sqlite -> slack_sdk" in result.stdout

