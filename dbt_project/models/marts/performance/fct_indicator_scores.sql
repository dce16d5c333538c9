{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook="{{ delete_refreshed_documents() }}"
) }}

{#- One row per indicator of an evaluated project: its level names as printed, its canonical level-1
    category, target and actual as printed and as numbers, the comparison the target states and
    whether it was met, weight and score. An indicator printed across two tables (targets in one,
    points in the other) is one row (int_performance_indicators_merged). -#}

with indicators as (
    select * from {{ ref('int_performance_indicators_merged') }}
),

projects as (
    select * from {{ ref('fct_project_performance') }}
),

final as (
    select
        cast(indicators.document_id || ':' || cast(indicators.project_key as varchar) || ':'
            || cast(indicators.seq as varchar) as varchar) as indicator_id,
        projects.project_id,
        indicators.document_id,
        projects.department_id,
        projects.fiscal_year,
        projects.project_name,
        projects.evaluation_kind,
        cast(indicators.seq as integer) as seq,
        indicators.level1_name,
        indicators.level2_name,
        indicators.level3_name,
        indicators.level1_canonical,
        indicators.target_text,
        indicators.actual_text,
        cast(indicators.target_value as decimal(24, 6)) as target_value,
        cast(indicators.actual_value as decimal(24, 6)) as actual_value,
        indicators.value_unit,
        indicators.comparison_operator,
        indicators.comparison_operator_basis,
        indicators.target_met,
        indicators.target_met_basis,
        cast(indicators.weight as decimal(12, 4)) as weight,
        cast(indicators.score as decimal(12, 4)) as score,
        indicators.deviation_note,
        indicators.source_ref,
        indicators.target_source_ref
    from indicators
    inner join projects
        on indicators.document_id = projects.document_id
        and indicators.project_key = projects.project_key
)

select * from final
{{ refreshed_documents_only() }}
