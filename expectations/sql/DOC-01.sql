-- Every heading or table title that prints a fiscal year ("2022 年度部门决算"), against the document's
-- fiscal year: found as the document was read (ingest/parsers/text_checks.py, raw.text_checks).
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
where rule_id = 'DOC-01'
