"""Pure text algorithms, free of the database: folding for comparison, name matching and
position maps through replacements."""
