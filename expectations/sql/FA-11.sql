-- 一般公共预算财政拨款支出决算表, every row: 合计 = 基本支出 + 项目支出;
-- its 合计 = the 一般公共预算财政拨款 column of 财政拨款收入支出决算总表 (本年支出合计)
with general_budget as (
    select * from dq_fa where table_key = 'general_budget_expenditure'
),

row_checks as (
    select
        t.document_id,
        '一般公共预算财政拨款支出决算表: ' || concat_ws(' ', t.function_code, t.row_label) || ' = 基本支出 + 项目支出' as subject,
        t.amount as lhs, sum(p.amount) as rhs, t.tol + sum(p.tol) as tol,
        t.source_ref || ' = 基本支出 + 项目支出' as source_ref
    from general_budget as t
    inner join general_budget as p
        on t.document_id = p.document_id and t.row_no = p.row_no and p.column_key in ('basic', 'project')
    where t.column_key = 'total'
    group by t.document_id, t.row_no, t.function_code, t.row_label, t.amount, t.tol, t.source_ref
),

cross_check as (
    select
        t.document_id,
        '一般公共预算财政拨款支出决算表 合计 = 财政拨款收入支出决算总表 本年支出合计 [一般公共预算财政拨款]' as subject,
        t.amount as lhs, f.amount as rhs, t.tol + f.tol as tol,
        t.source_ref || ' vs ' || f.source_ref as source_ref
    from general_budget as t
    inner join dq_fa as f
        on t.document_id = f.document_id and f.table_key = 'fiscal_summary'
        and f.row_key = 'current_expenditure' and f.column_key = 'general_budget'
    where t.row_key = 'total' and t.column_key = 'total'
)

select document_id, subject, lhs as lhs_value, rhs as rhs_value, tol as tolerance, 'eq' as kind, source_ref
from (select * from row_checks union all select * from cross_check)
