-- Printed level-1 / level-2 subtotal weights and scores = Σ of their indicators
with subtotals as (
    select s.*, p.project_label, dq_level_name(s.name) as level_name
    from raw.perf_subtotals as s
    inner join dq_projects as p using (document_id, project_key)
),

sums as (
    select
        s.document_id,
        s.project_key,
        s.level,
        s.level_name,
        s.line_no,
        sum(i.weight) as weight_sum,
        sum(i.score) as score_sum,
        sum(dq_points_tol(i.weight)) as weight_tol,
        sum(dq_points_tol(i.score)) as score_tol,
        count(i.score) as scores,
        min(i.line_no) as first_line,
        max(i.line_no) as last_line
    from subtotals as s
    inner join raw.perf_indicators as i
        on s.document_id = i.document_id and s.project_key = i.project_key
        and s.level_name = dq_level_name(case s.level when 1 then i.level1_name else i.level2_name end)
    group by s.document_id, s.project_key, s.level, s.level_name, s.line_no
)

select
    s.document_id,
    s.project_label || ': ' || s.level || '级指标 ' || s.level_name || ' 分值' as subject,
    s.weight as lhs_value,
    sums.weight_sum as rhs_value,
    dq_points_tol(s.weight) + sums.weight_tol as tolerance,
    'eq' as kind,
    s.source_ref || ' = Σ indicators (lines ' || sums.first_line || '-' || sums.last_line || ')' as source_ref
from subtotals as s
inner join sums using (document_id, project_key, level, level_name, line_no)
where s.weight is not null

union all

select
    s.document_id,
    s.project_label || ': ' || s.level || '级指标 ' || s.level_name || ' 得分',
    s.score,
    sums.score_sum,
    dq_points_tol(s.score) + sums.score_tol,
    'eq',
    s.source_ref || ' = Σ indicators (lines ' || sums.first_line || '-' || sums.last_line || ')'
from subtotals as s
inner join sums using (document_id, project_key, level, level_name, line_no)
where s.score is not null and sums.scores > 0
