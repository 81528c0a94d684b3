"""Recording headline figures and key tables from notebooks; the HTML report and index page.

Notebooks call :class:`Recorder`; the runner merges what they recorded into ``results.json``,
``tables/*.csv`` (UTF-8 with BOM, so Excel opens them) and one ``tables.xlsx``.
"""
from __future__ import annotations

import html
import json
import math
import platform
import re
from pathlib import Path
from typing import Any

import pandas as pd

from sqmkit.formulas import neutralise, neutralise_frame, text_cell
from sqmkit.safehtml import clean, md_text, offline_problems, with_csp
from sqmkit.report_failures import (failure_reason, mark_failed_cells, notebook_failures, notebook_title,
                                    one_line, show_failures, strip_ansi, user_error_names, write_error_log)
from sqmkit.webfont import embed_cjk_font

__all__ = ["Recorder", "show_findings", "show_table", "notebook_html", "build_report", "offline_problems", "md_text", "merge_results",
           "export_tables", "write_index", "scaffold_workbook", "template_columns", "notebook_failures",
           "failure_reason", "write_error_log", "strip_ansi", "mark_failed_cells"]


def _jsonable(value: Any) -> Any:
    if isinstance(value, (pd.Timestamp,)):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalar
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


class Recorder:
    """Collects a notebook's headline figures and key tables.

    Parameters
    ----------
    output_dir : str or Path
        The run's output folder (the runner passes it as the ``output_dir`` parameter).
        Empty: nothing is written (a live workshop session), figures are only kept in memory.
    notebook : str
        The notebook's name without suffix, e.g. ``"02_service_kpis"``.

    Examples
    --------
    >>> rec = Recorder("", notebook="02_service_kpis")
    >>> rec.headline("frt_median_min", 21.5, label="首次响应中位数", unit="min")
    >>> rec.headlines["frt_median_min"]["value"]
    21.5
    """

    def __init__(self, output_dir: str | Path, *, notebook: str):
        self.output_dir = Path(output_dir) if str(output_dir) else None
        self.notebook = notebook
        self.headlines: dict[str, dict[str, Any]] = {}
        self.tables: dict[str, pd.DataFrame] = {}

    def headline(self, key: str, value: Any, *, label: str | None = None, unit: str | None = None) -> None:
        """Record one headline figure (shown on the index page, read by tests)."""
        self.headlines[key] = {"value": _jsonable(value), "label": label or key, "unit": unit}
        self._write_results()

    def findings(self, findings: pd.DataFrame) -> None:
        """Record every row of a findings table (:mod:`sqmkit.findings`) that has a value as a headline figure."""
        for row in findings.itertuples(index=False):
            if row.value is not None and not (isinstance(row.value, float) and math.isnan(row.value)):
                self.headline(row.key, row.value, label=row.label, unit=row.unit or None)

    def table(self, name: str, data: pd.DataFrame) -> None:
        """Record a key table; exported as CSV and as a sheet of tables.xlsx.

        Text cells a spreadsheet could run (``=…``, ``+…``, ``-…``, ``@…``, tab, CR; not plain numbers) are
        written with a leading apostrophe (:func:`sqmkit.formulas.neutralise_frame`); ``self.tables`` keeps
        the frame as recorded.
        """
        self.tables[name] = data
        if self.output_dir is None:
            return
        folder = self.output_dir / "tables"
        folder.mkdir(parents=True, exist_ok=True)
        # CRLF (RFC 4180) also makes the csv module quote a value holding a lone CR, which "\n" would leave bare
        neutralise_frame(data).to_csv(folder / f"{self.notebook}__{name}.csv", index=False, encoding="utf-8-sig",
                                      lineterminator="\r\n")

    def _write_results(self) -> None:
        if self.output_dir is None:
            return
        folder = self.output_dir / "results"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{self.notebook}.json"
        path.write_text(json.dumps(self.headlines, ensure_ascii=False, indent=1, default=str), encoding="utf-8")


def show_findings(findings: pd.DataFrame, *, rec: Recorder | None = None) -> None:
    """Display the conclusion sentences of a findings table and record its figures (``rec``).

    Each sentence is one paragraph, shown as text (data values in it never turn into markup or links).
    """
    from IPython.display import Markdown, display

    if rec is not None:
        rec.findings(findings)
    sentences = [md_text(s) for s in findings["sentence"] if isinstance(s, str) and s.strip()]
    if sentences:
        display(Markdown("\n\n".join(sentences)))


# --------------------------------------------------------------------------------------------
# Tables as the client reads them
# --------------------------------------------------------------------------------------------

