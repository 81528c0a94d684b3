"""The messages of reading and validating a workbook (files, dates, tables, sqmkit.yaml, saving back): what
``sqmkit validate`` prints for a bad workbook and the notes of what was decided on the way.

Each entry is a template ``{"zh": ..., "en": ...}`` with ``{fields}``; the raise sites build them with
``glossary.message(key, **fields)`` and the reader sees them in the workbook's language (``err.text(lang)``,
``glossary.render(note, lang)``). A field may be a message itself (a problem and its fix inside the sentence
that names the file), or ``message("lang_pair", zh=..., en=...)`` for a value written differently in each
language (a list joined with 、 or with commas, a column's help text). Keys ending in ``_fix`` are the fix of
the problem of the same key without it. The English text is the one tests match with ``pytest.raises(match=)``.
"""
from __future__ import annotations

COLUMNS: dict[str, dict[str, str]] = {}
VALUES: dict[str, dict[object, dict[str, str]]] = {}

_GENERAL = {
    "cli_no_workbook": {"zh": "找不到工作簿文件夹 {path}。", "en": "There is no workbook folder {path}."},
    # a value written differently in each language (a list, a column's help text)
    "lang_pair": {"zh": "{zh}", "en": "{en}"},
    # the frames that name where a problem is and how to fix it
    "problem_fix": {"zh": "{label}：{problem}。解决办法：{fix}。", "en": "{label}: {problem}. Fix: {fix}"},
    "column_problem_fix": {"zh": "{label}：列 '{column}' {problem}。解决办法：{fix}。",
                           "en": "{label}: column '{column}': {problem}. Fix: {fix}."},
    "data_problem": {"zh": "{label}：{where}：{count}{problem}——第 {rows} 行{values}。解决办法：{fix}。",
                     "en": "{label}: {where}: {problem} in {count} — rows {rows}{values}. Fix: {fix}."},
    "source_sheet": {"zh": "{path}（工作表 '{sheet}'）", "en": "{path} (sheet '{sheet}')"},
    "file_prefixed": {"zh": "{label}：{problem}", "en": "{label}: {problem}"},
    "where_column": {"zh": "列 '{column}'", "en": "column '{column}'"},
    "where_column_header": {"zh": "列 '{column}'（表头 '{header}'）", "en": "column '{column}' (header '{header}')"},
    "where_whole_table": {"zh": "表", "en": "table"},
    "count_row": {"zh": "{n} 行", "en": "{n} row"},
    "count_rows": {"zh": "{n} 行", "en": "{n} rows"},
    "rows_more": {"zh": "{rows} 等（另有 {more} 行）", "en": "{rows} and {more} more"},
    "values_shown": {"zh": "（值：{values}）", "en": " (values {values})"},
    "table_problems_headline": {"zh": "{label} 有 {n} 个问题", "en": "{label} has {n} problem(s)"},
    "workbook_problems_headline": {"zh": "工作簿 {folder} 有 {n} 个数据问题",
                                   "en": "The workbook {folder} has {n} data problem(s)"},
}

