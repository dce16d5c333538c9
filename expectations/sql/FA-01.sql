-- 收入支出决算总表: 收入 总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余
with summary as (
    select * from dq_fa where table_key = 'income_expenditure_summary' and side in ('income', '')
),

total as (
    select * from summary where row_key = 'income_total'
),

parts as (
    select
        document_id,
        sum(amount) as amount,
        sum(tol) as tol,
        min(line_no) as first_line,
        max(line_no) as last_line
    from summary
    where row_key in ('current_income', 'non_fiscal_balance_used', 'carryover_begin')
    group by document_id
    having count(*) filter (where row_key = 'current_income') > 0
)

select
    total.document_id,
    '收入支出决算总表: 收入总计' as subject,
    total.amount as lhs_value,
    parts.amount as rhs_value,
    total.tol + parts.tol as tolerance,
    'eq' as kind,
    total.source_ref || ' = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余 (lines '
        || parts.first_line || '-' || parts.last_line || ')' as source_ref
from total
inner join parts using (document_id)
