-- Department finance metrics the narrative (情况说明) states as amounts. A figure stated twice with
-- different values keeps both rows (each with its own source_ref); exact repeats are one row.
with narrative as (
    select * from {{ ref('stg_raw__narrative_figures') }}
    where measure = 'amount' and amount_yuan is not null
),

metrics as (
    select * from {{ ref('ref_finance_metrics') }}
),

deduplicated as (
    select
        narrative.document_id,
        narrative.metric,
        narrative.amount_yuan,
        min(narrative.printed) as printed,
        min(narrative.unit) as unit,
        narrative.source_ref,
        {{ dbt.bool_or('narrative.is_ocr') }} as is_ocr,
        min(narrative.ocr_confidence) as ocr_confidence
    from narrative
    inner join metrics on narrative.metric = metrics.metric
    group by narrative.document_id, narrative.metric, narrative.amount_yuan, narrative.source_ref
),

final as (
    select
        document_id,
        metric,
        cast('narrative' as {{ dbt.type_string() }}) as source,
        cast(null as {{ dbt.type_string() }}) as source_table,
        amount_yuan,
        printed,
        unit,
        source_ref,
        is_ocr,
        ocr_confidence
    from deduplicated
)

select * from final
