-- "三公"经费表, for the budget and the final columns: 合计 = 因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费;
-- 公务用车购置及运行维护费 = 购置费 + 运行维护费; no negative amount
with three_public as (
    select * from dq_fa
    where table_key = 'three_public'
        and row_key in (
            'three_public_total', 'three_public_abroad', 'three_public_vehicles', 'three_public_vehicle_purchase',
            'three_public_vehicle_operation', 'three_public_reception'
        )
),

sums as (
    select 'three_public_total' as total_key, '合计 = 因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费' as label,
        ['three_public_abroad', 'three_public_vehicles', 'three_public_reception'] as parts
    union all
    select 'three_public_vehicles', '公务用车购置及运行维护费 = 购置费 + 运行维护费',
        ['three_public_vehicle_purchase', 'three_public_vehicle_operation']
),

sum_checks as (
    select
        t.document_id,
        '“三公”经费表 [' || coalesce(t.column_label, t.column_key) || ']: ' || s.label as subject,
        t.amount as lhs, sum(p.amount) as rhs, t.tol + sum(p.tol) as tol, 'eq' as kind,
        t.source_ref || ' = Σ items (lines ' || min(p.line_no) || '-' || max(p.line_no) || ')' as source_ref
    from three_public as t
    inner join sums as s on t.row_key = s.total_key
    inner join three_public as p
        on t.document_id = p.document_id and t.column_key = p.column_key and list_contains(s.parts, p.row_key)
    group by t.document_id, t.column_key, t.column_label, s.label, t.amount, t.tol, t.source_ref
),

sign_checks as (
    select
        document_id,
        '“三公”经费表 [' || coalesce(max(column_label), column_key) || ']: no negative amount' as subject,
        min(amount) as lhs, cast(0 as decimal(38, 6)) as rhs, cast(0 as decimal(38, 6)) as tol, 'ge' as kind,
        -- the cell of the smallest amount; of cells tied on it, the first by source_ref, so that the
        -- result does not depend on the order DuckDB reads the rows in
        arg_min(source_ref, (amount, source_ref)) as source_ref
    from three_public
    group by document_id, column_key
)

select document_id, subject, lhs as lhs_value, rhs as rhs_value, tol as tolerance, kind, source_ref
from (select * from sum_checks union all select * from sign_checks)
