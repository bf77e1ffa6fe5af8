"""The overview costs nothing until a page is served: registering it does not import Jinja2."""

from __future__ import annotations

import subprocess
import sys


def test_registering_the_features_does_not_import_jinja2() -> None:
    code = "import sys\nfrom bot.wiring import build_registry\nbuild_registry()\n"
    code += "print('jinja2' in sys.modules)"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"
