"""Vocabulary of performance tables and reports, each entry with the real example it exists for.

Names are compared with whitespace removed ("决 策" is 决策, "满 意 度\\n指 标" is 满意度指标).
"""

from __future__ import annotations

import re

# Level-1 names of a 项目支出绩效自评表 and the family (canonical category) of each level-2 name.
# 000: "产出指标 / 数量指标 / 指标 1：省级案件化解上报率"; 001: "服务对象满意度指标 社会公众满意度度".
SELF_LEVEL1 = {"产出指标": "产出", "效益指标": "效益", "满意度指标": "满意度"}
SELF_LEVEL2_FAMILY = {
    "数量指标": "产出",
    "质量指标": "产出",
    "时效指标": "产出",
    "成本指标": "产出",
    "经济效益指标": "效益",
    "社会效益指标": "效益",
    "生态效益指标": "效益",
    "可持续影响指标": "效益",
    "服务对象满意度指标": "满意度",
    "满意度指标": "满意度",
}
# The printed level-1 name a family takes when the table does not print it (001: 效益指标 cell lost).
SELF_DEFAULT_LEVEL1 = {"产出": "产出指标", "效益": "效益指标", "满意度": "满意度指标"}

# Level-1 names of evaluation tables (项目支出绩效评价表: 决策/过程/产出/效益;
# 部门整体支出评分表: 投入/过程/产出/效果) and of self-evaluation tables with weights ("产出指标 (40分)").
EVALUATION_LEVEL1 = {"决策", "过程", "产出", "效益", "投入", "效果", "产出指标", "效益指标", "满意度指标"}

# A level name with its weight in parentheses: "数量指标 (30分)" (002), "经济效益指标 (10份)" (002, typo
# for 分), "投入 (15)" (002 部门整体), "项目立项规范性（1分）" (003), "决策(10分)" (003).
WEIGHTED_LABEL = re.compile(
    r"^(?P<name>[^\s()（）<>:：;；，,。]{1,24}?)\s*[(（]\s*(?P<weight>\d+(?:\.\d+)?)\s*[分份]?\s*[)）]"
)

# 000: "指标 1：省级案件化解上报" - the per-group numbering of a flattened self-evaluation table.
INDICATOR_MARKER = re.compile(r"^指标(?P<no>\d+)[：:]")

# 000: "可根据项目实际情况 / 有选择地设置和细化" - the template's merged placeholder, not an indicator name.
PLACEHOLDER_NAME = re.compile(r"^可根据.*(设置|细化)")

# Lines that close an indicator table: 000 "总分 100 99", "总 分 100 1 100 98"; 003 "合计";
# 002 "自评得分合计 ... 100".
TOTAL_ROW = re.compile(r"^\s*(总\s*分|合\s*计|自评得分合计)(?=[\s\d]|$)")

# Section headings that end a table or a report region: "四、绩效评价指标分析", "（三）部门评价项目…",
# "### （三）绩效评价工作过程。", "第四部分 名词解释".
HEADING = re.compile(
    r"^\s*(#+\s|[（(]\s*[一二三四五六七八九十]+\s*[）)]|[一二三四五六七八九十]+\s*[、.．]|第[一二三四五六七八九十]+部分)"
)

# A table title: 000 "项目支出绩效自评表", 002 "市 12345 热线中心部门整体支出绩效自评表",
# 002 "附：部门整体支出绩效评价指标评分表", 003 "…绩效评价指标体系及打分表", 004 "# 部门评价表".
TABLE_TITLE = re.compile(r"(绩效|评价|自评|评分|打分).{0,30}表\s*$")
# A caption naming the table before its title: 002 "附件：2021 年度市 12345 热线中心部门整体支出绩效自评表",
# 003 "附表1：富民县信访局2025年度…打分表".
CAPTION = re.compile(r"^\s*(附件|附表|附)\s*\d*\s*[：:]")

# A report title: 001 "2022年度行政服务中心运转经费项目支出绩效评价报告", 000 "“ 12345 ”热线运行经费绩效评价报告",
# 002 "二、2022 年度 12345 热线和数字城管坐席外包服务费项目绩效评价报告", 004 "# 部门评价报告".
REPORT_TITLE = re.compile(r"评价报告\s*$")

YEAR = re.compile(r"(20\d{2})\s*年")

# Evaluation kind from a title: 部门整体支出 / 整体绩效 -> overall_department; 自评表 -> self_evaluation.
OVERALL_WORDS = ("部门整体", "整体支出", "整体绩效")
SELF_EVALUATION_WORDS = ("自评表",)

# Grades as printed -> the four-level grade. 003 "评价等级为“优秀”", 002 "90（含）-100 分为优秀".
GRADES = {
    "优秀": "优",
    "优": "优",
    "良好": "良",
    "良": "良",
    "中等": "中",
    "中": "中",
    "合格": "中",
    "差": "差",
    "不合格": "差",
}

# A checked grade box: 004 "优 <input checked="" type="checkbox"/>", "☑优", "优☑", "优 (√)".
CHECKED_MARK = r"(?:<input[^>]*checked[^>]*>|[☑√✓✔■☒●])"

# Units printed after money and rates.
UNIT_TOKENS = ("万元", "元", "万件", "件", "个", "人", "家", "项", "次", "类", "天", "台/套", "台", "套", "%", "万")
