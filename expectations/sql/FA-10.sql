-- 财政拨款收入支出决算总表: 收入 总计 = 本年收入 + 年初财政拨款结转和结余; 支出 总计 = 本年支出 + 年末结转和结余;
-- the two totals agree; every expenditure row: 合计 = 一般公共预算 + 政府性基金 + 国有资本经营
with fiscal as (
    select * from dq_fa where table_key = 'fiscal_summary'
),

income_side as (
    select * from fiscal where side in ('income', '')
        and row_key in ('income_total', 'current_income', 'carryover_begin')
),

expenditure_total_col as (
    select * from fiscal where side in ('expenditure', '') and column_key = 'total'
        and row_key in ('expenditure_total', 'current_expenditure', 'carryover_end')
),

income_check as (
    select
        t.document_id,
        '财政拨款收入支出决算总表: 收入总计' as subject,
        t.amount as lhs, sum(p.amount) as rhs, t.tol + sum(p.tol) as tol,
        t.source_ref || ' = 本年收入合计 + 年初财政拨款结转和结余 (lines ' || min(p.line_no) || '-' || max(p.line_no) || ')'
            as source_ref
    from income_side as t
    inner join income_side as p on t.document_id = p.document_id and p.row_key in ('current_income', 'carryover_begin')
    where t.row_key = 'income_total'
    group by t.document_id, t.amount, t.tol, t.source_ref
    having count(*) filter (where p.row_key = 'current_income') > 0
),

expenditure_check as (
    select
        t.document_id,
        '财政拨款收入支出决算总表: 支出总计' as subject,
        t.amount as lhs, sum(p.amount) as rhs, t.tol + sum(p.tol) as tol,
        t.source_ref || ' = 本年支出合计 + 年末财政拨款结转和结余 (lines ' || min(p.line_no) || '-' || max(p.line_no) || ')'
    from expenditure_total_col as t
    inner join expenditure_total_col as p
        on t.document_id = p.document_id and p.row_key in ('current_expenditure', 'carryover_end')
    where t.row_key = 'expenditure_total'
    group by t.document_id, t.amount, t.tol, t.source_ref
    having count(*) filter (where p.row_key = 'current_expenditure') > 0
),

totals_check as (
    select
        i.document_id,
        '财政拨款收入支出决算总表: 收入总计 = 支出总计' as subject,
        i.amount as lhs, e.amount as rhs, i.tol + e.tol as tol,
        i.source_ref || ' vs ' || e.source_ref as source_ref
    from income_side as i
    inner join expenditure_total_col as e on i.document_id = e.document_id and e.row_key = 'expenditure_total'
    where i.row_key = 'income_total'
),

fund_columns as (
    select
        t.document_id,
        '财政拨款收入支出决算总表: ' || coalesce(t.row_label, t.row_key) || ' 合计 = Σ 资金来源' as subject,
        t.amount as lhs, sum(p.amount) as rhs, t.tol + sum(p.tol) as tol,
        t.source_ref || ' = 一般公共预算 + 政府性基金 + 国有资本经营 columns' as source_ref
    from fiscal as t
    inner join fiscal as p
        on t.document_id = p.document_id and t.row_no = p.row_no and t.side = p.side
        and p.column_key in ('general_budget', 'government_fund', 'state_capital')
    where t.column_key = 'total' and t.side in ('expenditure', '')
    group by t.document_id, t.row_no, t.row_label, t.row_key, t.amount, t.tol, t.source_ref
)

select document_id, subject, lhs as lhs_value, rhs as rhs_value, tol as tolerance, 'eq' as kind, source_ref
from (
    select * from income_check
    union all select * from expenditure_check
    union all select * from totals_check
    union all select * from fund_columns
)
