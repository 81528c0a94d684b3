"""Self-contained, text-safe report pages: data text as text, an allow-list sanitiser, CSP, the offline check.

A report is opened far from the analyst who made it, and its text comes from many hands (the client's
name in sqmkit.yaml, categories, team and need names, problem statements). Four rules keep a page from
showing markup it was sent or calling a stranger's server:

============================  =================================================================================
rule                          where
============================  =================================================================================
data values are text          :func:`md_text` (a value going into Markdown) and :func:`html_text` (into HTML),
                              called wherever sqmkit or a notebook puts a data value into a Markdown/HTML output
allow-list sanitiser          :func:`clean`: allowed tags and attributes only; a link must be ``#…`` or relative
                              to the report's own files, an image a ``data:image/png|jpeg|gif|webp|svg+xml`` URI;
                              a tag that breaks the rule is shown as text, never dropped silently
Content-Security-Policy       :data:`CSP` in a ``<meta http-equiv>`` on every page (:func:`with_csp`): nothing is
                              fetched from outside the page
offline check                 :func:`offline_problems`: every URL-bearing attribute and every CSS ``url()`` and
                              ``@import`` of the page; the runner refuses a page with a problem
============================  =================================================================================

References
----------
CommonMark 0.31 §2.4 (backslash escapes: any ASCII punctuation may be escaped); OWASP Cross Site
Scripting Prevention Cheat Sheet (output encoding by context); W3C Content Security Policy Level 3.
"""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from typing import Any

import numpy as np

__all__ = ["md_text", "html_text", "clean", "allowed_url", "with_csp", "CSP", "offline_problems", "URL_ATTRIBUTES"]

# ASCII punctuation that means something to Markdown (CommonMark, GFM tables/strikethrough/autolinks,
# mistune's and marked's extensions); `<`, `>` and `&` become entities instead, so the result is also
# safe inside HTML.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~:$])")
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029\x0b\x0c]+")


def _is_missing(value: Any) -> bool:
    """None, NaN, NaT and pd.NA (whose comparisons are themselves missing, so ``value != value`` cannot be used)."""
    if value is None or type(value).__name__ in ("NAType", "NaTType"):
        return True
    return isinstance(value, (float, np.floating)) and value != value


def md_text(value: Any) -> str:
    """A data value as literal text inside Markdown: nothing in it is read as Markdown or HTML.

    HTML-special characters become entities (``<`` → ``&lt;``), every Markdown metacharacter gets a
    backslash (CommonMark §2.4), line breaks become spaces (a value never starts a heading, list or
    quote). Rendered, the value reads exactly as written. Use it for every value from the data or
    sqmkit.yaml put into a ``Markdown(f"…")`` output: ``f"**{md_text(team)}** lags most"``.

    Not for text inside a code span (`` `…` ``), where escapes show literally.

    Examples
    --------
    >>> md_text("![x](https://evil.example/x.png)")
    '\\\\!\\\\[x\\\\]\\\\(https\\\\://evil\\\\.example/x\\\\.png\\\\)'
    >>> md_text("<img src=//evil.example/x>")
    '&lt;img src=//evil\\\\.example/x&gt;'
    >>> md_text(None), md_text(12.5)
    ('', '12\\\\.5')
    """
    if _is_missing(value):
        return ""
    text = html.escape(_LINE_BREAKS.sub(" ", str(value)), quote=False)
    return _MD_SPECIAL.sub(r"\\\1", text)


def html_text(value: Any) -> str:
    """A data value as literal text inside HTML (element content or a quoted attribute)."""
    return "" if value is None else html.escape(str(value), quote=True)


# --------------------------------------------------------------------------------------------
# The allow-list sanitiser
# --------------------------------------------------------------------------------------------

ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del", "details", "div", "dl",
    "dt", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "ol", "p", "pre", "s",
    "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
})
ALLOWED_ATTRIBUTES = {
    "*": ["class", "id", "title", "align", "colspan", "rowspan", "border", "width", "height", "valign"],
    "a": ["href", "title", "class", "id"],
    "img": ["src", "alt", "width", "height", "class"],
}
_IMAGE_DATA = re.compile(r"data:image/(?:png|jpeg|gif|webp|svg\+xml)[;,]", re.IGNORECASE)
_SCHEME = re.compile(r"^[^/?#]*:")           # a colon before the first / ? #: the URL names a scheme
_URL_NOISE = re.compile(r"[\x00-\x20\x7f]+")  # browsers drop these inside URLs (`java\tscript:`)


