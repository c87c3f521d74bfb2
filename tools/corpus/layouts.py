"""How a corpus agreement is laid out: template generation and the writers' habits.

Each `Layout` varies some axes against the samples' own layout (the current template,
activity forms as two-column tables, parties as underlined names, staff as prose lines):

- `current-forms`: the current template as the samples have it, with page furniture.
- `current-habits`: the current template's labels (in their longer variants), filled in with
  other habits: parties as a Part | Rolle table, an indicator table without merged cells but
  with an extra "Målsætning" column, the comparison column's area in its header, the header
  row repeated on every page; activities as headings with bold inline labels; staff as
  bullets; a tagged PDF.
- `older`: the 2015-2022 generation: older label wordings, "Formål for indsatsområdet",
  "Problemkompleks" and "Organisering" sections, activities as "Aktivitet N: navn" headings
  with bold inline labels, parties as a list, staff as a table with a total row.
- `freeform`: the same content under the writers' own numbered headings ("5.2 Lektiecafé"),
  the period in a sentence, parties as bold names with paragraphs, an indicator table
  with its own column names and a "Måltal 2027" column, staff as a table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

PartiesHabit = Literal["underlined", "table", "list", "bold"]
StaffHabit = Literal["prose", "bullets", "table"]
ActivitiesHabit = Literal["forms", "inline_labels", "aktivitet_n", "numbered"]

CURRENT_TABLE_NOTE = (
    "Der skal opsættes delmål for nærværende indsatsområde samt indikatorer, der sikrer, at "
    "der løbende kan følges op på disse. Delaftalens parter og bestyrelsen har ansvar for "
    "løbende at følge op på delmålene."
)


@dataclass(frozen=True)
class Layout:
    name: str
    generation: Literal["current", "older", "freeform"]
    title: str  # with {focus_area}
    labels: dict[str, str]  # section key -> the label as the document writes it
    form_labels: tuple[str, str, str, str]  # purpose, target group, content, responsibilities
    indicator_columns: tuple[
        str, ...
    ]  # Delmål, Indikator, baseline, comparison, year, source[, target]
    parties: PartiesHabit
    staff: StaffHabit
    activities: ActivitiesHabit
    merged_sub_goals: bool
    comparison_in_header: bool  # "Baseline <municipality>" in the header, not in the cells
    repeat_header: bool
    tagged_pdf: bool
    logo: bool
    extra_sections: tuple[str, ...] = ()  # purpose, problem_complex, organisation

    @property
    def has_target_column(self) -> bool:
        return len(self.indicator_columns) == 7


CURRENT_LABELS = {
    "initiative": "Navn på den boligsociale indsats, som delaftalen vedrører:",
    "period": "Delaftalen gælder fra - til:",
    "parties": "Delaftalens parter:",
    "indicators": "Delmål og indikatorer for indsatsområdet",
    "activity_list": (
        "Aktiviteter, som skal bidrage til indfrielsen af delmålene for indsatsområdet og "
        "understøtte opnåelsen af de overordnede mål jf. den strategiske samarbejdsaftale:"
    ),
    "staff": "Medarbejderressourcer for indsatsområdet:",
    "municipal": "Sammenhæng med den kommunale indsats i boligområdet:",
    "revision": (
        "Revision af delaftalen (Eventuelle reviderede aftaler skal ikke fremsendes til "
        "Landsbyggefonden, men fonden skal om nødvendigt til enhver tid kunne rekvirere "
        "ajourførte delaftaler):"
    ),
    "activity_forms": (
        "Aktiviteter, som skal bidrage til indfrielsen af delmålene for indsatsområdet "
        "(tilføj skemaer - ét skema pr. aktivitet):"
    ),
}
CURRENT_FORM_LABELS = (
    "Formål:",
    "Målgruppe(r):",
    "Indhold og praksis:",
    "Ansvars- og rollefordeling:",
)

LAYOUTS: tuple[Layout, ...] = (
    Layout(
        name="current-forms",
        generation="current",
        title="Delaftale for indsatsområdet {focus_area}",
        labels=CURRENT_LABELS,
        form_labels=CURRENT_FORM_LABELS,
        indicator_columns=(
            "Delmål",
            "Indikator",
            "Baseline boligområde/målgruppe",
            "Evt. anden baseline",
            "Baseline år",
            "Datakilde",
        ),
        parties="underlined",
        staff="prose",
        activities="forms",
        merged_sub_goals=True,
        comparison_in_header=False,
        repeat_header=True,
        tagged_pdf=False,
        logo=False,
    ),
    Layout(
        name="current-habits",
        generation="current",
        title="Delaftale for indsatsområdet {focus_area}",
        labels={
            **CURRENT_LABELS,
            "parties": "Delaftalens parter (og deres ansvar):",
            "indicators": "Delmål og indikatorer / succeskriterier for indsatsområdet",
            "staff": "Medarbejderressourcer (for indsatsområdet):",
        },
        form_labels=CURRENT_FORM_LABELS,
        indicator_columns=(
            "Delmål",
            "Indikator",
            "Baseline boligområde",
            "Baseline {municipality}",
            "Baseline år",
            "Datakilde",
            "Målsætning",
        ),
        parties="table",
        staff="bullets",
        activities="inline_labels",
        merged_sub_goals=False,
        comparison_in_header=True,
        repeat_header=True,
        tagged_pdf=True,
        logo=True,
    ),
    Layout(
        name="older",
        generation="older",
        title="Delaftale vedrørende indsatsområdet {focus_area}",
        labels={
            "initiative": (
                "Navn på den boligsociale indsats / helhedsplan, som delaftalen vedrører:"
            ),
            "period": "Delaftalen gælder fra - til:",
            "parties": "Delaftalens parter (og deres ansvar):",
            "purpose": "Formål for indsatsområdet:",
            "problem_complex": "Problemkompleks:",
            "organisation": "Organisering:",
            "indicators": "Delmål og indikatorer / succeskriterier for indsatsområdet:",
            "activity_list": "Aktiviteter, som skal bidrage til indfrielsen af delmålene:",
            "staff": "Medarbejderressourcer (for indsatsområdet):",
            "municipal": "Sammenhæng med den kommunale indsats:",
            "revision": "Revision af delaftalen:",
            "activity_forms": "Beskrivelse af aktiviteterne:",
        },
        form_labels=("Formål:", "Målgruppe:", "Indhold:", "Ansvarsfordeling:"),
        indicator_columns=(
            "Delmål",
            "Indikator / succeskriterium",
            "Baseline",
            "Sammenligning",
            "År",
            "Datakilde",
        ),
        parties="list",
        staff="table",
        activities="aktivitet_n",
        merged_sub_goals=True,
        comparison_in_header=False,
        repeat_header=False,
        tagged_pdf=False,
        logo=True,
        extra_sections=("purpose", "problem_complex", "organisation"),
    ),
    Layout(
        name="freeform",
        generation="freeform",
        title="{focus_area} – delaftale",
        labels={
            "intro": "1. Indledning",
            "purpose": "2. Formål",
            "problem_complex": "3. Udfordringer i området",
            "initiative": "4. Indsatsen og aftalens periode",
            "parties": "5. Parter og ansvar",
            "organisation": "6. Organisering",
            "indicators": "7. Mål og indikatorer",
            "activity_list": "8. Aktiviteter",
            "staff": "9. Ressourcer",
            "municipal": "10. Sammenhæng med kommunens indsats",
            "revision": "11. Opfølgning og revision",
        },
        form_labels=("Formål", "Målgruppe", "Indhold", "Ansvar og roller"),
        indicator_columns=(
            "Delmål",
            "Indikator",
            "Udgangspunkt",
            "Sammenligning",
            "Opgjort",
            "Kilde",
            "Måltal 2027",
        ),
        parties="bold",
        staff="table",
        activities="numbered",
        merged_sub_goals=False,
        comparison_in_header=False,
        repeat_header=True,
        tagged_pdf=True,
        logo=False,
        extra_sections=("purpose", "problem_complex", "organisation"),
    ),
)
LAYOUT_BY_NAME = {layout.name: layout for layout in LAYOUTS}