_P_COLUMNS = ("p_value", "p_welch", "p_mannwhitney")
def _cell_text(value: Any, column: str, *, lang: str, digits: int, integral: bool) -> str:
    return html.escape(_cell_display(value, column, lang=lang, digits=digits, integral=integral), quote=False)


def _cell_display(value: Any, column: str, *, lang: str, digits: int, integral: bool) -> str:
    from sqmkit.glossary import value_label

    if value is None or (not isinstance(value, (str, bytes, list, tuple, dict, set)) and bool(pd.isna(value))):
        return "—"
    if isinstance(value, pd.Timestamp):
        return f"{value:%Y-%m-%d}" if value == value.normalize() else f"{value:%Y-%m-%d %H:%M}"
    label = value_label(value, lang, column=column)
    if isinstance(label, str):
        return label
    if isinstance(value, (int,)) or (hasattr(value, "dtype") and getattr(value.dtype, "kind", "") in "iu"):
        return f"{int(value):,}"
    if isinstance(value, float) or hasattr(value, "dtype"):
        number = float(value)
        if column in _P_COLUMNS:
            return "< 0.001" if number < 0.001 else f"{number:.3f}"
        if integral:
            return f"{number:,.0f}"
        if 0 < abs(number) < 0.5 * 10 ** -digits:  # would round to 0: show its size
            return f"{number:.2g}"
        places = min(digits, 1) if column.endswith("_pct") or column in ("pct", "cum_pct") else digits
        return f"{number:,.{places}f}"
    return str(value)


def show_table(data: pd.DataFrame, *, lang: str = "zh", columns: list[str] | None = None, max_rows: int = 30,
               digits: int = 2, transpose: bool = False):
    """A table as the client reads it: translated headers and codes, no index, tidy numbers.

    Parameters
    ----------
    data : DataFrame
        A table with sqmkit's canonical column names. A named index (a pivot, a ``set_index``)
        is shown as leading columns; a plain 0, 1, 2 … index is left out.
    lang : {"zh", "en"}
        Language of headers and coded values (:mod:`sqmkit.glossary`); unknown names stay as they are.
    columns : list of str, optional
        Columns to show, in this order (default: all).
    max_rows : int
        Rows shown; longer tables are cut with a note pointing to the exported tables.
    digits : int
        Decimals of floats; integer-valued float columns show without decimals, percentages
        (``*_pct``) with at most one decimal, p values as ``< 0.001`` or three decimals.
    transpose : bool
        Show one column per row of ``data`` (headed by the first column's values) and one row per
        other column: for a few wide rows such as before/after. Cells keep their column's format.

    Returns
    -------
    pandas.io.formats.style.Styler
        Rendered by Jupyter; every header and cell is HTML-escaped, so text from the data
        (``<script>``) shows as text.

    Examples
    --------
    >>> t = show_table(pd.DataFrame({"category": ["等待时间"], "n": [12], "pct": [40.0]}), lang="zh")
    >>> ">占比（%）<" in t.to_html() and ">样本数<" in t.to_html()
    True
    """
    from sqmkit._checks import check_lang
    from sqmkit.exceptions import DataValidationError
    from sqmkit.glossary import column_label, message, text

    check_lang(lang)
    if not isinstance(data, pd.DataFrame):
        raise DataValidationError(message("table_not_a_frame", kind=type(data).__name__))
    frame = data
    if any(n is not None for n in frame.index.names):  # a pivot or set_index: the index is data
        frame = frame.reset_index()
    else:  # a plain (possibly filtered) 0, 1, 2 … index is noise for the client
        frame = frame.reset_index(drop=True)
    frame.columns = [" · ".join(map(str, c)) if isinstance(c, tuple) else c for c in frame.columns]
    if columns is not None:
        unknown = [c for c in columns if c not in frame.columns]
        if unknown:
            raise DataValidationError(message("table_no_such_columns", unknown=unknown, columns=list(frame.columns)))
        frame = frame[list(columns)]
    total = len(frame)
    frame = frame.head(max_rows)
    shown = pd.DataFrame({i: [
        _cell_text(v, str(c), lang=lang, digits=digits,
                   integral=bool(pd.api.types.is_float_dtype(frame.iloc[:, i])
                                 and frame.iloc[:, i].dropna().apply(float.is_integer).all()
                                 and len(frame.iloc[:, i].dropna()) > 0))
        for v in frame.iloc[:, i]] for i, c in enumerate(frame.columns)}, index=range(len(frame)))
    shown.columns = [html.escape(column_label(c, lang)) for c in frame.columns]
    if transpose and shown.shape[1] > 1:
        heads = shown.iloc[:, 0].tolist()
        shown = shown.iloc[:, 1:].T.reset_index()
        shown.columns = [html.escape(column_label("measure", lang))] + heads
    styler = shown.style.hide(axis="index")
    if total > max_rows:
        styler = styler.set_caption(html.escape(text("table_truncated", lang, shown=max_rows, total=total)))
    elif total == 0:
        styler = styler.set_caption(html.escape(text("table_empty", lang)))
    return styler


