-- Every table keyed by 支出功能分类, every amount column: 类 = Σ its 款, 款 = Σ its 项, 合计 = Σ 类
-- (the tables: fa_patterns.VOCABULARY's function-coded tables, loaded by template_identities.py)
select * from dq_template_hierarchy('FA-08')
