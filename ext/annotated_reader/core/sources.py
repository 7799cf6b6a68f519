"""The edition's source policy, and its sources gathered for the list of sources.

A machine can check part of what makes a source citable: that it does not come from a host
the edition refuses (content farms, copies of Wikipedia, aggregators that republish others'
wires), and, where the edition requires it, that it gives its publication date (or says
``undatiert``) and the day the editors last checked it.  Whether a source supports the note
it sits in is the editors' work (see the working notes of the edition).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .annotations import Entry, Note, Source, check_date
from .dates import UNDATED
from .problems import Location, Problem, ProblemKind

DEFAULT_REFUSED_HOSTS: tuple[str, ...] = (
    # content farms
    "americandailynewspaper.com",
    # copies of Wikipedia
    "wikiwand.com",
    "wikizero.com",
    "de-academic.com",
    "deacademic.com",
    "en-academic.com",
    "dewiki.de",
    "wiki2.org",
    "wikibrief.org",
    "wiki.edu.vn",
    # flip-book copies of magazines
    "flipbuilder.com",
    "fliphtml5.com",
    # aggregators that republish others' wires without editorial control
    "menafn.com",
    "urdupoint.com",
    "thenewsontime.com",
    "ukrainetoday.org",
    "trend-online.com",
    "newsnow.co.uk",
    "msn.com",
)
"""Hosts whose pages are not cited (a host also refuses its subdomains)."""


@dataclass(frozen=True, slots=True)
class SourcePolicy:
    """What the edition requires of its sources."""

    refused_hosts: tuple[str, ...] = DEFAULT_REFUSED_HOSTS
    require_dates: bool = False
    """Every source gives its publication date (or ``undatiert``) and ``accessed``."""
    require_sources: bool = False
    """Every entry and every note names at least one source."""


def host(url: str) -> str:
    """The host of a web address, lowercase, without ``www.`` and port."""
    name = (urlsplit(url).hostname or "").lower().rstrip(".")
    return name.removeprefix("www.")


def refused_host(url: str, refused: Iterable[str]) -> str | None:
    """The refused host (as listed) that ``url`` belongs to, or ``None``."""
    name = host(url)
    for entry in refused:
        listed = entry.lower().strip().removeprefix("www.")
        if listed and (name == listed or name.endswith("." + listed)):
            return entry
    return None


def source_problems(
    sources: Iterable[Source], policy: SourcePolicy, today: datetime.date | None = None
) -> list[Problem]:
    """Every breach of ``policy`` by ``sources``, located at the source."""
    today = today or datetime.date.today()
    problems: list[Problem] = []
    for source in sources:
        where = source.location or Location(Path("<source>"))
        listed = refused_host(source.url, policy.refused_hosts)
        if listed is not None:
            problems.append(
                Problem(
                    ProblemKind.SOURCE_REFUSED,
                    source.url_location or where,
                    (
                        f"'{host(source.url)}' is"
                        if host(source.url) == listed.lower().removeprefix("www.")
                        else f"'{host(source.url)}' belongs to '{listed}', which is"
                    )
                    + " on the list of refused source hosts (content farms, copies of Wikipedia, "
                    "aggregators)",
                    "cite the original publisher or an official source instead",
                )
            )
        problems.extend(_date_problems(source, where, policy, today))
    return problems


def _date_problems(
    source: Source, where: Location, policy: SourcePolicy, today: datetime.date
) -> list[Problem]:
    problems = []
    if source.date and source.date != UNDATED and not check_date(source.date):
        problems.append(
            Problem(
                ProblemKind.SOURCE_INCOMPLETE,
                where,
                f"the source's date '{source.date}' is not a real calendar date",
                "write it as YYYY-MM-DD, YYYY-MM or YYYY",
            )
        )
    accessed = _day(source.accessed)
    if source.accessed and accessed is None:
        problems.append(
            Problem(
                ProblemKind.SOURCE_INCOMPLETE,
                where,
                f"'accessed: {source.accessed}' is not a real calendar day",
                "write the day you checked the source as YYYY-MM-DD",
            )
        )
    elif accessed is not None and accessed > today:
        problems.append(
            Problem(
                ProblemKind.SOURCE_INCOMPLETE,
                where,
                f"'accessed: {source.accessed}' lies in the future",
                f"write the day you checked the source, e.g. {today.isoformat()}",
            )
        )
    elif accessed is not None and source.date and source.date != UNDATED and source.date > source.accessed:
        problems.append(
            Problem(
                ProblemKind.SOURCE_INCOMPLETE,
                where,
                f"the source is dated {source.date}, after it was checked ({source.accessed})",
                "check both dates",
            )
        )
    if policy.require_dates:
        if not source.date:
            problems.append(
                Problem(
                    ProblemKind.SOURCE_INCOMPLETE,
                    where,
                    f"the source '{_short(source.title)}' has no date",
                    "add its publication date as date: YYYY-MM-DD, or date: undatiert if it gives none",
                )
            )
        if not source.accessed:
            problems.append(
                Problem(
                    ProblemKind.SOURCE_INCOMPLETE,
                    where,
                    f"the source '{_short(source.title)}' has no 'accessed' date",
                    "add the day you last checked that it supports the text: accessed: YYYY-MM-DD",
                )
            )
    return problems


def unsourced_problems(
    entries: Iterable[Entry] = (), notes: Iterable[Note] = (), policy: SourcePolicy | None = None
) -> list[Problem]:
    """Entries and notes without a source, where the edition requires one."""
    if policy is None or not policy.require_sources:
        return []
    hint = "add 'sources:' with at least one source (publisher, title, date, accessed, url)"
    problems = [
        Problem(ProblemKind.SOURCE_INCOMPLETE, entry.location, f"{entry.ref} has no source", hint)
        for entry in entries
        if not entry.sources
    ]
    problems.extend(
        Problem(ProblemKind.SOURCE_INCOMPLETE, note.location, f"note '{note.id}' has no source", hint)
        for note in notes
        if not note.sources
    )
    return problems


def _day(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        return None


def _short(title: str, limit: int = 60) -> str:
    return title if len(title) <= limit else title[: limit - 1] + "…"


@dataclass(frozen=True, slots=True)
class SourceGroup:
    """One source of the edition (by its address) and every place that cites it."""

    source: Source
    """The fullest record of it (the one with the most fields)."""
    variants: tuple[Source, ...]
    """Every record of it, in the order they were listed."""


def group_sources(sources: Sequence[Source]) -> list[SourceGroup]:
    """The sources by address, each once, in the order of first citation."""
    by_url: dict[str, list[Source]] = {}
    for source in sources:
        by_url.setdefault(source.url, []).append(source)
    groups = []
    for variants in by_url.values():
        fullest = max(variants, key=lambda s: sum(bool(v) for v in (s.author, s.date, s.accessed)))
        groups.append(SourceGroup(fullest, tuple(variants)))
    return groups
