-- 财政拨款收支预算总表: 收入合计 = Σ 资金来源 = 支出合计; 支出合计 = Σ 类 = Σ 支出用途; every row: 合计 =
-- 一般公共预算 + 政府性基金预算 + 国有资本经营预算
select * from dq_template_sums('BU-07')
union all
select * from dq_template_row_sums('BU-07')
union all
select * from dq_template_class_sums('BU-07')