# --------------------------------------------------------------------------------------------
# Offline HTML of one executed notebook
# --------------------------------------------------------------------------------------------

_WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
_REMOTE_TAG = re.compile(
    r"<script\b[^>]*\bsrc\s*=\s*[\"']?(?:https?:)?//[^>]*>.*?</script\s*>"
    r"|<link\b[^>]*\bhref\s*=\s*[\"']?(?:https?:)?//[^>]*>",
    re.IGNORECASE | re.DOTALL,
)
_REMOTE_IMPORT = re.compile(r"@import\s+url\(\s*[\"']?(?:https?:)?//|import\(\s*[\"'](?:https?:)?//", re.IGNORECASE)


def _clean(fragment: str) -> str:
    """Sanitise an HTML fragment against sqmkit's allow-list (:func:`sqmkit.safehtml.clean`)."""
    return clean(fragment)


def _sanitize_outputs(nb) -> None:
    """Make every output safe and client-facing before rendering.

    HTML outputs are sanitised (:func:`_clean`); Markdown outputs are rendered to HTML first and
    then sanitised, so text from the data (a comment ``<script>alert(1)</script>``) shows
    escaped; JavaScript outputs and stderr streams (library warnings) are dropped: the executed
    notebook keeps them.
    """
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        kept = []
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and output.get("name") == "stderr":
                continue
            data = output.get("data")
            if data is not None:
                for mime in ("application/javascript", "text/javascript"):
                    data.pop(mime, None)
                if "text/markdown" in data:
                    data["text/html"] = _clean(markdown2html_mistune(data.pop("text/markdown")))
                elif "text/html" in data:
                    data["text/html"] = _clean(data["text/html"])
            kept.append(output)
        cell.outputs = kept


def _strip_widgets(nb) -> None:
    """Drop widget state (metadata and widget-view outputs); the text/plain fallback stays."""
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("widgets", None)
        for output in cell.get("outputs", []):
            data = output.get("data")
            if data and _WIDGET_MIME in data:
                data.pop(_WIDGET_MIME)
                if not data:
                    data["text/plain"] = ""




def notebook_html(notebook: str | Path, target: str | Path, *, lang: str = "zh",
                  stopped: tuple[str, str] | None = None, executed_as: str | None = None,
                  index_href: str = "index.html") -> Path:
    """Render an executed notebook as one offline HTML page without code.

    Inputs and prompts are left out, every HTML/Markdown output is sanitised (a ``<script>``
    in the data shows as text; see :func:`_sanitize_outputs`), widget state is stripped and nothing is loaded from the network:
    the page uses sqmkit's report template (``templates/report/sqmkit``), and any remote
    ``<script>``/``<link>`` left is removed.

    A failed cell shows no traceback: its error output becomes a short box in ``lang`` saying
    which section could not be computed (the heading above the cell) and why
    (:func:`failure_reason`), and a box under the title lists the failed sections; every other
    output stays. ``stopped`` (error name and message) marks a run that ended without an error
    output (a dead kernel, a timeout): the box then says where the page stops. The traceback
    stays in the executed notebook (and the run's ``logs/``), which the boxes name as
    ``executed_as`` (default ``notebooks/NAME.ipynb``). ``index_href``: the link back to the index
    (``../index.html`` for a page in ``failed/``).

    Returns
    -------
    Path
        The HTML file written.
    """
    import nbformat
    from nbconvert import HTMLExporter

    from sqmkit import resources
    from sqmkit.glossary import text

    nb = nbformat.read(str(notebook), as_version=4)
    _strip_widgets(nb)
    _sanitize_outputs(nb)
    show_failures(nb, lang=lang, notebook=executed_as or f"notebooks/{Path(notebook).name}", stopped=stopped)
    nb.metadata["title"] = notebook_title(nb, Path(notebook).stem)
    exporter = HTMLExporter(
        template_name="sqmkit", extra_template_basedirs=[str(resources.templates_folder() / "report")],
        exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True,
        require_js_url="", mathjax_url="", embed_images=True, language_code=lang,  # nbconvert takes ISO 639-1 only
    )
    page_texts = {"sqmkit_index_href": index_href, "sqmkit_back_label": text("page_back_to_index", lang),
                  "sqmkit_image_alt": text("page_chart_alt", lang)}
    body, _ = exporter.from_notebook_node(nb, resources=page_texts)
    body = _REMOTE_TAG.sub("", body)
    body = _REMOTE_IMPORT.sub("/* removed: remote import */ (", body)
    body = with_csp(embed_cjk_font(body))
    target = Path(target)
    target.write_text(body, encoding="utf-8")
    return target


