-- Every evaluation of a hotline project (name matches hotline_project_patterns), with its
-- jurisdiction. Not yet de-duplicated: int_hotline_project_lines decides what is the same money.
with projects as (
    select * from {{ ref('fct_project_performance') }}
),

departments as (
    select * from {{ ref('dim_department') }}
),

hotline_projects as (
    select *
    from projects
    where evaluation_kind <> 'overall_department'
        and {{ matches_hotline_pattern('projects.project_name', ref('hotline_project_patterns')) }}
),

final as (
    select
        {{ dbt.concat(["hotline_projects.document_id", "'|'",
            dbt.cast("hotline_projects.project_key", api.Column.translate_type("string"))]) }} as evaluation_id,
        hotline_projects.document_id,
        hotline_projects.project_key,
        hotline_projects.department_id,
        departments.department_name,
        departments.jurisdiction_name,
        departments.province,
        coalesce(departments.is_hotline_unit, false) as is_hotline_unit,
        hotline_projects.fiscal_year,
        hotline_projects.project_name,
        {{ hotline_name_key('hotline_projects.project_name') }} as project_name_key,
        hotline_projects.evaluation_kind,
        cast(hotline_projects.budget_yuan as decimal(20, 2)) as budget_yuan,
        cast(hotline_projects.executed_yuan as decimal(20, 2)) as executed_yuan,
        hotline_projects.execution_rate,
        hotline_projects.total_score,
        hotline_projects.grade,
        hotline_projects.source_ref
    from hotline_projects
    left join departments
        on hotline_projects.department_id = departments.department_id
)

select * from final
