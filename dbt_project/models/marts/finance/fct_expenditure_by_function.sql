{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook="{{ delete_refreshed_documents() }}"
) }}

with function_rows as (
    select * from {{ ref('int_finance_function_rows_pivoted') }}
    where table_key in ('expenditure', 'general_budget_expenditure')
),

-- final-accounts figures only: a budget's figures never land here (they go to the budget marts)
documents as (
    select * from {{ ref('dim_document') }}
    where doc_type <> 'budget'
),

function_classes as (
    select * from {{ ref('dim_function_class') }}
),

final as (
    select
        function_rows.document_id,
        documents.department_id,
        documents.fiscal_year,
        cast(
            case function_rows.table_key
                when 'expenditure' then 'all_sources'
                when 'general_budget_expenditure' then 'general_public_budget'
            end as {{ dbt.type_string() }}
        ) as funding_scope,
        function_rows.function_code,
        function_rows.function_level,
        function_rows.function_name,
        function_classes.function_name as function_class_name,
        cast(function_rows.total_yuan as decimal(20, 2)) as total_yuan,
        cast(function_rows.basic_yuan as decimal(20, 2)) as basic_yuan,
        cast(function_rows.project_yuan as decimal(20, 2)) as project_yuan,
        cast(function_rows.remit_superior_yuan as decimal(20, 2)) as remit_superior_yuan,
        cast(function_rows.operating_yuan as decimal(20, 2)) as operating_yuan,
        cast(function_rows.affiliated_subsidy_yuan as decimal(20, 2)) as affiliated_subsidy_yuan,
        function_rows.row_no,
        function_rows.source_ref,
        function_rows.is_ocr,
        function_rows.ocr_confidence
    from function_rows
    inner join documents on function_rows.document_id = documents.document_id
    left join function_classes on function_rows.function_code = function_classes.function_code
)

select * from final
{{ refreshed_documents_only() }}
