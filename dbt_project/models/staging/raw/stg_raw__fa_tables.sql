with source as (
    select * from {{ source('raw', 'fa_tables') }}
)

select
    document_id,
    table_key,
    table_title,
    table_no,
    unit,
    status,
    note,
    line_no,
    page_no,
    row_count
from source
