"""The document as a web page: the text and every table as a `<table>` with row and column spans,
inside the chrome of a government site (banner, menu, "您现在的位置" trail, footer). The print
stylesheet hides the chrome and puts wide tables on landscape pages, so the same page printed by a
browser is the `browser_html` PDF producer. Header rows are a repeating `<thead>` or plain rows."""

from __future__ import annotations

import zlib
from html import escape
from pathlib import Path

from docgen.document import Grid, PageBreak, Printed, Text

STYLE = """
body { font-family: "Noto Sans CJK SC", "SimSun", sans-serif; margin: 0; color: #222; }
header.banner { background: #b71c1c; color: #fff; padding: 14px 24px; font-size: 22px; }
nav.menu { background: #eee; padding: 6px 24px; }
nav.menu a { margin-right: 18px; color: #333; text-decoration: none; }
div.location { padding: 6px 24px; font-size: 13px; color: #666; }
main { padding: 10px 24px; }
footer { border-top: 1px solid #ccc; padding: 10px 24px; font-size: 12px; color: #666; }
p { margin: 4px 0; font-size: 14px; }
p.cover { font-size: 28px; text-align: center; margin: 24px 0; }
p.title, h3 { text-align: center; font-size: 18px; }
p.heading { text-align: center; font-size: 17px; font-weight: bold; }
p.subheading { font-weight: bold; }
p.unit { font-size: 12px; }
table { border-collapse: collapse; margin: 4px auto 6px auto; font-size: 11px; }
td, th { border: 1px solid #000; padding: 2px 3px; }
th { font-weight: normal; text-align: center; }
td.r { text-align: right; } td.c { text-align: center; }
table.title-row { border: none; width: 100%; } table.title-row td { border: none; }
section.page { break-before: page; }
section.wide { page: wide; }
@page { size: A4 portrait; margin: 12mm; }
@page wide { size: A4 landscape; margin: 12mm; }
@media print { header.banner, nav.menu, div.location, footer { display: none; } }
"""
CHROME_TOP = """<header class="banner">{site}</header>
<nav class="menu"><a href="#">首页</a><a href="#">机构概况</a><a href="#">政务公开</a><a href="#">政策文件</a><a href="#">互动交流</a></nav>
<div class="location">您现在的位置：首页 &gt; 政务公开 &gt; 财政预决算 &gt; 部门决算</div>"""
CHROME_BOTTOM = """<footer>主办单位：{site}　网站标识码：{code}　备案号：略</footer>"""


def page(printed: Printed) -> str:
    site = escape(printed.department)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        f"<title>{escape(printed.title)}</title><style>{STYLE}</style></head><body>",
        CHROME_TOP.format(site=site),
        "<main>",
    ]
    open_section = False
    first = True
    for block in printed.blocks:
        if isinstance(block, PageBreak):
            if open_section:
                parts.append("</section>")
            classes = "page wide" if block.landscape else "page"
            parts.append(f'<section class="{classes}">' if not first else "<section>")
            open_section = True
        elif isinstance(block, Text):
            parts.append(f'<p class="{block.style}" style="text-align:{block.align}">{escape(block.text)}</p>')
        elif isinstance(block, Grid):
            parts.append(_table(block))
        first = False
    if open_section:
        parts.append("</section>")
    parts += ["</main>", CHROME_BOTTOM.format(site=site, code=f"{zlib.crc32(printed.title.encode()):010d}")]
    parts.append("</body></html>")
    return "\n".join(parts)


def _cell(tag: str, cell, header: bool) -> str:
    spans = ""
    if cell.colspan > 1:
        spans += f' colspan="{cell.colspan}"'
    if cell.rowspan > 1:
        spans += f' rowspan="{cell.rowspan}"'
    cls = "" if header else {"right": ' class="r"', "center": ' class="c"'}.get(cell.align, "")
    return f"<{tag}{spans}{cls}>{escape(cell.text)}</{tag}>"


def _table(grid: Grid) -> str:
    out = []
    if grid.title:
        if grid.unit_position == "title_row":
            out.append(
                '<table class="title-row"><tr><td style="width:20%"></td>'
                f'<td class="c"><h3>{escape(grid.title)}</h3></td>'
                f'<td class="r" style="width:20%">{escape(grid.unit_text)}</td></tr></table>'
            )
        else:
            out.append(f"<h3>{escape(grid.title)}</h3>")
            out.append(f'<p class="unit" style="text-align:{grid.unit_position}">{escape(grid.unit_text)}</p>')
    total = sum(grid.widths)
    cols = "".join(f'<col style="width:{100 * w / total:.1f}%">' for w in grid.widths)
    out.append(f'<table style="width:100%"><colgroup>{cols}</colgroup>')
    head = "".join("<tr>" + "".join(_cell("th", c, True) for c in row) + "</tr>" for row in grid.header)
    body = "".join("<tr>" + "".join(_cell("td", c, False) for c in row) + "</tr>" for row in grid.body)
    if grid.repeat_header:
        out.append(f"<thead>{head}</thead><tbody>{body}</tbody>")
    else:
        out.append(f"<tbody>{head}{body}</tbody>")
    out.append("</table>")
    for text in (grid.remark, grid.note):
        if text:
            out.append(f"<p>{escape(text)}</p>")
    return "\n".join(out)


def render(printed: Printed, path: Path) -> None:
    path.write_text(page(printed), encoding="utf-8")
