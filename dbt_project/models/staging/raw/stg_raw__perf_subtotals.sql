with source as (
    select * from {{ source('raw', 'perf_subtotals') }}
)

select
    document_id,
    project_key,
    level,
    name,
    weight,
    score,
    spans,
    line_no,
    page_no,
    source_ref
from source
