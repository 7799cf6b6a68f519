"""Build the synthetic editions with and without the extension, side by side, and report.

Every build is a fresh ``python -m sphinx`` process (``-b html``, furo), timed from the
outside: wall time, CPU time (user + system of the process and its workers) and peak
memory come from ``os.wait4``; the documents Sphinx read come from the phase recorder
(:mod:`bench.phases`).  The two editions are built alternately, so that a change in the
load of the machine hits both; each figure is the median of the repetitions, with the
spread beside it.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from . import corpus, plain
from .locate import scaling_tables

PROJECT = Path(__file__).resolve().parent.parent
EDITIONS = ("annotated", "plain")
LABELS = {"annotated": "mit Erweiterung", "plain": "MyST ohne Erweiterung"}


@dataclass
class Build:
    """One sphinx-build process."""

    edition: str
    texts: int
    scenario: str
    jobs: int
    wall: float
    cpu: float
    max_rss_mb: float
    read: list[str]
    phases: dict[str, float]
    warnings: list[str]


@dataclass
class Results:
    """Everything one run of the benchmark measured."""

    machine: dict[str, Any]
    settings: dict[str, Any]
    builds: list[Build] = field(default_factory=list)
    editions: dict[int, dict[str, int]] = field(default_factory=dict)
    locate: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0


def sphinx_build(
    srcdir: Path, outdir: Path, doctrees: Path, jobs: int
) -> tuple[float, float, float, dict[str, Any], str]:
    """Run one build; wall and CPU seconds, peak MB, phase record and warnings."""
    phases_file = outdir.parent / f"{outdir.name}.phases.json"
    log = outdir.parent / f"{outdir.name}.log"
    env = {**os.environ, "BENCH_PHASES_FILE": str(phases_file), "PYTHONPATH": str(PROJECT)}
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-N", "-q", "-j", str(jobs)]
    command += ["-d", str(doctrees), str(srcdir), str(outdir)]
    with log.open("w") as stderr:
        start = time.time()
        begin = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr, env=env)
        _pid, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - begin
    process.returncode = os.waitstatus_to_exitcode(status)
    output = log.read_text("utf-8")
    if process.returncode:
        raise RuntimeError(f"sphinx-build failed ({process.returncode}) on {srcdir}:\n{output[-3000:]}")
    record = json.loads(phases_file.read_text("utf-8"))
    record["marks"] = {name: round(at - start, 3) for name, at in record["marks"].items()}
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, record, output


def edit_plain(page: Path) -> None:
    """The plain counterpart of :func:`corpus.edit_annotation`: one more sentence in a note."""
    lines = page.read_text("utf-8").split("\n")
    first = next(number for number, line in enumerate(lines) if line.startswith("[^note-"))
    lines[first] += " Nachtrag der Redaktion."
    page.write_text("\n".join(lines), "utf-8")


class Bench:
    """The editions of one size and their build directories."""

    def __init__(self, workdir: Path, texts: int, results: Results, *, with_plain: bool) -> None:
        self.texts = texts
        self.results = results
        self.base = workdir / f"{texts:04d}"
        started = time.perf_counter()
        edition = corpus.generate(texts, self.base / "annotated")
        if with_plain:
            plain.render(self.base / "annotated", self.base / "plain")
        self.edited = corpus.text_name(texts // 2)
        results.editions[texts] = {"entries": edition.entries, "texts": texts}
        print(
            f"[bench] {texts} texts: {edition.entries} registry entries, generated in "
            f"{time.perf_counter() - started:.0f} s",
            flush=True,
        )

    def build(self, edition: str, scenario: str, jobs: int = 1) -> Build:
        out = self.base / "out" / f"{edition}-j{jobs}"
        doctrees = self.base / "out" / f"{edition}-j{jobs}-doctrees"
        if scenario.startswith("cold"):
            shutil.rmtree(out, ignore_errors=True)
            shutil.rmtree(doctrees, ignore_errors=True)
        if scenario == "edit":
            if edition == "annotated":
                corpus.edit_annotation(self.base / edition / "texts" / f"{self.edited}.text.yaml")
            else:
                edit_plain(self.base / edition / "texts" / f"{self.edited}.md")
        out.parent.mkdir(parents=True, exist_ok=True)
        wall, cpu, rss, record, output = sphinx_build(self.base / edition, out, doctrees, jobs)
        warnings = [line for line in output.splitlines() if "WARNING" in line or "ERROR" in line]
        build = Build(
            edition, self.texts, scenario, jobs, wall, cpu, rss, record["read"], record["marks"], warnings
        )
        self.results.builds.append(build)
        print(
            f"[bench] {self.texts:>4} texts {edition:<9} {scenario:<7} -j{jobs}: {wall:7.2f} s wall "
            f"{cpu:7.2f} s CPU {rss:6.0f} MB, {len(build.read)} read"
            + (f", {len(warnings)} warnings" if warnings else ""),
            flush=True,
        )
        return build


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kilobytes = int(meminfo.read_text().split("\n", 1)[0].split()[1])
        memory = f"{kilobytes / 1024 / 1024:.1f} GB"
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = ""
    versions = {name: metadata.version(name) for name in ("sphinx", "myst-parser", "docutils", "furo")}
    return {
        "cpu": model or platform.processor(),
        "cores": os.cpu_count(),
        "memory": memory,
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "versions": versions,
        "commit": commit,
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "load_before": list(os.getloadavg()),
    }


def compile_bytecode() -> str:
    """Compile the extension (and the phase recorder) to bytecode before any timed build.

    ``pip install`` does this for an installed package; an editable install run with
    ``PYTHONDONTWRITEBYTECODE`` (set on some machines, including ours) would otherwise
    compile every module of the extension again in every build, about 0.15 s that no
    user pays.  Returns the directory compiled, relative to the repository.
    """
    import compileall
    import importlib.util

    spec = importlib.util.find_spec("annotated_reader")
    assert spec is not None and spec.origin is not None, "annotated_reader is not installed"
    package = Path(spec.origin).parent
    for directory in (package, PROJECT / "bench"):
        compileall.compile_dir(directory, quiet=1)
    # Relative to the repository (the results are committed: no path of this machine in them).
    try:
        return package.relative_to(PROJECT).as_posix()
    except ValueError:
        return f"site-packages/{package.name}"


def run(
    workdir: Path, repeats: dict[int, int], parallel_sizes: list[int], plain_big: bool, only: str = "all"
) -> Results:
    """Every measurement of the benchmark (``repeats``: number of texts -> repetitions).

    ``only="rebuild"`` builds each edition cold once (untimed in the figures' sense, but
    recorded) and then repeats only the no-op and one-edit rebuilds, alternating the editions:
    the contributor's loop, measured in a few minutes instead of the full run's twenty.
    """
    started = time.perf_counter()
    settings = {
        "repeats": repeats,
        "parallel_sizes": parallel_sizes,
        "plain_at_1000": plain_big,
        "only": only,
        "bytecode_compiled": compile_bytecode(),
    }
    results = Results(machine(), settings)
    print("[bench] form location (core/locate.py) …", flush=True)
    results.locate = scaling_tables()
    for texts, repeat in repeats.items():
        big = texts >= 1000
        editions = ["annotated", "plain"] if (not big or plain_big) else ["annotated"]
        bench = Bench(workdir, texts, results, with_plain="plain" in editions)
        if only == "rebuild":
            for edition in editions:
                bench.build(edition, "cold")
            for repetition in range(repeat):
                for edition in editions if repetition % 2 == 0 else editions[::-1]:
                    bench.build(edition, "noop")
                    bench.build(edition, "edit")
            shutil.rmtree(bench.base, ignore_errors=True)
            continue
        for repetition in range(repeat):
            order = editions if repetition % 2 == 0 else editions[::-1]
            for edition in order:
                bench.build(edition, "cold")
                bench.build(edition, "noop")
                if not big:
                    bench.build(edition, "edit")
            if texts in parallel_sizes:
                for edition in order:
                    bench.build(edition, "cold", jobs=2)
        shutil.rmtree(bench.base, ignore_errors=True)
    results.machine["load_after"] = list(os.getloadavg())
    results.seconds = time.perf_counter() - started
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        default="1:15,10:3,100:2,1000:1",
        help="numbers of texts and repetitions of each (default: %(default)s; small builds are the noisiest)",
    )
    parser.add_argument("--parallel", default="100", help="sizes also built with -j 2 (default: 100)")
    parser.add_argument("--plain-at-1000", action="store_true", help="also build the plain edition of 1000")
    parser.add_argument("--out", default=str(PROJECT / "bench-results"), help="JSON and markdown results")
    parser.add_argument("--docs", default=str(PROJECT / "docs" / "_benchmark"), help="results for the docs")
    parser.add_argument(
        "--only",
        choices=("all", "rebuild"),
        default="all",
        help="rebuild: one cold build per edition, then only no-op and one-edit rebuilds repeated",
    )
    parser.add_argument("--workdir", help="where to generate and build (default: a temporary directory)")
    args = parser.parse_args(argv)
    repeats = {}
    for item in args.sizes.split(","):
        texts, _sep, repeat = item.partition(":")
        repeats[int(texts)] = int(repeat or 1)
    parallel = [int(size) for size in args.parallel.split(",") if size]
    from .report import write_reports

    with tempfile.TemporaryDirectory(prefix="annotated-reader-bench-") as temporary:
        workdir = Path(args.workdir) if args.workdir else Path(temporary)
        results = run(workdir, repeats, parallel, args.plain_at_1000, args.only)
    table = write_reports(results, Path(args.out), Path(args.docs) if args.docs else None)
    print(table)
    return 0


def as_json(results: Results) -> dict[str, Any]:
    """Results as plain data."""
    data = asdict(results)
    data["editions"] = {str(key): value for key, value in results.editions.items()}
    return data


def medians(values: list[float]) -> tuple[float, float, float]:
    """Median, minimum and maximum."""
    return statistics.median(values), min(values), max(values)
