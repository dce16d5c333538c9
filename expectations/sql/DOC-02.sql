-- Each standard table of a final-accounts document (公开01–09) is present, or the document states
-- why it is empty (fa_tables.status 'empty' with its note, e.g. 002 line 274 "…故本表无数据").
with documents as (
    select * from dq_documents where doc_type = 'final_accounts'
),

standard as (
    select table_key, title from dq_table_names where family = 'final_accounts' and in_template
)

select
    d.document_id,
    '公开表: ' || s.title as subject,
    case when t.status in ('parsed', 'empty', 'unparsed') then 1 else 0 end as lhs_value,
    1 as rhs_value,
    0 as tolerance,
    'eq' as kind,
    coalesce(d.file_name || ' | line ' || t.line_no || ' | ' || t.table_title, d.file_name) as source_ref,
    case
        when t.status = 'parsed' then 'present'
        when t.status = 'empty' then 'stated empty: ' || coalesce(t.note, '')
        when t.status is not null then 'found but not readable (' || t.status || ')'
        else 'missing, and the document does not say why'
    end as message
from documents as d
cross join standard as s
left join (
    select document_id, table_key, arg_min(status, case status when 'parsed' then 0 when 'empty' then 1 else 2 end) as status,
        min(table_title) as table_title, min(line_no) as line_no, min(note) as note
    from raw.fa_tables
    group by document_id, table_key
) as t on d.document_id = t.document_id and s.table_key = t.table_key
