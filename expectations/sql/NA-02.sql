-- Parts the narrative lists under a whole ("其中 …", "具体构成为 …") sum to that whole.
-- Decompositions: narrative_patterns.PARTS_OF (+ 人员经费/公用经费 of 基本支出): every part of the
-- whole, so the stated parts equal it (a part left unstated is nil). And the 类 of 财政拨款支出 the
-- narrative lists after "其中" or "主要用于": a selection, which need not name every 类 the tables
-- hold (001 lines 327-351: 决算 4744.92 其中 four 类 of 1834.19), so together they may not exceed
-- the whole but need not reach it (000 lines 72-98: 决算 900.56, its four 类 906.37 exceed it).
-- Each part is the statement of that part nearest the whole; a part the text does not state but
-- whose own parts it states counts as their sum (000 line 164-174: 公务用车 budget = 购置 + 运行维护).
-- Checked where at least two parts are stated.
with decompositions as (
    select whole as group_id, split_part(whole, '#', 1) as whole, part from dq_na_parts
),

stated as (
    select document_id, metric, measure, value, tol, line_no, page_no, source_ref, 0 as derived
    from dq_na_money
    where metric <> 'category_budget_vs_final' and measure in ('amount', 'budget', 'budget_initial', 'final')
),

derived as (
    select
        s.document_id,
        d.whole as metric,
        s.measure,
        sum(s.value) as value,
        sum(s.tol) as tol,
        min(s.line_no) as line_no,
        min(s.page_no) as page_no,
        min(s.source_ref) as source_ref,
        1 as derived
    from stated as s
    inner join decompositions as d on s.metric = d.part
    where not exists (
        select 1 from stated as w where w.document_id = s.document_id and w.metric = d.whole and w.measure = s.measure
    )
    group by s.document_id, d.group_id, d.whole, s.measure
),

figures as (
    select * from stated union all select * from derived
),

candidates as (
    select
        w.document_id,
        d.group_id,
        w.metric as whole,
        w.measure,
        w.value as whole_value,
        w.tol as whole_tol,
        w.line_no as whole_line,
        w.page_no as whole_page,
        w.source_ref as whole_ref,
        p.metric as part_key,
        p.value,
        p.tol,
        p.line_no,
        p.page_no,
        false as is_selection
    from stated as w
    inner join decompositions as d on d.whole = w.metric
    inner join figures as p on p.document_id = w.document_id and p.metric = d.part and p.measure = w.measure

    union all

    select
        w.document_id,
        w.metric || '#categories',
        w.metric,
        w.measure,
        w.value, w.tol, w.line_no, w.page_no, w.source_ref,
        c.category,
        c.value, c.tol, c.line_no, c.page_no,
        true
    from stated as w
    inner join dq_na_money as c
        on c.document_id = w.document_id and c.metric = 'category_budget_vs_final' and not c.is_item_level
        and c.measure = case w.metric when 'fiscal_budget_initial' then 'budget_initial' else 'final' end
    where w.metric in ('fiscal_budget_initial', 'fiscal_final') and w.measure = 'amount'
),

nearest as (
    select *
    from candidates
    qualify row_number() over (
        partition by document_id, group_id, whole_page, whole_line, whole_value, part_key
        order by abs(coalesce(page_no, 0) - coalesce(whole_page, 0)) * 10000 + abs(line_no - whole_line),
            line_no desc, value
    ) = 1
)

select
    document_id,
    whole || case when measure <> 'amount' then ' ' || measure else '' end || ' (' || dq_at(whole_page, whole_line) || ') '
        || case when is_selection then '≥' else '=' end || ' Σ '
        || string_agg(part_key, ' + ' order by line_no, part_key) as subject,
    whole_value as lhs_value,
    sum(value) as rhs_value,
    whole_tol + sum(tol) as tolerance,
    case when is_selection then 'ge' else 'eq' end as kind,
    whole_ref || case when is_selection then ' ≥ Σ listed 类 (lines ' else ' = Σ parts (lines ' end
        || min(line_no) || '-' || max(line_no) || ')' as source_ref
from nearest
group by document_id, group_id, whole, measure, whole_value, whole_tol, whole_line, whole_page, whole_ref, is_selection
having count(*) >= 2
