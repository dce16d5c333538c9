{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook="{{ delete_refreshed_documents() }}"
) }}

{#- A budget's spending by 支出功能分类: one row per budget document × funding scope × function code,
    合计 as function_code TOTAL. Budget documents only (dim_document.doc_type = 'budget'); blank
    templates have no figures and no rows. -#}

with function_rows as (
    select * from {{ ref('int_budget_function_rows') }}
),

documents as (
    select * from {{ ref('dim_document') }}
    where doc_type = 'budget' and not is_template
),

function_classes as (
    select * from {{ ref('dim_function_class') }}
),

final as (
    select
        cast(
            function_rows.document_id || '|' || function_rows.funding_scope || '|' || function_rows.function_code
            as {{ dbt.type_string() }}
        ) as budget_function_key,
        function_rows.document_id,
        documents.department_id,
        documents.fiscal_year,
        function_rows.funding_scope,
        function_rows.function_code,
        cast(function_rows.function_level as integer) as function_level,
        function_rows.function_name,
        function_classes.function_name as function_class_name,
        cast(function_rows.total_yuan as decimal(20, 2)) as total_yuan,
        cast(function_rows.basic_yuan as decimal(20, 2)) as basic_yuan,
        cast(function_rows.project_yuan as decimal(20, 2)) as project_yuan,
        cast(function_rows.reserve_yuan as decimal(20, 2)) as reserve_yuan,
        function_rows.source_table,
        cast(function_rows.row_no as integer) as row_no,
        function_rows.source_ref,
        coalesce(function_rows.is_ocr, false) as is_ocr,
        cast(function_rows.ocr_confidence as decimal(5, 4)) as ocr_confidence
    from function_rows
    inner join documents on function_rows.document_id = documents.document_id
    left join function_classes on function_rows.function_code = function_classes.function_code
)

select * from final
{{ refreshed_documents_only() }}