# sqmkit/files.py: which files, their format, encoding and delimiter
_FILES = {
    "file_link_outside": {"zh": "是指向 {target} 的链接，不在工作簿的 data/ 文件夹内",
                          "en": "is a link to {target}, outside the workbook's data/ folder"},
    "file_link_outside_fix": {"zh": "把文件本身复制到 data/，不要用链接", "en": "copy the file into data/ instead of linking to it"},
    "file_cannot_open": {"zh": "无法打开（{error}）", "en": "cannot be opened ({error})"},
    "file_cannot_open_fix": {"zh": "检查文件是否存在、你是否有读取权限", "en": "check that the file exists and you may read it"},
    "file_is_folder": {"zh": "是一个文件夹，不是文件", "en": "is a folder, not a file"},
    "file_is_folder_fix": {"zh": "把数据表文件本身放进 data/，不要放文件夹",
                           "en": "put the table's file itself in data/, not a folder"},
    "file_not_regular": {"zh": "不是普通文件（而是命名管道、套接字或设备）",
                         "en": "is not a regular file (a named pipe, socket or device)"},
    "file_not_regular_fix": {"zh": "把数据表另存为普通的 .csv 或 .xlsx 文件",
                             "en": "save the table as an ordinary .csv or .xlsx file"},
    "file_no_permission": {"zh": "无法读取（没有权限）", "en": "cannot be read (permission denied)"},
    "file_no_permission_fix": {"zh": "给自己开通该文件的读取权限", "en": "give yourself read permission on the file"},
    "file_other_format": {"zh": "是{kind}，sqmkit 不读取这种格式", "en": "is {kind}, which sqmkit does not read"},
    "file_other_format_fix": {"zh": "在 Excel 中另存为 .xlsx 或“CSV UTF-8”（或在文件名前加“_”，不纳入分析）",
                              "en": "save it from Excel as .xlsx or as CSV UTF-8 (or start its name with '_' to "
                                    "keep it out of the analysis)"},
    "format_xls": {"zh": " Excel 97–2003 工作簿", "en": "an Excel 97–2003 workbook"},
    "format_xlsm": {"zh": "启用宏的工作簿", "en": "a macro-enabled workbook"},
    "format_xlsb": {"zh": "二进制 Excel 工作簿", "en": "a binary Excel workbook"},
    "format_ods": {"zh": " OpenDocument 电子表格", "en": "an OpenDocument spreadsheet"},
    "format_numbers": {"zh": " Numbers 文稿", "en": "a Numbers document"},
    "format_json": {"zh": " JSON 文件", "en": "JSON"},
    "format_xml": {"zh": " XML 文件", "en": "XML"},
    "format_suffix": {"zh": " '{suffix}' 文件", "en": "a '{suffix}' file"},
    "file_unknown_table": {"zh": "'{stem}' 不是 sqmkit 认识的数据表", "en": "'{stem}' is not a table sqmkit knows"},
    "file_unknown_table_fix": {"zh": "把文件改名为以下之一：{known}（或在文件名前加“_”，不纳入分析）",
                               "en": "rename the file to one of {known} (or start its name with '_' to keep it out "
                                     "of the analysis)"},
    "xlsx_no_data_sheet": {"zh": "没有数据工作表（只有说明页）", "en": "has no data sheet (only README)"},
    "xlsx_no_data_sheet_fix": {"zh": "把数据放在名为 '{table}' 的工作表上", "en": "put the table on a sheet named '{table}'"},
    "xlsx_no_table_sheet": {"zh": "有 {count} 个工作表 {sheets}，但没有一个名为 '{table}'",
                            "en": "has {count} sheets {sheets} and none is named '{table}'"},
    "xlsx_no_table_sheet_fix": {"zh": "把存放该数据表的工作表命名为 '{table}'（以其他数据表命名的工作表会按那些表读取）",
                                "en": "name the sheet that holds the table '{table}' (sheets named after other tables "
                                      "are read as those tables)"},
    "xlsx_unknown": {"zh": "'{stem}' 不是 sqmkit 认识的数据表，其工作表 {sheets} 也都不是以数据表命名的",
                     "en": "'{stem}' is not a table sqmkit knows and none of its sheets {sheets} is named after a "
                           "table"},
    "xlsx_unknown_fix": {"zh": "把文件或其工作表改名为数据表名，如 {examples}",
                         "en": "rename the file, or its sheets, to table names such as {examples}"},
    "xlsx_empty": {"zh": "是空文件", "en": "is empty"},
    "xlsx_empty_fix": {"zh": "按模板填写，或删除该文件", "en": "fill it from the template or delete it"},
    "xlsx_too_big": {"zh": "有 {size:,.0f} MiB，超过 sqmkit 读取 XLSX 的上限（{limit:,.0f} MiB）",
                     "en": "is {size:,.0f} MiB, more than sqmkit reads from XLSX ({limit:,.0f} MiB)"},
    "xlsx_too_big_fix": {"zh": "把数据表另存为 Parquet（data/表名.parquet）或 CSV，读取更快、占用内存更少",
                         "en": "save the table as Parquet (data/NAME.parquet) or CSV, which are read faster and in "
                               "less memory"},
    "xlsx_encrypted": {"zh": "设有密码保护（已加密）", "en": "is password-protected (encrypted)"},
    "xlsx_encrypted_fix": {"zh": "在 Excel 中打开，取消密码（文件 > 信息 > 保护工作簿），然后重新保存",
                           "en": "open it in Excel, remove the password (File > Info > Protect Workbook), and save it "
                                 "again"},
    "xlsx_is_xls": {"zh": "是旧版 Excel 97–2003（.xls）工作簿，却用了 .xlsx 扩展名",
                    "en": "is an old Excel 97–2003 (.xls) workbook with an .xlsx name"},
    "xlsx_is_xls_fix": {"zh": "在 Excel 中打开，另存为“Excel 工作簿 (*.xlsx)”",
                        "en": "open it in Excel and save it as 'Excel Workbook (*.xlsx)'"},
    "xlsx_not_xlsx": {"zh": "不是 Excel 工作簿（内容不是 XLSX 格式）",
                      "en": "is not an Excel workbook (its content is not XLSX)"},
    "xlsx_not_xlsx_fix": {"zh": "在 Excel 中另存为“Excel 工作簿 (*.xlsx)”，或存为 CSV 并使用 .csv 扩展名",
                          "en": "save it from Excel as 'Excel Workbook (*.xlsx)', or as CSV with a .csv name"},
    "xlsx_damaged": {"zh": "已损坏或不完整，无法读取（{error}）", "en": "is damaged or truncated and cannot be read ({error})"},
    "xlsx_damaged_fix": {"zh": "用 Excel 打开（Excel 会尽量修复）后重新保存，或重新导出该数据表",
                         "en": "open it in Excel (which repairs what it can) and save it again, or export the table "
                               "anew"},
    "sheet_unreadable": {"zh": "无法读取（{error}）", "en": "cannot be read ({error})"},
    "sheet_unreadable_fix": {"zh": "在 Excel 中打开，重新另存为“Excel 工作簿 (*.xlsx)”",
                             "en": "open it in Excel and save it again as 'Excel Workbook (*.xlsx)'"},
    "parquet_unreadable": {"zh": "无法按 Parquet 格式读取（{error}）", "en": "cannot be read as Parquet ({error})"},
    "parquet_unreadable_fix": {"zh": "重新写出该文件", "en": "write the file again"},
    "text_not_gbk": {"zh": "文件既不是 UTF-8 也不是 GBK/GB18030 编码的文本",
                     "en": "the file is neither UTF-8 nor GBK/GB18030 text"},
    "text_bad_utf16": {"zh": "文件以 UTF-16 标记开头，但内容不是 UTF-16 文本",
                       "en": "the file starts with a UTF-16 mark but is not UTF-16 text"},
    "text_encoding_fix": {"zh": "在 Excel 中选择 文件 > 另存为 >“CSV UTF-8（逗号分隔）”",
                          "en": "in Excel use File > Save As > 'CSV UTF-8 (comma delimited)'"},
    "text_other_encoding": {"zh": "文件看起来是 {encoding}编码的文本，而不是 GBK/GB18030 中文（按 GBK 读出来是 {sample!r}）",
                            "en": "the file looks like {encoding} text, not GBK/GB18030 Chinese (read as GBK its "
                                  "text would be {sample!r})"},
    "text_other_encoding_fix": {"zh": "在生成该文件的软件中另存为“CSV UTF-8”，或把它转换为 UTF-8",
                                "en": "open it where it was made and save it as 'CSV UTF-8', or convert it to UTF-8"},
    "encoding_shift_jis": {"zh": "Shift-JIS（日文）", "en": "Shift-JIS (Japanese)"},
    "encoding_big5": {"zh": "Big5（繁体中文）", "en": "Big5 (Traditional Chinese)"},
    "encoding_other": {"zh": "另一种", "en": "another encoding"},
    "text_too_big": {"zh": "文件有 {size:,.0f} MiB，超过 sqmkit 读取文本文件的上限（{limit:,.0f} MiB）",
                     "en": "the file is {size:,.0f} MiB, more than sqmkit reads from text files ({limit:,.0f} MiB)"},
    "text_too_big_fix": {"zh": "把数据表另存为 Parquet（data/表名.parquet，例如用 pandas 的 to_parquet），按列读取，占用内存少得多",
                         "en": "save the table as Parquet (data/NAME.parquet, e.g. with pandas' to_parquet), which is "
                               "read column by column in far less memory"},
    "text_empty": {"zh": "文件是空的（没有表头行）", "en": "the file is empty (no header row)"},
    "text_empty_fix": {"zh": "按模板填写（`sqmkit new 文件夹` 会生成模板），如果没有这类数据就删除该文件",
                       "en": "fill it from the template (`sqmkit new DIR` writes one) or delete the file if you have "
                             "no such data"},
    "text_bad_delimiter": {"zh": "无法按字段之间用 '{delimiter}' 分隔的表格读取（{detail}）",
                           "en": "cannot be read as a table with '{delimiter}' between fields ({detail})"},
    "text_bad_delimiter_fix": {"zh": "某行字段比表头多，通常是值里含有未加引号的分隔符；给这类值加上引号，或从 Excel 重新保存",
                               "en": "a row with more fields than the header usually has an unquoted delimiter inside "
                                     "a value; quote such values or save the file from Excel again"},
    "note_control_text": {"zh": "{label}：已从值中删除 {count} 个控制字符（如 NUL）。",
                          "en": "{label}: {count} control character(s) (such as NUL) removed from the values."},
    "note_control_cells": {"zh": "{label}：已从 {count} 个单元格中删除控制字符（如 NUL）。",
                           "en": "{label}: control characters (such as NUL) removed from {count} cell(s)."},
}

