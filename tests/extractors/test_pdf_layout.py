"""Geometry rules of the PDF layout: lines, paragraphs, lists, hyphens, tables."""

from __future__ import annotations

from delaftale_cli.extractors.pdf_layout import (
    HYPHEN_MARK,
    TablePart,
    Word,
    build_paragraphs,
    build_table,
    continues_table,
    finish_table,
    group_lines,
    is_split_row,
    join_cell_text,
    join_parts,
    join_wrapped,
    resolve_hyphens,
)

RIGHT = 400.0  # right margin of the synthetic text column


def line_words(
    text: str, top: float, x0: float = 72.0, size: float = 10.0, right: float | None = None
) -> list[Word]:
    """Words of one text line, 5.5 pt per character; spaces of 3 pt, or stretched so the
    line ends at `right` (a wrapped line of justified text)."""
    tokens = text.split()
    widths = [5.5 * len(token) for token in tokens]
    space = 3.0
    if right is not None and len(tokens) > 1:
        space = (right - x0 - sum(widths)) / (len(tokens) - 1)
    words, x = [], x0
    for token, width in zip(tokens, widths, strict=True):
        words.append(Word(token, x, top, x + width, top + size, size=size))
        x += width + space
    return words


def paragraphs_of(*lines: tuple[str, float] | tuple[str, float, bool]) -> list[tuple[str, str]]:
    """Build paragraphs from (text, top[, wrapped]) lines; wrapped lines reach RIGHT."""
    words = [
        w
        for text, top, *wrapped in lines
        for w in line_words(text, top, right=RIGHT if wrapped and wrapped[0] else None)
    ]
    return [(p.kind, p.text) for p in build_paragraphs(group_lines(words))]


def test_an_unfinished_line_goes_on_in_lowercase_over_an_ocr_widened_gap() -> None:
    """OCR placed a scan's second line 2 pt low: the lowercase line after an unfinished
    one still goes on; a capital after a finished sentence at that gap starts anew."""
    lines = [
        ("Sydvestbo er ansvarlig for helhedsplanen og ansætter", 100, True),
        ("helhedsplanens medarbejdere, herunder", 112.5, True),
        ("sundhedsformidleren i Sundhedspunktet, og stiller", 130, True),  # 7.5 pt gap
        ("til rådighed i beboerhuset.", 142.5),
    ]
    words = [w for text, top, *_ in lines for w in line_words(text, top, right=RIGHT)]
    words += line_words("Sydvestbo sørger for udearealerne i Egeparken.", 160)  # 7.5 pt
    result = [p.text for p in build_paragraphs(group_lines(words), region="body:ocr_run")]
    assert len(result) == 2, result
    assert result[0].startswith("Sydvestbo er") and result[0].endswith("beboerhuset.")
    assert "herunder sundhedsformidleren i" in result[0]


def test_a_name_and_colon_after_a_finished_sentence_opens_an_item_at_line_spacing() -> None:
    """OCR lost the bullets and evened the spacing of a "Name: role" list."""
    result = paragraphs_of(
        ("Sydvestbo sørger for udearealerne og inddrager gruppen i", 100, True),
        ("planlægningen af nye tiltag og i driften af det hele.", 112.5, True),
        ("Slagelse Kommune, Sundhedscentret: Centret bidrager med", 125, True),
        ("viden om forebyggelse. Formål: at flere bevæger sig.", 137.5),
    )
    assert [text[:20] for _, text in result] == ["Sydvestbo sørger for", "Slagelse Kommune, Su"]
    assert result[1][1].endswith("Formål: at flere bevæger sig.")  # not at a line start


def test_a_large_line_without_a_word_is_no_heading() -> None:
    words = line_words("ØQ—", 80, size=14) + line_words("Afdelingsbestyrelsen i Egeparken", 100)
    paragraphs = build_paragraphs(group_lines(words), heading_size=12)
    assert [p.kind for p in paragraphs] == ["paragraph", "paragraph"]


def test_wrapped_lines_join_and_a_wider_gap_starts_a_paragraph() -> None:
    result = paragraphs_of(
        ("Bestyrelsen har ansvar for at denne delaftale til", 100, True),
        ("en tid understøtter de overordnede mål i den", 112.5, True),
        ("samarbejdsaftale og altid ses i sammenhæng.", 125),
        ("Bestyrelsen har ligeledes ansvar for at delaftalen", 143, True),
        ("tid afspejler de aktiviteter i boligområdet.", 155.5),
    )
    assert [kind for kind, _ in result] == ["paragraph", "paragraph"]
    assert result[0][1].startswith("Bestyrelsen har ansvar") and result[0][1].endswith("hæng.")
    assert result[1][1].endswith("boligområdet.")


