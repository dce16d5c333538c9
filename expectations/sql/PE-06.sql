-- A percentage outside 0–100% for an indicator that is a rate (its name says 率, or its target is
-- a percentage of at most 100%): 002 line 449 "提升热线中心服务质量 100% 1000%".
with values_ as (
    select
        i.*,
        p.project_label,
        try_cast(regexp_extract(i.actual_text, '(-?[0-9]+(?:\.[0-9]+)?)\s*[%％]', 1) as double) as actual_pct,
        try_cast(regexp_extract(i.target_text, '(-?[0-9]+(?:\.[0-9]+)?)\s*[%％]', 1) as double) as target_pct
    from raw.perf_indicators as i
    inner join dq_projects as p using (document_id, project_key)
)

select
    document_id,
    project_label || ' / ' || seq || ' ' || coalesce(level3_name, level2_name, level1_name, '') as subject,
    actual_pct as lhs_value,
    100 as rhs_value,
    0 as tolerance,
    'given' as kind,
    greatest(actual_pct - 100, -actual_pct) as excess,
    '完成值 ' || actual_text || ' for a rate indicator (target ' || coalesce(target_text, '—') || ')' as message,
    source_ref
from values_
where actual_pct is not null
    and (coalesce(level3_name, '') like '%率%' or target_pct between 0 and 100)
