"""Layout: normalized lines -> document metadata, sections and table blocks."""