def test_a_short_line_ends_a_paragraph_even_without_extra_spacing() -> None:
    result = paragraphs_of(
        ("Samarbejdet løber frem til udgangen af 2026 og", 100, True),
        ("et solidt samarbejde.", 112.5),
        ("Formålet er at udvikle metoder der fremmer en", 125, True),
        ("samlet indsats.", 137.5),
    )
    assert len(result) == 2
    assert result[0][1].endswith("solidt samarbejde.")


def test_bullets_numbers_and_ocr_bullets_become_list_items_without_marker() -> None:
    words = [
        *line_words("Ansvarlige for udførelsen:", 100),
        Word("•", 72, 118, 76, 128, size=10),
        *line_words("Viceskolechef Børn og Unge", 118, 90),
        Word("e", 72, 136, 77, 146, size=10),
        *line_words("Leder af indsatsen", 136, 90),
        Word("2.", 72, 154, 81, 164, size=10),
        *line_words("Skole og forældre", 154, 90),
    ]
    result = [(p.kind, p.text) for p in build_paragraphs(group_lines(words))]
    assert result == [
        ("paragraph", "Ansvarlige for udførelsen:"),
        ("list_item", "Viceskolechef Børn og Unge"),
        ("list_item", "Leder af indsatsen"),
        ("list_item", "Skole og forældre"),
    ]


def test_a_number_inside_running_text_is_not_a_list_marker() -> None:
    result = paragraphs_of(
        ("Andel personer som ved årets afgangsprøve i", 100, True),
        ("9. klasse har opnået mindst 2,0 i gennemsnit.", 112.5),
    )
    assert result == [
        (
            "paragraph",
            "Andel personer som ved årets afgangsprøve i 9. klasse har opnået mindst "
            "2,0 i gennemsnit.",
        )
    ]


def test_larger_type_is_a_heading_and_bold_lines_are_their_own_paragraph() -> None:
    words = line_words("Delaftale for indsatsområdet", 60, size=14)
    words += line_words("Brødtekst i almindelig størrelse her.", 90)
    bold = [
        Word(w.text, w.x0, w.top, w.x1, w.bottom, bold=True, size=10)
        for w in line_words("Delaftalens parter:", 108)
    ]
    words += bold + line_words("Chefgruppen", 120.5)
    paragraphs = build_paragraphs(group_lines(words), heading_size=12)
    assert [(p.kind, p.bold) for p in paragraphs] == [
        ("heading", False),
        ("paragraph", False),
        ("paragraph", True),
        ("paragraph", False),
    ]


def test_hyphen_rules() -> None:
    assert join_wrapped(["det specialiserede børne-", "og ungeområde"]) == (
        "det specialiserede børne- og ungeområde"
    )
    assert join_wrapped(["i Jennum-", "parken"]) == "i Jennum-parken"
    assert join_wrapped(["SOSU-", "uddannelsen"]) == "SOSU-uddannelsen"
    assert join_wrapped(["de 18-", "29 årige"]) == "de 18-29 årige"
    assert join_wrapped(["fra -", "til"]) == "fra - til"
    assert join_wrapped(["bolig\u00ad", "områder"]) == "boligområder"
    assert join_wrapped(["i bolig-", "områderne"]) == f"i bolig{HYPHEN_MARK}områderne"


def test_open_hyphens_follow_the_documents_own_spelling() -> None:
    texts = [
        f"i bolig{HYPHEN_MARK}områderne",
        f"en tale{HYPHEN_MARK}hørekonsulent",
        "tale-hørekonsulenten og en tale-hørekonsulent",
    ]
    decisions = resolve_hyphens(texts)
    assert decisions[f"bolig{HYPHEN_MARK}områderne"] == "boligområderne"
    assert decisions[f"tale{HYPHEN_MARK}hørekonsulent"] == "tale-hørekonsulent"


def grid(cols: list[float], rows: list[float]) -> list[tuple[float, float, float, float]]:
    return [
        (cols[c], rows[r], cols[c + 1], rows[r + 1])
        for r in range(len(rows) - 1)
        for c in range(len(cols) - 1)
    ]


