{#- One row per indicator, an indicator printed across two tables merged into one row.

    Some evaluations print their indicators twice: once with targets and actuals and no points, then
    with weights and scores and no targets (004, 子洲县 2021: 绩效评价指标评分 line 61, then 部门评价表
    line 132; the same 17 indicators in the same order). Each table alone gives half rows. Two
    tables of one document are one indicator list split in two when they evaluate the same project
    (same name, kind and year), one has target cells and no points, the other points and no target
    cells, they have as many rows, and at least 80% of their rows have the same indicator name at
    the same position (004 prints "2021年12月底前完成" in one and "2021年12月前完成" in the other).
    Their rows then pair by position where the indicator name is the same: the scored row keeps its
    key and takes the target, actual, comparison and reason of its partner, and the target row is
    dropped. A position whose names differ is not merged (both half rows stay): two names are not
    taken for one indicator on their position alone. -#}

with indicators as (
    select * from {{ ref('int_performance_indicators_parsed') }}
),

projects as (
    select * from {{ ref('stg_raw__perf_projects') }}
),

shapes as (
    select
        indicators.document_id,
        indicators.project_key,
        replace(projects.project_name, ' ', '') as name_key,
        projects.evaluation_kind,
        projects.fiscal_year,
        count(*) as row_count,
        count(indicators.target_text) + count(indicators.actual_text) as target_cells,
        count(indicators.weight) + count(indicators.score) as point_cells
    from indicators
    inner join projects
        on indicators.document_id = projects.document_id
        and indicators.project_key = projects.project_key
    group by 1, 2, 3, 4, 5
),

candidate_pairs as (
    select
        scored.document_id,
        scored.project_key as scored_key,
        targets.project_key as target_key,
        scored.row_count
    from shapes as scored
    inner join shapes as targets
        on scored.document_id = targets.document_id
        and scored.name_key = targets.name_key
        and scored.evaluation_kind = targets.evaluation_kind
        and scored.fiscal_year is not distinct from targets.fiscal_year
        and scored.row_count = targets.row_count
        and scored.project_key <> targets.project_key
    where scored.target_cells = 0 and scored.point_cells > 0
        and targets.point_cells = 0 and targets.target_cells > 0
),

agreement as (
    select
        candidate_pairs.document_id,
        candidate_pairs.scored_key,
        candidate_pairs.target_key,
        sum(
            case when replace(scored_rows.level3_name, ' ', '') = replace(target_rows.level3_name, ' ', '') then 1 else 0 end
        ) as same_names,
        max(candidate_pairs.row_count) as row_count
    from candidate_pairs
    inner join indicators as scored_rows
        on candidate_pairs.document_id = scored_rows.document_id
        and candidate_pairs.scored_key = scored_rows.project_key
    inner join indicators as target_rows
        on candidate_pairs.document_id = target_rows.document_id
        and candidate_pairs.target_key = target_rows.project_key
        and scored_rows.seq = target_rows.seq
    group by 1, 2, 3
),

pairs as (
    select document_id, scored_key, target_key
    from agreement
    where same_names >= 0.8 * row_count
    qualify row_number() over (partition by document_id, scored_key order by same_names desc, target_key) = 1
        and row_number() over (partition by document_id, target_key order by same_names desc, scored_key) = 1
),

merged_rows as (
    select
        pairs.document_id,
        pairs.scored_key,
        pairs.target_key,
        scored_rows.seq
    from pairs
    inner join indicators as scored_rows
        on pairs.document_id = scored_rows.document_id
        and pairs.scored_key = scored_rows.project_key
    inner join indicators as target_rows
        on pairs.document_id = target_rows.document_id
        and pairs.target_key = target_rows.project_key
        and scored_rows.seq = target_rows.seq
    where replace(scored_rows.level3_name, ' ', '') = replace(target_rows.level3_name, ' ', '')
),

merged as (
    select
        scored_rows.document_id,
        scored_rows.project_key,
        scored_rows.seq,
        scored_rows.level1_name,
        scored_rows.level2_name,
        scored_rows.level3_name,
        scored_rows.level1_canonical,
        coalesce(target_rows.target_text, scored_rows.target_text) as target_text,
        coalesce(target_rows.actual_text, scored_rows.actual_text) as actual_text,
        coalesce(target_rows.target_value, scored_rows.target_value) as target_value,
        coalesce(target_rows.actual_value, scored_rows.actual_value) as actual_value,
        coalesce(target_rows.value_unit, scored_rows.value_unit) as value_unit,
        coalesce(target_rows.comparison_operator, scored_rows.comparison_operator) as comparison_operator,
        coalesce(target_rows.comparison_operator_basis, scored_rows.comparison_operator_basis)
            as comparison_operator_basis,
        case when target_rows.seq is not null then target_rows.target_met else scored_rows.target_met end
            as target_met,
        case when target_rows.seq is not null then target_rows.target_met_basis else scored_rows.target_met_basis end
            as target_met_basis,
        scored_rows.weight,
        scored_rows.score,
        coalesce(scored_rows.deviation_note, target_rows.deviation_note) as deviation_note,
        scored_rows.line_no,
        scored_rows.page_no,
        scored_rows.source_ref,
        coalesce(target_rows.source_ref, scored_rows.source_ref) as target_source_ref
    from indicators as scored_rows
    left join merged_rows
        on scored_rows.document_id = merged_rows.document_id
        and scored_rows.project_key = merged_rows.scored_key
        and scored_rows.seq = merged_rows.seq
    left join indicators as target_rows
        on merged_rows.document_id = target_rows.document_id
        and merged_rows.target_key = target_rows.project_key
        and merged_rows.seq = target_rows.seq
    where not exists (
        select 1 from merged_rows as merged_away
        where merged_away.document_id = scored_rows.document_id
            and merged_away.target_key = scored_rows.project_key
            and merged_away.seq = scored_rows.seq
    )
)

select * from merged
