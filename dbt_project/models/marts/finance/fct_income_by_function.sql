{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook="{{ delete_refreshed_documents() }}"
) }}

with function_rows as (
    select * from {{ ref('int_finance_function_rows_pivoted') }}
    where table_key = 'income'
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
        function_rows.function_code,
        function_rows.function_level,
        function_rows.function_name,
        function_classes.function_name as function_class_name,
        cast(function_rows.total_yuan as decimal(20, 2)) as total_yuan,
        cast(function_rows.fiscal_appropriation_yuan as decimal(20, 2)) as fiscal_appropriation_yuan,
        cast(function_rows.superior_subsidy_yuan as decimal(20, 2)) as superior_subsidy_yuan,
        cast(function_rows.business_yuan as decimal(20, 2)) as business_yuan,
        cast(function_rows.operating_yuan as decimal(20, 2)) as operating_yuan,
        cast(function_rows.affiliated_remit_yuan as decimal(20, 2)) as affiliated_remit_yuan,
        cast(function_rows.other_yuan as decimal(20, 2)) as other_yuan,
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
