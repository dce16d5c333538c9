-- Temporary views shared by the rule queries (connection-local: nothing is written to the warehouse).
-- Money is compared in yuan; `tol` is half a unit of the figure's last printed decimal, in yuan.

create or replace temp view dq_documents as
select document_id, file_name, source_path, doc_type, fiscal_year, title_year, title, is_template
from raw.documents
-- a quarantined document's rows are held back (dq.ingest_issues says why): nothing to check
where parse_status <> 'quarantined';

create or replace temp view dq_fa as
select
    v.document_id,
    v.table_key,
    v.row_no,
    v.row_label,
    coalesce(v.row_key, v.function_code, v.economic_code) as row_key,
    v.function_code,
    v.economic_code,
    coalesce(v.side, '') as side,
    v.column_key,
    v.column_label,
    cast(v.amount * case when v.unit = '万元' then 10000 else 1 end as decimal(38, 6)) as amount,
    cast(
        0.5 * power(10, -coalesce(v.decimals, 0)) * case when v.unit = '万元' then 10000 else 1 end
        as decimal(38, 6)
    ) as tol,
    v.printed,
    v.line_no,
    v.page_no,
    v.source_ref
from raw.fa_values as v
where v.amount is not null;

-- Rows keyed by a 支出功能分类 code (3/5/7 digits) in the function-coded tables, and the 合计 row.
create or replace temp view dq_fa_coded as
select *, coalesce(function_code, economic_code, case when regexp_matches(row_key, '^[0-9]+$') then row_key end) as code
from dq_fa;

-- Narrative figures; money in yuan, rates in percent as printed. A narrative "0 万元" is exact: it
-- says nothing was spent, it is not a figure rounded to the unit (so it adds no tolerance).
create or replace temp view dq_na as
select
    n.document_id,
    n.metric,
    n.measure,
    coalesce(n.subject, '') as subject,
    n.unit,
    cast(n.value * case n.unit when '亿元' then 100000000 when '万元' then 10000 else 1 end as decimal(38, 6)) as value,
    cast(
        case when n.value = 0 and coalesce(n.decimals, 0) = 0 then 0
            else 0.5 * power(10, -coalesce(n.decimals, 0))
                * case n.unit when '亿元' then 100000000 when '万元' then 10000 else 1 end
        end as decimal(38, 6)
    ) as tol,
    n.printed,
    n.line_no,
    n.page_no,
    n.context,
    n.source_ref,
    -- an expenditure category as the narrative names it, without 支出 and the （类） mark:
    -- "一般公共服务（类）支出" / "一般公共服务支出(类)财政事务(款)行政运行(项)" -> 一般公共服务
    regexp_replace(regexp_extract(coalesce(n.subject, ''), '^([^（(]+)', 1), '支出$', '') as category,
    regexp_matches(coalesce(n.subject, ''), '[（(]款[)）]') as is_item_level
from raw.narrative_figures as n
where n.value is not null;

-- Money figures of the narrative (amounts, budgets, finals).
create or replace temp view dq_na_money as
select * from dq_na where unit in ('亿元', '万元', '元');

-- Performance points are exact when printed as integers (a weight of 6 is 6 points, not a rounded
-- figure); a fractional score printed as 6.29 was rounded to its last decimal.
create or replace temp macro dq_points_tol(x) as
    case
        when x is null or x = round(x, 0) then 0
        when x = round(x, 1) then 0.05
        when x = round(x, 2) then 0.005
        when x = round(x, 3) then 0.0005
        else 0.00005
    end;

-- Half a unit of the last printed decimal of any figure stored without its decimals (the rate
-- 29.36 -> 0.005, the budget 155 -> 0.5).
create or replace temp macro dq_half_unit(x) as
    case
        when x is null then 0
        when x = round(x, 0) then 0.5
        when x = round(x, 1) then 0.05
        when x = round(x, 2) then 0.005
        when x = round(x, 3) then 0.0005
        when x = round(x, 4) then 0.00005
        else 0.000005
    end;

create or replace temp view dq_projects as
select
    p.*,
    '#' || p.project_key || ' ' || coalesce(p.project_name, '') as project_label
from raw.perf_projects as p;

-- Names of indicator levels without whitespace and a printed weight: "产出指标 (40分)" -> "产出指标".
create or replace temp macro dq_level_name(x) as
    regexp_replace(regexp_replace(coalesce(x, ''), '[（(]\s*[0-9.]+\s*[分份]?\s*[）)]', '', 'g'), '\s', '', 'g');

