-- Every stated completion rate ("完成年初预算的 X%") equals final / initial budget.
-- 财政拨款支出: fiscal_final / fiscal_budget_initial (000 line 74); "三公" items: 决算 / 全年预算
-- (000 line 134); 类: final / budget_initial of the same 类 (000 line 78). A zero budget states
-- nothing checkable (000 line 142: 0 / 0 "完成全年预算的 100%").
with rates as (
    select
        r.*,
        case
            when r.metric = 'fiscal_final' then 'fiscal_final'
            else r.metric
        end as final_metric,
        case
            when r.metric = 'fiscal_final' then 'fiscal_budget_initial'
            else r.metric
        end as budget_metric,
        case
            when r.metric = 'category_budget_vs_final' then 'final'
            else 'amount'
        end as final_measure,
        case
            when r.metric = 'fiscal_final' then 'amount'
            when r.metric = 'category_budget_vs_final' then 'budget_initial'
            else 'budget'
        end as budget_measure
    from dq_na as r
    where r.measure = 'completion_rate'
),

pairs as (
    select
        r.document_id, r.metric, r.subject, r.value as rate, r.tol as rate_tol, r.line_no, r.source_ref,
        f.value as final_value, f.tol as final_tol, b.value as budget_value, b.tol as budget_tol
    from rates as r
    inner join dq_na_money as f
        on f.document_id = r.document_id and f.metric = r.final_metric and f.measure = r.final_measure
        and f.subject = r.subject
    inner join dq_na_money as b
        on b.document_id = r.document_id and b.metric = r.budget_metric and b.measure = r.budget_measure
        and b.subject = r.subject
    where b.value <> 0
    qualify row_number() over (
        partition by r.document_id, r.metric, r.subject, r.line_no, r.value
        order by abs(f.line_no - r.line_no), abs(b.line_no - r.line_no)
    ) = 1
)

select
    document_id,
    metric || case when subject <> '' then ' ' || subject else '' end || ' 完成率 (line ' || line_no || ')' as subject,
    rate as lhs_value,
    cast(final_value / budget_value * 100 as decimal(38, 6)) as rhs_value,
    rate_tol + 100 * (final_tol + abs(final_value / budget_value) * budget_tol) / abs(budget_value) as tolerance,
    'eq' as kind,
    source_ref,
    '完成 ' || rate::double || '% printed; 决算 ' || final_value::double || ' / 预算 ' || budget_value::double
        || ' yuan = ' || round(final_value / budget_value * 100, 4)::double || '%' as message
from pairs
