import datetime as dt

import pytest

from delaftale_cli.parser.period import parse_period


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("01.08.2025-31.07.2029", dt.date(2025, 8, 1), dt.date(2029, 7, 31)),
        ("1. august 2025 – 31. juli 2029", dt.date(2025, 8, 1), dt.date(2029, 7, 31)),
        (
            "1/8 2025 - 31/7 2029".replace(" 2025", "/2025").replace(" 2029", "/2029"),
            dt.date(2025, 8, 1),
            dt.date(2029, 7, 31),
        ),
        ("august 2025 - juli 2029", dt.date(2025, 8, 1), dt.date(2029, 7, 31)),
        ("2025-08-01 til 2029-07-31", dt.date(2025, 8, 1), dt.date(2029, 7, 31)),
    ],
)
def test_period_formats(text: str, start: dt.date, end: dt.date) -> None:
    period, problem = parse_period(text)
    assert problem is None
    assert (period.start, period.end, period.text) == (start, end, text)


def test_unparseable_period_keeps_the_text_and_says_why() -> None:
    period, problem = parse_period("Aftalen løber i helhedsplanens periode")
    assert period.start is None and period.end is None
    assert period.text == "Aftalen løber i helhedsplanens periode"
    assert problem and "no dates" in problem


def test_end_before_start_is_not_accepted() -> None:
    period, problem = parse_period("31.07.2029-01.08.2025")
    assert period.start is None
    assert problem and "before" in problem


@pytest.mark.parametrize(
    ("text", "end"),
    [
        # a sentence's full stop after the year is no day ("2028." is not "28.")
        ("Aftalen gælder for perioden august 2024 – juli 2028.", dt.date(2028, 7, 31)),
        # an ISO date gives its day
        ("2024-08-01 - 2028-07-15", dt.date(2028, 7, 15)),
        ("februar 2024 - februar 2028", dt.date(2028, 2, 29)),
    ],
)
def test_an_end_given_as_a_month_ends_on_its_last_day_and_only_then(
    text: str, end: dt.date
) -> None:
    period, problem = parse_period(text)
    assert problem is None and period.end == end
