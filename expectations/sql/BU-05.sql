-- Budget tables keyed by a code, every amount column: 合计 = Σ 类, 类 = Σ 款, 款 = Σ 项
select * from dq_template_hierarchy('BU-05')
