-- 财政拨款收入支出决算总表, each funding column: 年初结转和结余 + 本年收入 = 本年支出 + 年末结转和结余
-- (公开07/08 state the same identity for their fund on their 合计 row, and are checked the same way)
with fiscal as (
    select * from dq_fa where table_key = 'fiscal_summary'
),

funds as (
    select 'general_budget' as fund, '一般公共预算财政拨款' as label
    union all select 'government_fund', '政府性基金预算财政拨款'
    union all select 'state_capital', '国有资本经营预算财政拨款'
),

per_fund as (
    select
        i.document_id,
        funds.label,
        i.amount as income, i.tol as income_tol,
        coalesce(b.amount, 0) as begin_amount, coalesce(b.tol, 0) as begin_tol,
        x.amount as spent, x.tol as spent_tol,
        coalesce(e.amount, 0) as end_amount, coalesce(e.tol, 0) as end_tol,
        i.source_ref as income_ref,
        x.source_ref as spent_ref
    from funds
    inner join fiscal as i on i.row_key = funds.fund || '_income' and i.side in ('income', '')
    inner join fiscal as x
        on x.document_id = i.document_id and x.row_key = 'current_expenditure' and x.column_key = funds.fund
    left join fiscal as b on b.document_id = i.document_id and b.row_key = 'carryover_begin_' || funds.fund
    left join fiscal as e
        on e.document_id = i.document_id and e.row_key = 'carryover_end' and e.column_key = funds.fund
),

fund_tables as (
    select
        t.document_id,
        case t.table_key when 'government_fund' then '政府性基金预算财政拨款收入支出决算表'
            else '国有资本经营预算财政拨款收入支出决算表' end as label,
        max(case when column_key = 'income' then amount end) as income,
        max(case when column_key = 'income' then tol end) as income_tol,
        coalesce(max(case when column_key = 'carryover_begin' then amount end), 0) as begin_amount,
        coalesce(max(case when column_key = 'carryover_begin' then tol end), 0) as begin_tol,
        max(case when column_key = 'expenditure' then amount end) as spent,
        max(case when column_key = 'expenditure' then tol end) as spent_tol,
        coalesce(max(case when column_key = 'carryover_end' then amount end), 0) as end_amount,
        coalesce(max(case when column_key = 'carryover_end' then tol end), 0) as end_tol,
        min(source_ref) as income_ref,
        'line ' || max(line_no) as spent_ref
    from dq_fa as t
    where t.table_key in ('government_fund', 'state_capital') and t.row_key = 'total'
    group by t.document_id, t.table_key
    having max(case when column_key = 'income' then amount end) is not null
        and max(case when column_key = 'expenditure' then amount end) is not null
)

select
    document_id,
    label || ': 年初结转和结余 + 本年收入 = 本年支出 + 年末结转和结余' as subject,
    begin_amount + income as lhs_value,
    spent + end_amount as rhs_value,
    income_tol + begin_tol + spent_tol + end_tol as tolerance,
    'eq' as kind,
    income_ref || ' vs ' || spent_ref as source_ref
from (select * from per_fund union all select * from fund_tables)
