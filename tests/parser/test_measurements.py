import pytest

from delaftale_cli.parser.measurements import parse_measurements
from delaftale_cli.parser.numbers import parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [("48,2", 48.2), ("9.660", 9660), ("2.158", 2158), ("21", 21), ("100,0", 100.0)],
)
def test_danish_numbers(text: str, value: float) -> None:
    assert parse_number(text) == value


def test_area_headers_with_tested_children_and_labelled_values() -> None:
    cell = (
        "2023\nAlle 7 bolig-områder: (141 børn testet)\nGenerel indsats: 48,2%\n"
        "Fokuseret indsats: 17,7%\nGl. Jennum-parken: (37 børn testet)\nSærlig indsats: 48,6%"
    )
    got = [(m.area, m.label, m.value, m.unit, m.n, m.year) for m in parse_measurements(cell)]
    assert got == [
        ("Alle 7 bolig-områder", "Generel indsats", 48.2, "percent", 141, "2023"),
        ("Alle 7 bolig-områder", "Fokuseret indsats", 17.7, "percent", 141, "2023"),
        ("Gl. Jennum-parken", "Særlig indsats", 48.6, "percent", 37, "2023"),
    ]


def test_area_values_without_header() -> None:
    cell = (
        "Skoleåret 2023-24\nAlle 7 bolig-områder: 10,0%\nVangdalen: 10,0%\nCentrale Randers: 9,0%"
    )
    got = [(m.area, m.label, m.value, m.year) for m in parse_measurements(cell)]
    assert got == [
        ("Alle 7 bolig-områder", None, 10.0, "2023-24"),
        ("Vangdalen", None, 10.0, "2023-24"),
        ("Centrale Randers", None, 9.0, "2023-24"),
    ]


def test_value_followed_by_its_area_and_a_default_year() -> None:
    got = parse_measurements("95%\nViborg Kommune", default_year="2023")
    assert [(m.area, m.value, m.year) for m in got] == [("Viborg Kommune", 95.0, "2023")]


def test_area_with_count_before_value() -> None:
    got = parse_measurements("Gl. Jennum-parken: (16 personer) 81,3%")
    assert [(m.area, m.n, m.value) for m in got] == [("Gl. Jennum-parken", 16, 81.3)]


@pytest.mark.parametrize("text", ["Data kommer", "", None, "Lands-gennemsnit (normalfordeling)"])
def test_cells_without_numbers_give_no_measurements(text: str | None) -> None:
    assert parse_measurements(text) == []


@pytest.mark.parametrize(
    ("cell", "want"),
    [
        ("57 procent", [(57.0, "percent", None, None, None)]),
        ("2,8 pct.", [(2.8, "percent", None, None, None)]),
        ("-0,8 pct.-point", [(-0.8, "percentage_points", None, None, None)]),
        ("39 procent (n=204)", [(39.0, "percent", None, None, 204)]),
        ("57 % (42 børn testet)", [(57.0, "percent", None, None, 42)]),
        ("22 % (61 børn undersøgt)", [(22.0, "percent", None, None, 61)]),
        ("Region Sjælland: 54 procent", [(54.0, "percent", "Region Sjælland", None, None)]),
        ("78 procent Slagelse Kommune", [(78.0, "percent", "Slagelse Kommune", None, None)]),
        ("1.274 henvendelser", [(1274.0, "count", None, "henvendelser", None)]),
        ("47 børn og unge", [(47.0, "count", None, "børn og unge", None)]),
        ("3,4 (skala 1-5)", [(3.4, "scale", None, "skala 1-5", None)]),
    ],
)
def test_units_counts_scales_and_n(cell: str, want: list[tuple[object, ...]]) -> None:
    got = parse_measurements(cell, "2024")
    assert [(m.value, m.unit, m.area, m.label, m.n) for m in got] == want
    assert all(m.year == "2024" for m in got)


@pytest.mark.parametrize(
    ("cell", "want"),
    [
        # (value, unit, area, label, n, year)
        ("n=112: 61 %", (61.0, "percent", None, None, 112, None)),
        ("12 pct. point", (12.0, "percentage_points", None, None, None, None)),
        ("0,8 pct.point", (0.8, "percentage_points", None, None, None, None)),
        ("+1,2 procentpoint", (1.2, "percentage_points", None, None, None, None)),
        ("4,1 på en skala fra 1 til 5", (4.1, "scale", None, "skala fra 1 til 5", None, None)),
        ("Gennemsnit 3,2 ud af 5", (3.2, "scale", None, "ud af 5", None, None)),
        ("Score på 62 (skala 0-100)", (62.0, "scale", None, "skala 0-100", None, None)),
        ("ca. 250 deltagere", (250.0, "count", None, "deltagere", None, None)),
        ("Mindst 120 familier", (120.0, "count", None, "familier", None, None)),
        ("38 ud af 112 (34 %)", (34.0, "percent", None, None, 112, None)),
        ("34 % (38 af 112)", (34.0, "percent", None, None, 112, None)),
        ("48 % (2022)", (48.0, "percent", None, None, None, "2022")),
        ("48% i 2022", (48.0, "percent", None, None, None, "2022")),
        ("23 pct. (214 respondenter)", (23.0, "percent", None, None, 214, None)),
    ],
)
def test_more_danish_ways_of_writing_a_baseline(cell: str, want: tuple[object, ...]) -> None:
    got = [(m.value, m.unit, m.area, m.label, m.n, m.year) for m in parse_measurements(cell)]
    assert got == [want]