# --------------------------------------------------------------------------------------------
# Results, tables, run log and the index page
# --------------------------------------------------------------------------------------------

def merge_results(folder: str | Path) -> dict[str, dict[str, Any]]:
    """Merge ``results/<notebook>.json`` (written by :class:`Recorder`) into ``results.json``.

    The merged file maps notebook name → headline key → ``{value, label, unit}``.
    """
    folder = Path(folder)
    merged: dict[str, dict[str, Any]] = {}
    for path in sorted((folder / "results").glob("*.json")):
        merged[path.stem] = json.loads(path.read_text(encoding="utf-8"))
    (folder / "results.json").write_text(json.dumps(merged, ensure_ascii=False, indent=1), encoding="utf-8")
    return merged


def _sheet_name(stem: str, used: set[str]) -> str:
    name = re.sub(r"[\[\]:*?/\\]", "_", stem.replace("__", "_"))[:31]
    base, i = name, 2
    while name.lower() in used:
        suffix = f"~{i}"
        name = base[: 31 - len(suffix)] + suffix
        i += 1
    used.add(name.lower())
    return name


def export_tables(folder: str | Path) -> Path | None:
    """Collect ``tables/*.csv`` into one ``tables.xlsx``: a ``contents`` sheet (sheet, notebook,
    table, rows, csv) and one sheet per table (names ≤ 31 characters, Excel's limit).

    Values only: every text cell is neutralised (:func:`sqmkit.formulas.neutralise_frame`, also for CSVs a
    report carried over from an older run) and written as a string cell; no cell of the file is a formula.
    """
    folder = Path(folder)
    csvs = sorted((folder / "tables").glob("*.csv"))
    if not csvs:
        return None
    target = folder / "tables.xlsx"
    used: set[str] = {"contents"}
    contents = []
    with pd.ExcelWriter(target, engine="openpyxl") as writer:
        pd.DataFrame().to_excel(writer, sheet_name="contents")  # placeholder, filled below
        for path in csvs:
            try:
                frame = pd.read_csv(path, encoding="utf-8-sig")
            except pd.errors.EmptyDataError:
                frame = pd.DataFrame()
            sheet = _sheet_name(path.stem, used)
            notebook, _, table = path.stem.partition("__")
            contents.append({"sheet": sheet, "notebook": notebook, "table": table or notebook,
                             "rows": len(frame), "csv": f"tables/{path.name}"})
            neutralise_frame(frame).to_excel(writer, sheet_name=sheet, index=False)
        neutralise_frame(pd.DataFrame(contents)).to_excel(writer, sheet_name="contents", index=False)
        for worksheet in writer.book.worksheets:  # values only, whatever a cell holds
            for row in worksheet.iter_rows():
                for cell in row:
                    if cell.data_type == "f":
                        text_cell(cell, neutralise(str(cell.value)))
    return target


def _versions() -> dict[str, str]:
    import sqmkit

    out = {"python": platform.python_version(), "sqmkit": sqmkit.__version__}
    for name in ("pandas", "numpy", "matplotlib", "papermill", "nbconvert", "ipykernel"):
        try:
            out[name] = __import__(name).__version__
        except Exception:  # pragma: no cover - a missing optional package
            out[name] = "not installed"
    return out


def _t(key: str, lang: str) -> str:
    """A text of the index page (glossary key ``index_<key>``, :mod:`sqmkit.glossary.health`)."""
    from sqmkit.glossary import text

    return text(f"index_{key}", lang)


def _fmt(value: Any, lang: str = "en", key: str | None = None) -> str:
    """A headline value for the index page; coded values get their label (``key`` scopes the lookup)."""
    from sqmkit.glossary import value_label

    if value is None:
        return "—"
    if isinstance(value, bool):
        return str(value_label(value, lang))
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer() and abs(value) < 1e15):
        return f"{int(value):,}"
    if isinstance(value, float):
        if 0 < value < 0.001:  # a p value
            return "< 0.001"
        return f"{value:,.1f}" if abs(value) >= 10 else f"{value:,.2f}"
    return str(value_label(value, lang, column=key))


