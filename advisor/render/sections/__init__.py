"""The sections of the report, one function each: `Result` in, Markdown out ("" to leave it out)."""
