import pytest

from delaftale_cli.document import Block, Table
from delaftale_cli.parser.staff import parse_staff, staff_warnings


def test_yearly_statements_one_row_each_with_provider_and_weeks() -> None:
    blocks = [
        Block(
            "list_item",
            "NPU Årligt 9.660 medarbejdertimer fra de deltagende institutioner til at gennemføre "
            "NPU forløbene (svarende til 21 timer pr. uge pr. institutioner i 46 uger)",
        ),
        Block("list_item", "Familieorienteret uddannelsesvejledning"),
        Block(
            "paragraph",
            "Årligt 400 medarbejdertimer fra UUR Årligt 180 medarbejdertimer PPR "
            "Årligt 60 medarbejdertimer fra PPR (svarende til 40 timer til supervision og 20 timer "
            "til tale-hørekonsulent).",
        ),
    ]
    rows, rest = parse_staff(blocks)
    assert rest == []
    got = [
        (r.activity, r.provider, r.hours, r.per, r.weeks_per_year, r.hours_per_year) for r in rows
    ]
    assert got == [
        ("NPU", "de deltagende institutioner", 9660, "year", 46, 9660),
        ("Familieorienteret uddannelsesvejledning", "UUR", 400, "year", None, 400),
        ("Familieorienteret uddannelsesvejledning", "PPR", 180, "year", None, 180),
        ("Familieorienteret uddannelsesvejledning", "PPR", 60, "year", None, 60),
    ]


def test_weekly_hours_without_weeks_have_no_yearly_total() -> None:
    rows, rest = parse_staff(
        [
            Block("paragraph", "Samlet estimeret timeforbrug af boligsociale ressourcer."),
            Block("paragraph", "Relationel Velfærd: 38 timer pr. uge pr. år."),
            Block("paragraph", "Barselscafé: 10 timer pr. uge i 40 uger."),
        ]
    )
    assert [b.text for b in rest] == ["Samlet estimeret timeforbrug af boligsociale ressourcer."]
    got = [(r.activity, r.hours, r.per, r.weeks_per_year, r.hours_per_year) for r in rows]
    assert got == [
        ("Relationel Velfærd", 38, "week", None, None),
        ("Barselscafé", 10, "week", 40, 400),
    ]
    assert rows[0].text == "Relationel Velfærd: 38 timer pr. uge pr. år."


def test_restating_parenthesis_is_not_a_second_statement() -> None:
    rows, _ = parse_staff(
        [
            Block(
                "paragraph",
                "Årligt 3378 boligsocialmedarbejdertimer om året (svarende til 65 timer om ugen)",
            )
        ]
    )
    assert [(r.hours, r.per) for r in rows] == [(3378, "year")]


def test_plain_short_lines_name_the_activity_and_an_unused_heading_is_kept() -> None:
    rows, rest = parse_staff(
        [
            Block("paragraph", "Familiedage i institutionerne"),
            Block("paragraph", "Årligt 136 medarbejdertimer fra Sundhedsplejen"),
            Block("paragraph", "Trivsel i skolen"),
            Block("paragraph", "Det gode liv for alle"),
            Block("paragraph", "Årligt 312 medarbejdertimer fra Sundhedscenteret"),
            Block("paragraph", "Øvrige ressourcer"),
        ]
    )
    assert [(r.activity, r.hours) for r in rows] == [
        ("Familiedage i institutionerne", 136),
        ("Det gode liv for alle", 312),
    ]
    assert [b.text for b in rest] == ["Trivsel i skolen", "Øvrige ressourcer"]


def _read(*lines: str) -> list[tuple[object, ...]]:
    rows, _ = parse_staff([Block("list_item", line) for line in lines])
    return [
        (r.activity, r.provider, r.hours, r.per, r.weeks_per_year, r.hours_per_year, r.fte)
        for r in rows
    ]


