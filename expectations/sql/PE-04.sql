-- Execution rate = executed / budget; the budget-execution score consistent with that rate.
-- Scoring rules the tables print: proportional (得分 = 执行率 × 分值, 001 line 1574: 62.9% of 10 = 6.29)
-- or full marks from 95% up (003 line 191); a score is consistent when either rule gives it.
with projects as (
    select
        p.*,
        p.execution_rate * 100 as rate_printed,
        case when p.budget > 0 then p.executed / p.budget * 100 end as rate_computed,
        case when p.budget > 0 then
            100 * (dq_half_unit(p.executed) + p.executed / p.budget * dq_half_unit(p.budget)) / p.budget
        end as rate_computed_tol
    from dq_projects as p
),

rates as (
    select
        *,
        coalesce(rate_printed, rate_computed) as rate,
        case when rate_printed is not null then dq_half_unit(rate_printed) else rate_computed_tol end as rate_tol
    from projects
)

select
    document_id,
    project_label || ': 执行率 = 执行数 / 预算数' as subject,
    rate_printed as lhs_value,
    rate_computed as rhs_value,
    dq_half_unit(rate_printed) + rate_computed_tol as tolerance,
    'eq' as kind,
    source_ref,
    null as excess,
    '执行率 ' || round(rate_printed, 4)::double || '% printed; ' || executed::double || ' / ' || budget::double
        || ' = ' || round(rate_computed, 4)::double || '%' as message
from rates
where rate_printed is not null and rate_computed is not null

union all

select
    document_id,
    project_label || ': 预算执行得分与执行率相符',
    execution_score,
    least(rate, 100) / 100 * execution_weight,
    dq_points_tol(execution_score) + execution_weight * rate_tol / 100,
    'given',
    source_ref,
    least(
        abs(execution_score - least(rate, 100) / 100 * execution_weight)
            - dq_points_tol(execution_score) - execution_weight * rate_tol / 100,
        case when rate + rate_tol >= 95 and execution_score = execution_weight then 0 else 1e9 end
    ),
    '得分 ' || execution_score::double || ' of ' || execution_weight::double || ' for an execution rate of '
        || round(rate, 2)::double || '% (proportional: ' || round(least(rate, 100) / 100 * execution_weight, 2)::double
        || ')'
from rates
where execution_score is not null and execution_weight is not null and rate is not null
