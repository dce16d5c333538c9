-- Template text left in the document (placeholders, unresolved alternatives, instructions to the
-- author): one failing row per line it starts on, or one passing row for a document with none; found
-- as the document was read (ingest/parsers/text_checks.py, raw.text_checks).
select
    document_id,
    subject,
    lhs_value,
    rhs_value,
    0 as tolerance,
    'given' as kind,
    excess,
    message,
    source_ref
from raw.text_checks
where rule_id = 'DOC-03'
