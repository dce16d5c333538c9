-- Every stated change ("较上年增加 A 万元，增长 B%") is consistent: B = A / (this year − A).
-- change_amount and change_rate are signed by their direction words (减少/下降 negative).
with changes as (
    select
        r.document_id, r.metric, r.subject, r.value as rate, r.tol as rate_tol, r.line_no, r.page_no, r.source_ref,
        a.value as change, a.tol as change_tol, x.value as current_value, x.tol as current_tol
    from dq_na as r
    inner join dq_na_money as a
        on a.document_id = r.document_id and a.metric = r.metric and a.subject = r.subject
        and a.measure = 'change_amount'
    inner join dq_na_money as x
        on x.document_id = r.document_id and x.metric = r.metric and x.subject = r.subject
        and x.measure = case when r.metric = 'category_budget_vs_final' then 'final' else 'amount' end
    where r.measure = 'change_rate' and x.value - a.value <> 0
    qualify row_number() over (
        partition by r.document_id, r.metric, r.subject, r.page_no, r.line_no, r.value
        order by abs(coalesce(a.page_no, 0) - coalesce(r.page_no, 0)) * 10000 + abs(a.line_no - r.line_no), abs(coalesce(x.page_no, 0) - coalesce(r.page_no, 0)) * 10000 + abs(x.line_no - r.line_no)
    ) = 1
)

select
    document_id,
    metric || case when subject <> '' then ' ' || subject else '' end || ' 增减率 (' || dq_at(page_no, line_no) || ')' as subject,
    rate as lhs_value,
    cast(change / (current_value - change) * 100 as decimal(38, 6)) as rhs_value,
    rate_tol
        + 100 * (change_tol * abs(current_value) + current_tol * abs(change))
        / ((current_value - change) * (current_value - change)) as tolerance,
    'eq' as kind,
    source_ref,
    '增减 ' || rate::double || '% printed; ' || change::double || ' / (' || current_value::double || ' − '
        || change::double || ') = ' || round(change / (current_value - change) * 100, 4)::double || '% (yuan)'
        as message
from changes
