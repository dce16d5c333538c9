-- Every stated comparison ("决算数较全年预算数增加/减少/持平", "大于/小于 年初预算") agrees with the two
-- figures it compares. comparison figures carry the sign the word asserts (+1 / -1 / 0).
-- A change against the prior year says its direction twice ("减少 11.15 万元，下降 100%", 000 line 44):
-- the amount's word and the rate's word must agree.
with pairs as (
    select
        c.document_id, c.metric, c.subject, c.value as asserted, c.printed as word, c.line_no, c.page_no, c.source_ref,
        f.value as final_value, f.tol as final_tol, b.value as budget_value, b.tol as budget_tol
    from dq_na as c
    inner join dq_na_finals as f on f.document_id = c.document_id and f.metric = c.metric and f.subject = c.subject
    inner join dq_na_budgets as b on b.document_id = c.document_id and b.metric = c.metric and b.subject = c.subject
    where c.measure = 'comparison'
    -- the budget the sentence names; else the full-year budget (what 决算 is compared with, 000 line 180)
    qualify row_number() over (
        partition by c.document_id, c.metric, c.subject, c.page_no, c.line_no
        order by
            b.basis is not distinct from coalesce(dq_named_basis(c.context), 'full') desc,
            abs(coalesce(f.page_no, 0) - coalesce(c.page_no, 0)) * 10000 + abs(f.line_no - c.line_no), abs(coalesce(b.page_no, 0) - coalesce(c.page_no, 0)) * 10000 + abs(b.line_no - c.line_no)
    ) = 1
)

select
    document_id,
    metric || case when subject <> '' then ' ' || subject else '' end || ' 决算与预算比较 (' || dq_at(page_no, line_no) || ')'
        as subject,
    final_value as lhs_value,
    budget_value as rhs_value,
    final_tol + budget_tol as tolerance,
    'given' as kind,
    case
        when asserted > 0 then budget_value - final_value - (final_tol + budget_tol)
        when asserted < 0 then final_value - budget_value - (final_tol + budget_tol)
        else abs(final_value - budget_value) - (final_tol + budget_tol)
    end as excess,
    source_ref,
    '“' || word || '”: 决算 ' || final_value::double || ' vs 预算 ' || budget_value::double || ' yuan' as message
from pairs

union all

select
    r.document_id,
    r.metric || case when r.subject <> '' then ' ' || r.subject else '' end || ' 增减方向 (' || dq_at(r.page_no, r.line_no) || ')',
    a.value,
    r.value,
    0,
    'given',
    case when sign(a.value) = sign(r.value) then 0 else 1 end,
    r.source_ref,
    '增减额 ' || a.value::double || ' yuan and 增减率 ' || r.value::double || '% must go the same way'
from dq_na as r
inner join dq_na_money as a
    on a.document_id = r.document_id and a.metric = r.metric and a.subject = r.subject and a.measure = 'change_amount'
where r.measure = 'change_rate' and r.value <> 0 and a.value <> 0
qualify row_number() over (
    partition by r.document_id, r.metric, r.subject, r.page_no, r.line_no, r.value order by abs(coalesce(a.page_no, 0) - coalesce(r.page_no, 0)) * 10000 + abs(a.line_no - r.line_no), a.line_no
) = 1
