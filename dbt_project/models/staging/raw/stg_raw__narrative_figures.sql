with source as (
    select * from {{ source('raw', 'narrative_figures') }}
)

select
    document_id,
    metric,
    measure,
    subject,
    value as value_printed,
    printed,
    unit,
    decimals,
    case when unit in ('万元', '元') then {{ to_yuan('value', 'unit') }} end as amount_yuan,
    case when unit = '%' then cast(value / 100 as decimal(18, 6)) end as rate,
    line_no,
    page_no,
    context,
    source_ref,
    coalesce(is_ocr, false) as is_ocr,
    ocr_confidence
from source