_INDEX_CSS = """
body { margin: 0; background: #f5f6f8; color: #1d2430;
  font-family: "sqmkit CJK", "Helvetica Neue", Arial, "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
               "WenQuanYi Micro Hei", sans-serif; line-height: 1.6; }
header { background: #1f3b63; color: #fff; padding: 28px 48px 22px; }
header h1 { margin: 0 0 4px; font-size: 26px; font-weight: 600; }
header .client { font-size: 16px; opacity: .85; }
header .meta { font-size: 13px; opacity: .75; margin-top: 8px; }
main { max-width: 1150px; margin: 24px auto 48px; padding: 0 24px; }
.banner { padding: 12px 18px; border-radius: 6px; margin-bottom: 20px; font-weight: 500; }
.banner.ok { background: #e6f4ea; color: #1e6b34; } .banner.failed { background: #fdecea; color: #a1261b; }
.banner.empty { background: #fff4dc; color: #8a5a00; }
section { background: #fff; border-radius: 8px; box-shadow: 0 1px 4px rgba(0,0,0,.08); padding: 18px 24px; margin-bottom: 20px; }
section h2 { font-size: 18px; margin: 0 0 12px; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; padding: 8px 10px; border-bottom: 1px solid #e4e7ec; vertical-align: top; }
th { background: #eef2f7; font-weight: 600; }
a { color: #1f5fa8; text-decoration: none; } a:hover { text-decoration: underline; }
td.status, td.duration { white-space: nowrap; }
.badge { display: inline-block; padding: 1px 10px; border-radius: 10px; font-size: 12px; font-weight: 600; }
.badge.ok { background: #e6f4ea; color: #1e6b34; } .badge.failed { background: #fdecea; color: #a1261b; }
.badge.stale { background: #fff4dc; color: #8a5a00; }
.from { color: #6b7480; font-size: 12px; margin-top: 4px; }
.links { font-size: 13px; margin-top: 4px; }
.error { color: #a1261b; font-size: 13px; margin-top: 4px; white-space: pre-wrap; }
.nbname { font-size: 12px; color: #6b7480; }
ul.figs { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 6px 10px; }
ul.figs li { background: #f3f6fa; border-radius: 4px; padding: 2px 8px; font-size: 13px; }
ul.figs b { font-size: 14px; }
ul.files { columns: 2; font-size: 14px; }
footer { text-align: center; font-size: 12px; color: #8a929c; margin: 24px 0; }
"""


def _index_reason(nb: Any, lang: str) -> str:
    """The short reason of a failed notebook on the index page: section and why, one line, no traceback."""
    from sqmkit.glossary import text

    reason = getattr(nb, "reason", "") or failure_reason(nb.ename, nb.evalue, lang=lang)
    detail = "" if nb.ename in user_error_names() else one_line(nb.ename, nb.evalue)
    reason = next((line.strip() for line in reason.splitlines() if line.strip()), reason)
    if len(reason) > 300:
        reason = reason[:300].rstrip() + " …"
    if detail:
        reason = f"{reason} ({detail})"
    section = getattr(nb, "section", "") or (f'{_t("failed_at", lang)} {nb.cell_index}'
                                             if nb.cell_index is not None else nb.name)
    line = text("failed_index", lang, section=section, reason=reason)
    more = len(getattr(nb, "failures", None) or []) - 1
    return line + (f" · {text('failed_more', lang, n=more)}" if more > 0 else "")


def _when(stamp: Any) -> str:
    """An ISO time stamp of run.json as the index shows it: ``2025-06-01 10:00``."""
    return str(stamp or "?")[:16].replace("T", " ")


def _pages(summary: Any) -> list[dict[str, Any]]:
    """The pages of the report: ``summary.pages`` (merged, see :mod:`sqmkit.report_merge`), else the run's notebooks."""
    from sqmkit.report_merge import page_of

    pages = getattr(summary, "pages", None)
    if pages:
        return pages
    run = {"id": getattr(summary, "run_id", ""), "started": summary.started}
    return [page_of(nb, run) for nb in summary.notebooks]


def _status_cell(page: dict[str, Any], *, this_run: str, lang: str) -> str:
    """Badge and notes of one page on the index: failed with its reason; stale with its run, this run's error, links."""
    from types import SimpleNamespace

    from sqmkit.glossary import text

    esc = html.escape
    status = page.get("status", "failed")
    badge = {"ok": ("ok", _t("ok", lang)), "stale": ("stale", text("stale_badge", lang))}.get(
        status, ("failed", _t("failed", lang)))
    cell = f'<span class="badge {badge[0]}">{esc(badge[1])}</span>'
    run = page.get("run") or {}
    if run.get("id") and run.get("id") != this_run:
        cell += f'<div class="from">{esc(text("page_from_run", lang, when=_when(run.get("started"))))}</div>'
    if status == "failed":
        cell += f'<div class="error">{esc(_index_reason(SimpleNamespace(**{**_RESULT_DEFAULTS, **page}), lang))}</div>'
    elif status == "stale":
        failed = SimpleNamespace(**{**_RESULT_DEFAULTS, **page["stale"], "name": page["name"]})
        cell += f'<div class="error">{esc(text("stale_failed", lang, reason=_index_reason(failed, lang)))}</div>'
        files = page["stale"].get("files") or []
        links = [(page["stale"].get("html"), text("stale_failed_page", lang)),
                 (f"logs/{page['name']}.errors.log", text("stale_error_log", lang))]
        shown = [f'<a href="{esc(href)}">{esc(label)}</a>' for href, label in links if href and href in files]
        if shown:
            cell += f'<div class="links">{" · ".join(shown)}</div>'
    return cell


