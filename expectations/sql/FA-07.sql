-- 支出决算表, every row: 本年支出合计 = 基本支出 + 项目支出 + 上缴上级支出 + 经营支出 + 对附属单位补助支出
with expenditure as (
    select * from dq_fa where table_key = 'expenditure'
),

total as (
    select * from expenditure where column_key = 'total'
),

parts as (
    select
        document_id,
        row_no,
        sum(amount) as amount,
        sum(tol) as tol
    from expenditure
    where column_key in ('basic', 'project', 'remit_superior', 'operating', 'affiliated_subsidy')
    group by document_id, row_no
)

select
    total.document_id,
    '支出决算表: ' || concat_ws(' ', total.function_code, total.row_label) || ' 本年支出合计' as subject,
    total.amount as lhs_value,
    parts.amount as rhs_value,
    total.tol + parts.tol as tolerance,
    'eq' as kind,
    total.source_ref || ' = Σ expenditure columns of the same row' as source_ref
from total
inner join parts using (document_id, row_no)
