"""``python -m bench``: the benchmark (see :mod:`bench.run`).

``python -m bench profile N`` profiles one build; ``python -m bench report`` renders the
tables of ``bench-results/results.json`` again (into ``bench-results/`` and the docs).
"""

from __future__ import annotations

import sys

if __name__ == "__main__":
    if sys.argv[1:2] == ["profile"]:
        from .profile import main as profile_main

        sys.exit(profile_main(sys.argv[2:]))
    if sys.argv[1:2] == ["report"]:
        from .report import load_results, write_reports
        from .run import PROJECT

        out = PROJECT / "bench-results"
        print(write_reports(load_results(out / "results.json"), out, PROJECT / "docs" / "_benchmark"))
        sys.exit(0)
    from .run import main

    sys.exit(main())
