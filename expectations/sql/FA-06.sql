-- 收入决算表, every row: 本年收入合计 = Σ its source columns
select * from dq_row_total(
    'income',
    ['fiscal_appropriation', 'superior_subsidy', 'business', 'operating', 'affiliated_remit', 'other'],
    '收入决算表',
    '本年收入合计',
    'source columns'
)