# sqmkit/dates.py and the date columns of sqmkit/tables.py
_DATES = {
    "date_column_problem": {"zh": "列 '{column}' {detail}", "en": "column '{column}' {detail}"},
    "date_mixed_orders": {"zh": "混用了日在前的日期（如 {dmy!r}）和月在前的日期（如 {mdy!r}）",
                          "en": "mixes day-first dates (e.g. {dmy!r}) and month-first dates (e.g. {mdy!r})"},
    "date_day_first_against_order": {"zh": "有日在前的日期（如 {example!r}），但 sqmkit.yaml 的 date_order 写的是 {order}",
                                     "en": "has day-first dates (e.g. {example!r}) but date_order says {order}"},
    "date_month_first_against_order": {"zh": "有月在前的日期（如 {example!r}），但 sqmkit.yaml 的 date_order 写的是 {order}",
                                       "en": "has month-first dates (e.g. {example!r}) but date_order says {order}"},
    "date_ambiguous": {"zh": "有 {example!r} 这样的日期，既可读作日在前也可读作月在前，列中没有任何值能确定是哪一种",
                       "en": "has dates such as {example!r} that read as day-first or month-first, and none of its "
                             "values settles which"},
    "date_offsets": {"zh": "的时间戳带有不同的 UTC 时差（{offsets}），如 {first!r} 和 {second!r}",
                     "en": "has timestamps with different UTC offsets ({offsets}), e.g. {first!r} and {second!r}"},
    "date_order_fix": {"zh": "在 sqmkit.yaml 中加上 `date_order: DMY`（日在前：29/02/2016）或 `date_order: MDY`（月在前：02/29/2016）",
                       "en": "add `date_order: DMY` (day first: 29/02/2016) or `date_order: MDY` (month first: "
                             "02/29/2016) to sqmkit.yaml"},
    "date_one_format_fix": {"zh": "整列使用同一种格式（最好是 YYYY-MM-DD HH:MM），或改正不符合的值",
                            "en": "write the whole column in one format (best YYYY-MM-DD HH:MM), or correct the values "
                                  "that break it"},
    "date_timezone_fix": {"zh": "在 sqmkit.yaml 中加上 `timezone:`，写报告所用时区的 IANA 名称（如 `timezone: Asia/Shanghai` 或 "
                                "`timezone: Europe/Berlin`）；所有值都会换算为该时区的当地时间",
                          "en": "add `timezone:` with the IANA name of the zone the report should use to sqmkit.yaml "
                                "(e.g. `timezone: Europe/Berlin` or `timezone: Asia/Shanghai`); every value is "
                                "converted to its wall time"},
    "timezone_not_iana": {"zh": "{name!r} 不是 IANA 时区名称", "en": "{name!r} is not an IANA time-zone name"},
    "order_dmy": {"zh": "日/月/年", "en": "day/month/year"},
    "order_mdy": {"zh": "月/日/年", "en": "month/day/year"},
    "why_own_values": {"zh": "由该列自身的值确定", "en": "its own values settle it"},
    "why_other_columns": {"zh": "与同一文件的其他日期列一致", "en": "as the file's other date columns"},
    "why_date_order": {"zh": "按 sqmkit.yaml 的 date_order", "en": "date_order in sqmkit.yaml"},
    "note_date_order": {"zh": "{label}：列 '{column}' 按{order}读取（{why}）。",
                        "en": "{label}: column '{column}' read as {order} ({why})."},
    "note_date_converted": {"zh": "{label}：列 '{column}' 带有 UTC 时差 {offsets}，已换算为 {zone} 的当地时间（sqmkit.yaml 的 timezone）。",
                            "en": "{label}: column '{column}' has UTC offsets {offsets}, converted to {zone} wall time "
                                  "(sqmkit.yaml timezone)."},
    "note_date_one_offset": {"zh": "{label}：列 '{column}' 只有一种 UTC 时差（{offset}），保留其当地时间。",
                             "en": "{label}: column '{column}' has one UTC offset ({offset}); its wall time is kept."},
}

# sqmkit/tables.py and sqmkit/schemas.py: headers, types and the rules of the contract
_TABLES = {
    "table_missing_column": {"zh": "{label}：缺少必需的列 '{name}'{aliases}。现有的列：{found}。解决办法：添加列 '{name}'——{help}",
                             "en": "{label}: required column '{name}' is missing{aliases}. Found columns: {found}. "
                                   "Fix: add the column '{name}' — {help}"},
    "table_missing_column_aliases": {"zh": "（也可用中文表头：{names}）", "en": " (or a Chinese header: {names})"},
    "table_duplicate_header": {"zh": "{label}：第 {first} 列（{first_header!r}）和第 {second} 列（{second_header!r}）"
                                     "都被读作 '{canonical}'。解决办法：只保留其中一列（删除或改名另一列）。",
                               "en": "{label}: columns {first} ({first_header!r}) and {second} ({second_header!r}) "
                                     "are both read as '{canonical}'. Fix: keep one of them (delete or rename the "
                                     "other)."},
    "note_unnamed_columns": {"zh": "{label}：第 {columns} 列有值但没有表头，已忽略。",
                             "en": "{label}: column(s) {columns} have values but no header and are ignored."},
    "table_empty_sheet": {"zh": "{label}：工作表是空的，按缺少该表处理。",
                          "en": "{label}: the sheet is empty, so the table is treated as missing."},
    "table_no_rows": {"zh": "{label}：表只有表头、还没有数据行，按缺少该表处理。解决办法：填入数据行（或删除该文件）。",
                      "en": "{label}: the table has a header but no data rows yet, so it is treated as missing. "
                            "Fix: fill in the rows (or delete the file)."},
    "number_mixed_decimals": {"zh": "混用了小数逗号（{comma!r}，第 {comma_row} 行）和小数点（{point!r}，第 {point_row} 行）",
                              "en": "mixes decimal commas ({comma!r}, row {comma_row}) and decimal points "
                                    "({point!r}, row {point_row})"},
    "number_mixed_decimals_fix": {"zh": "整列数字用同一种写法，如 52.88", "en": "write every number of the column the same way, "
                                                                    "e.g. 52.88"},
    "number_ambiguous_grouping": {"zh": "有 {example!r} 这样的数字，逗号既可读作小数点也可读作千位分隔符，列中没有任何值能确定是哪一种",
                                  "en": "has numbers such as {example!r} that read as a decimal comma or as a "
                                        "thousands "
                                        "separator, and none of its values settles which"},
    "number_ambiguous_grouping_fix": {"zh": "导出数字时不要千位分隔符（这样 1,234 就是小数逗号）",
                                      "en": "export the numbers without thousands separators (then 1,234 is a decimal "
                                            "comma)"},
    "note_decimal_comma": {"zh": "{label}：列 '{column}' 使用小数逗号（如 {example!r}），已按小数逗号读取。",
                           "en": "{label}: column '{column}' has decimal commas (e.g. {example!r}), read as such."},
    # the checks of a column (problem: after "N rows" in Chinese, after "… in N rows" in English)
    "check_parse_datetime": {"zh": "的值无法读作日期时间", "en": "value that cannot be read as a datetime"},
    "check_parse_date": {"zh": "的值无法读作日期", "en": "value that cannot be read as a date"},
    "check_parse_number": {"zh": "的值无法读作数字", "en": "value that cannot be read as a number"},
    "check_parse_flag": {"zh": "的值无法读作是/否", "en": "value that cannot be read as a flag"},
    "check_parse_datetime_fix": {"zh": "日期时间写成 YYYY-MM-DD HH:MM（如 2025-03-31 14:05），或留空",
                                 "en": "write dates as YYYY-MM-DD HH:MM (e.g. 2025-03-31 14:05) or leave the cell "
                                       "blank"},
    "check_parse_date_fix": {"zh": "日期写成 YYYY-MM-DD（如 2025-03-31），或留空",
                             "en": "write dates as YYYY-MM-DD (e.g. 2025-03-31) or leave the cell blank"},
    "check_parse_number_fix": {"zh": "只写数字（不带单位或文字），或留空",
                               "en": "write a plain number (no units or text) or leave the cell blank"},
    "check_parse_flag_fix": {"zh": "写 1 或 0（也可写 是/否、yes/no、true/false），或留空",
                             "en": "write 1 or 0 (also yes/no, true/false, 是/否), or leave the cell blank"},
    "check_choice": {"zh": "的值不在允许的取值中", "en": "value that is not allowed"},
    "check_choice_fix": {"zh": "使用以下之一：{choices}", "en": "use one of {choices}"},
    "check_finite": {"zh": "的值不是有限的数字", "en": "value that is not a finite number"},
    "check_finite_fix": {"zh": "写一个真实的数字（不要写 inf 或 1e309），或留空",
                         "en": "write a real number (not inf or 1e309), or leave the cell blank"},
    "check_not_null": {"zh": "为空", "en": "blank cell"},
    "check_not_null_fix": {"zh": "这一列的每一行都要填写", "en": "fill in every row of this column"},
    "check_unique": {"zh": "的值重复（必须唯一）", "en": "repeated value (must be unique)"},
    "check_unique_fix": {"zh": "每行使用自己的编号，或删除重复的行",
                         "en": "give each row its own id, or delete the duplicate rows"},
    "check_range": {"zh": "的值超出允许范围 {range}", "en": "value outside the allowed range {range}"},
    "check_range_fix": {"zh": "使用 {range} 范围内的值，或留空", "en": "use values in the range {range}, or leave the cell blank"},
    "check_integer": {"zh": "的值不是整数", "en": "value that is not a whole number"},
    "check_integer_fix": {"zh": "使用整数", "en": "use whole numbers"},
    "check_unique_together": {"zh": "的 {keys} 组合重复（必须唯一）", "en": "repeated combination of {keys} (must be unique)"},
    "check_unique_together_fix": {"zh": "每种组合只保留一行", "en": "keep one row per combination"},
    "check_other": {"zh": "未通过检查 {check}", "en": "fails the check {check}"},
    "check_other_fix": {"zh": "改正这些值", "en": "correct the values"},
    "rule_response_before_creation": {"zh": "的首次响应时间早于创建时间", "en": "first response earlier than creation"},
    "rule_response_before_creation_fix": {"zh": "改正时间（使用同一时区），不知道首次响应时间就把 first_response_at 留空",
                                          "en": "correct the timestamps (same time zone), or leave first_response_at "
                                                "blank if unknown"},
    "rule_resolution_before_creation": {"zh": "的解决时间早于创建时间", "en": "resolution earlier than creation"},
    "rule_resolution_before_creation_fix": {"zh": "改正时间（使用同一时区），不知道解决时间就把 resolved_at 留空",
                                            "en": "correct the timestamps (same time zone), or leave resolved_at blank "
                                                  "if unknown"},
    "rule_due_before_start": {"zh": "的截止日期早于开始日期", "en": "due date earlier than the start date"},
    "rule_due_before_start_fix": {"zh": "改正开始日期（start）或截止日期（due）", "en": "correct start or due"},
    "rule_done_date_without_done": {"zh": "填了完成日期（done_date），但状态（status）不是 done",
                                    "en": "done_date filled in but status not done"},
    "rule_done_date_without_done_fix": {"zh": "把状态改为 done，或清空 done_date", "en": "set status to done, or clear "
                                                                                "done_date"},
}

