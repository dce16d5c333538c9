-- Each figure stated in the narrative equals the same figure in the tables, where both exist.
-- Which table cell states each narrative metric: (metric, measure) -> (table_key, row_key, column_key).
with cells (metric, measure, table_key, row_key, column_key) as (
    values
        ('income_total', 'amount', 'income_expenditure_summary', 'income_total', null),
        ('expenditure_total', 'amount', 'income_expenditure_summary', 'expenditure_total', null),
        ('current_income', 'amount', 'income_expenditure_summary', 'current_income', null),
        ('current_expenditure', 'amount', 'income_expenditure_summary', 'current_expenditure', null),
        ('carryover_begin', 'amount', 'income_expenditure_summary', 'carryover_begin', null),
        ('carryover_end', 'amount', 'income_expenditure_summary', 'carryover_end', null),
        ('superior_subsidy_income', 'amount', 'income_expenditure_summary', 'superior_subsidy_income', null),
        ('business_income', 'amount', 'income_expenditure_summary', 'business_income', null),
        ('operating_income', 'amount', 'income_expenditure_summary', 'operating_income', null),
        ('affiliated_remit_income', 'amount', 'income_expenditure_summary', 'affiliated_remit_income', null),
        ('other_income', 'amount', 'income_expenditure_summary', 'other_income', null),
        ('fiscal_appropriation_income', 'amount', 'income', 'total', 'fiscal_appropriation'),
        ('basic_expenditure', 'amount', 'expenditure', 'total', 'basic'),
        ('project_expenditure', 'amount', 'expenditure', 'total', 'project'),
        ('operating_expenditure', 'amount', 'expenditure', 'total', 'operating'),
        ('remit_superior_expenditure', 'amount', 'expenditure', 'total', 'remit_superior'),
        ('affiliated_subsidy_expenditure', 'amount', 'expenditure', 'total', 'affiliated_subsidy'),
        ('fiscal_total', 'amount', 'fiscal_summary', 'income_total', null),
        ('general_budget_income', 'amount', 'fiscal_summary', 'general_budget_income', null),
        ('government_fund_income', 'amount', 'fiscal_summary', 'government_fund_income', null),
        ('state_capital_income', 'amount', 'fiscal_summary', 'state_capital_income', null),
        ('fiscal_final', 'amount', 'fiscal_summary', 'current_expenditure', 'total'),
        ('general_budget_basic_expenditure', 'amount', 'general_budget_expenditure', 'total', 'basic'),
        ('personnel_expenditure', 'amount', 'general_budget_basic_economic', 'personnel_total', null),
        ('public_expenditure', 'amount', 'general_budget_basic_economic', 'public_total', null),
        ('wages_benefits', 'amount', 'general_budget_basic_economic', '301', null),
        ('goods_services', 'amount', 'general_budget_basic_economic', '302', null),
        ('household_subsidies', 'amount', 'general_budget_basic_economic', '303', null),
        ('capital_expenditure', 'amount', 'general_budget_basic_economic', '310', null),
        ('three_public_total', 'amount', 'three_public', 'three_public_total', 'final'),
        ('three_public_total', 'budget', 'three_public', 'three_public_total', 'budget'),
        ('three_public_total', 'budget_initial', 'three_public', 'three_public_total', 'budget_initial'),
        ('three_public_abroad', 'amount', 'three_public', 'three_public_abroad', 'final'),
        ('three_public_abroad', 'budget', 'three_public', 'three_public_abroad', 'budget'),
        ('three_public_vehicles', 'amount', 'three_public', 'three_public_vehicles', 'final'),
        ('three_public_vehicles', 'budget', 'three_public', 'three_public_vehicles', 'budget'),
        ('three_public_vehicle_purchase', 'amount', 'three_public', 'three_public_vehicle_purchase', 'final'),
        ('three_public_vehicle_purchase', 'budget', 'three_public', 'three_public_vehicle_purchase', 'budget'),
        ('three_public_vehicle_operation', 'amount', 'three_public', 'three_public_vehicle_operation', 'final'),
        ('three_public_vehicle_operation', 'budget', 'three_public', 'three_public_vehicle_operation', 'budget'),
        ('three_public_reception', 'amount', 'three_public', 'three_public_reception', 'final'),
        ('three_public_reception', 'budget', 'three_public', 'three_public_reception', 'budget')
),

narrative as (
    select * from dq_na_money where metric <> 'category_budget_vs_final'
),

stated_in_tables as (
    select n.*, f.amount as table_amount, f.tol as table_tol, f.source_ref as table_ref,
        t.title as table_title
    from narrative as n
    inner join cells as c on n.metric = c.metric and n.measure = c.measure
    inner join dq_fa as f
        on f.document_id = n.document_id and f.table_key = c.table_key and f.row_key = c.row_key
        and (c.column_key is null or f.column_key = c.column_key)
    inner join dq_table_names as t on t.table_key = c.table_key
),

-- 类 finals the narrative states (002 line 306 "一般公共服务（类）支出 216.73 万元") against the
-- 财政拨款收入支出决算总表 row of that 类 (合计 column).
categories as (
    select n.*, f.amount as table_amount, f.tol as table_tol, f.source_ref as table_ref,
        '财政拨款收入支出决算总表' as table_title
    from dq_na_money as n
    inner join dq_function_classes as k on k.category = n.category
    inner join dq_fa_coded as f
        on f.document_id = n.document_id and f.table_key = 'fiscal_summary' and f.code = k.code
        and f.column_key = 'total'
    where n.metric = 'category_budget_vs_final' and n.measure = 'final' and not n.is_item_level
),

-- 项 finals ("一般公共服务支出(类)财政事务(款)行政运行(项)…支出决算为 216.73 万元", 002 line 316) against
-- the one row of 一般公共预算财政拨款支出决算表 with that 项 name under that 类 (skipped when not unique).
items as (
    select
        n.*,
        k.code as class_code,
        regexp_extract(n.subject, '[（(]款[)）]\s*(.+?)\s*[（(]项[)）]', 1) as item_name
    from dq_na_money as n
    inner join dq_function_classes as k on k.category = n.category
    where n.metric = 'category_budget_vs_final' and n.measure = 'final' and n.is_item_level
),

item_rows as (
    select i.*, f.amount as table_amount, f.tol as table_tol, f.source_ref as table_ref,
        '一般公共预算财政拨款支出决算表 ' || f.code as table_title
    from items as i
    inner join dq_fa_coded as f
        on f.document_id = i.document_id and f.table_key = 'general_budget_expenditure' and f.column_key = 'total'
        and length(f.code) = 7 and starts_with(f.code, i.class_code) and f.row_label = i.item_name
    qualify count(*) over (partition by i.document_id, i.line_no, i.subject) = 1
)

select
    document_id,
    metric || case when measure <> 'amount' then ' ' || measure else '' end
        || case when subject <> '' then ' ' || subject else '' end || ' (' || dq_at(page_no, line_no) || ') = ' || table_title
        as subject,
    value as lhs_value,
    table_amount as rhs_value,
    tol + table_tol as tolerance,
    'eq' as kind,
    source_ref || ' vs ' || table_ref as source_ref
from (
    select * from stated_in_tables
    union all select * from categories
    union all select * exclude (class_code, item_name) from item_rows
)