@pytest.mark.parametrize(
    ("cell", "want"),
    [
        (
            "Vestbyen 12 %, Østbyen 9 %",
            [
                (12.0, "percent", "Vestbyen", None, None, None),
                (9.0, "percent", "Østbyen", None, None, None),
            ],
        ),
        (
            "45 % (drenge) / 52 % (piger)",
            [
                (45.0, "percent", None, "drenge", None, None),
                (52.0, "percent", None, "piger", None, None),
            ],
        ),
        ("12 % (Vestbyen)", [(12.0, "percent", "Vestbyen", None, None, None)]),
        ("Ca. 40 %", [(40.0, "percent", None, None, None, None)]),
        ("1.245 besøg i 2023", [(1245.0, "count", None, "besøg", None, "2023")]),
        ("2.345 henvendelser (2023)", [(2345.0, "count", None, "henvendelser", None, "2023")]),
        ("42 ud af 60 børn", [(42.0, "count", None, "børn", 60, None)]),
        ("3,8 på en skala fra 1-5", [(3.8, "scale", None, "skala fra 1-5", None, None)]),
        ("Gns. 3,8 (1-5)", [(3.8, "scale", None, "1-5", None, None)]),
        ("45 % af 112 elever", [(45.0, "percent", None, None, 112, None)]),
        (
            "Vestbyen (n=80): 45 %\nØstbyen (n=60): 40 %",
            [
                (45.0, "percent", "Vestbyen", None, 80, None),
                (40.0, "percent", "Østbyen", None, 60, None),
            ],
        ),
    ],
)
def test_areas_labels_samples_and_years_around_a_value(
    cell: str, want: list[tuple[object, ...]]
) -> None:
    got = [(m.value, m.unit, m.area, m.label, m.n, m.year) for m in parse_measurements(cell)]
    assert got == want


@pytest.mark.parametrize(
    ("cell", "want"),
    [
        (
            "Drenge 45 %\nPiger 52 %",
            [
                (45.0, "percent", "Drenge", None, None, None),
                (52.0, "percent", "Piger", None, None, None),
            ],
        ),
        ("45 %\n(n=112)", [(45.0, "percent", None, None, 112, None)]),
        ("12,4%\n(n=56 familier)", [(12.4, "percent", None, None, 56, None)]),
        ("45 % af de adspurgte (n=200)", [(45.0, "percent", None, None, 200, None)]),
        (
            "Vestbyen: 1.274 henvendelser\nØstbyen: 900 henvendelser",
            [
                (1274.0, "count", "Vestbyen", "henvendelser", None, None),
                (900.0, "count", "Østbyen", "henvendelser", None, None),
            ],
        ),
        ("Vestbyen: 3,4 (skala 1-5)", [(3.4, "scale", "Vestbyen", "skala 1-5", None, None)]),
        ("3,4 (skala 1-5)\nn=120", [(3.4, "scale", None, "skala 1-5", 120, None)]),
    ],
)
def test_values_over_several_lines(cell: str, want: list[tuple[object, ...]]) -> None:
    got = [(m.value, m.unit, m.area, m.label, m.n, m.year) for m in parse_measurements(cell)]
    assert got == want


@pytest.mark.parametrize(
    ("cell", "want"),
    [
        # a PDF cell wraps where its column ends: one name split over two lines
        ("78 % Herning\nKommune", [(78.0, "percent", "Herning Kommune", None, None, None)]),
        ("1,1 pct. Holbæk\nKommune", [(1.1, "percent", "Holbæk Kommune", None, None, None)]),
        ("Svendborg\nKommune: 62 %", [(62.0, "percent", "Svendborg Kommune", None, None, None)]),
        ("Region\nSjælland: 54 procent", [(54.0, "percent", "Region Sjælland", None, None, None)]),
        ("47 børn og\nunge", [(47.0, "count", None, "børn og unge", None, None)]),
        # breaks that separate lines stay breaks
        (
            "Piger\nVestbyen: 45 %",
            [(45.0, "percent", "Vestbyen", None, None, None)],
        ),
        (
            "Vestbyen: 45 %\nKommunen: 52 %",
            [
                (45.0, "percent", "Vestbyen", None, None, None),
                (52.0, "percent", "Kommunen", None, None, None),
            ],
        ),
    ],
)
def test_a_name_wrapped_inside_a_cell_is_one_name(
    cell: str, want: list[tuple[object, ...]]
) -> None:
    got = [(m.value, m.unit, m.area, m.label, m.n, m.year) for m in parse_measurements(cell)]
    assert got == want
