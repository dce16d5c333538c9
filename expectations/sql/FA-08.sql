-- Every table keyed by 支出功能分类, every amount column: 类 = Σ its 款, 款 = Σ its 项, 合计 = Σ 类
with coded as (
    select f.*, t.title as table_title
    from dq_fa_coded as f
    inner join dq_table_names as t on f.table_key = t.table_key
    where f.table_key in ('income', 'expenditure', 'general_budget_expenditure', 'government_fund', 'state_capital')
),

parents as (
    select *, case when row_key = 'total' then '' else code end as prefix,
        case when row_key = 'total' then 3 else length(code) + 2 end as child_length
    from coded
    where row_key = 'total' or length(code) in (3, 5)
),

children as (
    select
        p.document_id,
        p.table_key,
        p.row_no,
        p.column_key,
        sum(c.amount) as amount,
        sum(c.tol) as tol,
        min(c.line_no) as first_line,
        max(c.line_no) as last_line
    from parents as p
    inner join coded as c
        on p.document_id = c.document_id
        and p.table_key = c.table_key
        and p.column_key = c.column_key
        and length(c.code) = p.child_length
        and starts_with(c.code, p.prefix)
    group by p.document_id, p.table_key, p.row_no, p.column_key
)

select
    p.document_id,
    p.table_title || ': ' || case when p.row_key = 'total' then '合计' else p.code || ' ' || coalesce(p.row_label, '') end
        || ' [' || coalesce(p.column_label, p.column_key) || ']' as subject,
    p.amount as lhs_value,
    c.amount as rhs_value,
    p.tol + c.tol as tolerance,
    'eq' as kind,
    p.source_ref || ' = Σ ' || case when p.row_key = 'total' then '类' when length(p.code) = 3 then '款' else '项' end
        || ' rows (lines ' || c.first_line || '-' || c.last_line || ')' as source_ref
from parents as p
inner join children as c using (document_id, table_key, row_no, column_key)
