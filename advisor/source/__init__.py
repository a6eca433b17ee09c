"""The one way files enter: bounded YAML with a location for every value, and validation
errors told as located problems."""
