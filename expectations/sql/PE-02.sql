-- Σ indicator weights = the table's stated total weight; Σ scores = its stated total score.
-- A budget-execution row outside the table's 100 points (000: 分值 10 beside 总分 100) is left out,
-- one inside them (002: 预算执行情况 20分 + indicators 80 = 100) is counted: the variant whose weights
-- agree with the printed total is the table's own definition.
with indicators as (
    select
        document_id,
        project_key,
        sum(weight) as weight_sum,
        sum(score) as score_sum,
        sum(dq_points_tol(weight)) as weight_tol,
        sum(dq_points_tol(score)) as score_tol,
        count(score) as scores,
        min(line_no) as first_line,
        max(line_no) as last_line
    from raw.perf_indicators
    group by document_id, project_key
    having count(weight) > 0
),

projects as (
    select
        p.*,
        i.*,
        p.execution_weight is not null
            and abs(i.weight_sum + p.execution_weight - p.total_weight) < abs(i.weight_sum - p.total_weight)
            as counts_execution
    from dq_projects as p
    inner join indicators as i using (document_id, project_key)
)

select
    document_id,
    project_label || ': Σ 指标分值 = 总分值' as subject,
    weight_sum + case when counts_execution then execution_weight else 0 end as lhs_value,
    total_weight as rhs_value,
    weight_tol + dq_points_tol(total_weight) as tolerance,
    'eq' as kind,
    source_ref || ' (indicator lines ' || first_line || '-' || last_line
        || case when counts_execution then ', budget-execution row counted' else '' end || ')' as source_ref
from projects
where total_weight is not null

union all

select
    document_id,
    project_label || ': Σ 指标得分 = 总得分',
    score_sum + case when counts_execution then coalesce(execution_score, 0) else 0 end,
    total_score,
    score_tol + dq_points_tol(total_score) + case when counts_execution then dq_points_tol(execution_score) else 0 end,
    'eq',
    source_ref || ' (indicator lines ' || first_line || '-' || last_line
        || case when counts_execution then ', budget-execution row counted' else '' end || ')'
from projects
where total_score is not null and scores > 0
