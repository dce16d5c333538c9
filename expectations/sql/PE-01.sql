-- Every indicator: 0 ≤ score ≤ weight
select
    i.document_id,
    p.project_label || ' / ' || i.seq || ' ' || coalesce(i.level3_name, i.level2_name, i.level1_name, '') as subject,
    i.score as lhs_value,
    i.weight as rhs_value,
    0 as tolerance,
    'given' as kind,
    greatest(i.score - i.weight, -i.score) as excess,
    '得分 ' || i.score::double || ' must lie within 0 and the weight ' || i.weight::double as message,
    i.source_ref
from raw.perf_indicators as i
inner join dq_projects as p using (document_id, project_key)
where i.weight is not null and i.score is not null
