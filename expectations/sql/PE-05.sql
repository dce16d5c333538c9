-- The grade (优/良/中/差) matches the score bands the document itself states.
-- score_bands: JSON list of {"grade", "min", "max"} as the document prints them (min inclusive).
with projects as (
    select * from dq_projects
    where total_score is not null and grade is not null and score_bands is not null and score_bands <> ''
),

bands as (
    select
        p.document_id,
        p.project_key,
        unnest(from_json(p.score_bands, '[{"grade": "VARCHAR", "min": "DOUBLE", "max": "DOUBLE"}]')) as band
    from projects as p
),

matched as (
    select
        b.document_id,
        b.project_key,
        string_agg(band.grade, '/') as band_grade,
        min(band.min) as band_min,
        max(band.max) as band_max
    from bands as b
    inner join projects as p using (document_id, project_key)
    where p.total_score >= coalesce(band.min, -1e9)
        and (p.total_score < coalesce(band.max, 1e9) or (band.max >= 100 and p.total_score <= band.max))
    group by b.document_id, b.project_key
)

select
    p.document_id,
    p.project_label || ': 等级 ' || p.grade as subject,
    p.total_score as lhs_value,
    m.band_min as rhs_value,
    0 as tolerance,
    'given' as kind,
    case when left(p.grade, 1) = left(coalesce(m.band_grade, ''), 1) then 0 else 1 end as excess,
    '总得分 ' || p.total_score::double || ' graded ' || p.grade || '; the stated bands give '
        || coalesce(m.band_grade, 'no grade') as message,
    p.source_ref
from projects as p
left join matched as m using (document_id, project_key)
