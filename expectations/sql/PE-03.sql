-- Printed level-1 / level-2 subtotal weights and scores = Σ of their indicators. An indicator belongs
-- to the subtotal of its level name printed nearest above it (000 lines 962/967 print two level-2
-- groups both named 资金管理, 8 and 2 points). A figure printed in a merged cell beside several
-- consecutive level names (spans > 1: 000 line 943, 决策 40 = 决策 24 + 过程 16) is compared with
-- the indicators of all of them. Checked only where every indicator prints the figure.
with subtotals as (
    select
        s.*,
        p.project_label,
        dq_level_name(s.name) as level_name,
        row_number() over (
            partition by s.document_id, s.project_key, s.level order by s.page_no nulls first, s.line_no
        ) as ordinal
    from raw.perf_subtotals as s
    inner join dq_projects as p using (document_id, project_key)
),

memberships as (
    select
        i.document_id,
        i.project_key,
        levels.level,
        dq_level_name(case levels.level when 1 then i.level1_name else i.level2_name end) as level_name,
        i.line_no,
        i.weight,
        i.score
    from raw.perf_indicators as i
    cross join (select 1 as level union all select 2) as levels
),

assigned as (
    select
        m.*,
        arg_max(s.line_no, case when s.line_no <= m.line_no then s.line_no else -s.line_no end) as subtotal_line
    from memberships as m
    inner join subtotals as s
        on m.document_id = s.document_id and m.project_key = s.project_key and m.level = s.level
        and m.level_name = s.level_name
    group by all
),

group_sums as (
    select
        document_id,
        project_key,
        level,
        level_name,
        subtotal_line as line_no,
        sum(weight) as weight_sum,
        sum(score) as score_sum,
        sum(dq_points_tol(weight)) as weight_tol,
        sum(dq_points_tol(score)) as score_tol,
        count(*) as rows_,
        count(weight) as weights,
        count(score) as scores,
        min(line_no) as first_line,
        max(line_no) as last_line
    from assigned
    group by document_id, project_key, level, level_name, subtotal_line
),

groups_ as (
    select s.ordinal, g.*
    from subtotals as s
    inner join group_sums as g using (document_id, project_key, level, level_name, line_no)
),

checked as (
    select
        s.document_id,
        s.project_label,
        s.level,
        s.line_no,
        s.weight,
        s.score,
        s.source_ref,
        string_agg(g.level_name, '+' order by g.ordinal) as level_names,
        sum(g.weight_sum) as weight_sum,
        sum(g.score_sum) as score_sum,
        sum(g.weight_tol) as weight_tol,
        sum(g.score_tol) as score_tol,
        sum(g.rows_) as rows_,
        sum(g.weights) as weights,
        sum(g.scores) as scores,
        min(g.first_line) as first_line,
        max(g.last_line) as last_line
    from subtotals as s
    inner join groups_ as g
        on s.document_id = g.document_id and s.project_key = g.project_key and s.level = g.level
        and g.ordinal between s.ordinal and s.ordinal + s.spans - 1
    group by s.document_id, s.project_key, s.project_label, s.level, s.ordinal, s.spans, s.line_no, s.weight, s.score,
        s.source_ref
    having count(*) = s.spans
)

select
    document_id,
    project_label || ': ' || level || '级指标 ' || level_names || ' 分值 (line ' || line_no || ')' as subject,
    weight as lhs_value,
    weight_sum as rhs_value,
    dq_points_tol(weight) + weight_tol as tolerance,
    'eq' as kind,
    source_ref || ' = Σ indicators (lines ' || first_line || '-' || last_line || ')' as source_ref
from checked
where weight is not null and weights = rows_

union all

select
    document_id,
    project_label || ': ' || level || '级指标 ' || level_names || ' 得分 (line ' || line_no || ')',
    score,
    score_sum,
    dq_points_tol(score) + score_tol,
    'eq',
    source_ref || ' = Σ indicators (lines ' || first_line || '-' || last_line || ')'
from checked
where score is not null and scores = rows_
