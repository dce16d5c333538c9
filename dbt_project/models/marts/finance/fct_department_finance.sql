{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook="{{ delete_refreshed_documents() }}"
) }}

with table_metrics as (
    select * from {{ ref('int_finance_table_metrics') }}
),

narrative_metrics as (
    select * from {{ ref('int_finance_narrative_metrics') }}
),

-- final-accounts figures only: a budget's figures never land here (they go to the budget marts)
documents as (
    select * from {{ ref('dim_document') }}
    where doc_type <> 'budget'
),

metrics as (
    select * from {{ ref('ref_finance_metrics') }}
),

unioned as (
    select * from table_metrics
    union all
    select * from narrative_metrics
),

final as (
    select
        unioned.document_id,
        documents.department_id,
        documents.fiscal_year,
        unioned.metric,
        metrics.metric_label,
        unioned.source,
        unioned.source_table,
        cast(unioned.amount_yuan as decimal(20, 2)) as amount_yuan,
        unioned.printed,
        unioned.unit,
        unioned.source_ref,
        unioned.is_ocr,
        unioned.ocr_confidence
    from unioned
    inner join documents on unioned.document_id = documents.document_id
    left join metrics on unioned.metric = metrics.metric
)

select * from final
{{ refreshed_documents_only() }}