# sqmkit/io.py: rules across tables, the notes of masking personal data, saving back
_WORKBOOK = {
    "reference_unknown": {"zh": "引用的 {id} 不在 {parent} 中", "en": "reference to a {id} that is not in {parent}"},
    "reference_need_fix": {"zh": "把该需求加到需求表（needs）中，或改正编号",
                           "en": "add the need to the needs table or correct the id"},
    "reference_parent_fix": {"zh": "让 parent_id 指向已有的 cause_id，或留空",
                             "en": "point parent_id at an existing cause_id, or leave it blank"},
    "reference_problem_fix": {"zh": "把该问题加到问题表（problems）中，或改正编号",
                              "en": "add the problem to problems or correct the id"},
    "reference_why_cause_fix": {"zh": "让 cause_id 指向已有的鱼骨图原因，或留空",
                                "en": "point cause_id at an existing fishbone cause, or leave it blank"},
    "reference_action_cause_fix": {"zh": "让 cause_id 指向已有的原因，或留空",
                                   "en": "point cause_id at an existing cause, or leave it blank"},
    "sla_unknown_priority": {"zh": "的优先级在 sqmkit.yaml 的 sla_hours 中没有时限（sla_hours 里只有 {known}）",
                             "en": "priority without SLA hours in sqmkit.yaml (sla_hours has {known})"},
    "sla_unknown_priority_fix": {"zh": "在 sla_hours 中加上 {entries}，或改正优先级",
                                 "en": "add {entries} to sla_hours, or correct the priorities"},
    "table_in_two_files": {"zh": "{label}：数据表 '{name}' 也在 {other} 中。解决办法：每张表只保留一个文件（删除另一个，或把它清空到只剩表头行）。",
                           "en": "{label}: the table '{name}' is also in {other}. Fix: keep only one file per table "
                                 "(delete the other, or empty it down to its header row)."},
    "note_pii_masked": {"zh": "{label}：为分析已遮盖个人信息：{columns}（文件本身未改动）。",
                        "en": "{label}: personal data masked for the analysis in {columns} (the file is unchanged)."},
    "note_pii_unused": {"zh": "sqmkit.yaml：pii_columns 写了 '{name}'，但本工作簿{where}没有这一列（请检查拼写：它与文件的表头和 "
                              "sqmkit 的列名比较）。",
                        "en": "sqmkit.yaml: pii_columns names '{name}', which {where} of this workbook does not have "
                              "(check the spelling: it is compared with the file's headers and sqmkit's column "
                              "names)."},
    "where_any_table": {"zh": "的任何数据表", "en": "any table"},
    "where_the_table": {"zh": "的 {table} 表", "en": "the {table} table"},
    "write_masked_refused": {"zh": "交给 write_table 的 {name} 表是为分析加载的，个人信息已被遮盖（列 {columns}）；保存它会用占位符覆盖"
                                   "客户的原文，因此没有写入任何内容。解决办法：编辑 io.reload_table(workbook, {name!r}) 返回的表"
                                   "（未遮盖），然后保存它。",
                             "en": "The {name} table given to write_table was loaded for analysis with personal data "
                                   "masked (columns {columns}); saving it would write the placeholders over the "
                                   "client's text, so nothing was written. Fix: edit the table as "
                                   "io.reload_table(workbook, {name!r}) returns it (unmasked) and save that."},
    "write_stale_rows": {"zh": "{label} 有 {n} 行，而要保存的表并不是从它读取的。解决办法：重新加载该表（重新运行加载它的单元格），"
                               "再编辑一次；没有写入任何内容。",
                         "en": "{label} has {n} row(s) that the table being saved was not read from. Fix: reload the "
                               "table (re-run the cell that loads it) and make the edit again; nothing was written."},
    "write_changed_on_disk": {"zh": "{label} 在读取之后被改动过（另一次保存，或在 Excel 中编辑）。解决办法：重新加载该表（重新运行加载它的"
                                    "单元格，或点编辑器的重新加载按钮），再编辑一次；没有写入任何内容，文件保留了另一次改动。",
                              "en": "{label} changed on disk after this table was read (another save, or an edit in "
                                    "Excel). Fix: reload the table (re-run the cell that loads it, or press the "
                                    "editor's reload button) and make the edit again; nothing was written, the file "
                                    "keeps the other change."},
    "write_read_only_sample": {"zh": "{folder} 是 sqmkit 自带的示例工作簿，只读（每次运行和每次研讨都从同样的数据开始）。解决办法："
                                     "用 `sqmkit sample 文件夹` 复制一份可编辑的（内容相同），在副本上工作，如 `sqmkit lab 文件夹`。",
                               "en": "{folder} is sqmkit's bundled sample workbook, which is read-only (every run and "
                                     "every workshop starts from the same data). Fix: make an editable copy with "
                                     "`sqmkit sample DIR` (the same workbook) and work on that, e.g. `sqmkit lab "
                                     "DIR`."},
}