def _health_figure(results: dict[str, dict[str, Any]], key: str) -> Any:
    """A figure the data-health page recorded (None when the report has none)."""
    figures = results.get("00_data_health") or {}
    return (figures.get(key) or {}).get("value")


def _data_state(results: dict[str, dict[str, Any]]) -> str:
    """What the data-health page of this report says about the workbook: ``"empty"`` (no table holds a row),
    ``"partial"`` (some tables missing), ``"full"``, or ``""`` when the report has no data-health figures."""
    rows, missing = _health_figure(results, "rows"), _health_figure(results, "tables_missing")
    if rows is None:
        return ""
    if not rows:
        return "empty"
    return "partial" if missing else "full"


_RESULT_DEFAULTS = {"name": "", "ename": "", "evalue": "", "reason": "", "section": "", "cell_index": None,
                    "failures": []}


def write_index(folder: str | Path, summary: Any, *, results: dict[str, dict[str, Any]],
                config: dict[str, Any], lang: str = "zh", titles: dict[str, str] | None = None) -> Path:
    """Write ``index.html``: client and title, each page's status, duration, headline figures, links.

    Every page of the merged report is listed (``summary.pages``): a page that this run did not
    produce says from which run it is; a stale page (its notebook failed in this run, its last good
    version is shown) says so with this run's error in short and links to this run's failed page and
    error log. The banner counts this run's notebooks and, from the data-health page's figures, says when
    the workbook holds no data (the notebooks ran but had nothing to analyse) or lacks some tables.
    """
    from sqmkit.glossary import text

    folder = Path(folder)
    esc = html.escape
    titles = titles or {}
    pages = _pages(summary)
    this_run = getattr(summary, "run_id", "")
    client = esc(str(config.get("client") or ""))
    title = esc(str(config.get("title") or "sqmkit"))
    n, failed = len(summary.notebooks), len(summary.failed)
    ran = {nb.name for nb in summary.notebooks}
    stale = sum(1 for p in pages if p.get("status") == "stale")
    carried = sum(1 for p in pages if p.get("name") not in ran)
    data = _data_state(results)
    if failed:
        line = text("summary_failed", lang, k=failed, n=n)
    elif data == "empty":
        line = text("summary_empty", lang, n=n)
    else:
        line = text("summary_ok", lang, n=n)
    if data == "partial" and not failed:
        line += " · " + text("summary_missing", lang, m=_health_figure(results, "tables_missing"))
    if stale:
        line += " · " + text("summary_stale", lang, s=stale)
    if carried:
        line += " · " + text("summary_kept", lang, c=carried)
    state = "failed" if failed else ("empty" if data == "empty" else "ok")
    banner = f'<div class="banner {state}">{esc(line)}</div>'
    rows = []
    for page in pages:
        name = page["name"]
        label = esc(titles.get(name, name))
        link = f'<a href="{esc(page["html"])}">{label}</a>' if page.get("html") else label
        figs = results.get(name) or {}
        items = "".join(
            f'<li>{esc(str(h.get("label") or k))}: <b>{esc(_fmt(h.get("value"), lang, k))}</b>'
            f'{(" " + esc(str(h["unit"]))) if h.get("unit") else ""}</li>' for k, h in figs.items())
        figs_html = f'<ul class="figs">{items}</ul>' if items else esc(_t("none", lang))
        rows.append(f'<tr><td>{link}<div class="nbname">{esc(name)}</div></td>'
                    f'<td class="status">{_status_cell(page, this_run=this_run, lang=lang)}</td>'
                    f'<td class="duration">{float(page.get("duration_s") or 0):.1f} s</td><td>{figs_html}</td></tr>')
    tables = sorted((folder / "tables").glob("*.csv"))
    table_items = "".join(f'<li><a href="tables/{esc(p.name)}">{esc(p.stem)}</a></li>' for p in tables)
    xlsx = (f'<p><a href="tables.xlsx">{esc(_t("all_tables", lang))}</a> · tables.xlsx</p>'
            if (folder / "tables.xlsx").exists() else "")
    tables_html = (f'<section><h2>{esc(_t("tables", lang))}</h2>{xlsx}<ul class="files">{table_items}</ul></section>'
                   if tables else "")
    file_items = ['<li><a href="results.json">results.json</a></li>', '<li><a href="run.json">run.json</a></li>']
    executed = [p.get("notebook") for p in pages] + [(p.get("stale") or {}).get("notebook") for p in pages]
    file_items += [f'<li><a href="{esc(nb)}">{esc(nb)}</a></li>' for nb in executed if nb and (folder / nb).is_file()]
    file_items += [f'<li><a href="logs/{esc(p.name)}">logs/{esc(p.name)}</a></li>'
                   for p in sorted((folder / "logs").glob("*.errors.log"))]
    page_html = f"""<!DOCTYPE html>
<html lang="{text('index_html_lang', lang)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title><style>{_INDEX_CSS}</style></head>
<body>
<header><h1>{title}</h1><div class="client">{client}</div>
<div class="meta">{esc(_t("workbook", lang))}: {esc(str(summary.workbook))} · {esc(_t("generated", lang))}: {esc(summary.ended)} · {summary.duration_s:.0f} s</div></header>
<main>
{banner}
<section><h2>{esc(_t("run", lang))}</h2>
<table><thead><tr><th>{esc(_t("notebook", lang))}</th><th>{esc(_t("status", lang))}</th><th>{esc(_t("duration", lang))}</th><th>{esc(_t("headlines", lang))}</th></tr></thead>
<tbody>{''.join(rows)}</tbody></table></section>
{tables_html}
<section><h2>{esc(_t("files", lang))}</h2><ul class="files">{''.join(file_items)}</ul></section>
</main>
<footer>{esc(_t("footer", lang))}</footer>
</body></html>
"""
    target = folder / "index.html"
    target.write_text(with_csp(embed_cjk_font(page_html)), encoding="utf-8")
    return target