@pytest.mark.parametrize(
    ("line", "want"),
    [
        ("Caféen: 12 timer ugentligt", (12, "week", None, None)),
        ("Caféen: 4 t/uge", (4, "week", None, None)),
        ("Caféen: 6 timer om ugen", (6, "week", None, None)),
        ("Caféen: 260 timer årligt", (260, "year", None, 260)),
        ("Caféen: 520 timer om året", (520, "year", None, 520)),
        ("Caféen: 416 timer pr. år", (416, "year", None, 416)),
        ("Caféen: 40 timer pr. måned", (40, "month", None, None)),
        ("Caféen: 6 timer pr. uge i 36 uger", (6, "week", 36, 216)),
    ],
)
def test_hour_units(line: str, want: tuple[object, ...]) -> None:
    assert [row[2:6] for row in _read(line)] == [want]
    assert _read(line)[0][0] == "Caféen"


@pytest.mark.parametrize(
    ("line", "fte"),
    [
        ("Mentorer: 1,5 årsværk", 1.5),
        ("Familieguide: én fuldtidsstilling", 1.0),
        ("Dansk: 50 % af en stilling", 0.5),
        ("Jobcafé: to stillinger", 2.0),
    ],
)
def test_posts_are_kept_as_fte_never_hours(line: str, fte: float) -> None:
    [(_, _, hours, per, _, per_year, got)] = _read(line)
    assert (hours, per, per_year, got) == (None, None, None, fte)


def test_two_providers_share_the_unit_at_the_end() -> None:
    assert _read("Gadeplan: Nordhjem 12 timer og SSP Hjørring 8 timer ugentligt") == [
        ("Gadeplan", "Nordhjem", 12, "week", None, None, None),
        ("Gadeplan", "SSP Hjørring", 8, "week", None, None, None),
    ]
    got = _read("Gadeplan: Isefjordsbo 14 timer pr. uge og SSP Holbæk 8 timer pr. uge")
    assert [(r[1], r[2]) for r in got] == [("Isefjordsbo", 14), ("SSP Holbæk", 8)]


def test_a_table_with_a_total_row() -> None:
    table = Table(
        (
            ("Aktivitet", "Timer"),
            ("Caféen", "6 timer om ugen"),
            ("Mægling", "40 timer pr. måned"),
            ("I alt", "6 timer ugentligt samt 480 timer årligt"),
        )
    )
    rows, rest = parse_staff([Block("table", table=table)])
    assert [(r.activity, r.hours, r.per) for r in rows] == [
        ("Caféen", 6, "week"),
        ("Mægling", 40, "month"),
    ]
    assert [b.text for b in rest] == ["I alt: 6 timer ugentligt samt 480 timer årligt"]
    assert staff_warnings(rest) == []


def test_a_line_not_understood_is_kept_with_a_warning() -> None:
    rows, rest = parse_staff(
        [
            Block("list_item", "Caféen: 6 timer om ugen"),
            Block("list_item", "Mægling: 3 vagter hver fredag"),
        ]
    )
    assert len(rows) == 1
    assert [b.text for b in rest] == ["Mægling: 3 vagter hver fredag"]
    assert [w.code for w in staff_warnings(rest)] == ["staff_unparsed"]


def test_a_heading_that_a_labelled_line_does_not_use_is_kept() -> None:
    rows, rest = parse_staff(
        [Block("paragraph", "Nabomægling"), Block("paragraph", "Caféen: 6 timer om ugen")]
    )
    assert [r.activity for r in rows] == ["Caféen"]
    assert [b.text for b in rest] == ["Nabomægling"]


def test_a_second_provider_after_a_conjunction_may_be_a_common_noun() -> None:
    got = _read("Fælleshaven: Helhedsplanen 5 timer og ejendomskontoret 3 timer om ugen")
    assert [(r[1], r[2], r[3]) for r in got] == [
        ("Helhedsplanen", 5, "week"),
        ("ejendomskontoret", 3, "week"),
    ]


