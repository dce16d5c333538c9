-- 支出决算表, every row: 本年支出合计 = 基本支出 + 项目支出 + 上缴上级支出 + 经营支出 + 对附属单位补助支出
select * from dq_row_total(
    'expenditure',
    ['basic', 'project', 'remit_superior', 'operating', 'affiliated_subsidy'],
    '支出决算表',
    '本年支出合计',
    'expenditure columns'
)