# sqmkit/config.py: sqmkit.yaml
_CONFIG = {
    "config_not_date": {"zh": "{path}：`{setting}` 是 {value!r}，不是日期。解决办法：写一个真实的日期 YYYY-MM-DD，如 2025-12-20。",
                        "en": "{path}: `{setting}` is {value!r}, which is not a date. Fix: write a real date as "
                              "YYYY-MM-DD, "
                              "e.g. 2025-12-20."},
    "config_scale_mapping": {"zh": "{path}：`{setting}` 必须是带 min 和 max 的映射，如 {{min: 1, max: 5}}；现在是 {value!r}。",
                             "en": "{path}: `{setting}` must be a mapping with min and max, e.g. {{min: 1, max: 5}}; "
                                   "got "
                                   "{value!r}."},
    "config_scale_numbers": {"zh": "{path}：`{setting}` 的 min 和 max 必须是数字；现在是 {value!r}。",
                             "en": "{path}: `{setting}` min and max must be numbers; got {value!r}."},
    "config_scale_order": {"zh": "{path}：`{setting}` 的 min（{low:g}）必须小于 max（{high:g}）。",
                           "en": "{path}: `{setting}` min ({low:g}) must be below max ({high:g})."},
    "config_too_big": {"zh": "{path} 有 {size:,} 字节，而 sqmkit.yaml 只放少量设置。解决办法：只保留设置（最多 {limit:,} 字节）；"
                             "数据应放在 data/ 中。",
                       "en": "{path} is {size:,} bytes; a sqmkit.yaml holds a few settings. Fix: keep only the "
                             "settings "
                             "(at most {limit:,} bytes); data belongs in data/."},
    "config_not_utf8": {"zh": "{path} 不是 UTF-8 文本。解决办法：用 UTF-8 编码保存。",
                        "en": "{path} is not UTF-8 text. Fix: save it as UTF-8."},
    "config_bad_yaml": {"zh": "{path} 不是有效的 YAML{where}：{problem}。解决办法：检查缩进和每个键后面的冒号；每个值都直接写出来"
                              "（不要用 &锚点 或 *别名）。",
                        "en": "{path} is not valid YAML{where}: {problem}. Fix: check indentation and the colon after "
                              "each key; write each value out (no &anchors or *aliases)."},
    "config_yaml_where": {"zh": "（第 {line} 行第 {column} 列）", "en": " at line {line}, column {column}"},
    "config_yaml_alias": {"zh": "使用了 YAML 别名（*name），sqmkit.yaml 不接受", "en": "uses a YAML alias (*name), which "
                                                                                   "sqmkit.yaml does not accept"},
    "config_yaml_anchor": {"zh": "使用了 YAML 锚点（&name），sqmkit.yaml 不接受", "en": "uses a YAML anchor (&name), "
                                                                                    "which sqmkit.yaml does not "
                                                                                    "accept"},
    "config_not_mapping": {"zh": "{path} 应包含 client、lang、period 这样的键；现在是 {kind}。",
                           "en": "{path} must hold keys such as client, lang, period; it holds {kind}."},
    "config_no_folder": {"zh": "工作簿文件夹 {folder} 不存在。解决办法：传入包含 {name} 和 data/ 的文件夹，或用 `sqmkit new 文件夹` 新建一个。",
                         "en": "Workbook folder {folder} does not exist. Fix: pass the folder that holds {name} and "
                               "data/, or create one with `sqmkit new DIR`."},
    "config_missing": {"zh": "缺少 {path}。解决办法：每个工作簿都需要一个 {name}；`sqmkit new 文件夹` 会生成模板。",
                       "en": "{path} is missing. Fix: every workbook needs a {name}; `sqmkit new DIR` writes a "
                             "template."},
    "config_unknown_keys": {"zh": "{path}：未知的键 {unknown}。解决办法：只使用 {known}（请检查拼写）。",
                            "en": "{path}: unknown key(s) {unknown}. Fix: use only {known} (check the spelling)."},
    "config_not_text": {"zh": "{path}：`{setting}` 必须是文本；现在是 {kind}。解决办法：写在一行里，如 {setting}: 星海电信客服中心。",
                        "en": "{path}: `{setting}` must be text; got {kind}. Fix: write it on one line, e.g. "
                              "{setting}: 星海电信客服中心."},
    "config_bad_lang": {"zh": "{path}：`lang` 必须是 ['zh', 'en'] 之一，现在是 {lang!r}。",
                        "en": "{path}: The value for `lang` must be one of ['zh', 'en'], but {lang!r} was passed."},
    "config_bad_period": {"zh": "{path}：`period` 必须是映射 {{start: YYYY-MM-DD, end: YYYY-MM-DD}}；现在是 {period!r}。",
                          "en": "{path}: `period` must be a mapping {{start: YYYY-MM-DD, end: YYYY-MM-DD}}; got "
                                "{period!r}."},
    "config_period_reversed": {"zh": "{path}：`period.end` 早于 `period.start`。解决办法：把两者对调。",
                               "en": "{path}: `period.end` is before `period.start`. Fix: swap them."},
    "config_bad_sla": {"zh": "{path}：`sla_hours` 必须是正的小时数，或映射 {{优先级: 小时数}}，如 {{P1: 4, P2: 24}}；现在是 {sla!r}。",
                       "en": "{path}: `sla_hours` must be a positive number of hours or a mapping {{priority: hours}}, "
                             "e.g. {{P1: 4, P2: 24}}; got {sla!r}."},
    "config_bad_window": {"zh": "{path}：`repeat_window_days` 必须是 ≥ 0 的天数；现在是 {window!r}。",
                          "en": "{path}: `repeat_window_days` must be a number of days ≥ 0; got {window!r}."},
    "config_bad_date_order": {"zh": "{path}：`date_order` 必须是 {orders} 之一，现在是 {order!r}。解决办法：29/02/2016（日在前）写 DMY，"
                                    "02/29/2016（月在前）写 MDY。",
                              "en": "{path}: The value for `date_order` must be one of {orders}, but {order!r} was "
                                    "passed. Fix: DMY for 29/02/2016 (day first), MDY for 02/29/2016 (month first)."},
    "config_bad_timezone": {"zh": "{path}：`timezone` 是 {zone!r}，不是 IANA 时区名称。解决办法：按“地区/城市”写时区，如 "
                                  "Asia/Shanghai 或 Europe/Berlin。",
                            "en": "{path}: `timezone` is {zone!r}, which is not an IANA time-zone name. Fix: write the "
                                  "zone as Region/City, e.g. Asia/Shanghai or Europe/Berlin."},
    "config_bad_parameters": {"zh": "{path}：`parameters` 必须是映射 {{名称: 值}}；现在是 {parameters!r}。",
                              "en": "{path}: `parameters` must be a mapping {{name: value}}; got {parameters!r}."},
    "config_pii_example": {"zh": "如 `pii_columns: [客户姓名, customer_id]` 或 `pii_columns: {{tickets: [customer_id], "
                                 "actions: [owner]}}`",
                           "en": "e.g. `pii_columns: [客户姓名, customer_id]` or `pii_columns: {{tickets: [customer_id], "
                                 "actions: [owner]}}`"},
    "config_pii_unknown_tables": {"zh": "{path}：`pii_columns` 写了数据表 {unknown}，工作簿中没有这些表。解决办法：只使用 {tables}，"
                                        "或写成一个列名列表（{example}）。",
                                  "en": "{path}: `pii_columns` names the table(s) {unknown}, which a workbook does not "
                                        "have. Fix: use only {tables}, or a plain list of columns ({example})."},
    "config_pii_bad_type": {"zh": "{path}：`pii_columns` 必须是列名列表或映射 {{表: [列]}}；现在是 {value!r}。解决办法：{example}。",
                            "en": "{path}: `pii_columns` must be a list of column names or a mapping {{table: "
                                  "[columns]}}; "
                                  "got {value!r}. Fix: {example}."},
    "config_pii_bad_list": {"zh": "{path}：`{setting}` 必须是列名列表；现在是 {names!r}。解决办法：{example}。",
                            "en": "{path}: `{setting}` must be a list of column names; got {names!r}. Fix: {example}."},
    "config_pii_refused": {"zh": "{path}：`{setting}` 写了 '{name}'，{refused}。解决办法：把它从 pii_columns 中去掉（只有自由文本、你自己的列和 "
                                 "{ids} 可以替换），或写明该列是文本的那张表：{{表: [列]}}。",
                           "en": "{path}: `{setting}` names '{name}', {refused}. Fix: leave it out of pii_columns "
                                 "(only free "
                                 "text, your own columns and {ids} can be replaced), or name the table the column is "
                                 "text in: {{table: [column]}}."},
    "pii_refused_survey": {"zh": "它是调查评分列（数字）", "en": "which is a survey rating column (numbers)"},
    "pii_refused_link_id": {"zh": "它在 {table} 表中是连接各表的编号", "en": "which is an id that links tables in the {table} "
                                                                 "table"},
    "pii_refused_kind": {"zh": "它在 {table} 表中是 {kind} 类型的列", "en": "which is a {kind} column in the {table} table"},
    "config_survey_column_mapping": {"zh": "{path}：`survey.{setting}` 必须是映射，如 {{column: {default}}}；现在是 {spec!r}。"
                                           "解决办法：写成 `{setting}: {{column: 你的列名}}`。",
                                     "en": "{path}: `survey.{setting}` must be a mapping such as {{column: "
                                           "{default}}}; got "
                                           "{spec!r}. Fix: write `{setting}: {{column: YOUR_COLUMN}}`."},
    "config_survey_column_name": {"zh": "{path}：`survey.{setting}.column` 必须是列名；现在是 {column!r}。",
                                  "en": "{path}: `survey.{setting}.column` must be a column name; got {column!r}."},
    "config_survey_mapping": {"zh": "{path}：`survey` 必须是映射；现在是 {survey!r}。",
                              "en": "{path}: `survey` must be a mapping; got {survey!r}."},
    "config_survey_unknown": {"zh": "{path}：`survey` 下有未知的键 {unknown}。解决办法：只使用 {known}。",
                              "en": "{path}: unknown key(s) under `survey`: {unknown}. Fix: use only {known}."},
    "config_items_mapping": {"zh": "{path}：`survey.items` 必须把题项列映射到 {{dimension, expectation, label, weight}}。",
                             "en": "{path}: `survey.items` must map item columns to {{dimension, expectation, label, "
                                   "weight}}."},
    "config_item_keys": {"zh": "{path}：`survey.items.{name}` 只能包含 {keys}；现在是 {spec!r}。",
                         "en": "{path}: `survey.items.{name}` may only hold {keys}; got {spec!r}."},
    "config_bad_weights": {"zh": "{path}：`survey.dimension_weights` 必须把维度映射到非负数；现在是 {weights!r}。",
                           "en": "{path}: `survey.dimension_weights` must map dimensions to non-negative numbers; got "
                                 "{weights!r}."},
    "config_weights_unknown": {"zh": "{path}：`survey.dimension_weights` 写了 {missing}，但 survey.items 中没有题项属于这些维度。"
                                     "解决办法：使用维度 {dimensions}。",
                               "en": "{path}: `survey.dimension_weights` names {missing}, which no item in "
                                     "survey.items "
                                     "has. Fix: use the dimensions {dimensions}."},
}

