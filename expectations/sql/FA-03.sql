-- 收入支出决算总表: 收入 总计 = 支出 总计
with summary as (
    select * from dq_fa where table_key = 'income_expenditure_summary'
),

income as (
    select * from summary where row_key = 'income_total'
),

expenditure as (
    select * from summary where row_key = 'expenditure_total'
)

select
    income.document_id,
    '收入支出决算总表: 收入总计 = 支出总计' as subject,
    income.amount as lhs_value,
    expenditure.amount as rhs_value,
    income.tol + expenditure.tol as tolerance,
    'eq' as kind,
    income.source_ref || ' vs ' || expenditure.source_ref as source_ref
from income
inner join expenditure using (document_id)