@pytest.mark.parametrize(
    ("quantity", "want"),
    [
        # (hours, per, weeks_per_year, hours_per_year)
        ("10 t. ugentligt", (10.0, "week", None, None)),
        ("3 timer hver uge", (3.0, "week", None, None)),
        ("6 timer hver måned", (6.0, "month", None, None)),
        ("2 x 4 timer om ugen", (8.0, "week", None, None)),  # the product is what is stated
        ("12 timer om ugen i skoleåret (40 uger)", (12.0, "week", 40, 480.0)),
    ],
)
def test_more_ways_of_stating_hours(quantity: str, want: tuple[object, ...]) -> None:
    rows, rest = parse_staff([Block("paragraph", f"Lektiecafé: {quantity}")])
    assert rest == []
    assert [(r.hours, r.per, r.weeks_per_year, r.hours_per_year) for r in rows] == [want]
    assert rows[0].text == f"Lektiecafé: {quantity}"


def test_a_range_of_hours_is_no_number_and_is_said_out_loud() -> None:
    rows, rest = parse_staff([Block("paragraph", "Lektiecafé: 15-20 timer om ugen")])
    assert rows == []
    assert [w.code for w in staff_warnings(rest)] == ["staff_unparsed"]


def test_a_header_gives_bare_numbers_their_unit_and_names_the_provider_column() -> None:
    table = Table(
        rows=(
            ("Aktivitet", "Timer pr. uge", "Udføres af"),
            ("Lektiecafé", "6", "Helhedsplanen"),
            ("Natteravne", "4", "SSP"),
            ("I alt", "10", ""),
        )
    )
    rows, rest = parse_staff([Block("table", table=table)])
    got = [(r.activity, r.provider, r.hours, r.per) for r in rows]
    assert got == [("Lektiecafé", "Helhedsplanen", 6, "week"), ("Natteravne", "SSP", 4, "week")]
    assert staff_warnings(rest, rows) == []  # the total is a total, and it adds up


def test_a_total_that_does_not_add_up_is_said_out_loud() -> None:
    table = Table(
        rows=(
            ("Aktivitet", "Timer årligt"),
            ("Lektiecafé", "240"),
            ("Natteravne", "160"),
            ("I alt", "420"),
        )
    )
    rows, rest = parse_staff([Block("table", table=table)])
    assert sum(r.hours or 0 for r in rows) == 400
    [warning] = staff_warnings(rest, rows)
    assert warning.code == "staff_total_mismatch" and "420" in warning.message


@pytest.mark.parametrize(
    ("quantity", "want"),
    [
        ("2 medarbejdere á 3 timer om ugen", (6.0, "week", None)),
        ("6 timer to gange om ugen", (12.0, "week", None)),
        ("12 timer p. uge", (12.0, "week", None)),
        ("12 timer/ugen", (12.0, "week", None)),
        ("1 fuldtidsmedarbejder", (None, None, 1.0)),
    ],
)
def test_multiples_and_spellings(quantity: str, want: tuple[object, ...]) -> None:
    rows, rest = parse_staff([Block("paragraph", f"Lektiecafé: {quantity}")])
    assert rest == [] and [(r.hours, r.per, r.fte) for r in rows] == [want]


def test_one_line_names_activity_and_providers_with_colons() -> None:
    line = "Lektiecafé: Helhedsplanen: 6 timer om ugen; Kommunen: 4 timer om ugen"
    rows, _ = parse_staff([Block("paragraph", line)])
    got = [(r.activity, r.provider, r.hours) for r in rows]
    assert got == [("Lektiecafé", "Helhedsplanen", 6), ("Lektiecafé", "Kommunen", 4)]


def test_a_qualifier_before_the_number_stays_in_the_statement() -> None:
    rows, _ = parse_staff([Block("paragraph", "Lektiecafé: ca. 15 timer om ugen")])
    assert [(r.activity, r.hours, r.text) for r in rows] == [
        ("Lektiecafé", 15, "Lektiecafé: ca. 15 timer om ugen")
    ]
