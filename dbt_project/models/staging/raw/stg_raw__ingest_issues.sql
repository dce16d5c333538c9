with source as (
    select * from {{ source('raw', 'ingest_issues') }}
)

select
    document_id,
    source_path,
    stage,
    severity,
    message,
    line_no,
    page_no
from source
