"""A rule-pack folder (and its layers) turned into a compiled `RulePack`: question bank,
conditions, options, rules."""
