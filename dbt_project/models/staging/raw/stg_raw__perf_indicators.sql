with source as (
    select * from {{ source('raw', 'perf_indicators') }}
)

select
    document_id,
    project_key,
    seq,
    level1_name,
    level2_name,
    level3_name,
    target_text,
    actual_text,
    weight,
    score,
    deviation_note,
    header_unit,
    line_no,
    page_no,
    source_ref
from source
