-- The identities a family of tables states as data (expectations/template_identities.py loads them
-- from the family's vocabulary into the dq_template_* tables), as table macros of one rule id each.
-- Every macro returns the columns of a rule query (rules.py). Money is compared in yuan.

-- Every row of a table: its total column = Σ its part columns (checked where a part is printed).
create or replace temp macro dq_template_row_sums(rule) as table
with rules as (
    select * from dq_template_row_sum_rules where rule_id = rule
),

totals as (
    select f.*, r.part_columns
    from dq_fa as f
    inner join rules as r
        on f.table_key = r.table_key and f.column_key = r.total_column and (r.side = '' or f.side = r.side)
),

parts as (
    select
        t.document_id,
        t.table_key,
        t.row_no,
        t.column_key,
        sum(p.amount) as amount,
        sum(p.tol) as tol,
        string_agg(p.column_label, ' + ' order by p.column_label) as labels
    from totals as t
    inner join dq_fa as p
        on p.document_id = t.document_id
        and p.table_key = t.table_key
        and p.row_no = t.row_no
        and list_contains(t.part_columns, p.column_key)
    group by t.document_id, t.table_key, t.row_no, t.column_key
)

select
    t.document_id,
    n.title || ': ' || concat_ws(' ', coalesce(t.function_code, t.economic_code), t.row_label)
        || ' [' || t.column_label || ']' as subject,
    t.amount as lhs_value,
    p.amount as rhs_value,
    t.tol + p.tol as tolerance,
    'eq' as kind,
    t.source_ref || ' = ' || p.labels || ' of the same row' as source_ref
from totals as t
inner join parts as p using (document_id, table_key, row_no, column_key)
inner join dq_table_names as n on t.table_key = n.table_key;

-- A figure = Σ other figures, within a summary table or across tables (checked where the total
-- and the first part are printed). A part's side '' matches any side.
create or replace temp macro dq_template_sums(rule) as table
with sums as (
    select * from dq_template_sums where rule_id = rule
),

totals as (
    select s.seq, f.*
    from sums as s
    inner join dq_fa as f
        on f.table_key = s.total_table
        and f.row_key = s.total_row
        and f.column_key = s.total_column
        and (s.total_side = '' or f.side in (s.total_side, ''))
),

parts as (
    select
        t.seq,
        t.document_id,
        sum(f.amount) as amount,
        sum(f.tol) as tol,
        count(*) filter (where p.part_no = 1) as first_printed,
        string_agg(f.row_label, ' + ' order by p.part_no, f.row_no) as labels
    from totals as t
    inner join dq_template_sum_parts as p on t.seq = p.seq
    inner join dq_fa as f
        on f.document_id = t.document_id
        and f.table_key = p.part_table
        and f.row_key = p.row_key
        and f.column_key = p.column_key
        and (p.side = '' or f.side in (p.side, ''))
    group by t.seq, t.document_id
    having count(*) filter (where p.part_no = 1) > 0
)

select
    t.document_id,
    n.title || ': ' || coalesce(nullif(t.row_label, ''), t.row_key) || ' [' || t.column_label || ']'
        || ' = ' || p.labels as subject,
    t.amount as lhs_value,
    p.amount as rhs_value,
    t.tol + p.tol as tolerance,
    'eq' as kind,
    t.source_ref || ' = ' || p.labels as source_ref
from totals as t
inner join parts as p using (seq, document_id)
inner join dq_table_names as n on t.table_key = n.table_key;

-- A summary's 类 rows (its 功能分类 group): Σ 类 = 当年支出小计, or 支出总计 where the column prints
-- neither a 当年支出小计 nor a 结转下年 (sh_putuo_wanli_street_2024_budget.pdf p.10).
create or replace temp macro dq_template_class_sums(rule) as table
with summary as (
    select f.*
    from dq_fa as f
    inner join dq_template_class_sum_rules as r on f.table_key = r.table_key and r.rule_id = rule
),

classes as (
    select
        document_id,
        table_key,
        column_key,
        sum(amount) as amount,
        sum(tol) as tol,
        min(line_no) as first_line,
        max(line_no) as last_line
    from summary
    where side <> 'income' and length(function_code) = 3
    group by document_id, table_key, column_key
),

totals as (
    select *
    from summary as s
    where s.side <> 'income'
        and (
            s.row_key = 'current_expenditure'
            or (
                s.row_key = 'expenditure_total'
                and not exists (
                    select 1 from summary as o
                    where o.document_id = s.document_id
                        and o.table_key = s.table_key
                        and o.column_key = s.column_key
                        and o.row_key in ('current_expenditure', 'carryover_end')
                )
            )
        )
)

select
    t.document_id,
    n.title || ': ' || t.row_label || ' [' || t.column_label || '] = Σ 类' as subject,
    t.amount as lhs_value,
    c.amount as rhs_value,
    t.tol + c.tol as tolerance,
    'eq' as kind,
    t.source_ref || ' = Σ 类 rows (lines ' || c.first_line || '-' || c.last_line || ')' as source_ref
from totals as t
inner join classes as c using (document_id, table_key, column_key)
inner join dq_table_names as n on t.table_key = n.table_key;

-- Tables keyed by a code, every amount column: 合计 = Σ 类, 类 = Σ its 款, 款 = Σ its 项 (功能分类;
-- 经济分类 has 类 and 款).
create or replace temp macro dq_template_hierarchy(rule) as table
with coded as (
    select f.*
    from dq_fa_coded as f
    inner join dq_template_hierarchy_rules as r on f.table_key = r.table_key and r.rule_id = rule
),

parents as (
    select
        *,
        case when row_key = 'total' then '' else code end as prefix,
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
    n.title || ': ' || case when p.row_key = 'total' then '合计' else p.code || ' ' || coalesce(p.row_label, '') end
        || ' [' || coalesce(p.column_label, p.column_key) || ']' as subject,
    p.amount as lhs_value,
    c.amount as rhs_value,
    p.tol + c.tol as tolerance,
    'eq' as kind,
    p.source_ref || ' = Σ ' || case when p.row_key = 'total' then '类' when length(p.code) = 3 then '款' else '项' end
        || ' rows (lines ' || c.first_line || '-' || c.last_line || ')' as source_ref
from parents as p
inner join children as c using (document_id, table_key, row_no, column_key)
inner join dq_table_names as n on p.table_key = n.table_key;

-- Each 类 of a function-coded table = its row in a summary table.
create or replace temp macro dq_template_class_matches(rule) as table
select
    c.document_id,
    nc.title || ': ' || c.function_code || ' ' || c.row_label || ' = ' || ns.title as subject,
    c.amount as lhs_value,
    s.amount as rhs_value,
    c.tol + s.tol as tolerance,
    'eq' as kind,
    c.source_ref || ' = ' || s.source_ref as source_ref
from dq_template_class_matches as m
inner join dq_fa as c
    on c.table_key = m.coded_table and c.column_key = m.coded_column and length(c.function_code) = 3
inner join dq_fa as s
    on s.document_id = c.document_id
    and s.table_key = m.summary_table
    and s.column_key = m.summary_column
    and s.function_code = c.function_code
    and s.side <> 'income'
inner join dq_table_names as nc on c.table_key = nc.table_key
inner join dq_table_names as ns on s.table_key = ns.table_key
where m.rule_id = rule;

-- The “三公” table, each measure: a total item = Σ its items; no item is negative.
create or replace temp macro dq_template_three_public(rule) as table
with items as (
    select f.*
    from dq_fa as f
    where f.table_key in (select table_key from dq_template_three_public_sums where rule_id = rule)
),

sums as (
    select
        t.document_id,
        t.table_key,
        t.column_key,
        t.row_label,
        t.column_label,
        t.amount,
        t.tol,
        t.source_ref,
        sum(p.amount) as parts_amount,
        sum(p.tol) as parts_tol,
        string_agg(p.row_label, ' + ' order by p.row_no) as labels
    from items as t
    inner join dq_template_three_public_sums as r
        on t.table_key = r.table_key and t.row_key = r.total_item and r.rule_id = rule
    inner join items as p
        on p.document_id = t.document_id
        and p.table_key = t.table_key
        and p.column_key = t.column_key
        and list_contains(r.part_items, p.row_key)
    group by all
)

select
    document_id,
    n.title || ': ' || row_label || ' [' || column_label || '] = ' || labels as subject,
    amount as lhs_value,
    parts_amount as rhs_value,
    tol + parts_tol as tolerance,
    'eq' as kind,
    source_ref || ' = ' || labels as source_ref
from sums
inner join dq_table_names as n using (table_key)
union all
select
    document_id,
    n.title || ': ' || row_label || ' [' || column_label || '] ≥ 0' as subject,
    amount as lhs_value,
    0 as rhs_value,
    0 as tolerance,
    'ge' as kind,
    source_ref
from items
inner join dq_table_names as n using (table_key);

-- Each standard table of a family's template is present in a document of the family, or the document
-- states why it is empty (a table printed without figures, with its note).
create or replace temp macro dq_template_tables_present(template_family) as table
with documents as (
    select * from dq_documents where doc_type = template_family and not coalesce(is_template, false)
),

standard as (
    select table_key, title from dq_table_names where family = template_family and in_template
)

select
    d.document_id,
    '标准表: ' || s.title as subject,
    case when t.status in ('parsed', 'empty', 'unparsed') then 1 else 0 end as lhs_value,
    1 as rhs_value,
    0 as tolerance,
    'eq' as kind,
    coalesce(d.file_name || ' | line ' || t.line_no || ' | ' || t.table_title, d.file_name) as source_ref,
    case
        when t.status = 'parsed' then 'present'
        when t.status = 'empty' then 'printed without figures' || coalesce(': ' || t.note, '')
        when t.status is not null then 'found but not readable (' || t.status || ')'
        else 'missing, and the document does not say why'
    end as message
from documents as d
cross join standard as s
left join (
    select
        document_id,
        table_key,
        arg_min(status, case status when 'parsed' then 0 when 'empty' then 1 else 2 end) as status,
        min(table_title) as table_title,
        min(line_no) as line_no,
        min(note) as note
    from raw.fa_tables
    group by document_id, table_key
) as t on d.document_id = t.document_id and s.table_key = t.table_key;
