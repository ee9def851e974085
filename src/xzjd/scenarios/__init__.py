"""Rule tests: scenario files loaded, run against the engine, and their coverage of the rules."""
