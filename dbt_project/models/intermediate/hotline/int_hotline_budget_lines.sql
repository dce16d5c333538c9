-- What the budget documents budget for the hotline: one row per hotline unit (its 当年支出小计 /
-- 支出合计, the whole unit's budget) or hotline project (a row of a 项目支出表 whose name matches
-- hotline_project_patterns) × fiscal year, from a budget document. Rules: macros/hotline_rules.sql.
with budget_metrics as (
    select * from {{ ref('fct_department_budget') }}
    where metric in ('current_expenditure', 'expenditure_total')
),

departments as (
    select * from {{ ref('dim_department') }}
),

documents as (
    select * from {{ ref('dim_document') }}
    where doc_type = 'budget' and not is_template
),

project_rows as (
    select * from {{ ref('stg_raw__fa_values') }}
    where table_key = 'budget_projects' and column_key = 'total' and amount_yuan is not null
),

unit_budgets as (
    select
        budget_metrics.department_id,
        budget_metrics.fiscal_year,
        cast(null as varchar) as project_name,
        cast(null as varchar) as project_name_key,
        budget_metrics.amount_yuan as budget_document_yuan,
        cast(
            case budget_metrics.metric
                when 'current_expenditure' then 'unit_current_expenditure' else 'unit_expenditure_total'
            end as varchar
        ) as budget_document_basis,
        budget_metrics.document_id as budget_document_id,
        budget_metrics.source_ref as budget_document_source_ref,
        row_number() over (
            partition by budget_metrics.department_id, budget_metrics.fiscal_year
            order by case budget_metrics.metric when 'current_expenditure' then 0 else 1 end,
                budget_metrics.document_id
        ) as preference
    from budget_metrics
    inner join departments on budget_metrics.department_id = departments.department_id
    where departments.is_hotline_unit
),

project_budgets as (
    select
        documents.department_id,
        documents.fiscal_year,
        project_rows.row_label as project_name,
        {{ hotline_name_key('project_rows.row_label') }} as project_name_key,
        project_rows.amount_yuan as budget_document_yuan,
        cast('project_budget' as varchar) as budget_document_basis,
        project_rows.document_id as budget_document_id,
        project_rows.source_ref as budget_document_source_ref,
        row_number() over (
            partition by documents.department_id, documents.fiscal_year, {{ hotline_name_key('project_rows.row_label') }}
            order by project_rows.document_id, project_rows.row_no
        ) as preference
    from project_rows
    inner join documents on project_rows.document_id = documents.document_id
    where {{ matches_hotline_pattern('project_rows.row_label', ref('hotline_project_patterns')) }}
),

final as (
    select
        department_id, fiscal_year, project_name, project_name_key, budget_document_yuan, budget_document_basis,
        budget_document_id, budget_document_source_ref
    from unit_budgets
    where preference = 1
    union all
    select
        department_id, fiscal_year, project_name, project_name_key, budget_document_yuan, budget_document_basis,
        budget_document_id, budget_document_source_ref
    from project_budgets
    where preference = 1
)

select * from final
