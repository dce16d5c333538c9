-- 本年收入合计 = Σ income source rows: 一般公共预算财政拨款收入 … 其他收入 in 收入支出决算总表;
-- 一般公共预算 + 政府性基金 + 国有资本经营预算财政拨款 in 财政拨款收入支出决算总表
with summary as (
    select * from dq_fa
    where table_key in ('income_expenditure_summary', 'fiscal_summary') and side in ('income', '')
),

total as (
    select * from summary where row_key = 'current_income'
),

parts as (
    select
        document_id,
        table_key,
        sum(amount) as amount,
        sum(tol) as tol,
        min(line_no) as first_line,
        max(line_no) as last_line
    from summary
    where row_key in (
        'general_budget_income', 'government_fund_income', 'state_capital_income', 'superior_subsidy_income',
        'business_income', 'operating_income', 'affiliated_remit_income', 'other_income'
    )
    group by document_id, table_key
)

select
    total.document_id,
    case total.table_key
        when 'income_expenditure_summary' then '收入支出决算总表: 本年收入合计'
        else '财政拨款收入支出决算总表: 本年收入合计'
    end as subject,
    total.amount as lhs_value,
    parts.amount as rhs_value,
    total.tol + parts.tol as tolerance,
    'eq' as kind,
    total.source_ref || ' = Σ income sources (lines ' || parts.first_line || '-' || parts.last_line || ')' as source_ref
from total
inner join parts using (document_id, table_key)
