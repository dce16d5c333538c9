-- Which hotline project evaluations are the same money, and which row each spending line keeps.
-- One row per evaluation: line_id names the line it belongs to, is_counted marks the row the
-- line keeps. The rules are documented in macros/hotline_rules.sql and _hotline__models.yml.
with evaluations as (
    select * from {{ ref('int_hotline_project_evaluations') }}
),

department_totals as (
    select * from {{ ref('int_hotline_department_totals') }}
),

-- A hotline unit's projects are inside its 本年支出合计: they are not added again.
countable as (
    select *
    from evaluations
    where not exists (
        select 1 from department_totals
        where department_totals.department_id = evaluations.department_id
            and department_totals.fiscal_year = evaluations.fiscal_year
    )
),

-- Step 1: the same name (after hotline_name_key) in a jurisdiction and year is one project.
by_name as (
    select
        *,
        coalesce(jurisdiction_name, department_id) as jurisdiction_key,
        first_value(evaluation_id) over (
            partition by coalesce(jurisdiction_name, department_id), fiscal_year, project_name_key
            order by {{ hotline_line_order() }}
        ) as name_group_id
    from countable
),

-- Step 2: of the remaining projects, equal executed amounts (to the fen) are the same money.
by_amount as (
    select
        evaluation_id,
        first_value(evaluation_id) over (
            partition by jurisdiction_key, fiscal_year, coalesce({{ dbt.cast("executed_yuan", api.Column.translate_type("string")) }}, evaluation_id)
            order by {{ hotline_line_order() }}
        ) as line_id
    from by_name
    where evaluation_id = name_group_id
),

final as (
    select
        by_name.evaluation_id,
        by_amount.line_id,
        by_name.evaluation_id = by_amount.line_id as is_counted,
        by_name.document_id,
        by_name.department_id,
        by_name.department_name,
        by_name.jurisdiction_name,
        by_name.province,
        by_name.fiscal_year,
        by_name.project_name,
        by_name.evaluation_kind,
        by_name.budget_yuan,
        by_name.executed_yuan,
        by_name.execution_rate,
        by_name.total_score,
        by_name.grade,
        by_name.project_key,
        by_name.source_ref
    from by_name
    inner join by_amount
        on by_name.name_group_id = by_amount.evaluation_id
)

select * from final
