"""Dates, periods and counts per language, independent of the machine's locales."""

import datetime
import os
import subprocess
import sys

import pytest

from content_model.values import PartialDate
from localization.formatting import format_date, format_period, unit_label

UNITS = {"fahrzeuge": {"de": {"one": "Fahrzeug", "other": "Fahrzeuge"}}}


@pytest.mark.parametrize(
    ("lang", "expected"),
    # CLDR keeps "р." (рік, year) on the line of the year with a narrow no-break space.
    [("de", "15. September 2022"), ("uk", "15 вересня 2022\u202fр."), ("en", "15 September 2022")],
)
def test_long_dates(lang, expected):
    assert format_date(PartialDate(2022, 9, 15), lang) == expected
    assert format_date(datetime.date(2022, 9, 15), lang) == expected


def test_month_precision_names_only_the_month():
    assert format_date(PartialDate(2022, 9), "de") == "September 2022"


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (PartialDate(2023, 4, 17), PartialDate(2023, 4, 20), "17.–20. April 2023"),
        (PartialDate(2024, 11, 30), PartialDate(2024, 12, 2), "30. November – 2. Dezember 2024"),
        (PartialDate(2024, 12, 30), PartialDate(2025, 1, 2), "30. Dezember 2024 – 2. Januar 2025"),
        (PartialDate(2024, 11, 25), PartialDate(2024, 11, 25), "25. November 2024"),
        (PartialDate(2023, 9), PartialDate(2023, 9), "September 2023"),
        (PartialDate(2024, 12), PartialDate(2024, 12, 7), "Dezember 2024 – 7. Dezember 2024"),
    ],
)
def test_periods_in_german(start, end, expected):
    assert format_period(start, end, "de") == expected


def test_unit_labels_follow_plural_rules():
    assert unit_label(UNITS, "fahrzeuge", 1, "de") == "Fahrzeug"
    assert unit_label(UNITS, "fahrzeuge", 10, "de") == "Fahrzeuge"
    assert unit_label(UNITS, "fahrzeuge", None, "de") == "Fahrzeuge"


def test_formatting_does_not_depend_on_the_os_locale():
    """The same call in a process with a foreign LANG/LC_ALL gives the same German text."""
    code = (
        "import sys; sys.path.insert(0, 'plugins');"
        "from localization.formatting import format_date; import datetime;"
        "print(format_date(datetime.date(2022, 9, 15), 'de'))"
    )
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for locale in ("C", "en_US.UTF-8", "tr_TR.UTF-8"):
        env = dict(os.environ, LANG=locale, LC_ALL=locale, TZ="Pacific/Kiritimati")
        result = subprocess.run([sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True)
        assert result.stdout.strip() == "15. September 2022", result.stderr


