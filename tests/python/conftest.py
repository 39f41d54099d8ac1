"""Fixtures of the Python package's tests (ctest python.pytest, tests/CMakeLists.txt): the package
from the build tree (PYTHONPATH), the CLI under test ($DECARBFUND_BINARY), run in the checkout."""

import json
import os
import subprocess
from pathlib import Path

import pytest

import decarbfund

SOURCE = Path(__file__).resolve().parents[2]
BINARY = os.environ.get("DECARBFUND_BINARY", str(SOURCE / "build" / "decarbfund"))


def cli(*args: str) -> str:
    """stdout of `decarbfund ARGS` run in the checkout (exit 0 asserted)."""
    run = subprocess.run([BINARY, *args], cwd=SOURCE, capture_output=True, text=True, check=False)
    assert run.returncode == 0, f"decarbfund {' '.join(args)}: {run.stderr}"
    return run.stdout


def cli_json(*args: str):
    """The document `decarbfund ARGS --json -` prints."""
    return json.loads(cli(*args, "--json", "-"))


@pytest.fixture(autouse=True)
def in_checkout(monkeypatch):
    """Every test runs in the checkout, as the CLI runs do, so relative paths mean the same."""
    monkeypatch.chdir(SOURCE)


@pytest.fixture(scope="session")
def dataset():
    return decarbfund.load_dataset(str(SOURCE / "data" / "nl"))
