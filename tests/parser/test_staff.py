from delaftale_cli.document import Block
from delaftale_cli.parser.staff import parse_staff


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
