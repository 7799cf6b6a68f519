"""Tables and target checks from the builds of a benchmark run.

Writes ``results.json`` (everything) and ``results.md`` (the tables) into the output
directory, and the tables also into the docs (``docs/_benchmark/ergebnisse.md``, a page linked from
``docs/benchmark.md``).
"""

from __future__ import annotations

import json
import math
import statistics
from dataclasses import dataclass
from pathlib import Path

from .run import Build, Results, as_json


def load_results(path: Path) -> Results:
    """Results written by an earlier run (to render the tables again)."""
    data = json.loads(path.read_text("utf-8"))
    results = Results(data["machine"], data["settings"], locate=data["locate"], seconds=data["seconds"])
    results.settings["repeats"] = {
        int(texts): repeat for texts, repeat in data["settings"]["repeats"].items()
    }
    results.editions = {int(texts): edition for texts, edition in data["editions"].items()}
    results.builds = [Build(**build) for build in data["builds"]]
    return results


SCENARIOS = {
    ("cold", 1): "kalt, -j 1",
    ("noop", 1): "ohne Änderung",
    ("edit", 1): "eine Textdatei bearbeitet",
    ("cold", 2): "kalt, -j 2",
}


@dataclass
class Figure:
    """Median and spread of one measure over the repetitions."""

    median: float
    low: float
    high: float
    runs: int

    @classmethod
    def of(cls, values: list[float]) -> Figure | None:
        if not values:
            return None
        return cls(statistics.median(values), min(values), max(values), len(values))

    def text(self, digits: int = 2) -> str:
        if self.runs == 1:
            return f"{self.median:.{digits}f}"
        return f"{self.median:.{digits}f} ({self.low:.{digits}f}–{self.high:.{digits}f})"


def _select(builds: list[Build], edition: str, texts: int, scenario: str, jobs: int) -> list[Build]:
    return [b for b in builds if (b.edition, b.texts, b.scenario, b.jobs) == (edition, texts, scenario, jobs)]


def _figure(builds: list[Build], measure: str) -> Figure | None:
    return Figure.of([getattr(build, measure) for build in builds])


def _ratio(numerator: list[Build], denominator: list[Build], measure: str) -> Figure | None:
    """Ratios of builds paired by repetition (the n-th of each), so each pair shares a load."""
    pairs = list(zip(numerator, denominator, strict=False))
    return Figure.of([getattr(a, measure) / getattr(b, measure) for a, b in pairs])


def _reads(builds: list[Build]) -> str:
    counts = sorted({len(build.read) for build in builds})
    text = "/".join(str(count) for count in counts)
    if counts == [1]:
        return f"1 ({builds[0].read[0]})"
    return text


def build_table(results: Results) -> str:
    """Times with and without the extension, per size and scenario."""
    rows = [
        (
            "| Texte | Build | mit Erweiterung: Wand (s) | ohne: Wand (s) | Verhältnis Wand "
            "| Verhältnis CPU | neu gelesen (mit / ohne) | Spitze Speicher MB (mit / ohne) |"
        ),
        "|---:|---|---:|---:|---:|---:|---|---|",
    ]
    for texts in sorted(results.editions):
        for (scenario, jobs), label in SCENARIOS.items():
            ours = _select(results.builds, "annotated", texts, scenario, jobs)
            theirs = _select(results.builds, "plain", texts, scenario, jobs)
            if not ours:
                continue
            wall = _figure(ours, "wall")
            plain_wall = _figure(theirs, "wall")
            ratio = _ratio(ours, theirs, "wall")
            cpu_ratio = _ratio(ours, theirs, "cpu")
            memory = f"{statistics.median(b.max_rss_mb for b in ours):.0f}"
            if theirs:
                memory += f" / {statistics.median(b.max_rss_mb for b in theirs):.0f}"
            reads = _reads(ours) + (f" / {_reads(theirs)}" if theirs else "")
            rows.append(
                f"| {texts} | {label} | {wall.text() if wall else ''} "
                f"| {plain_wall.text() if plain_wall else '–'} | {ratio.text() if ratio else '–'} "
                f"| {cpu_ratio.text() if cpu_ratio else '–'} | {reads} | {memory} |"
            )
    return "\n".join(rows)


