"""Configuration: the settings of :mod:`..settings` as Sphinx configuration values.

Each field ``name`` of :class:`~..settings.ReaderSettings` is the configuration value
``annotated_reader_<name>``.  Invalid values are replaced by the default with a typed warning
(``annotated_reader.config``), so that the rest of the extension can always read valid
settings through :func:`reader_config`.  The reference table in the docs is generated from
the dataclass.
"""

from __future__ import annotations

import dataclasses as dc
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

from ..edition import edition_problems
from ..settings import PREFIX, ReaderSettings, default_value
from .report import WARNING_TYPE, report

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

__all__ = ["PREFIX", "ReaderConfig", "reader_config", "setup_config"]

logger = logging.getLogger(__name__)

ReaderConfig = ReaderSettings
"""The extension's configuration: the settings, read from Sphinx's configuration."""


def reader_config(config: Config) -> ReaderSettings:
    """The one accessor for the extension's configuration."""
    return ReaderSettings(**{f.name: getattr(config, PREFIX + f.name) for f in dc.fields(ReaderSettings)})


def _validate(app: Sphinx, config: Config) -> None:
    for field in dc.fields(ReaderSettings):
        name = PREFIX + field.name
        error = field.metadata["validator"](getattr(config, name))
        if error:
            default = default_value(field)
            logger.warning(
                "%s %s; using the default %r",
                name,
                error,
                default,
                type=WARNING_TYPE,
                subtype="config",
            )
            setattr(config, name, default)
    _report_edition(app, config)


def _report_edition(app: Sphinx, config: Config) -> None:
    """Report what is wrong in ``annotated_reader_edition``, at its line of ``conf.py``."""
    values = getattr(config, PREFIX + "edition")
    if not values:  # a project without an edition keeps Sphinx's own values
        return
    conf = Path(app.confdir or app.srcdir) / "conf.py"
    try:
        source = conf.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        source = ""
    report(edition_problems(values, conf, source))


def setup_config(app: Sphinx) -> None:
    """Register the configuration values and their validation."""
    for field in dc.fields(ReaderSettings):
        default = default_value(field)
        app.add_config_value(
            PREFIX + field.name,
            default,
            field.metadata["rebuild"],
            types=frozenset(field.metadata["types"]),
            description=field.metadata["help"],
        )
    app.connect("config-inited", _validate, priority=400)
