-- 一般公共预算财政拨款基本支出决算表: 人员经费合计 + 公用经费合计 = 基本支出 合计 of 一般公共预算财政拨款支出决算表;
-- 人员经费合计 = 301 + 303; 公用经费合计 = 302 + 307 + 310 + 399 (those the table prints);
-- each economic 类 (301, 302, …) = Σ its 款
with economic as (
    select *, coalesce(economic_code, case when regexp_matches(row_key, '^[0-9]+$') then row_key end) as code
    from dq_fa
    where table_key = 'general_budget_basic_economic'
),

groups as (
    select 'personnel_total' as total_key, '人员经费合计 = 301 + 303' as label, ['301', '303'] as codes
    union all
    select 'public_total', '公用经费合计 = 302 + 307 + 310 + 399', ['302', '307', '310', '399']
),

group_checks as (
    select
        t.document_id,
        '一般公共预算财政拨款基本支出决算表: ' || g.label as subject,
        t.amount as lhs, sum(p.amount) as rhs, t.tol + sum(p.tol) as tol,
        t.source_ref || ' = Σ 类 rows (lines ' || min(p.line_no) || '-' || max(p.line_no) || ')' as source_ref
    from economic as t
    inner join groups as g on t.row_key = g.total_key
    inner join economic as p on t.document_id = p.document_id and list_contains(g.codes, p.code)
    group by t.document_id, g.label, t.amount, t.tol, t.source_ref
),

basic_check as (
    select
        b.document_id,
        '人员经费合计 + 公用经费合计 = 一般公共预算财政拨款支出决算表 基本支出 合计' as subject,
        sum(e.amount) as lhs, b.amount as rhs, b.tol + sum(e.tol) as tol,
        min(e.source_ref) || ' + 公用经费合计 vs ' || b.source_ref as source_ref
    from dq_fa as b
    inner join economic as e on b.document_id = e.document_id and e.row_key in ('personnel_total', 'public_total')
    where b.table_key = 'general_budget_expenditure' and b.row_key = 'total' and b.column_key = 'basic'
    group by b.document_id, b.amount, b.tol, b.source_ref
    having count(*) = 2
),

class_checks as (
    select
        t.document_id,
        '一般公共预算财政拨款基本支出决算表: ' || t.code || ' ' || coalesce(t.row_label, '') || ' = Σ 款' as subject,
        t.amount as lhs, sum(c.amount) as rhs, t.tol + sum(c.tol) as tol,
        t.source_ref || ' = Σ 款 rows (' || count(*) || ' rows)' as source_ref
    from economic as t
    inner join economic as c
        on t.document_id = c.document_id and length(c.code) = 5 and starts_with(c.code, t.code)
    where length(t.code) = 3
    group by t.document_id, t.code, t.row_label, t.amount, t.tol, t.source_ref
)

select document_id, subject, lhs as lhs_value, rhs as rhs_value, tol as tolerance, 'eq' as kind, source_ref
from (
    select * from group_checks
    union all select * from basic_check
    union all select * from class_checks
)
