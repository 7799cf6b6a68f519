"""``python -m bench``: the benchmark (see :mod:`bench.run`); ``python -m bench profile N``."""

from __future__ import annotations

import sys

if __name__ == "__main__":
    if sys.argv[1:2] == ["profile"]:
        from .profile import main as profile_main

        sys.exit(profile_main(sys.argv[2:]))
    from .run import main

    sys.exit(main())
