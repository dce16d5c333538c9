{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook="{{ delete_refreshed_documents() }}"
) }}

{#- Changes on the previous year as the narrative (情况说明) states them, one row per stated change:
    the metric (or expenditure category), this year's figure, the change in yuan and in percent
    (signed: 减少 / 下降 are negative) and the previous year's figure they imply. -#}

with changes as (
    select * from {{ ref('int_finance_prior_year_changes') }}
),

documents as (
    select * from {{ ref('dim_document') }}
),

metrics as (
    select * from {{ ref('ref_finance_metrics') }}
),

final as (
    select
        cast(changes.source_ref || '|' || changes.metric || '|' || coalesce(changes.subject, '') as varchar)
            as change_key,
        changes.document_id,
        documents.department_id,
        documents.fiscal_year,
        changes.metric,
        coalesce(metrics.metric_label, changes.subject) as metric_label,
        metrics.metric_family,
        changes.subject,
        changes.current_yuan,
        changes.change_yuan,
        changes.change_rate,
        changes.previous_year_yuan,
        cast(coalesce(changes.compared_year_stated, documents.fiscal_year - 1) as integer) as compared_year,
        cast(case when changes.compared_year_stated is null then 'previous_year' else 'stated' end as varchar)
            as compared_year_basis,
        cast('narrative' as varchar) as source,
        changes.source_ref,
        changes.rate_source_ref,
        changes.current_source_ref,
        changes.is_ocr,
        changes.ocr_confidence
    from changes
    inner join documents on changes.document_id = documents.document_id
    left join metrics on changes.metric = metrics.metric
)

select * from final
{{ refreshed_documents_only() }}
