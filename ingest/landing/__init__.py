"""Landing: parsed records -> the ``raw`` schema in DuckDB."""
