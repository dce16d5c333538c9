{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook="{{ delete_refreshed_documents() }}"
) }}

{#- One row per evaluated project table or report: a self-evaluation (自评表), a department evaluation
    of a project (部门评价 / 项目支出绩效评价表 / 评价报告) or a whole-department evaluation
    (部门整体支出). Totals as the table or report states them; Σ of the indicator rows beside them. -#}

with projects as (
    select * from {{ ref('stg_raw__perf_projects') }}
),

documents as (
    select * from {{ ref('dim_document') }}
),

totals as (
    select * from {{ ref('int_performance_project_totals') }}
),

final as (
    select
        cast(projects.document_id || ':' || cast(projects.project_key as varchar) as varchar) as project_id,
        projects.document_id,
        documents.department_id,
        projects.project_key,
        cast(projects.fiscal_year as integer) as fiscal_year,
        projects.project_name,
        projects.evaluation_kind,
        cast(projects.budget_yuan as decimal(20, 2)) as budget_yuan,
        cast(projects.executed_yuan as decimal(20, 2)) as executed_yuan,
        cast(projects.execution_rate as decimal(12, 6)) as execution_rate,
        cast(projects.total_weight as decimal(12, 4)) as total_weight,
        cast(projects.total_score as decimal(12, 4)) as total_score,
        projects.grade,
        projects.score_bands,
        cast(projects.execution_weight as decimal(12, 4)) as execution_weight,
        cast(projects.execution_score as decimal(12, 4)) as execution_score,
        cast(coalesce(totals.indicator_count, 0) as integer) as indicator_count,
        totals.indicator_weight_sum,
        totals.indicator_score_sum,
        totals.indicator_weight_sum_excl_execution,
        totals.indicator_score_sum_excl_execution,
        projects.unit as printed_unit,
        projects.source_ref
    from projects
    inner join documents
        on projects.document_id = documents.document_id
    left join totals
        on projects.document_id = totals.document_id
        and projects.project_key = totals.project_key
)

select * from final
{{ refreshed_documents_only() }}
