with source as (
    select * from {{ source('raw', 'fa_values') }}
)

select
    document_id,
    table_key,
    row_no,
    row_label,
    row_key,
    line_code,
    function_code,
    economic_code,
    side,
    column_key,
    column_label,
    amount as amount_printed,
    printed,
    decimals,
    unit,
    -- money only: 公开10 and the 三公 statistics rows count vehicles, groups and persons
    case when unit in ('万元', '元') then {{ to_yuan('amount', 'unit') }} end as amount_yuan,
    -- half a unit of the last printed decimal, in yuan: the rounding tolerance of this figure
    cast(
        case when decimals is null then 0 else 0.5 * power(10, -decimals) end
        * case when unit = '万元' then 10000 else 1 end
        as decimal(20, 4)
    ) as tolerance_yuan,
    line_no,
    page_no,
    source_ref,
    coalesce(is_ocr, false) as is_ocr,
    ocr_confidence
from source