-- The budgets a completion rate or a comparison can be measured against, per stated metric:
-- 年初预算 (initial) and 全年预算 (full, after adjustments). 财政拨款支出 states its budgets as separate
-- metrics (fiscal_budget_initial / fiscal_budget_full, putuo_social_work_dept_2024.pdf p.18 l.9-10).
create or replace temp view dq_na_budgets as
select
    document_id,
    case when metric in ('fiscal_budget_initial', 'fiscal_budget_full') then 'fiscal_final' else metric end as metric,
    subject,
    case
        when metric = 'fiscal_budget_initial' or measure = 'budget_initial' then 'initial'
        else 'full'
    end as basis,
    value,
    tol,
    line_no,
    page_no
from dq_na_money
where (metric in ('fiscal_budget_initial', 'fiscal_budget_full') and measure = 'amount')
    or (metric not in ('fiscal_budget_initial', 'fiscal_budget_full')
        and measure in ('budget_initial', 'budget', 'budget_full'));

-- The final figure a completion rate or comparison is about.
create or replace temp view dq_na_finals as
select * from dq_na_money
where (metric = 'category_budget_vs_final' and measure = 'final')
    or (metric <> 'category_budget_vs_final' and measure = 'amount');

-- The budget a sentence names: "完成全年预算的" / "较全年预算数" -> full, "完成年初预算的" -> initial.
create or replace temp macro dq_named_basis(context) as
    case
        when regexp_matches(context, '(完成|较|比|与)(全年|调整后)预算') then 'full'
        when regexp_matches(context, '(完成|较|比|与)年初预算') then 'initial'
    end;

-- Where a figure is, for subjects: "line 54" in a text file, "p.18 line 10" in a PDF.
create or replace temp macro dq_at(page_no, line_no) as
    case when page_no is null then 'line ' || line_no else 'p.' || page_no || ' line ' || line_no end;

-- A total of 收入支出决算总表 against the sum of its parts, on one side (FA-01 income, FA-02
-- expenditure). Checked where the first part (本年收入合计 / 本年支出合计) is printed.
create or replace temp macro dq_summary_total(summary_side, total_key, part_keys, subject, parts_said) as table
with summary as (
    select * from dq_fa where table_key = 'income_expenditure_summary' and side in (summary_side, '')
),

total as (
    select * from summary where row_key = total_key
),

parts as (
    select
        document_id,
        sum(amount) as amount,
        sum(tol) as tol,
        min(line_no) as first_line,
        max(line_no) as last_line
    from summary
    where list_contains(part_keys, row_key)
    group by document_id
    having count(*) filter (where row_key = part_keys[1]) > 0
)

select
    total.document_id,
    subject as subject,
    total.amount as lhs_value,
    parts.amount as rhs_value,
    total.tol + parts.tol as tolerance,
    'eq' as kind,
    total.source_ref || ' = ' || parts_said || ' (lines ' || parts.first_line || '-' || parts.last_line || ')'
        as source_ref
from total
inner join parts using (document_id);

-- Every row of one table: its total column = Σ its part columns (FA-06 收入决算表, FA-07 支出决算表).
create or replace temp macro dq_row_total(row_table, part_columns, table_title, total_title, parts_said) as table
with table_rows as (
    select * from dq_fa where table_key = row_table
),

total as (
    select * from table_rows where column_key = 'total'
),

parts as (
    select
        document_id,
        row_no,
        sum(amount) as amount,
        sum(tol) as tol
    from table_rows
    where list_contains(part_columns, column_key)
    group by document_id, row_no
)

select
    total.document_id,
    table_title || ': ' || concat_ws(' ', total.function_code, total.row_label) || ' ' || total_title as subject,
    total.amount as lhs_value,
    parts.amount as rhs_value,
    total.tol + parts.tol as tolerance,
    'eq' as kind,
    total.source_ref || ' = Σ ' || parts_said || ' of the same row' as source_ref
from total
inner join parts using (document_id, row_no);

-- The checks of a document's own text a rule takes as they were made when the text was read
-- (ingest/parsers/text_checks.py, raw.text_checks): DOC-01 and DOC-03.
create or replace temp macro dq_text_checks(rule) as table
select
    document_id,
    subject,
    lhs_value,
    rhs_value,
    0 as tolerance,
    'given' as kind,
    excess,
    message,
    source_ref
from raw.text_checks
where rule_id = rule;
