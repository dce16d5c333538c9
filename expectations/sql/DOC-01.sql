-- Every heading or table title that prints a fiscal year ("2022 年度部门决算"), against the document's
-- fiscal year: found as the document was read (ingest/parsers/text_checks.py, raw.text_checks).
select * from dq_text_checks('DOC-01')
