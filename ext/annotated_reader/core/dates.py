"""Dates and periods of the annotation files in words, as a reader expects them.

``2022-09`` is "September 2022", ``2022-01-02/2022-01-19`` is "2.–19. Januar 2022": a
period says what differs and no more, following CLDR's interval formats for the language
(through babel), with the month written out as in the single dates.
"""

from __future__ import annotations

import datetime
import re
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date

UNDATED = "undatiert"
"""What a source's ``date`` says when the source gives no date."""

_SKELETONS = {3: "yMMMd", 2: "yMMMM", 1: "y"}
"""CLDR interval skeleton by precision (number of date parts)."""
_SINGLE = {3: "long", 2: "MMMM y", 1: "y"}
_ABBREVIATED_MONTH = re.compile(r"(?<!M)MMM(?!M)")
_SPACED_DASH = re.compile(r"\s*\u2009–\u2009\s*")


@cache
def _locale(language: str) -> Locale:
    try:
        return Locale.parse((language or "en").replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return Locale.parse("en")


def _parse(value: str) -> tuple[datetime.date, int] | None:
    """A ``YYYY[-MM[-DD]]`` value as a date and its precision, or ``None``."""
    parts = value.split("-")
    try:
        numbers = [int(part) for part in parts]
        date = datetime.date(
            numbers[0], numbers[1] if len(numbers) > 1 else 1, numbers[2] if len(numbers) > 2 else 1
        )
    except (ValueError, IndexError):
        return None
    return (date, len(parts)) if len(parts) <= 3 else None


def format_day(value: str, language: str) -> str:
    """One date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) in words; other text unchanged."""
    parsed = _parse(value)
    if parsed is None:
        return value
    date, precision = parsed
    if precision == 1:
        return str(date.year)
    return format_date(date, _SINGLE[precision], locale=_locale(language))


def format_period(value: str, language: str) -> str:
    """A date or a period ``START/END`` in words, the period as compact as the language allows.

    >>> format_period("2022-01-02/2022-01-19", "de")
    '2.–19. Januar 2022'
    >>> format_period("2022-06-30/2022-07-02", "de")
    '30. Juni – 2. Juli 2022'
    """
    if not value:
        return ""
    start, _sep, end = value.partition("/")
    if not end or end == start:
        return format_day(start, language)
    first, last = _parse(start), _parse(end)
    if first is None or last is None or first[1] != last[1]:
        return f"{format_day(start, language)} – {format_day(end, language)}"
    (start_date, precision), (end_date, _precision) = first, last
    differs = (
        "y"
        if start_date.year != end_date.year
        else "M"
        if start_date.month != end_date.month
        else "d"
        if start_date.day != end_date.day
        else ""
    )
    locale = _locale(language)
    patterns = locale.interval_formats.get(_SKELETONS[precision], {}).get(differs) if differs else None
    if not patterns or len(patterns) != 2:
        return f"{format_day(start, language)} – {format_day(end, language)}"
    start_pattern, end_pattern = (_ABBREVIATED_MONTH.sub("MMMM", pattern) for pattern in patterns)
    text = format_date(start_date, start_pattern, locale=locale) + format_date(
        end_date, end_pattern, locale=locale
    )
    return _SPACED_DASH.sub(" – ", text)


def format_source_date(value: str, language: str) -> str:
    """A source's date in words; ``undatiert`` stays as written."""
    return value if value == UNDATED else format_day(value, language)


_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("januar", "jänner", "jan", "january"),
            ("februar", "feber", "feb", "february"),
            ("märz", "mär", "mar", "march", "maerz"),
            ("april", "apr"),
            ("mai", "may"),
            ("juni", "jun", "june"),
            ("juli", "jul", "july"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "okt", "oct", "october"),
            ("november", "nov"),
            ("dezember", "dez", "dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_WORDS = re.compile(r"^(?:(\d{1,2})\.?\s+)?([A-Za-zÄÖÜäöü]+)\.?,?\s+(\d{4})$")
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_MONTH_YEAR = re.compile(r"^(\d{1,2})[./](\d{4})$")
_SHORT_ISO = re.compile(r"^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$")


def iso_date_hint(value: str) -> str:
    """How to write ``value`` as ``YYYY-MM-DD`` (or ``YYYY-MM``), when it can be read one way only.

    "Mai 1949", "23. Mai 1949", "23.05.1949" and "05/1949" have one reading; "05/06/1949" has
    two (day first or month first), so it gets the general advice instead.
    """
    text = value.strip()
    general = "write the date as YYYY-MM-DD (or YYYY-MM, YYYY), e.g. 2022-09-26"
    candidate = ""
    if match := _WORDS.match(text):
        day, month, year = match.group(1), _MONTHS.get(match.group(2).lower()), match.group(3)
        if month:
            candidate = f"{year}-{month:02d}" + (f"-{int(day):02d}" if day else "")
    elif match := _DOTTED.match(text):
        candidate = f"{match.group(3)}-{int(match.group(2)):02d}-{int(match.group(1)):02d}"
    elif match := _MONTH_YEAR.match(text):
        candidate = f"{match.group(2)}-{int(match.group(1)):02d}"
    elif match := _SHORT_ISO.match(text):
        candidate = f"{match.group(1)}-{int(match.group(2)):02d}" + (
            f"-{int(match.group(3)):02d}" if match.group(3) else ""
        )
    if candidate and _parse(candidate) is not None:
        return f"write it as {candidate}"
    return general
