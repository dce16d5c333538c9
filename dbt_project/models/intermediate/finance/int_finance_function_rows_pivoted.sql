{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook="{{ delete_refreshed_documents() }}"
) }}

-- One row per document × table × function code of the tables keyed by 支出功能分类 (the final
-- accounts' 收入决算表, 支出决算表, 一般公共预算财政拨款支出决算表; a budget's 收入预算表, 支出预算表,
-- 一般公共预算支出表, 财政拨款支出预算表 and fund tables), amount columns side by side.
-- The 合计 row is function_code 'TOTAL'.
with table_values as (
    select * from {{ ref('stg_raw__fa_values') }}
    where table_key in (
        'income', 'expenditure', 'general_budget_expenditure',
        'budget_income', 'budget_expenditure', 'budget_general_expenditure', 'budget_fiscal_expenditure',
        'budget_government_fund', 'budget_state_capital'
    )
        and (function_code is not null or row_key = 'total')
),

pivoted as (
    select
        document_id,
        table_key,
        coalesce(function_code, 'TOTAL') as function_code,
        min(row_no) as row_no,
        min(row_label) as function_name,
        max(case when column_key = 'total' then amount_yuan end) as total_yuan,
        max(case when column_key = 'basic' then amount_yuan end) as basic_yuan,
        max(case when column_key = 'project' then amount_yuan end) as project_yuan,
        max(case when column_key = 'reserve' then amount_yuan end) as reserve_yuan,
        max(case when column_key = 'remit_superior' then amount_yuan end) as remit_superior_yuan,
        max(case when column_key = 'operating' then amount_yuan end) as operating_yuan,
        max(case when column_key = 'affiliated_subsidy' then amount_yuan end) as affiliated_subsidy_yuan,
        max(case when column_key = 'fiscal_appropriation' then amount_yuan end) as fiscal_appropriation_yuan,
        max(case when column_key = 'superior_subsidy' then amount_yuan end) as superior_subsidy_yuan,
        max(case when column_key = 'business' then amount_yuan end) as business_yuan,
        max(case when column_key = 'affiliated_remit' then amount_yuan end) as affiliated_remit_yuan,
        max(case when column_key = 'other' then amount_yuan end) as other_yuan,
        min(source_ref) as source_ref,
        {{ dbt.bool_or('is_ocr') }} as is_ocr,
        min(ocr_confidence) as ocr_confidence
    from table_values
    group by document_id, table_key, coalesce(function_code, 'TOTAL')
),

final as (
    select
        *,
        cast(
            case
                when function_code = 'TOTAL' then 0
                when {{ dbt.length('function_code') }} = 3 then 1
                when {{ dbt.length('function_code') }} = 5 then 2
                when {{ dbt.length('function_code') }} = 7 then 3
            end as integer
        ) as function_level
    from pivoted
)

select * from final
{{ refreshed_documents_only() }}
