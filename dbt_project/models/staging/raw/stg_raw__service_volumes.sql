with source as (
    select * from {{ source('raw', 'service_volumes') }}
)

select
    document_id,
    project_key,
    measure,
    label,
    cast(value as decimal(20, 2)) as volume,
    unit,
    printed,
    line_no,
    page_no,
    context,
    source_ref
from source
