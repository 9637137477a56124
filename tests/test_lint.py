"""`make test` enforces ruff: the naive clock calls (DTZ, banned-api) and the rest of the project's rules."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_ruff_finds_nothing():
    ruff = Path(sys.executable).parent / "ruff"
    result = subprocess.run([str(ruff), "check", "--no-cache", "."], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_clock_rules_are_on():
    ruff = Path(sys.executable).parent / "ruff"
    naive = "from datetime import date, datetime\n\nday = date.today()\nmoment = datetime.now()\n"
    result = subprocess.run([str(ruff), "check", "--no-cache", "--stdin-filename", "clubs_exchange/x.py", "-"],
                            cwd=ROOT, input=naive, capture_output=True, text=True)
    assert "use clubs_exchange.clock" in result.stdout
    assert "DTZ005" in result.stdout or "DTZ011" in result.stdout