def test_a_cell_merged_down_is_repeated_and_recorded() -> None:
    cols, rows = [50, 150, 300], [100, 120, 160, 200]
    cells = [c for c in grid(cols, rows) if c[0] != 50 or c[1] == 100]
    cells.append((50, 120, 150, 200))  # sub-goal merged over rows 1-2
    words = (
        line_words("Delmål", 104, 55)
        + line_words("Indikator", 104, 155)
        + line_words("Flere unge", 124, 55)
        + line_words("Andel A", 124, 155)
        + line_words("Andel B", 164, 155)
    )
    part = build_table(1, cells, words)
    assert part is not None
    table = finish_table(part)
    assert table.rows == (
        ("Delmål", "Indikator"),
        ("Flere unge", "Andel A"),
        ("Flere unge", "Andel B"),
    )
    assert table.merged == frozenset({(2, 0)})


def test_cell_paragraphs_and_list_items_are_newline_separated() -> None:
    cells = [(50, 100, 150, 200), (150, 100, 400, 200)]
    words = (
        line_words("Indhold:", 104, 55)
        + line_words("Aktiviteten vil fokusere på at:", 104, 155)
        + [Word("•", 160, 117, 164, 127, size=10), *line_words("Fremme trivsel.", 117, 175)]
        + line_words("Teamet arbejder ud fra samtykke.", 134, 155)
    )
    part = build_table(1, cells, words)
    assert part is not None
    assert part.rows[0][1] == (
        "Aktiviteten vil fokusere på at:\n- Fremme trivsel.\nTeamet arbejder ud fra samtykke."
    )


def part(rows: list[list[str]], reaches_bottom: list[bool] | None = None) -> TablePart:
    return TablePart(
        page=1,
        bbox=(50, 100, 400, 700),
        col_edges=[50, 150, 300, 400],
        rows=rows,
        origin=[[(r, c) for c in range(len(row))] for r, row in enumerate(rows)],
        reaches_bottom=reaches_bottom or [],
    )


def test_split_row_needs_finished_cells_and_only_cut_cells_filled() -> None:
    last = ["Flere unge", "Andel personer som ved årets", "75%"]
    assert is_split_row(last, ["", "afgangsprøve i 9. klasse", ""], [False, True, False])
    # the short "75%" did not reach the page break, so text under it means a new row
    assert not is_split_row(last, ["", "Andelen af 18-29 årige", "31%"], [False, True, False])
    # nothing finished: every column goes on, so nothing proves a split
    assert not is_split_row(["a", "b", "c"], ["d", "e", "f"], [True, True, True])
    # a cut cell may go on with a list item: still the same row
    assert is_split_row(
        ["Indhold:", "Lektiecaféer.", ""], ["", "- Lektiehjælp", ""], [False, True, False]
    )


def test_join_parts_merges_a_split_row_and_drops_a_repeated_header() -> None:
    header = ["Delmål", "Indikator", "Baseline"]
    a = part([header, ["Flere unge", "Andel personer som ved", "75%"]], [False, True, False])
    b = part([header, ["", "årets afgangsprøve", ""], ["", "Andelen af unge", "31%"]])
    b.origin[2][0] = (1, 0)  # first column merged down within part b
    joined = finish_table(join_parts(a, b))
    assert joined.rows == (
        tuple(header),
        ("Flere unge", "Andel personer som ved årets afgangsprøve", "75%"),
        ("Flere unge", "Andelen af unge", "31%"),
    )
    assert (2, 0) in joined.merged


def test_cell_halves_keep_paragraph_breaks() -> None:
    assert join_cell_text("Indhold\n- Lektiecaféer.", "- Lektiehjælp") == (
        "Indhold\n- Lektiecaféer.\n- Lektiehjælp"
    )
    assert join_cell_text("Andel personer i", "området\nNy linje") == (
        "Andel personer i området\nNy linje"
    )


def test_a_new_form_at_the_top_of_a_page_is_not_a_continuation() -> None:
    a = part([["Aktivitetsnavn:", "Relationel Velfærd", ""], ["Formål:", "At hjælpe", ""]])
    new_form = part([["Aktivitetsnavn:", "Skole/familie", ""], ["Formål:", "At støtte", ""]])
    more = part([["", "og fortsat tekst", ""]])
    assert not continues_table(a, new_form)
    assert continues_table(a, more)


