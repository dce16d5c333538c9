-- Every stated share ("占 X%") equals part / whole. The whole is what the sentence names
-- (subject of the share figure); a 类 share without one is a share of 财政拨款支出 (002 line 306).
with wholes (named, metric) as (
    values
        ('本年收入', 'current_income'),              -- 000 line 50 "占 100 %" (本年收入的具体构成为)
        ('本年收入合计', 'current_income'),
        ('本年支出', 'current_expenditure'),          -- 000 line 64 "基本支出 471.03 万元，占 52.3 %"
        ('本年支出合计', 'current_expenditure'),      -- 002 line 300 "占本年支出合计的 100%"
        ('政府采购支出总额', 'procurement_total'),    -- 002 line 350 "占政府采购支出总额的 8.4%"
        ('授予中小企业合同金额', 'procurement_sme'),  -- 000 line 206
        ('货物支出金额', 'procurement_goods'),
        ('工程支出金额', 'procurement_works'),
        ('服务支出金额', 'procurement_services'),
        ('项目支出总额', 'project_expenditure')
),

shares as (
    select
        s.*,
        case when s.metric = 'category_budget_vs_final' then 'fiscal_final' else w.metric end as whole_metric
    from dq_na as s
    left join wholes as w on w.named = s.subject
    where s.measure = 'share'
),

pairs as (
    select
        s.document_id,
        s.metric,
        s.subject,
        s.value as share,
        s.tol as share_tol,
        s.line_no,
        s.page_no,
        s.source_ref,
        part.value as part_value,
        part.tol as part_tol,
        whole.value as whole_value,
        whole.tol as whole_tol,
        whole.line_no as whole_line
    from shares as s
    inner join dq_na_money as part
        on part.document_id = s.document_id and part.metric = s.metric
        and part.measure = case when s.metric = 'category_budget_vs_final' then 'final' else 'amount' end
        and (s.metric <> 'category_budget_vs_final' or part.subject = s.subject)
    inner join dq_na_money as whole
        on whole.document_id = s.document_id and whole.metric = s.whole_metric and whole.measure = 'amount'
    where whole.value <> 0
    qualify row_number() over (
        partition by s.document_id, s.metric, s.subject, s.page_no, s.line_no, s.value
        order by abs(coalesce(part.page_no, 0) - coalesce(s.page_no, 0)) * 10000 + abs(part.line_no - s.line_no), abs(coalesce(whole.page_no, 0) - coalesce(s.page_no, 0)) * 10000 + abs(whole.line_no - s.line_no), whole.line_no desc
    ) = 1
)

select
    document_id,
    metric || case when subject <> '' then ' ' || subject else '' end || ' 占比 (' || dq_at(page_no, line_no) || ')' as subject,
    share as lhs_value,
    cast(part_value / whole_value * 100 as decimal(38, 6)) as rhs_value,
    share_tol + 100 * (part_tol + abs(part_value / whole_value) * whole_tol) / abs(whole_value) as tolerance,
    'eq' as kind,
    source_ref || ' (whole at line ' || whole_line || ')' as source_ref,
    '占 ' || share::double || '% printed; ' || part_value::double || ' / ' || whole_value::double
        || ' yuan = ' || round(part_value / whole_value * 100, 4)::double || '%' as message
from pairs
