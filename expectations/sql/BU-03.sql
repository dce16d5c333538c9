-- 收支预算总表, 支出: 支出合计 = 当年支出小计 + 结转下年; 当年支出小计 = Σ 类 (功能分类) = Σ 支出用途
-- (基本支出 + 项目支出 + 单位预留机动经费 …)
select * from dq_template_sums('BU-03')
union all
select * from dq_template_class_sums('BU-03')