def test_a_lone_pipe_at_word_spacing_is_the_danish_word_i() -> None:
    from delaftale_cli.extractors.pdf_layout import Word
    from delaftale_cli.extractors.pdf_pages import clean_ocr_words

    words = [
        Word("|", 100.0, 10.0, 100.7, 20.0),  # "I Randers": a word space follows
        Word("Randers", 105.0, 10.0, 140.0, 20.0),
        Word("|", 200.0, 30.0, 200.7, 40.0),  # a ruling: the cell padding follows
        Word("Tekst", 207.0, 30.0, 230.0, 40.0),
    ]
    assert [w.text for w in clean_ocr_words(words)] == ["I", "Randers", "Tekst"]


def test_a_word_too_wide_for_its_cell_is_joined_where_it_was_broken() -> None:
    """A word processor breaks a word without a hyphen only when the word alone is wider
    than the cell: the piece fills its line to within a letter of the edge and the word
    goes on, in lowercase or in digits after a digit, on the next line. Measured on the
    corpus rendered with a wider substitute font: "Udgangspu" + "nkt", "2023/2" + "4".
    A word that just fitted looks the same: a piece the document uses as a word of its
    own keeps its space ("Baseline" + "år" in a narrow header cell)."""
    cells = [(50, 100, 110, 160), (110, 100, 160, 160), (160, 100, 210, 160)]
    inner = 110 - 5.4  # the first cell's text ends at its right padding
    words = [
        Word("Udgangspu", 55.0, 104, inner - 2.0, 114, size=10),  # "n" (5.5 pt) did not fit
        Word("nkt", 55.0, 116, 71.5, 126, size=10),
        Word("2023/2", 115.0, 104, 160 - 5.4 - 1.5, 114, size=10),
        Word("4", 115.0, 116, 120.5, 126, size=10),
        # a whole word ended well before the edge, then a new word: a space
        Word("Antal", 165.0, 104, 192.5, 114, size=10),
        Word("beboere", 165.0, 116, 203.5, 126, size=10),
    ]
    table = build_table(1, cells, words)
    assert table is not None
    texts = [*table.rows[0], "Baseline", "Baseline\u2063år"]
    settled = resolve_hyphens(texts)
    assert settled == {"Udgangspu\u2063nkt": "Udgangspunkt", "Baseline\u2063år": "Baseline år"}
    assert table.rows[0][1:] == ["2023/24", "Antal beboere"]


def test_a_hyphen_after_an_abbreviation_keeps_the_compound() -> None:
    assert join_wrapped(["-0,8 pct.-", "point"]) == "-0,8 pct.-point"


def test_the_empty_rest_of_a_row_cut_by_the_page_break_is_no_row() -> None:
    """LibreOffice lets a row break over a page; when the rest holds no text the next
    page's part starts with an empty row, which must not repeat the row above."""
    a = part([["Aktivitet", "Timer", "Note"], ["Naboværter", "30 timer", "x"]], [False] * 3)
    b = part([["", "", ""], ["Fælleshaven", "5 timer", "y"]])
    joined = join_parts(a, b)
    assert finish_table(joined).rows == (
        ("Aktivitet", "Timer", "Note"),
        ("Naboværter", "30 timer", "x"),
        ("Fælleshaven", "5 timer", "y"),
    )


def test_an_empty_cell_after_a_page_break_is_empty_when_nothing_was_merged() -> None:
    a = part([["Delmål", "Baseline", "Sammenligning"], ["Flere unge", "68 %", "86 %"]], [False] * 3)
    b = part([["Delmål", "Baseline", "Sammenligning"], ["Flere i job", "41 unge", ""]])
    rows = finish_table(join_parts(a, b)).rows
    assert rows[-1] == ("Flere i job", "41 unge", "")


def test_a_lexicon_settles_a_line_filled_by_one_word() -> None:
    words = {"sprogkompetencer", "ved", "udgangspunkt"}

    def known(word: str) -> bool:
        return word.lower() in words

    texts = ["Bedre sprogkompetencer\u2063ved overgang", "Udgangspu\u2063nkt"]
    assert resolve_hyphens(texts, known=known) == {
        "sprogkompetencer\u2063ved": "sprogkompetencer ved",
        "Udgangspu\u2063nkt": "Udgangspunkt",
    }