def phase_table(results: Results) -> str:
    """Where the time of a cold build goes: start-up, reading, writing (medians)."""
    rows = [
        "| Texte | Ausgabe | Start (s) | Lesen (s) | Prüfen (s) | Schreiben (s) |",
        "|---:|---|---:|---:|---:|---:|",
    ]
    for texts in sorted(results.editions):
        for edition in ("annotated", "plain"):
            builds = _select(results.builds, edition, texts, "cold", 1)
            if not builds:
                continue

            def median(start: str, end: str, builds: list[Build] = builds) -> str:
                values = [b.phases[end] - b.phases.get(start, 0.0) for b in builds if end in b.phases]
                return f"{statistics.median(values):.2f}" if values else "–"

            rows.append(
                f"| {texts} | {'mit' if edition == 'annotated' else 'ohne'} Erweiterung "
                f"| {median('', 'read')} | {median('read', 'read-done')} | {median('read-done', 'write')} "
                f"| {median('write', 'finished')} |"
            )
    return "\n".join(rows)


def locate_table(results: Results) -> str:
    """Form location against text length, and against the number of forms."""
    locate = results.locate
    rows = [
        "| Länge (Zeichen) | Treffer | Zeit (ms) | µs je 1000 Zeichen |",
        "|---:|---:|---:|---:|",
    ]
    rows += [
        f"| {row['characters']:,} | {row['matches']:,} | {row['ms']:.2f} | {row['us_per_1000_chars']:.0f} |".replace(
            ",", "."
        )
        for row in locate["by_length"]
    ]
    rows += [
        "",
        "| Formen | Länge (Zeichen) | Zeit (ms) | zum Vergleich: jede Form einmal suchen (ms) |",
        "|---:|---:|---:|---:|",
    ]
    rows += [
        f"| {row['forms']:,} | {row['characters']:,} | {row['ms']:.2f} | {row['naive_ms']:.1f} |".replace(
            ",", "."
        )
        for row in locate["by_forms"]
    ]
    return "\n".join(rows)


def slope(points: list[tuple[float, float]]) -> float:
    """The exponent b of y = a·x^b fitted to the points (1 = linear)."""
    xs = [math.log(x) for x, _ in points]
    ys = [math.log(y) for _, y in points]
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mean_x) ** 2 for x in xs
    )


@dataclass
class Target:
    """One target of the issue and whether this run met it."""

    name: str
    measured: str
    limit: str
    met: bool | None
    """``None`` when the run did not measure it."""


