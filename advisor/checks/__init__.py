"""What checks a rule pack by evaluating it: its test cases and lint."""