# sqmkit/_checks.py: the arguments and input tables of the analysis functions (what a notebook cell shows)
_ARGUMENTS = {
    "check_argument_choice": {"zh": "`{name}` 的值必须是 {options} 之一，但传入的是 {value!r}。",
                              "en": "The value for `{name}` must be one of {options}, but {value!r} was passed."},
    # an argument outside its range: "The value for `{name}` must be {requirement}, but {value!r} was passed."
    "check_argument_must": {"zh": "`{name}` 的值必须为：{requirement}；但传入的是 {value!r}。",
                            "en": "The value for `{name}` must be {requirement}, but {value!r} was passed."},
    "must_positive_integer": {"zh": "正整数", "en": "a positive integer"},
    "must_whole_at_least": {"zh": "不小于 {low} 的整数", "en": "a whole number >= {low}"},
    "must_number_at_least": {"zh": "不小于 {low} 的数", "en": "a number >= {low}"},
    "must_at_least": {"zh": "不小于 {low} 的值", "en": "at least {low}"},
    "must_between": {"zh": "{low} 到 {high} 之间的数", "en": "between {low} and {high}"},
    "must_positive_number": {"zh": "大于 0 的数", "en": "a number > 0"},
    "must_above_up_to": {"zh": "大于 {low} 且不大于 {high} 的数", "en": "greater than {low} and at most {high}"},
    "check_argument_not_for_chart": {"zh": "`{name}` 只用于 {charts} 控制图；{chart} 图由数据估计它（phase1 可指定用前几个点估计）。",
                                     "en": "`{name}` is for the {charts} charts only; a {chart} chart estimates it from "
                                           "the data (phase1 takes it from the leading points)."},
    "must_from_to": {"zh": "{low} 到 {high} 之间的数", "en": "from {low} to {high}"},
    "must_min_max_pair": {"zh": "一对 (最小值, 最大值)，且最小值 < 最大值", "en": "a pair (min, max) with min < max"},
    "must_dict_with_keys": {"zh": "以 {keys} 为键的字典", "en": "a dict with keys {keys}"},
    "must_weights": {"zh": "非负且合计为正的数", "en": "non-negative numbers with a positive sum"},
    "must_name_a_column": {"zh": "至少一个列名", "en": "a list naming at least one column"},
    "check_not_frame": {"zh": "`{table}` 表必须是 pandas DataFrame，但传入的是 {kind}。解决办法：{fix}",
                        "en": "The `{table}` table must be a pandas DataFrame, but {kind} was passed. Fix: {fix}"},
    "check_not_frame_fix": {"zh": "用 sqmkit.io.load_workbook(...).get({table!r}) 或 pd.read_csv 加载。",
                            "en": "load it with sqmkit.io.load_workbook(...).get({table!r}) or pd.read_csv."},
    "check_no_column": {"zh": "表 '{table}' 没有列 {missing}{argument}{purpose}；现有的列：{have}。解决办法：{fix}",
                        "en": "Table '{table}' has no column {missing}{argument}{purpose}; it has {have}. Fix: {fix}"},
    "check_no_columns": {"zh": "表 '{table}' 没有列 {missing}{argument}{purpose}；现有的列：{have}。解决办法：{fix}",
                         "en": "Table '{table}' has no columns {missing}{argument}{purpose}; it has {have}. Fix: "
                               "{fix}"},
    "check_passed_as": {"zh": "（由 `{argument}` 传入）", "en": " passed as `{argument}`"},
    "check_needed_for": {"zh": "（{purpose}需要）", "en": " needed for {purpose}"},
    "check_no_column_fix": {"zh": "添加该列（用 sqmkit.io 加载时也接受中文表头），或传入已有列的名称。",
                            "en": "add the column (Chinese header aliases are accepted when loading with sqmkit.io) "
                                  "or pass the name of an existing column."},
    "check_table_problems": {"zh": "表 '{table}' 有 {n} 个问题", "en": "Table '{table}' has {n} problems"},
}

