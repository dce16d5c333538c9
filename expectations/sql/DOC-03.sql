-- Template text left in the document (placeholders, unresolved alternatives, instructions to the
-- author): one failing row per line it starts on, or one passing row for a document with none; found
-- as the document was read (ingest/parsers/text_checks.py, raw.text_checks).
select * from dq_text_checks('DOC-03')
