-- Every stated completion rate ("完成年初预算的 X%") equals final / budget: 财政拨款支出 (000 line 74),
-- "三公" items (000 line 134), 类 and 项 (000 line 78). The budget is the one the sentence names
-- (年初 or 全年); when that one is not stated or is zero the other is used (putuo_social_work_dept_2024.pdf
-- p.18: "年初预算为 0 万元，全年预算为 321.02 万元，支出决算为 307.82 万元，完成年初预算的 95.89%").
-- A zero budget states nothing checkable (000 line 142: 0 / 0 "完成全年预算的 100%").
with pairs as (
    select
        r.document_id, r.metric, r.subject, r.value as rate, r.tol as rate_tol, r.line_no, r.page_no, r.source_ref,
        f.value as final_value, f.tol as final_tol, b.value as budget_value, b.tol as budget_tol, b.basis
    from dq_na as r
    inner join dq_na_finals as f on f.document_id = r.document_id and f.metric = r.metric and f.subject = r.subject
    inner join dq_na_budgets as b on b.document_id = r.document_id and b.metric = r.metric and b.subject = r.subject
    where r.measure = 'completion_rate' and b.value <> 0
    qualify row_number() over (
        partition by r.document_id, r.metric, r.subject, r.page_no, r.line_no, r.value
        order by
            b.basis is not distinct from dq_named_basis(r.context) desc,
            abs(coalesce(f.page_no, 0) - coalesce(r.page_no, 0)) * 10000 + abs(f.line_no - r.line_no), abs(coalesce(b.page_no, 0) - coalesce(r.page_no, 0)) * 10000 + abs(b.line_no - r.line_no), b.basis
    ) = 1
)

select
    document_id,
    metric || case when subject <> '' then ' ' || subject else '' end || ' 完成率 (' || dq_at(page_no, line_no) || ')' as subject,
    rate as lhs_value,
    cast(final_value / budget_value * 100 as decimal(38, 6)) as rhs_value,
    rate_tol + 100 * (final_tol + abs(final_value / budget_value) * budget_tol) / abs(budget_value) as tolerance,
    'eq' as kind,
    source_ref,
    '完成 ' || rate::double || '% printed; 决算 ' || final_value::double || ' / ' || basis || ' 预算 '
        || budget_value::double || ' yuan = ' || round(final_value / budget_value * 100, 4)::double || '%' as message
from pairs
