-- Across 基本支出 and "三公" tables: each economic item is at most its "三公" final figure
-- (30212 ≤ 因公出国（境）费, 31013 ≤ 公务用车购置费, 30231 ≤ 公务用车运行维护费, 30217 ≤ 公务接待费)
with pairs as (
    select '30212' as code, 'three_public_abroad' as item, '30212 因公出国（境）费用 ≤ “三公” 因公出国（境）费' as label
    union all select '31013', 'three_public_vehicle_purchase', '31013 公务用车购置 ≤ “三公” 公务用车购置费'
    union all select '30231', 'three_public_vehicle_operation', '30231 公务用车运行维护费 ≤ “三公” 公务用车运行维护费'
    union all select '30217', 'three_public_reception', '30217 公务接待费 ≤ “三公” 公务接待费'
)

select
    e.document_id,
    pairs.label as subject,
    e.amount as lhs_value,
    t.amount as rhs_value,
    e.tol + t.tol as tolerance,
    'le' as kind,
    e.source_ref || ' vs ' || t.source_ref as source_ref
from dq_fa as e
inner join pairs on coalesce(e.economic_code, e.row_key) = pairs.code
inner join dq_fa as t
    on e.document_id = t.document_id and t.table_key = 'three_public' and t.row_key = pairs.item
    and t.column_key = 'final'
where e.table_key = 'general_budget_basic_economic'