# sqmkit/kpis/tickets.py: the arguments of the ticket KPIs, a priority without SLA hours, and why coverage()
# leaves tickets out of a KPI (the data-health note of 02)
_TICKETS = {
    "tickets_not_a_date": {"zh": "`{name}` 的值必须是日期，如 '2025-01-31'，但传入的是 {value!r}。",
                           "en": "The value for `{name}` must be a date such as '2025-01-31', but {value!r} was "
                                 "passed."},
    "tickets_for_every_kpi": {"zh": "每个 KPI ", "en": "every KPI"},
    "tickets_for_the_grouping": {"zh": "分组 `by` ", "en": "the grouping `by`"},
    "tickets_bad_sla_hours": {"zh": "优先级 {priority!r} 的 SLA 小时数必须是正数，但传入的是 {hours!r}。解决办法：在 sqmkit.yaml 的 "
                                    "sla_hours 中改正，如 {{P1: 4, P2: 24, P3: 72}}。",
                              "en": "The SLA hours for priority {priority!r} must be a positive number, but {hours!r} "
                                    "was passed. Fix: sla_hours in sqmkit.yaml, e.g. {{P1: 4, P2: 24, P3: 72}}."},
    "tickets_bad_sla": {"zh": "`sla` 的值必须是正的小时数或映射 {{优先级: 小时数}}，但传入的是 {sla!r}。",
                        "en": "The value for `sla` must be a positive number of hours or a {{priority: hours}} "
                              "mapping, but {sla!r} was passed."},
    "tickets_priority_without_sla": {"zh": "表 '{table}'，列 'priority'：优先级 {names}（{n} 张工单）不在 SLA 映射 {sla} 中。"
                                           "解决办法：把它加到 sqmkit.yaml 的 sla_hours 中（如 {example}: 24），或改正工单的"
                                           "优先级（优先级可以留空：这样的工单没有 SLA）。",
                                     "en": "Table '{table}', column 'priority': priority {names} ({n} tickets) is "
                                           "missing from the SLA map {sla}. Fix: add it to sla_hours in sqmkit.yaml "
                                           "(e.g. {example}: 24), or correct the tickets' priority (a blank priority "
                                           "is allowed: such a ticket has no SLA)."},
    "tickets_no_file": {"zh": "表 '{table}'：文件 '{path}' 不存在。解决办法：检查路径。",
                        "en": "Table '{table}': file '{path}' does not exist. Fix: check the path."},
    "tickets_bad_data": {"zh": "`data` 的值必须是 DataFrame 或 Parquet/CSV 文件的路径，但传入的是 {kind}。",
                         "en": "The value for `data` must be a DataFrame or a path to a Parquet/CSV file, but a "
                               "{kind} was passed."},
    "tickets_bad_window": {"zh": "`repeat_window_days` 的值必须是 ≥ 0 的天数，但传入的是 {window!r}。",
                           "en": "The value for `repeat_window_days` must be a number of days >= 0, but {window!r} "
                                 "was passed."},
    "tickets_by_period": {"zh": "`by` 的值不能包含 'period'（周期请用 `freq`），但传入的是 {keys!r}。",
                          "en": "The value for `by` must not include 'period' (use `freq` for periods), but {keys!r} "
                                "was passed."},
    "tickets_no_split": {"zh": "工单表中没有可取中点的工单时，`split` 的值必须是日期，如 '2025-07-01'，但传入的是 None。",
                         "en": "The value for `split` must be a date such as '2025-07-01' when the log has no tickets "
                               "to take the middle of, but None was passed."},
    "tickets_bad_at": {"zh": "`at` 的值必须是日期时间或日期时间的列表，但传入的是 {at!r}。",
                       "en": "The value for `at` must be a date/time or a list of them, but {at!r} was passed."},
    # sqmkit/satisfaction/scores.py: why 05 skips the item sections (the scaffold writes `items: {}`)
    "survey_no_items": {"zh": "sqmkit.yaml 的 `survey.items` 没有列出带维度（`dimension`）的题项，因此跳过加权指数、SERVQUAL 差距、"
                              "信度和关键驱动因素。解决办法：在工作簿的 sqmkit.yaml 中，把调查表的每个题项列写在 `survey:` 下的 "
                              "`items:` 里，并写明其维度，如 `p01: {{dimension: reliability, expectation: e01, label: "
                              "承诺的事按时做到}}`（`expectation` 是期望列，仅 SERVQUAL 需要）。",
                        "en": "`survey.items` in sqmkit.yaml lists no item column with a `dimension`, so the weighted "
                              "index, SERVQUAL gaps, reliability and key drivers are skipped. Fix: in the workbook's "
                              "sqmkit.yaml, list each item column of the survey table under `survey:` → `items:` "
                              "with its dimension, e.g. `p01: {{dimension: reliability, expectation: e01, label: "
                              "Keeps its promises}}` (`expectation` names the expectation column, needed only for "
                              "SERVQUAL)."},
    "coverage_reason_frt": {"zh": "无 first_response_at（尚未响应或未记录）",
                            "en": "no first_response_at (not answered yet, or not recorded)"},
    "coverage_reason_resolution": {"zh": "无 resolved_at：仍未解决（见积压）", "en": "no resolved_at: still open (see backlog)"},
    "coverage_reason_fcr": {"zh": "未解决，或 contacts/fcr 为空", "en": "open, or contacts/fcr blank"},
    "coverage_reason_sla": {"zh": "无 resolved_at：仍未解决（见积压）", "en": "no resolved_at: still open (see backlog)"},
    "coverage_reason_repeat": {"zh": "customer_id 或 category 为空：不计为重复来电",
                               "en": "customer_id or category blank: never counted as a repeat"},
}

