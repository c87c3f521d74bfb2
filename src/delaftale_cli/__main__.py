"""`python -m delaftale_cli` runs the CLI."""

from delaftale_cli.cli.app import main

main()
