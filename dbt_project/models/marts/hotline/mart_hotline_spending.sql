-- What each jurisdiction spent on its 12345 hotline per year, one row per spending line, with
-- the service volume the documents state and the unit cost, and beside it what was budgeted: the
-- evaluation's budget (budget_yuan) and the budget document's (budget_document_yuan). Rules:
-- macros/hotline_rules.sql.
with department_totals as (
    select * from {{ ref('int_hotline_department_totals') }}
),

project_lines as (
    select * from {{ ref('int_hotline_project_lines') }}
),

volumes as (
    select * from {{ ref('int_hotline_service_volumes') }}
),

budget_lines as (
    select * from {{ ref('int_hotline_budget_lines') }}
),

measures as (
    select * from {{ ref('hotline_volume_measures') }}
),

merged as (
    select line_id, count(*) as evaluations_merged
    from project_lines
    group by line_id
),

department_lines as (
    select
        line_id,
        jurisdiction_name,
        province,
        fiscal_year,
        department_id,
        department_name,
        cast(null as varchar) as project_name,
        'department_total' as spending_basis,
        spending_yuan,
        cast(null as varchar) as evaluation_kind,
        cast(null as decimal(20, 2)) as budget_yuan,
        cast(null as decimal(12, 6)) as execution_rate,
        cast(null as decimal(12, 4)) as total_score,
        cast(null as varchar) as grade,
        1 as evaluations_merged,
        document_id,
        source_ref
    from department_totals
),

counted_projects as (
    select
        project_lines.line_id,
        project_lines.jurisdiction_name,
        project_lines.province,
        project_lines.fiscal_year,
        project_lines.department_id,
        project_lines.department_name,
        project_lines.project_name,
        'project_executed' as spending_basis,
        project_lines.executed_yuan as spending_yuan,
        project_lines.evaluation_kind,
        project_lines.budget_yuan,
        cast(project_lines.execution_rate as decimal(12, 6)) as execution_rate,
        cast(project_lines.total_score as decimal(12, 4)) as total_score,
        project_lines.grade,
        merged.evaluations_merged,
        project_lines.document_id,
        project_lines.source_ref
    from project_lines
    inner join merged
        on project_lines.line_id = merged.line_id
    where project_lines.is_counted
),

lines as (
    select * from department_lines
    union all
    select * from counted_projects
),

final as (
    select
        lines.line_id as hotline_line_id,
        lines.jurisdiction_name,
        lines.province,
        cast(lines.fiscal_year as integer) as fiscal_year,
        lines.department_id,
        lines.department_name,
        lines.project_name,
        lines.spending_basis,
        cast(lines.spending_yuan as decimal(20, 2)) as spending_yuan,
        cast(volumes.service_volume as decimal(20, 2)) as service_volume,
        volumes.service_volume_unit,
        volumes.service_volume_measure,
        measures.counts_zh as service_volume_counts,
        volumes.service_volume_label,
        cast(lines.spending_yuan / nullif(volumes.service_volume, 0) as decimal(20, 2)) as unit_cost_yuan,
        lines.evaluation_kind,
        cast(lines.budget_yuan as decimal(20, 2)) as budget_yuan,
        lines.execution_rate,
        lines.total_score,
        lines.grade,
        cast(lines.evaluations_merged as integer) as evaluations_merged,
        cast(budget_lines.budget_document_yuan as decimal(20, 2)) as budget_document_yuan,
        budget_lines.budget_document_basis,
        budget_lines.budget_document_id,
        budget_lines.budget_document_source_ref,
        lines.document_id,
        lines.source_ref,
        volumes.service_volume_document_id,
        volumes.service_volume_source_ref
    from lines
    left join volumes
        on lines.line_id = volumes.line_id
    left join measures
        on volumes.service_volume_measure = measures.measure
    left join budget_lines
        on lines.department_id = budget_lines.department_id
        and lines.fiscal_year = budget_lines.fiscal_year
        and coalesce({{ hotline_name_key('lines.project_name') }}, '') = coalesce(budget_lines.project_name_key, '')
)

select * from final