def allowed_url(tag: str, value: str) -> bool:
    """Whether a URL may stay in a page: ``img`` needs a data image; a link ``#…`` or a relative path.

    Relative means no scheme (``https:``, ``data:``, ``javascript:``, ``file:`` …), no ``//`` or
    ``\\\\`` (another host) and no leading ``/`` (another folder of the disc).

    Examples
    --------
    >>> allowed_url("a", "tables/02_service_kpis__kpis.csv"), allowed_url("a", "#sqmkit-error-0")
    (True, True)
    >>> allowed_url("a", "data:text/html,<script>alert(1)</script>"), allowed_url("img", "//evil.example/x")
    (False, False)
    """
    url = _URL_NOISE.sub("", html.unescape(value or ""))
    if tag == "img":
        return bool(_IMAGE_DATA.match(url))
    if url.startswith("#"):
        return True
    return bool(url) and not url.startswith(("/", "\\")) and "\\" not in url and not _SCHEME.match(url)


def _sanitizer():
    from bleach.sanitizer import BleachSanitizerFilter

    class TextSanitizer(BleachSanitizerFilter):
        """bleach's filter, plus: an ``<a>``/``<img>`` whose URL breaks :func:`allowed_url` shows as text."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._open_text_links = 0

        def sanitize_token(self, token):
            name, kind = token.get("name"), token["type"]
            if kind in ("StartTag", "EmptyTag") and name in ("a", "img"):
                urls = [v for (_, attr), v in (token.get("data") or {}).items() if attr in ("href", "src")]
                if any(not allowed_url(name, v) for v in urls) or (name == "img" and not urls):
                    self._open_text_links += name == "a"
                    return self.disallowed_token(token)
            if kind == "EndTag" and name == "a" and self._open_text_links:
                self._open_text_links -= 1
                return self.disallowed_token(token)
            return super().sanitize_token(token)

    return TextSanitizer


_STYLE_BLOCK = re.compile(r"<style\b[^>]*>.*?</style\s*>", re.IGNORECASE | re.DOTALL)


def clean(fragment: str) -> str:
    """Sanitise an HTML fragment (a notebook output) against the allow-list.

    Tables, text markup, ``#``/relative links and data-URI images stay; any other tag (``<script>``,
    ``<iframe>``, ``<svg>``), a link or image pointing elsewhere (``https:``, ``//``, ``data:text/html``)
    is escaped so it shows as text; attributes outside the list (``style``, ``onerror``, ``srcset``)
    and comments are dropped; ``<style>`` blocks (pandas' scoped CSS, which could ``url()``) are removed.

    Examples
    --------
    >>> clean('<img src=//evil.example/x>')
    '&lt;img src="//evil.example/x"&gt;'
    >>> clean('<a href="#top" onclick="x()">up</a>')
    '<a href="#top">up</a>'
    """
    from bleach.sanitizer import Cleaner

    fragment = _STYLE_BLOCK.sub("", fragment)
    if not fragment:
        return ""
    # bleach's own scheme check passes a relative URL only when http(s) is listed; the stricter
    # allowed_url rule (TextSanitizer) has already turned every http(s) link or image into text
    cleaner = Cleaner(tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, protocols=["data", "http", "https"],
                      strip=False, strip_comments=True)
    # Cleaner.clean with the stricter filter (bleach has no hook to swap its filter class)
    filtered = _sanitizer()(source=cleaner.walker(cleaner.parser.parseFragment(fragment)),
                            allowed_tags=cleaner.tags, attributes=cleaner.attributes, strip_disallowed_tags=False,
                            strip_html_comments=True, css_sanitizer=None, allowed_protocols=cleaner.protocols)
    return cleaner.serializer.render(filtered)


# --------------------------------------------------------------------------------------------
# Content-Security-Policy and the offline check
# --------------------------------------------------------------------------------------------

#: Every page: nothing from outside the page. Images and fonts only as data: URIs (charts, the embedded CJK
#: font), inline styles (the templates' and the failure boxes' CSS), no script at all (sqmkit's pages have
#: none after the template drops require.js/MathJax/widgets; an inline script in a page is not run), no
#: forms, frames, plugins or <base>.
CSP = ("default-src 'none'; img-src data:; font-src data:; style-src 'unsafe-inline'; script-src 'none'; "
       "object-src 'none'; frame-src 'none'; connect-src 'none'; media-src 'none'; form-action 'none'; "
       "base-uri 'none'")
_CSP_META = f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)


def with_csp(page: str) -> str:
    """The page with the :data:`CSP` meta as the first element of its ``<head>`` (before anything that loads)."""
    page = page.replace(_CSP_META, "")
    match = _HEAD.search(page)
    if match is None:
        raise ValueError("with_csp needs a whole HTML page with a <head>.")
    return page[:match.end()] + _CSP_META + page[match.end():]


#: Attributes whose value is (or holds) a URL in HTML, SVG or MathML.
URL_ATTRIBUTES = frozenset({
    "src", "href", "srcset", "imagesrcset", "poster", "action", "formaction", "background", "xlink:href", "data",
    "cite", "longdesc", "usemap", "codebase", "archive", "classid", "manifest", "icon", "ping", "lowsrc", "dynsrc",
    "profile", "itemtype", "content",
})
_CSS_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE | re.DOTALL)
_CSS_IMPORT = re.compile(r"@import\s+(['\"])(.*?)\1", re.IGNORECASE | re.DOTALL)  # the url() form: _CSS_URL
_JS_IMPORT = re.compile(r"import\(\s*[\"'](?:https?:)?//[^\"']*", re.IGNORECASE)
_LOCAL_DATA = re.compile(r"data:(?:image/(?:png|jpeg|gif|webp|svg\+xml)|font/[\w.+-]+|application/(?:x-)?font-[\w.+-]+)"
                         r"[;,]", re.IGNORECASE)


def _external(url: str) -> bool:
    """A URL that leaves the page's folder: a scheme (data: only as an image or font), ``//`` or ``\\\\``."""
    url = _URL_NOISE.sub("", html.unescape(url or ""))
    if not url or url.startswith("#"):
        return False
    if url.lower().startswith("data:"):
        return not _LOCAL_DATA.match(url)
    return url.startswith(("//", "\\\\", "/\\")) or bool(_SCHEME.match(url))


class _URLScan(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._style = False

    def _css(self, css: str, where: str) -> None:
        for match in _CSS_URL.finditer(css):
            if _external(match.group(2)):
                self.found.append(f"{where} url({match.group(2)[:100]})")
        for match in _CSS_IMPORT.finditer(css):
            if _external(match.group(2)):
                self.found.append(f"{where} @import {match.group(2)[:100]}")

    def handle_starttag(self, tag, attrs):
        self._style = tag == "style"
        if tag == "base":
            self.found.append("<base> (changes where every relative link points)")
            return
        for name, value in attrs:
            value = value or ""
            if name == "style":
                self._css(value, f"<{tag} style>")
            elif name == "content" and tag == "meta":
                if dict(attrs).get("http-equiv", "").lower() == "refresh" and "url=" in value.lower():
                    self.found.append(f"<meta refresh> {value[:100]}")
            elif name in ("srcset", "imagesrcset"):
                urls = [part.strip().split(" ")[0] for part in value.split(",") if part.strip()]
                self.found += [f"<{tag} {name}={u[:100]}>" for u in urls if _external(u)]
            elif name in URL_ATTRIBUTES and name != "content" and _external(value):
                self.found.append(f"<{tag} {name}={value[:100]}>")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        self._style = False

    def handle_data(self, data):
        if self._style:
            self._css(data, "<style>")


def offline_problems(text: str) -> list[str]:
    """What in an HTML page would fetch from, or point to, somewhere outside it (empty list = self-contained).

    Every URL-bearing attribute (:data:`URL_ATTRIBUTES`: ``src``, ``href``, ``srcset``, ``poster``, ``action``,
    ``formaction``, ``background``, ``xlink:href``, ``data`` …), every CSS ``url()`` and ``@import`` (in
    ``<style>`` and ``style=""``), a ``<base>``, a meta refresh and a JavaScript ``import("//…")``. A URL
    passes when it is ``#…``, relative to the page's folder, or a ``data:`` image or font; anything with
    a scheme (``https:``, ``file:``, ``javascript:``, ``data:text/html``), ``//`` or ``\\\\`` is a problem.

    Examples
    --------
    >>> offline_problems('<img src="data:image/png;base64,AA"><a href="tables/x.csv">x</a>')
    []
    >>> offline_problems('<img src=//evil.example/x><p style="background:url(https://e.example/a)">')
    ['<img src=//evil.example/x>', '<p style> url(https://e.example/a)']
    """
    scan = _URLScan()
    scan.feed(text)
    scan.close()
    return scan.found + [m.group(0)[:120] for m in _JS_IMPORT.finditer(text)]
