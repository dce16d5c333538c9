-- Σ indicator weights = the table's stated total weight; Σ scores = its stated total score.
-- The budget-execution row (年度资金总额, landed as the indicator 预算执行/年度资金总额 and as the
-- project's execution_weight/score) is counted when the table's own total includes it (002 line 412:
-- 预算执行情况 20分 + indicators 80 = 自评得分合计 100) and left out when it sits outside the 100
-- points (000 line 457: 分值 10 beside 总分 100): the variant whose weights agree with the printed
-- total is the table's own definition. Sums are checked only where every indicator prints the figure.
-- A table that counts its budget-execution row but leaves that row's 得分 blank does not add up as
-- printed (002 line 463: 得分 blank, indicators 80, 自评得分合计 100 on line 477): its score check is
-- made with the printed scores only (a blank is not 0, and not the missing points either), so the
-- disagreement is reported.
with indicators as (
    select
        i.*,
        i.level3_name = '年度资金总额' and i.level2_name is null as is_execution_row
    from raw.perf_indicators as i
),

sums as (
    select
        document_id,
        project_key,
        sum(weight) as weight_sum,
        sum(score) as score_sum,
        sum(dq_points_tol(weight)) as weight_tol,
        sum(dq_points_tol(score)) as score_tol,
        count(*) as rows_,
        count(weight) as weights,
        count(score) as scores,
        min(line_no) as first_line,
        max(line_no) as last_line
    from indicators
    where not is_execution_row
    group by document_id, project_key
),

projects as (
    select
        p.*,
        s.* exclude (document_id, project_key),
        p.execution_weight is not null
            and abs(s.weight_sum + p.execution_weight - p.total_weight) < abs(s.weight_sum - p.total_weight)
            as counts_execution
    from dq_projects as p
    inner join sums as s using (document_id, project_key)
),

described as (
    select
        *,
        source_ref || ' (indicator lines ' || first_line || '-' || last_line
            || case
                when counts_execution and execution_score is null
                    then ', with the budget-execution row, whose 得分 is blank'
                when counts_execution then ', with the budget-execution row'
                else ''
            end || ')' as where_
    from projects
)

select
    document_id,
    project_label || ': Σ 指标分值 = 总分值' as subject,
    weight_sum + case when counts_execution then execution_weight else 0 end as lhs_value,
    total_weight as rhs_value,
    weight_tol + dq_points_tol(total_weight) as tolerance,
    'eq' as kind,
    where_ as source_ref
from described
where total_weight is not null and weights = rows_

union all

select
    document_id,
    project_label || ': Σ 指标得分 = 总得分',
    score_sum + case when counts_execution then coalesce(execution_score, 0) else 0 end,
    total_score,
    score_tol + dq_points_tol(total_score) + case when counts_execution then dq_points_tol(execution_score) else 0 end,
    'eq',
    where_
from described
where total_score is not null and scores = rows_ and weights = rows_
