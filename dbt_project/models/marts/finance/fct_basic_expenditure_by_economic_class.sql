{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook="{{ delete_refreshed_documents() }}"
) }}

with economic_values as (
    select * from {{ ref('stg_raw__fa_values') }}
    where table_key = 'general_budget_basic_economic'
        and economic_code is not null
        and column_key = 'amount'
),

-- final-accounts figures only: a budget's figures never land here (they go to the budget marts)
documents as (
    select * from {{ ref('dim_document') }}
    where doc_type <> 'budget'
),

final as (
    select
        economic_values.document_id,
        documents.department_id,
        documents.fiscal_year,
        economic_values.economic_code,
        cast(case {{ dbt.length('economic_values.economic_code') }} when 3 then 1 else 2 end as integer) as economic_level,
        economic_values.row_label as economic_name,
        cast(economic_values.amount_yuan as decimal(20, 2)) as amount_yuan,
        economic_values.printed,
        economic_values.unit,
        economic_values.source_ref,
        economic_values.is_ocr,
        economic_values.ocr_confidence
    from economic_values
    inner join documents on economic_values.document_id = documents.document_id
)

select * from final
{{ refreshed_documents_only() }}
