"""``python -m annotated_reader check`` from this checkout, without installing it.

The pre-commit hook runs this in an environment that has the project's dependencies but
not the project, so that it checks with the code of this checkout.  Arguments are those
of ``check``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "ext"))

from annotated_reader.__main__ import main

if __name__ == "__main__":
    sys.exit(main(["check", *sys.argv[1:]]))