def targets(results: Results) -> list[Target]:
    """The targets of the benchmark, checked against this run."""
    builds = results.builds
    found: list[Target] = []

    def ratio(texts: int, scenario: str = "cold", jobs: int = 1) -> Figure | None:
        ours = _select(builds, "annotated", texts, scenario, jobs)
        return _ratio(ours, _select(builds, "plain", texts, scenario, jobs), "wall")

    for texts, limit in ((1, 1.10), (100, 1.20)):
        figure = ratio(texts)
        cpu = _ratio(
            _select(builds, "annotated", texts, "cold", 1), _select(builds, "plain", texts, "cold", 1), "cpu"
        )
        found.append(
            Target(
                f"{texts} Text{'e' if texts > 1 else ''}, kalt, -j 1: mit / ohne Erweiterung",
                f"{figure.median:.2f}× (CPU {cpu.median:.2f}×)" if figure and cpu else "nicht gemessen",
                f"≤ {limit:.2f}×",
                figure.median <= limit if figure else None,
            )
        )
    small = _figure(_select(builds, "annotated", 100, "cold", 1), "wall")
    big = _figure(_select(builds, "annotated", 1000, "cold", 1), "wall")
    big_memory = _figure(_select(builds, "annotated", 1000, "cold", 1), "max_rss_mb")
    small_cpu = _figure(_select(builds, "annotated", 100, "cold", 1), "cpu")
    big_cpu = _figure(_select(builds, "annotated", 1000, "cold", 1), "cpu")
    found.append(
        Target(
            "1000 Texte, kalt: Zeit / Zeit bei 100 Texten",
            f"{big.median / small.median:.2f}× (CPU {big_cpu.median / small_cpu.median:.2f}×; "
            f"{big.median:.0f} s, Spitze {big_memory.median:.0f} MB)"
            if small and big and big_memory and small_cpu and big_cpu
            else "nicht gemessen",
            "≤ 10.5×",
            big.median / small.median <= 10.5 if small and big else None,
        )
    )
    plain_small = _figure(_select(builds, "plain", 100, "cold", 1), "wall")
    plain_big = _figure(_select(builds, "plain", 1000, "cold", 1), "wall")
    plain_big_memory = _figure(_select(builds, "plain", 1000, "cold", 1), "max_rss_mb")
    if plain_small and plain_big and plain_big_memory and big and big_memory:
        # Only with --plain-at-1000: the same growth and memory for Sphinx without the extension.
        found.append(
            Target(
                "1000 Texte, kalt, ohne Erweiterung: Zeit / Zeit bei 100 Texten",
                f"{plain_big.median / plain_small.median:.2f}× ({plain_big.median:.0f} s)",
                "zum Vergleich",
                None,
            )
        )
        found.append(
            Target(
                "1000 Texte, kalt: Spitze Speicher je Text (mit / ohne Erweiterung)",
                f"{big_memory.median / 1000:.2f} MB / {plain_big_memory.median / 1000:.2f} MB",
                "zum Vergleich",
                None,
            )
        )
    for scenario, label in (("noop", "ohne Änderung"), ("edit", "eine Textdatei bearbeitet")):
        rebuild = _ratio(
            _select(builds, "annotated", 100, scenario, 1), _select(builds, "plain", 100, scenario, 1), "cpu"
        )
        found.append(
            Target(
                f"100 Texte, {label}: CPU mit / ohne Erweiterung (Median)",
                f"{rebuild.median:.2f}× ({rebuild.low:.2f}–{rebuild.high:.2f}×)"
                if rebuild
                else "nicht gemessen",
                "≤ 1.20×",
                rebuild.median <= 1.2 if rebuild else None,
            )
        )
    serial = _select(builds, "annotated", 100, "cold", 1)
    parallel = _select(builds, "annotated", 100, "cold", 2)
    speedup = _ratio(serial, parallel, "wall")
    plain_speedup = _ratio(
        _select(builds, "plain", 100, "cold", 1), _select(builds, "plain", 100, "cold", 2), "wall"
    )
    found.append(
        Target(
            "100 Texte: -j 1 / -j 2",
            f"{speedup.median:.2f}× (ohne Erweiterung {plain_speedup.median:.2f}×)"
            if speedup and plain_speedup
            else "nicht gemessen",
            "≥ 1.45×",
            speedup.median >= 1.45 if speedup else None,
        )
    )
    noop = [b for b in builds if b.edition == "annotated" and b.scenario == "noop"]
    found.append(
        Target(
            "ohne Änderung: neu gelesene Dokumente",
            f"höchstens {max(len(b.read) for b in noop)} in {len(noop)} Builds" if noop else "nicht gemessen",
            "0",
            all(not b.read for b in noop) if noop else None,
        )
    )
    edits = [b for b in builds if b.edition == "annotated" and b.scenario == "edit"]
    found.append(
        Target(
            "eine Textdatei bearbeitet: neu gelesen",
            ", ".join(sorted({" ".join(b.read) for b in edits})) + f" ({len(edits)} Builds)"
            if edits
            else "nicht gemessen",
            "nur diese Textseite",
            all(len(b.read) == 1 and b.read[0].startswith("texts/") for b in edits) if edits else None,
        )
    )
    locate = results.locate
    if locate:
        exponent = slope([(row["characters"], row["ms"]) for row in locate["by_length"]])
        found.append(
            Target(
                "Formen finden (10.000 Formen): Zeit ~ Länge^b",
                f"b = {exponent:.2f}",
                "b ≤ 1.3 (linear: 1, quadratisch: 2)",
                exponent <= 1.3,
            )
        )
        found.append(
            Target(
                "Formen finden: Zeit mit 10.000 / mit 100 Formen",
                f"{locate['forms_ratio']:.2f}×",
                "≤ 3× (ein Durchgang)",
                locate["forms_ratio"] <= 3,
            )
        )
    warned = [b for b in builds if b.warnings]
    found.append(
        Target(
            "Warnungen in allen Builds",
            str(sum(len(b.warnings) for b in warned)),
            "0",
            not warned,
        )
    )
    return found