def build_report(folder: str | Path, summary: Any, *, config: dict[str, Any], lang: str = "zh",
                 previous: Any = None, prior: dict[str, dict[str, Any]] | None = None) -> Path:
    """Finish a run's output folder: the merged pages, results.json, tables.xlsx, run.json, index.html, marker.

    The per-notebook pages are written by the runner right after each notebook
    (:func:`notebook_html`). ``previous`` (:class:`sqmkit.report_folder.Previous`) and ``prior``
    (its pages, :func:`sqmkit.report_merge.previous_pages`) are the report this one replaces: its
    pages that this run keeps, and what it held that sqmkit did not write, are brought in
    (:mod:`sqmkit.report_merge`); results.json, tables.xlsx and the index are then built from the
    merged set. Last, the marker ``.sqmkit-report`` lists every file sqmkit wrote. Sets
    ``summary.pages``. Returns the index page.
    """
    import shutil

    import nbformat

    from sqmkit import report_folder, report_merge

    folder = Path(folder)
    pages = report_merge.merge_pages(folder, summary, previous, prior or {})
    if hasattr(summary, "pages"):
        summary.pages = pages
    stamp = getattr(summary, "run_id", "") or "run"
    foreign, notes = report_merge.carry_foreign(previous, folder, stamp)
    if hasattr(summary, "notes"):
        summary.notes.extend(notes)
    shutil.rmtree(folder / ".work", ignore_errors=True)
    results = merge_results(folder)
    export_tables(folder)
    titles = {}
    for page in pages:
        path = folder / str(page.get("notebook") or "")
        if page.get("notebook") and path.is_file():
            try:
                titles[page["name"]] = notebook_title(nbformat.read(str(path), as_version=4), page["name"])
            except Exception:  # unreadable executed notebook: keep the file name
                titles[page["name"]] = page["name"]
    log = summary.to_dict()
    log["notebooks"] = pages
    log.update({"format": report_folder.FORMAT, "client": config.get("client"), "title": config.get("title"),
                "lang": lang, "status": "failed" if summary.failed else "ok", "versions": _versions()})
    (folder / "run.json").write_text(json.dumps(log, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    index = write_index(folder, summary, results=results, config=config, lang=lang, titles=titles)
    for page in [index, *folder.glob("*.html"), *folder.glob("failed/*.html")]:
        problems = offline_problems(page.read_text(encoding="utf-8"))
        if problems:  # pragma: no cover - guarded by notebook_html; kept as a last check
            raise RuntimeError(f"{page.name} would load from the network: {problems}")
    skip = set(foreign) | {report_folder.MARKER}
    files = [p.relative_to(folder).as_posix() for p in sorted(folder.rglob("*"))
             if (p.is_file() or p.is_symlink()) and p.relative_to(folder).as_posix() not in skip]
    report_folder.write_marker(folder, run_id=stamp, state="complete", files=files)
    return index


# --------------------------------------------------------------------------------------------
# Scaffolding a new workbook (``sqmkit new``)
# --------------------------------------------------------------------------------------------

def template_columns(lang: str = "zh") -> dict[str, list[dict[str, Any]]]:
    """Per table of the data contract (:mod:`sqmkit.schemas`), its template columns and their meaning.

    Each column: ``header`` (first Chinese alias for ``lang="zh"``, else the canonical name),
    ``name``, ``type``, ``required``, ``meaning``.
    """
    from sqmkit.glossary import pick, value_label
    from sqmkit.schemas import TABLES

    out: dict[str, list[dict[str, Any]]] = {}
    for name, table in TABLES.items():
        cols = []
        for c in table.columns:
            kind = value_label(c.kind, lang, column="kind")
            if c.choices:
                kind = f"{kind} {', '.join(c.choices)}"
            if c.min is not None or c.max is not None:
                low = "" if c.min is None else f"{c.min:g}"
                high = "" if c.max is None else f"{c.max:g}"
                kind += f" [{low}–{high}]"
            cols.append({"header": pick(c.zh[0] if c.zh else "", c.name, lang), "name": c.name, "type": kind,
                         "required": c.required, "meaning": pick(c.help_zh, c.help_en, lang)})
        out[name] = cols
    return out


def scaffold_workbook(folder: str | Path, *, lang: str = "zh") -> Path:
    """Create a new workbook folder: sqmkit.yaml, header-only tables in data/, an XLSX template, a README.

    ``data/NAME.csv`` (UTF-8 with BOM, headers in ``lang``) for every table of the data contract
    (:mod:`sqmkit.schemas`): fill them in place; a header-only table counts as absent, so unfilled
    optional tables do no harm. ``templates/workbook_template.xlsx`` holds a README sheet (every
    column explained) and one sheet per table, for those who prefer Excel: save a filled sheet as
    ``data/NAME.xlsx`` and delete ``data/NAME.csv``. ``README.md`` explains every column too.

    Raises
    ------
    ConfigError
        When ``folder`` exists and is not empty, or ``lang`` is not zh/en.
    """
    from sqmkit import resources
    from sqmkit.exceptions import ConfigError
    from sqmkit.glossary import message, pick, text, value_label
    from sqmkit.schemas import TABLES

    if lang not in ("zh", "en"):
        raise ConfigError(message("scaffold_lang", value=repr(lang)))
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise ConfigError(message("scaffold_is_file", folder=repr(str(folder))))
    if folder.exists() and any(folder.iterdir()):
        raise ConfigError(message("scaffold_not_empty", folder=repr(str(folder))))
    try:
        (folder / "data").mkdir(parents=True, exist_ok=True)
        (folder / "templates").mkdir(exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise ConfigError(message("scaffold_parent_is_file", folder=repr(str(folder)))) from None
    except OSError as err:
        raise ConfigError(message("scaffold_cannot_create", folder=repr(str(folder)),
                                  reason=str(err.strerror or err))) from None
    (folder / "sqmkit.yaml").write_text(
        (resources.templates_folder() / f"sqmkit.{lang}.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    columns = template_columns(lang)
    headings = text("scaffold_readme_columns", lang).split(",")   # table, column, name, type, required, meaning
    readme_rows = []
    md = [f"# {text('scaffold_readme_title', lang)}", "", text("scaffold_readme_steps", lang, folder=folder.name), ""]
    with pd.ExcelWriter(folder / "templates" / "workbook_template.xlsx", engine="openpyxl") as writer:
        for name, cols in columns.items():
            headers = [c["header"] for c in cols]
            pd.DataFrame(columns=headers).to_csv(folder / "data" / f"{name}.csv", index=False, encoding="utf-8-sig")
            pd.DataFrame(columns=headers).to_excel(writer, sheet_name=name[:31], index=False)
            table = TABLES[name]
            md += [f"## {name}", "", pick(table.help_zh, table.help_en, lang), "",
                   "| " + " | ".join(headings[1:]) + " |", "|---|---|---|---|---|"]
            for c in cols:
                req = value_label(True, lang) if c["required"] else ""
                md.append(f"| {c['header']} | {c['name']} | {c['type']} | {req} | {c['meaning']} |")
                readme_rows.append({"table": name, "column": c["header"], "name": c["name"], "type": c["type"],
                                    "required": req, "meaning": c["meaning"]})
            md.append("")
        readme = pd.DataFrame(readme_rows)
        readme.columns = headings
        readme.to_excel(writer, sheet_name="README", index=False)
        book = writer.book
        book.move_sheet("README", offset=-(len(book.sheetnames) - 1))
    (folder / "README.md").write_text("\n".join(md), encoding="utf-8")
    return folder
