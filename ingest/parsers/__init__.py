"""Parsers: lines of a document -> figures. One module per family of tables or text."""
