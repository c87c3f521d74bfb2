"""The `delaftale` command line: thin wrappers over the library."""