def test_a_numbered_line_set_larger_is_a_heading_that_keeps_its_number() -> None:
    # OCR sizes a line by its letters: "8. Aktiviteter" (no descenders) comes out at 11 pt
    # where the heading size is 12; a numbered list in body type stays a list
    words = [
        Word("7.", 62.8, 60, 69.3, 73, size=13),  # "7." is narrow and set off by a tab
        *line_words("Mål og indikatorer", 60, 77.6, size=13),
        *line_words("Brødtekst i almindelig størrelse her.", 90),
        Word("8.", 62.7, 120, 69.1, 131, size=11),
        *line_words("Aktiviteter", 120, 77.1, size=11),
        Word("1.", 72, 150, 79, 160, size=10),
        *line_words("Lektiecafé", 150, 86),
        Word("2.", 72, 164, 79, 174, size=10),
        *line_words("Forældrecafé", 164, 86),
    ]
    paragraphs = build_paragraphs(group_lines(words), heading_size=12)
    assert [(p.kind, p.text) for p in paragraphs] == [
        ("heading", "7. Mål og indikatorer"),
        ("paragraph", "Brødtekst i almindelig størrelse her."),
        ("heading", "8. Aktiviteter"),
        ("list_item", "Lektiecafé"),
        ("list_item", "Forældrecafé"),
    ]


def test_a_short_heading_does_not_take_in_the_label_under_it() -> None:
    # the label right under an activity's heading is as big in OCR, but would have fitted
    # on the heading's line: the heading did not wrap
    words = line_words("8.4 Forældrekurset Trygge rammer", 100, size=13)
    words += line_words("Formål", 115, size=11.5)
    words += line_words("Kurset giver forældrene redskaber til hverdagen.", 130)
    paragraphs = build_paragraphs(group_lines(words), heading_size=12)
    assert [(p.kind, p.text) for p in paragraphs][:2] == [
        ("heading", "8.4 Forældrekurset Trygge rammer"),
        ("paragraph", "Formål"),
    ]


def test_a_bullet_ocr_read_as_letters_is_a_marker_not_text() -> None:
    # geometry as measured on OCR layers of rendered agreements: a square bullet at the
    # margin, about an em wide, read as "P", "EF" or "P w", then a tab-wide gap (1.0-1.6 em)
    words = [
        *line_words("Aktiviteter, som skal bidrage:", 100, 62),
        Word("P", 60, 118, 70, 126.4, size=10),
        *line_words("Fredagshallen", 118, 81),
        Word("EF", 54, 132, 67.4, 139.8, size=10),
        *line_words("Jobcafé for unge", 132, 81),
        Word("P", 60, 146, 66, 154.4, size=10),
        Word("w", 66.5, 146, 70, 154.4, size=10),
        *line_words("Lektiecafé", 146, 81),
    ]
    paragraphs = build_paragraphs(group_lines(words))
    assert [(p.kind, p.text) for p in paragraphs] == [
        ("paragraph", "Aktiviteter, som skal bidrage:"),
        ("list_item", "Fredagshallen"),
        ("list_item", "Jobcafé for unge"),
        ("list_item", "Lektiecafé"),
    ]


def test_a_short_word_before_ordinary_or_justified_spacing_stays_text() -> None:
    # the widest gap after a line's first short word on the development OCR layers was
    # 0.84 em (justified text); "Et" and "og" there are words, not bullets
    words = [
        Word("Et", 62, 100, 72, 110, size=10),
        *line_words("Boligsocialt samarbejde", 100, 80),  # gap 0.8 em
        Word("og", 62, 114, 72, 124, size=10),
        *line_words("Kommunen deltager.", 114, 76),
    ]
    paragraphs = build_paragraphs(group_lines(words))
    assert [p.kind for p in paragraphs] == ["paragraph"]
    assert paragraphs[0].text.startswith("Et Boligsocialt samarbejde og Kommunen")


def test_a_number_going_on_a_run_of_bullets_is_an_item_not_a_heading() -> None:
    # the fifth bullet read as "5." (a re-read with -l dan), sized like a heading by OCR;
    # the numbered heading after the list stands apart by the space above it
    words = [
        Word("•", 62, 100, 66, 110, size=10),
        *line_words("Sundhedspunktet", 100, 81),
        Word("•", 62, 113, 66, 123, size=10),
        *line_words("Sund start", 113, 81),
        Word("5.", 62, 126, 70, 137, size=11),
        *line_words("Snakkecafé og gåfællesskab", 126, 81, size=11),
        Word("6.", 62, 160, 70, 172, size=12),
        *line_words("Medarbejderressourcer", 160, 81, size=12),
    ]
    paragraphs = build_paragraphs(group_lines(words), heading_size=12)
    assert [(p.kind, p.text) for p in paragraphs] == [
        ("list_item", "Sundhedspunktet"),
        ("list_item", "Sund start"),
        ("list_item", "Snakkecafé og gåfællesskab"),
        ("heading", "6. Medarbejderressourcer"),
    ]