# sqmkit/satisfaction: the checks of survey columns, items, weights and arguments (05 shows them)
_SURVEY = {
    "survey_bad_top_box": {"zh": "`top_box` 的值必须是 ≥ 1 的整数（量表点数），但传入的是 {value!r}。",
                           "en": "`top_box` must be a whole number of scale points >= 1, but {value!r} was passed."},
    "survey_scale_order": {"zh": "`scale_max`（{high!r}）必须大于 `scale_min`（{low!r}）。",
                           "en": "`scale_max` ({high!r}) must be greater than `scale_min` ({low!r})."},
    "survey_no_complete_row": {"zh": "{table} 表中没有一行回答了全部加权列 {columns}。解决办法：检查列名，或去掉无人回答的列的权重。",
                               "en": "No row of the {table} table answers all weighted columns {columns}. Fix: "
                                     "check the column names or drop weights of columns nobody answered."},
    "survey_bad_items": {"zh": "`items` 必须是非空映射 {{题项列: 维度}} 或 sqmkit.yaml 的 survey.items（{{题项: {{dimension: ..., expectation: ...}}}}），但传入的是 {items!r}。",
                         "en": "`items` must be a non-empty mapping {{item column: dimension}} or sqmkit.yaml's "
                               "survey.items ({{item: {{dimension: ..., expectation: ...}}}}), but {items!r} was "
                               "passed."},
    "survey_item_no_dimension": {"zh": "`items` 中的题项 '{item}' 没有维度。解决办法：在 sqmkit.yaml 中给它写上维度（survey.items.<题项>.dimension）。",
                                 "en": "Item '{item}' in `items` has no dimension. Fix: give it one in sqmkit.yaml "
                                       "(survey.items.<item>.dimension)."},
    "survey_no_drivers": {"zh": "`drivers` 必须至少写一列，但一列也没有传入。",
                          "en": "`drivers` must name at least one column, but none was passed."},
    "survey_outcome_in_drivers": {"zh": "结果变量 '{outcome}' 也列在 `drivers` 中；请把它从驱动因素中去掉。",
                                  "en": "The outcome '{outcome}' is also listed in `drivers`; remove it from the "
                                        "drivers."},
    "survey_drivers_too_few_rows": {"zh": "关键驱动因素分析需要的完整行数必须多于驱动因素数 + 1；{table} 表中只有 {n} 行同时回答了 '{outcome}' 和全部 {k} 个驱动因素。解决办法：收集更多答卷，或减少驱动因素。",
                                    "en": "Key drivers need more complete rows than drivers + 1; only {n} rows of "
                                          "the {table} table answer '{outcome}' and all {k} drivers. Fix: collect "
                                          "more answers or use fewer drivers."},
    "survey_drivers_constant": {"zh": "{table} 表的列 {columns} 在 {n} 个完整行中取值不变，与任何变量都没有相关性。解决办法：把它们从分析中去掉。",
                                "en": "Column(s) {columns} of the {table} table are constant over the {n} complete "
                                      "rows, so they have no correlation with anything. Fix: drop them from the "
                                      "analysis."},
    "survey_drivers_collinear": {"zh": "驱动因素 {drivers} 完全共线（其中一个是其他的线性组合）。解决办法：去掉多余的驱动因素，如把其他题项加总得到的合计。",
                                 "en": "The drivers {drivers} are perfectly collinear (one is a linear combination "
                                       "of others). Fix: drop the redundant driver(s), e.g. a total that sums "
                                       "other items."},
    "survey_some_without_expectation": {"zh": "题项 {items} 没有期望列，而其他题项有。解决办法：在 sqmkit.yaml 中给每个题项写上期望列（survey.items.<题项>.expectation），或全都不写（SERVPERF）。",
                                        "en": "Items {items} have no expectation column while others do. Fix: give "
                                              "every item its expectation column in sqmkit.yaml "
                                              "(survey.items.<item>.expectation), or none for SERVPERF."},
    "survey_perception_blank": {"zh": "{table} 表的感知题项 {items}… 全部为空。解决办法：填入答卷。",
                                "en": "The perception items {items}... of the {table} table are all blank. Fix: "
                                      "fill in the answers."},
    "survey_scale_too_few_items": {"zh": "量表 '{scale}' 只有 {n} 个题项 {items}；信度分析至少需要 2 个题项。解决办法：给量表添加题项，或不对它做信度分析。",
                                   "en": "Scale '{scale}' has {n} item(s) {items}; reliability needs at least 2 "
                                         "items. Fix: add items to the scale or leave it out of the reliability "
                                         "analysis."},
    "survey_scale_blank_items": {"zh": "量表 '{scale}'：{table} 表第 {rows} 行有空的题项。解决办法：填上它们，或传入 nan_policy='listwise' 不计这些受访者。",
                                 "en": "Scale '{scale}': rows {rows} of the {table} table have blank items. Fix: "
                                       "fill them in, or pass nan_policy='listwise' to leave those respondents out."},
    "survey_scale_too_few_respondents": {"zh": "量表 '{scale}' 只有 {n} 位受访者回答了全部题项 {items}；Cronbach's alpha 至少需要 2 位。解决办法：收集更多完整的答卷。",
                                         "en": "Scale '{scale}' has {n} respondent(s) answering all items {items}; "
                                               "Cronbach's alpha needs at least 2. Fix: collect more complete "
                                               "answers."},
    "survey_too_few_groups": {"zh": "{table} 表的列 '{group}' 中只有 {n} 个组回答了 '{score}'（{groups}）；比较至少需要 2 个组。解决办法：换一个分组列，或补充答卷。",
                              "en": "Column '{group}' of the {table} table has {n} group(s) with '{score}' "
                                    "answered ({groups}); a comparison needs at least 2. Fix: choose another group "
                                    "column or add answers."},
    "survey_small_groups": {"zh": "列 '{group}' 中的组 {groups} 回答 '{score}' 的答卷少于 2 份。解决办法：把它们与其他组合并，或不计这些组。",
                            "en": "Group(s) {groups} of column '{group}' have fewer than 2 answers of '{score}'. "
                                  "Fix: merge them with another group or leave them out."},
    "survey_all_same": {"zh": "'{score}' 的所有答案都是 {value:g}，没有可比较的差异。",
                        "en": "Every answer of '{score}' is {value:g}; there is nothing to compare."},
    "survey_not_dates": {"zh": "{table} 表的列 '{column}' 第 {rows} 行的值不是日期：{values}。解决办法：写成 YYYY-MM-DD。",
                         "en": "Column '{column}' of the {table} table holds values that are not dates in rows "
                               "{rows}: {values}. Fix: use YYYY-MM-DD."},
    "survey_bad_split": {"zh": "`split` 的值必须是日期，如 '2025-07-01'，但传入的是 {value!r}。",
                         "en": "`split` must be a date such as '2025-07-01', but {value!r} was passed."},
    "survey_split_side_too_few": {"zh": "列 '{column}' 中只有 {n} 个 '{score}' 的评分落在 {date} {side}；改进前后检验每侧至少需要 2 个。解决办法：检查 `split` 和日期。",
                                  "en": "Only {n} rating(s) of '{score}' {side} {date} in column '{column}'; "
                                        "a before/after test needs at least 2 on each side. Fix: check `split` and "
                                        "the dates."},
    "survey_bad_freq": {"zh": "`freq` 的值必须是 pandas 的频率别名，如 'MS'、'W' 或 'QS'，但传入的是 {value!r}。",
                        "en": "`freq` must be a pandas offset alias such as 'MS', 'W' or 'QS', but {value!r} was "
                              "passed."},
    "survey_score_and_max": {"zh": "只保留低分答卷时请同时传入 `score` 和 `max_score`，否则两者都不传。",
                             "en": "Pass both `score` and `max_score` to keep low scorers only, or neither."},
    "survey_bad_rules": {"zh": "`rules` 必须是非空映射 {{主题: {{'keywords': [...]}}}}。",
                         "en": "`rules` must be a non-empty mapping {{theme: {{'keywords': [...]}}}}."},
    "survey_theme_no_keywords": {"zh": "`rules` 中的主题 '{theme}' 没有关键词。解决办法：写成 {{'keywords': [...], 'zh': ..., 'en': ...}}。",
                                 "en": "Theme '{theme}' in `rules` has no keywords. Fix: give it {{'keywords': "
                                       "[...], 'zh': ..., 'en': ...}}."},
    "survey_bad_per_theme": {"zh": "`per_theme` 的值必须是 ≥ 1 的整数，但传入的是 {value!r}。",
                             "en": "`per_theme` must be a whole number >= 1, but {value!r} was passed."},
    "survey_not_numbers": {"zh": "{table} 表的列 '{column}' 必须是数字；第 {rows} 行是 {values}。解决办法：填写数字评分（未作答则留空）。",
                           "en": "Column '{column}' of the {table} table must hold numbers; rows {rows} hold "
                                 "{values}. Fix: enter numeric scores (blank for no answer)."},
    "survey_out_of_range": {"zh": "{table} 表的列 '{column}' 必须是{what}；第 {rows} 行是 {values}。解决办法：改正这些值，或传入正确的量表（如 1–7 量表传入 scale_max=7）。",
                            "en": "Column '{column}' of the {table} table must hold {what}; rows {rows} hold "
                                  "{values}. Fix: correct these entries, or pass the right scale (e.g. scale_max=7 "
                                  "for a 1-7 scale)."},
    "survey_column_empty": {"zh": "{table} 表的列 '{column}' 没有值（{n} 行全部为空）。解决办法：填入评分，或换一列。",
                            "en": "Column '{column}' of the {table} table has no values (all {n} rows are blank). "
                                  "Fix: fill in the scores or choose another column."},
    "survey_bad_weights": {"zh": "`{argument}` 必须是非空映射 {{{what}: 权重}}，但传入的是 {weights!r}。",
                           "en": "`{argument}` must be a non-empty mapping {{{what}: weight}}, but {weights!r} was "
                                 "passed."},
    "survey_weights_unknown": {"zh": "`{argument}` 写了未知的{what} {unknown}；已知的有：{known}。解决办法：改正权重中的{what}名称（在 sqmkit.yaml 或调用中）。",
                               "en": "`{argument}` names unknown {what}(s) {unknown}; known: {known}. Fix: correct "
                                     "the {what} name(s) in the weights (sqmkit.yaml or the call)."},
    "survey_weight_negative": {"zh": "`{argument}`：{what} '{name}' 的权重是 {weight!r}；权重必须是非负数。解决办法：使用 0 或更大的权重。",
                               "en": "`{argument}`: the weight of {what} '{name}' is {weight!r}; weights must be "
                                     "non-negative numbers. Fix: use a weight of 0 or more."},
    "survey_weights_all_zero": {"zh": "`{argument}`：所有权重都是 0；至少要有一个为正数。",
                                "en": "`{argument}`: all weights are 0; at least one must be positive."},
    "survey_weights_rescaled": {"zh": "`{argument}` 的总和是 {total:g}，不是 1；已按比例缩放为总和 1。",
                                "en": "`{argument}` sum to {total:g}, not 1; rescaled to sum to 1."},
    "survey_side_before": {"zh": "之前", "en": "fall before"},
    "survey_side_after": {"zh": "之后", "en": "fall after"},
    "survey_what_column": {"zh": "列", "en": "column"},
    "survey_what_dimension": {"zh": "维度", "en": "dimension"},
    "survey_range_between": {"zh": "介于 {low:g} 和 {high:g} 之间的{noun}", "en": "{noun} between {low:g} and {high:g}"},
    "survey_range_at_most": {"zh": "不大于 {high:g} 的{noun}", "en": "{noun} of at most {high:g}"},
    "survey_whole_numbers": {"zh": "整数", "en": "whole numbers"},
    "survey_values": {"zh": "数值", "en": "values"},
}

TEXTS: dict[str, dict[str, str]] = {**_GENERAL, **_FILES, **_DATES, **_TABLES, **_WORKBOOK, **_CONFIG, **_ARGUMENTS, **_TICKETS, **_SURVEY}
