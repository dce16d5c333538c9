{#- What each evaluated project's indicator rows add up to, beside what the table states (PE-02):
    count, Σ weights and Σ scores, with and without the budget-execution row (预算执行 / 年度资金总额),
    since some tables count that row inside their 100 points and others outside. -#}

with indicators as (
    select * from {{ ref('int_performance_indicators_parsed') }}
),

final as (
    select
        document_id,
        project_key,
        count(*) as indicator_count,
        cast(sum(weight) as decimal(12, 4)) as indicator_weight_sum,
        cast(sum(score) as decimal(12, 4)) as indicator_score_sum,
        cast(sum(case when level1_canonical = '预算执行' then null else weight end) as decimal(12, 4))
            as indicator_weight_sum_excl_execution,
        cast(sum(case when level1_canonical = '预算执行' then null else score end) as decimal(12, 4))
            as indicator_score_sum_excl_execution
    from indicators
    group by document_id, project_key
)

select * from final
