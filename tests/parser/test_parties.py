from delaftale_cli.document import Block
from delaftale_cli.parser.parties import parse_parties


def test_names_descriptions_lead_ins_and_leftovers() -> None:
    parties, leftovers = parse_parties(
        [
            Block("paragraph", "Chefgruppen"),
            Block("paragraph", "Chefgruppen tager årligt ansvar for rammer og retning."),
            Block("paragraph", "Ansvarlige for delaftalens udførelse:"),
            Block("list_item", "Viceskolechef Børn og Unge, Viborg Kommune"),
            Block("list_item", "Leder af den boligsociale indsats"),
            Block("paragraph", "Den primære kommunale samarbejdspartner er Børn og Unge."),
        ]
    )
    assert [(p.name, p.description) for p in parties] == [
        ("Chefgruppen", "Chefgruppen tager årligt ansvar for rammer og retning."),
        ("Viceskolechef Børn og Unge, Viborg Kommune", "Ansvarlige for delaftalens udførelse"),
        ("Leder af den boligsociale indsats", "Ansvarlige for delaftalens udførelse"),
    ]
    assert leftovers == ["Den primære kommunale samarbejdspartner er Børn og Unge."]
