-- Across tables: 收入决算表 合计 = 本年收入合计; 支出决算表 合计 = 本年支出合计;
-- each 类 of 支出决算表 = its row in 收入支出决算总表
with summary as (
    select * from dq_fa_coded where table_key = 'income_expenditure_summary'
),

pairs as (
    select
        detail.document_id,
        '收入决算表 合计 = 收入支出决算总表 本年收入合计' as subject,
        detail.amount as lhs, summary.amount as rhs, detail.tol + summary.tol as tol,
        detail.source_ref || ' vs ' || summary.source_ref as source_ref
    from dq_fa as detail
    inner join summary on detail.document_id = summary.document_id and summary.row_key = 'current_income'
    where detail.table_key = 'income' and detail.row_key = 'total' and detail.column_key = 'total'

    union all

    select
        detail.document_id,
        '支出决算表 合计 = 收入支出决算总表 本年支出合计',
        detail.amount, summary.amount, detail.tol + summary.tol,
        detail.source_ref || ' vs ' || summary.source_ref
    from dq_fa as detail
    inner join summary on detail.document_id = summary.document_id and summary.row_key = 'current_expenditure'
    where detail.table_key = 'expenditure' and detail.row_key = 'total' and detail.column_key = 'total'

    union all

    select
        detail.document_id,
        '支出决算表 ' || detail.code || ' ' || coalesce(detail.row_label, '') || ' = 收入支出决算总表 同类',
        detail.amount, summary.amount, detail.tol + summary.tol,
        detail.source_ref || ' vs ' || summary.source_ref
    from dq_fa_coded as detail
    inner join summary
        on detail.document_id = summary.document_id and summary.code = detail.code and summary.side in ('expenditure', '')
    where detail.table_key = 'expenditure' and length(detail.code) = 3 and detail.column_key = 'total'
)

select
    document_id,
    subject,
    lhs as lhs_value,
    rhs as rhs_value,
    tol as tolerance,
    'eq' as kind,
    source_ref
from pairs
