"""The package as a whole: what it imports."""

from __future__ import annotations

import subprocess
import sys


def test_the_engine_imports_nothing_from_django():
    code = (
        "import sys, screening_rules; "
        "assert not [m for m in sys.modules if m.split('.')[0] == 'django'], 'django imported'"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )

    assert completed.returncode == 0, completed.stderr
