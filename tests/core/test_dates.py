"""Dates and periods in words: one date at its precision, a period as compact as the language allows."""

from __future__ import annotations

import pytest
from annotated_reader.core.dates import format_day, format_period, format_source_date, iso_date_hint


@pytest.mark.parametrize(
    ("value", "german", "english"),
    [
        ("2022", "2022", "2022"),
        ("2022-09", "September 2022", "September 2022"),
        ("2022-09-26", "26. September 2022", "September 26, 2022"),
        # Same month: the month and year once.
        ("2022-01-02/2022-01-19", "2.–19. Januar 2022", "January 2 – 19, 2022"),
        # Same year: the year once.
        ("2022-06-30/2022-07-02", "30. Juni – 2. Juli 2022", "June 30 – July 2, 2022"),
        ("2022-09/2022-10", "September–Oktober 2022", "September – October 2022"),
        # Different years: both in full.
        (
            "2021-12-30/2022-01-02",
            "30. Dezember 2021 – 2. Januar 2022",
            "December 30, 2021 – January 2, 2022",
        ),
        ("2022/2023", "2022–2023", "2022 – 2023"),
        # Different precision: each end at its own.
        ("2022-01/2022-03-15", "Januar 2022 – 15. März 2022", "January 2022 – March 15, 2022"),
        # A period of one day is that day.
        ("2022-09-26/2022-09-26", "26. September 2022", "September 26, 2022"),
    ],
)
def test_periods_say_what_differs_and_no_more(value, german, english):
    assert format_period(value, "de") == german
    assert format_period(value, "en") == english


def test_months_are_written_out_never_abbreviated():
    # CLDR's interval patterns for day ranges abbreviate the month ("2.–19. Jan. 2022").
    assert "Jan." not in format_period("2022-01-02/2022-01-19", "de")
    assert "Dez." not in format_period("2021-12-30/2022-01-02", "de")


def test_what_is_not_a_date_stays_as_written():
    assert format_day("Mai 1949", "de") == "Mai 1949"
    assert format_period("", "de") == ""
    assert format_source_date("undatiert", "de") == "undatiert"
    assert format_source_date("2022-09-27", "de") == "27. September 2022"


def test_an_unknown_language_falls_back_to_english():
    assert format_period("2022-09-26", "xx-unknown") == "September 26, 2022"


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("Mai 1949", "write it as 1949-05"),
        ("23. Mai 1949", "write it as 1949-05-23"),
        ("23.05.1949", "write it as 1949-05-23"),
        ("05/1949", "write it as 1949-05"),
        ("1949-5-8", "write it as 1949-05-08"),
        # Two readings (day or month first), or no real date: the general advice.
        ("05/06/1949", "write the date as YYYY-MM-DD (or YYYY-MM, YYYY), e.g. 2022-09-26"),
        ("31.02.1949", "write the date as YYYY-MM-DD (or YYYY-MM, YYYY), e.g. 2022-09-26"),
        ("Maifeiertag 1949", "write the date as YYYY-MM-DD (or YYYY-MM, YYYY), e.g. 2022-09-26"),
    ],
)
def test_a_date_that_can_be_read_one_way_gets_its_iso_form_as_the_hint(written, hint):
    assert iso_date_hint(written) == hint
