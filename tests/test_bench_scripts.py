"""Every benchmark script starts: run as `python bench/x.py`, its imports resolve (a script named like a
package once shadowed it) and it answers --help. The benchmarks themselves run in `make bench`."""
from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT

SCRIPTS = sorted(p.name for p in (ROOT / "bench").glob("*.py") if p.name != "__init__.py")


@pytest.mark.parametrize("script", SCRIPTS)
def test_benchmark_script_starts(script):
    result = subprocess.run([sys.executable, f"bench/{script}", "--help"], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
