"""What of a government web page is the site's chrome (menus, banners, breadcrumbs, footers), not the document.

Vocabulary for html.py; extend it here when a site's chrome is read as text. Each entry is covered
by tests/test_html.py.
"""

from __future__ import annotations

import re

# Elements that never hold the document's text.
CHROME_TAGS = frozenset(
    {"script", "style", "noscript", "template", "nav", "aside", "form", "iframe", "button", "select", "svg", "menu"}
)
# <header>/<footer> are chrome unless they sit inside the article (an article's own title block).
PAGE_FRAME_TAGS = frozenset({"header", "footer"})

# id/class words (split at "-", "_", spaces and camel case) of chrome containers.
CHROME_CLASS_WORDS = frozenset(
    {
        "nav",
        "navbar",
        "menu",
        "breadcrumb",
        "crumb",
        "crumbs",
        "footer",
        "foot",
        "banner",
        "sidebar",
        "share",
        "toolbar",
        "copyright",
        "position",
        "location",
        "weizhi",  # 位置
        "dqwz",  # 当前位置
    }
)

# A block whose text is mostly the text of its links (at least this share, over two links or more)
# is a menu or a list of related pages.
LINK_TEXT_SHARE = 0.6

# Lines of site text that remain when the page has no recognizable structure.
CHROME_LINES = tuple(
    re.compile(pattern)
    for pattern in (
        r"^\s*(您现在的位置|您的位置|当前位置|所在位置)\s*[：:]",
        r"^\s*首页\s*[>＞»›/]",  # a breadcrumb "首页 > 信息公开 > 财政预决算"
        r"版权所有|Copyright|©",
        r"ICP\s*备|公网安备|网站标识码",
        r"^\s*(主办单位|承办单位|主办|承办|技术支持|联系电话|网站地图|联系我们)\s*[：:]?",
        r"打印本页|关闭窗口|打印\s*[|｜]\s*关闭|【\s*打印\s*】|【\s*关闭\s*】",
        r"字体\s*[：:]?\s*[【\[]?\s*大\s*[|｜]?\s*中\s*[|｜]?\s*小",
        r"^\s*分享到|扫一扫",
        r"^\s*(发布时间|发布日期|来源|浏览次数|访问量|点击数|阅读次数)\s*[：:]",
    )
)
