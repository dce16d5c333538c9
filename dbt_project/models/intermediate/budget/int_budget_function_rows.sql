{#- One row per budget document × funding scope × function code (合计 = TOTAL): the rows of the
    budget's tables keyed by 支出功能分类, each table a funding scope (支出预算表 all_sources,
    一般公共预算支出表 general_public_budget, 财政拨款支出预算表 fiscal_appropriation, 政府性基金预算支出表
    government_fund, 国有资本经营预算支出表 state_capital); and where a budget prints its 支出预算表 as
    one row of totals without function rows (the provincial departments of Jiangsu), the 类 its
    收支预算总表 prints in its 功能分类 group, as the all_sources 类 (source_table says so). -#}

with function_rows as (
    select * from {{ ref('int_finance_function_rows_pivoted') }}
    where table_key in (
        'budget_expenditure', 'budget_general_expenditure', 'budget_fiscal_expenditure',
        'budget_government_fund', 'budget_state_capital'
    )
),

summary_values as (
    select * from {{ ref('stg_raw__fa_values') }}
    where table_key = 'budget_summary'
        and side = 'expenditure'
        and {{ dbt.length('function_code') }} = 3
        and amount_yuan is not null
),

coded_expenditure as (
    select distinct document_id
    from function_rows
    where table_key = 'budget_expenditure' and function_code <> 'TOTAL'
),

summary_classes as (
    select
        summary_values.document_id,
        cast('all_sources' as {{ dbt.type_string() }}) as funding_scope,
        cast('budget_summary' as {{ dbt.type_string() }}) as source_table,
        summary_values.function_code,
        1 as function_level,
        min(summary_values.row_no) as row_no,
        min(summary_values.row_label) as function_name,
        max(case when summary_values.column_key in ('amount', 'total') then summary_values.amount_yuan end)
            as total_yuan,
        sum(case when summary_values.column_key in ('personnel', 'public') then summary_values.amount_yuan end)
            as basic_yuan,
        max(case when summary_values.column_key = 'project' then summary_values.amount_yuan end) as project_yuan,
        cast(null as decimal(20, 2)) as reserve_yuan,
        min(summary_values.source_ref) as source_ref,
        {{ dbt.bool_or('summary_values.is_ocr') }} as is_ocr,
        min(summary_values.ocr_confidence) as ocr_confidence
    from summary_values
    left join coded_expenditure on summary_values.document_id = coded_expenditure.document_id
    where coded_expenditure.document_id is null
    group by summary_values.document_id, summary_values.function_code
),

coded as (
    select
        document_id,
        cast(
            case table_key
                when 'budget_expenditure' then 'all_sources'
                when 'budget_general_expenditure' then 'general_public_budget'
                when 'budget_fiscal_expenditure' then 'fiscal_appropriation'
                when 'budget_government_fund' then 'government_fund'
                when 'budget_state_capital' then 'state_capital'
            end as {{ dbt.type_string() }}
        ) as funding_scope,
        table_key as source_table,
        function_code,
        function_level,
        row_no,
        coalesce(nullif(function_name, ''), '合计') as function_name,
        total_yuan,
        basic_yuan,
        project_yuan,
        reserve_yuan,
        source_ref,
        is_ocr,
        ocr_confidence
    from function_rows
),

final as (
    select * from coded
    union all
    select
        document_id, funding_scope, source_table, function_code, function_level, row_no, function_name,
        total_yuan, basic_yuan, project_yuan, reserve_yuan, source_ref, is_ocr, ocr_confidence
    from summary_classes
)

select * from final
