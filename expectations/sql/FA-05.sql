-- 本年支出合计 = Σ expenditure category rows (一般公共服务支出 … , keyed by their 类 code), in
-- 收入支出决算总表 and, column by column, in 财政拨款收入支出决算总表
with summary as (
    select * from dq_fa_coded
    where table_key in ('income_expenditure_summary', 'fiscal_summary') and side in ('expenditure', '')
),

total as (
    select * from summary where row_key = 'current_expenditure'
),

parts as (
    select
        document_id,
        table_key,
        column_key,
        sum(amount) as amount,
        sum(tol) as tol,
        min(line_no) as first_line,
        max(line_no) as last_line
    from summary
    where length(code) = 3
    group by document_id, table_key, column_key
)

select
    total.document_id,
    case total.table_key
        when 'income_expenditure_summary' then '收入支出决算总表: 本年支出合计'
        else '财政拨款收入支出决算总表 [' || coalesce(total.column_label, total.column_key) || ']: 本年支出合计'
    end as subject,
    total.amount as lhs_value,
    parts.amount as rhs_value,
    total.tol + parts.tol as tolerance,
    'eq' as kind,
    total.source_ref || ' = Σ 类 rows (lines ' || parts.first_line || '-' || parts.last_line || ')' as source_ref
from total
inner join parts using (document_id, table_key, column_key)
