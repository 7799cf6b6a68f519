"""Command line: ``python -m annotated_reader check|render …`` (no Sphinx needed).

``check DOCS`` validates every annotation file and text of a source directory and prints
each problem as ``file:line:col: message (suggestion) [kind]``; it exits with 1 if there
is any.  With ``--report`` it then prints the coverage report (:mod:`.core.coverage`).
``render PATH`` prints the MyST page generated for a text file (or for the text file
that uses a seed), exactly as the Sphinx extension parses it.  ``serve DOCS OUTDIR …``
is the live preview (:mod:`.preview`; needs Sphinx and sphinx-autobuild).
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Sequence
from pathlib import Path

from .core.coverage import coverage, format_report
from .core.impact import format_impact, impact
from .core.problems import Problem, sort_problems
from .core.project import Project, find_texts, load_project
from .core.render import render_myst
from .settings import read_conf


def _relative(problem: Problem) -> str:
    text = str(problem)
    path = str(problem.location.path)
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return text
    return text.replace(path, relative, 1) if not relative.startswith("../..") else text


def _load(args: argparse.Namespace, *, quiet: bool = False) -> Project:
    """The project of ``args.docs``, under the settings of its ``conf.py``."""
    settings, errors = read_conf(Path(args.docs))
    for error in errors if not quiet else ():
        print(error, file=sys.stderr)
    return load_project(
        Path(args.docs),
        args.registry or settings.registries,
        args.seeds or settings.seed_dirs,
        tuple(settings.actor_types),
        settings.source_policy,
    )


def _project_at(ref: str, args: argparse.Namespace, workdir: Path) -> Project | str:
    """The project as it was at git ``ref`` (unpacked into ``workdir``), or why it cannot be had."""
    docs = Path(args.docs).resolve()
    top = subprocess.run(
        ["git", "-C", str(docs), "rev-parse", "--show-toplevel"], capture_output=True, text=True, check=False
    )
    if top.returncode != 0:
        return f"{args.docs} is not in a git repository"
    root = Path(top.stdout.strip())
    archive = subprocess.run(
        ["git", "-C", str(root), "archive", "--format=tar", ref], capture_output=True, check=False
    )
    if archive.returncode != 0:
        return f"git cannot show {ref!r}: {archive.stderr.decode('utf-8', 'replace').strip()}"
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(workdir, filter="data")
    previous = argparse.Namespace(**{**vars(args), "docs": str(workdir / docs.relative_to(root))})
    return _load(previous, quiet=True)


def _print_impact(args: argparse.Namespace, project: Project) -> None:
    with tempfile.TemporaryDirectory(prefix="annotated-reader-") as workdir:
        before = _project_at(args.against, args, Path(workdir))
        if isinstance(before, str):
            print(f"impact: {before}", file=sys.stderr)
            return
        print()
        sys.stdout.write(format_impact(impact(before.texts, project.texts)))


def _check(args: argparse.Namespace) -> int:
    project = _load(args)
    for problem in sort_problems(project.problems):
        print(_relative(problem))
    if args.report:
        print()
        sys.stdout.write(format_report(coverage(project)))
    if args.impact:
        _print_impact(args, project)
    texts, problems = len(project.texts), len(project.problems)
    entries = len(project.registry.entries)
    summary = f"{entries} entries, {texts} text(s), {problems} problem(s)"
    print(summary, file=sys.stderr)
    return 1 if problems else 0


def _render(args: argparse.Namespace) -> int:
    target = Path(args.path).resolve()
    docs = Path(args.docs)
    project = _load(args)
    for text in project.texts:
        if target in (text.spec.path.resolve(), text.seed.path.resolve()):
            for problem in sort_problems(text.problems):
                print(_relative(problem), file=sys.stderr)
            sys.stdout.write(render_myst(text))
            return 0
    known = ", ".join(str(path) for path in find_texts(docs)) or "none"
    print(f"{args.path}: no text file under {docs} uses this seed (text files: {known})", file=sys.stderr)
    return 1


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line."""
    parser = argparse.ArgumentParser(prog="python -m annotated_reader", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate the annotation files of a source directory")
    check.add_argument("docs", nargs="?", default="docs", help="Sphinx source directory (default: docs)")
    check.add_argument(
        "--report",
        action="store_true",
        help="also print the coverage report: mentions per entry, unused forms, notes per paragraph",
    )
    check.add_argument(
        "--impact",
        action="store_true",
        help="also show, for every text, the links and notes that the changes since the last "
        "commit (or since --against REF) add, remove or move",
    )
    check.add_argument(
        "--against", default="HEAD", metavar="REF", help="git commit or branch for --impact (default: HEAD)"
    )
    render = commands.add_parser("render", help="print the generated MyST of a text")
    render.add_argument("path", help="a *.text.yaml file or a seed file")
    render.add_argument("--docs", default="docs", help="Sphinx source directory (default: docs)")
    serve = commands.add_parser(
        "serve",
        help="live preview: sphinx-autobuild with warm rebuilds (needs the serve extra)",
        description="Arguments are sphinx-autobuild's: SOURCEDIR OUTDIR [options].",
    )
    serve.add_argument("autobuild_args", nargs=argparse.REMAINDER, help="sphinx-autobuild arguments")
    for command in (check, render):
        command.add_argument(
            "--registry", action="append", help="registry glob, relative to DOCS (repeatable)"
        )
        command.add_argument(
            "--seeds", action="append", help="allowed seed directory, relative to DOCS (repeatable)"
        )
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["serve"] and not {"-h", "--help"} & set(arguments[1:2]):
        # Everything after "serve" belongs to sphinx-autobuild, options first included.
        from .preview import serve as run_server

        return run_server(arguments[1:])
    args = parser.parse_args(arguments)
    if not Path(args.docs).is_dir():
        print(f"{args.docs}: not a directory (give the Sphinx source directory)", file=sys.stderr)
        return 1
    try:
        return _check(args) if args.command == "check" else _render(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
