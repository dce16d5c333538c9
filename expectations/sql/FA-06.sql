-- 收入决算表, every row: 本年收入合计 = Σ its source columns
with income as (
    select * from dq_fa where table_key = 'income'
),

total as (
    select * from income where column_key = 'total'
),

parts as (
    select
        document_id,
        row_no,
        sum(amount) as amount,
        sum(tol) as tol
    from income
    where column_key in ('fiscal_appropriation', 'superior_subsidy', 'business', 'operating', 'affiliated_remit', 'other')
    group by document_id, row_no
)

select
    total.document_id,
    '收入决算表: ' || concat_ws(' ', total.function_code, total.row_label) || ' 本年收入合计' as subject,
    total.amount as lhs_value,
    parts.amount as rhs_value,
    total.tol + parts.tol as tolerance,
    'eq' as kind,
    total.source_ref || ' = Σ source columns of the same row' as source_ref
from total
inner join parts using (document_id, row_no)
