{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook="{{ delete_refreshed_documents() }}"
) }}

-- Department finance metrics read from the tables: for each document and metric, the first
-- source of ref_finance_metric_sources (by priority) whose cell is printed (a blank is not zero).
with table_values as (
    select * from {{ ref('stg_raw__fa_values') }}
    where amount_yuan is not null
),

metric_sources as (
    select * from {{ ref('ref_finance_metric_sources') }}
),

candidates as (
    select
        table_values.document_id,
        metric_sources.metric,
        metric_sources.priority,
        table_values.table_key,
        table_values.amount_yuan,
        table_values.printed,
        table_values.unit,
        table_values.source_ref,
        table_values.is_ocr,
        table_values.ocr_confidence,
        row_number() over (
            partition by table_values.document_id, metric_sources.metric
            order by metric_sources.priority, table_values.row_no
        ) as preference
    from table_values
    inner join metric_sources
        on table_values.table_key = metric_sources.table_key
        and table_values.row_key = metric_sources.row_key
        and table_values.column_key = metric_sources.column_key
),

final as (
    select
        document_id,
        metric,
        cast('table' as {{ dbt.type_string() }}) as source,
        table_key as source_table,
        amount_yuan,
        printed,
        unit,
        source_ref,
        is_ocr,
        ocr_confidence
    from candidates
    where preference = 1
)

select * from final
{{ refreshed_documents_only() }}
