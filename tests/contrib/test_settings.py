"""``check`` and the build read the same settings: the ``annotated_reader_*`` values of conf.py."""

from __future__ import annotations

import shutil

from annotated_reader.__main__ import main
from annotated_reader.settings import ReaderSettings, read_conf

from .test_examples import EXAMPLES_DIR


def test_a_project_without_conf_py_has_the_defaults(tmp_path):
    assert read_conf(tmp_path) == (ReaderSettings(), [])


def test_the_settings_come_from_conf_py_run_in_its_directory(tmp_path):
    (tmp_path / "hosts.txt").write_text("example.org\n")
    (tmp_path / "conf.py").write_text(
        "from pathlib import Path\n"
        "project = 'x'\n"
        "annotated_reader_require_source_dates = True\n"
        "annotated_reader_refused_source_hosts = Path('hosts.txt').read_text().split()\n"
    )
    settings, errors = read_conf(tmp_path)
    assert errors == []
    assert settings.require_source_dates is True
    assert settings.source_policy.refused_hosts == ("example.org",)


def test_an_invalid_value_keeps_its_default_with_a_message(tmp_path):
    (tmp_path / "conf.py").write_text("annotated_reader_require_source_dates = 'yes'\n")
    settings, errors = read_conf(tmp_path)
    assert settings.require_source_dates is False
    assert errors == ["annotated_reader_require_source_dates must be True or False; using the default False"]


def test_a_conf_py_that_fails_gives_a_message_not_a_traceback(tmp_path):
    (tmp_path / "conf.py").write_text("import no_such_module_here\n")
    settings, errors = read_conf(tmp_path)
    assert settings == ReaderSettings()
    (error,) = errors
    assert "could not be run" in error and "ModuleNotFoundError" in error


def test_check_applies_the_source_policy_of_conf_py(tmp_path, capsys):
    edition = tmp_path / "edition"
    shutil.copytree(EXAMPLES_DIR / "base", edition)
    assert main(["check", str(edition)]) == 0
    (edition / "conf.py").write_text("annotated_reader_require_source_dates = True\n")
    assert main(["check", str(edition)]) == 1
    printed = capsys.readouterr().out
    assert "has no date" in printed and "[source-incomplete]" in printed
