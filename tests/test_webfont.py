"""The CJK font embedded in report pages (sqmkit.webfont)."""
import base64
import io
import re

from fontTools.ttLib import TTFont

from sqmkit.webfont import FONT_FAMILY, cjk_font_face, embed_cjk_font


def embedded_font(css: str) -> TTFont:
    data = re.search(r"base64,([A-Za-z0-9+/=]+)\)", css).group(1)
    return TTFont(io.BytesIO(base64.b64decode(data)))


def test_face_holds_exactly_the_pages_cjk_characters():
    font = embedded_font(cjk_font_face("首次响应时间 <b>不满意</b> FRT 45 min，首次"))
    mapped = {chr(code) for code in font.getBestCmap()}
    assert set("首次响应时间不满意，") <= mapped
    assert not set("FRTmin45") & mapped  # Latin text keeps the page's own fonts
    assert font["name"].getDebugName(1) == "Noto Sans CJK SC"


def test_embedding_goes_into_the_head_and_is_offline():
    page = "<html><head><title>t</title></head><body>星海电信</body></html>"
    out = embed_cjk_font(page)
    head = out.split("</head>")[0]
    assert f'font-family: "{FONT_FAMILY}"' in head and "unicode-range" in head
    assert "http" not in head
    assert embed_cjk_font("<html><head></head><body>English only</body></html>") == \
        "<html><head></head><body>English only</body></html>"