def target_table(results: Results) -> str:
    """The targets as a table."""
    mark = {True: "ja", False: "**nein**", None: "–"}
    rows = ["| Ziel | gemessen | Grenze | erreicht |", "|---|---|---|---|"]
    rows += [f"| {t.name} | {t.measured} | {t.limit} | {mark[t.met]} |" for t in targets(results)]
    return "\n".join(rows)


def machine_text(results: Results) -> str:
    """The machine and the run, in one paragraph."""
    m = results.machine
    versions = ", ".join(f"{name} {version}" for name, version in m["versions"].items())
    load = "/".join(f"{value:.1f}" for value in m["load_before"])
    load_after = "/".join(f"{value:.1f}" for value in m.get("load_after", []))
    settings = results.settings
    return (
        f"Gemessen am {m['date']} auf {m['cpu']} ({m['cores']} Kerne, {m['memory']} RAM), "
        f"{m['system']}, Python {m['python']}, {versions}; Stand {m['commit'] or 'unbekannt'}. "
        "Wiederholungen: "
        + ", ".join(
            f"{repeat}× bei {texts} Text{'en' if texts > 1 else ''}"
            for texts, repeat in settings["repeats"].items()
        )
        + "; Erweiterung vorab in Bytecode übersetzt, wie `pip install` es tut; "
        f"Last (1/5/15 min) vorher {load}, nachher {load_after}; Dauer {results.seconds / 60:.0f} min."
    )


def markdown(results: Results) -> str:
    """All tables, for the docs and the console."""
    sizes = ", ".join(
        f"{texts} ({edition['entries']} Registereinträge)"
        for texts, edition in sorted(results.editions.items())
    )
    return "\n\n".join(
        [
            machine_text(results),
            f"Texte (Registereinträge): {sizes}.",
            "**Ziele**",
            target_table(results),
            (
                "**Builds** (Median, in Klammern kleinster und größter Wert; Verhältnisse je Paar "
                "von Builds derselben Wiederholung)"
            ),
            build_table(results),
            "**Wohin die Zeit eines kalten Builds geht** (Median)",
            phase_table(results),
            "**Formen finden** (`core/locate.py`, bestes von fünf)",
            locate_table(results),
        ]
    )


RESULTS_TITLE = "Ergebnisse des letzten Laufs"


def write_reports(results: Results, out: Path, docs: Path | None) -> str:
    """Write JSON and markdown; return the markdown."""
    text = markdown(results) + "\n"
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(as_json(results), indent=1, ensure_ascii=False), "utf-8")
    (out / "results.md").write_text(text, "utf-8")
    if docs is not None:
        docs.mkdir(parents=True, exist_ok=True)
        # A page of its own: the site's safety rules allow no {include}.
        (docs / "ergebnisse.md").write_text(f"# {RESULTS_TITLE}\n\n{text}", "utf-8")
        (docs / "latest.json").write_text(json.dumps(as_json(results), indent=1, ensure_ascii=False), "utf-8")
    return text
