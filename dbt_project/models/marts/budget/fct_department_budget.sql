{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook="{{ delete_refreshed_documents() }}"
) }}

{#- A budget's headline figures: one row per budget document × metric × source, in the metric
    vocabulary of fct_department_finance where the meaning is the same (ref_finance_metrics; the
    tables each metric is read from: ref_finance_metric_sources). Budget documents only. -#}

with table_metrics as (
    select * from {{ ref('int_finance_table_metrics') }}
),

documents as (
    select * from {{ ref('dim_document') }}
    where doc_type = 'budget' and not is_template
),

metrics as (
    select * from {{ ref('ref_finance_metrics') }}
),

final as (
    select
        table_metrics.document_id,
        documents.department_id,
        documents.fiscal_year,
        table_metrics.metric,
        metrics.metric_label,
        table_metrics.source,
        table_metrics.source_table,
        cast(table_metrics.amount_yuan as decimal(20, 2)) as amount_yuan,
        table_metrics.printed,
        table_metrics.unit,
        table_metrics.source_ref,
        coalesce(table_metrics.is_ocr, false) as is_ocr,
        cast(table_metrics.ocr_confidence as decimal(5, 4)) as ocr_confidence
    from table_metrics
    inner join documents on table_metrics.document_id = documents.document_id
    left join metrics on table_metrics.metric = metrics.metric
)

select * from final
{{ refreshed_documents_only() }}
