# SPDX-License-Identifier: MIT
"""Diagnostics of data files: agencies, filings, events and cases (CSV and JSON)."""

from __future__ import annotations

from xzjd.messages.entry import Entry

__all__ = ["ENTRIES"]

ENTRIES: dict[str, Entry] = {
    "input/bad-date": Entry(
        message="{value!r} is not a date",
        message_zh="{value!r} 不是有效日期",
        hint="write a day there is as YYYY-MM-DD (2010-04-30), or year first as 2010/4/30,"
        " 2010.4.30 or 2010年4月30日",
        hint_zh="请写实有的日期，格式为 YYYY-MM-DD（2010-04-30），或以年份开头写成 2010/4/30、"
        "2010.4.30 或 2010年4月30日",
    ),
    "input/bad-id": Entry(
        message="{value!r} is not a valid {column_value}",
        message_zh="{value!r} 不是有效的 {column_value}",
        hint="ids are letters (any script), digits, '-' and '_'",
        hint_zh="标识由字母或汉字、数字、'-' 和 '_' 组成",
    ),
    "input/bad-status": Entry(
        message="unknown status {status_text!r}",
        message_zh="未知的状态 {status_text!r}",
        hint="a status is accepted, returned or waived (or empty: accepted)",
        hint_zh="状态为 accepted(受理)、returned(退回) 或 waived(免报)；空即受理",
    ),
    "input/case-mismatch": Entry(
        message="case {case!r} has {what} {value!r} here but {first!r} on its first row"
        " (line {line})",
        message_zh="办件 {case!r} 此行的{what_zh}为 {value!r}，"
        "而其第一行（第 {line} 行）为 {first!r}",
        hint="every row of a case names the agency and the obligation of its first row",
        hint_zh="同一办件的每一行须与其第一行的机关和义务相同",
    ),
    "input/case-order": Entry(
        message="case {case!r} goes back in time: {date} is before {before} (line {line})",
        message_zh="办件 {case!r} 的日期倒退：{date} 早于第 {line} 行的 {before}",
        hint="the rows of a case are in the order things happened",
        hint_zh="同一办件的各行须按发生的先后排列",
    ),
    "input/case-split": Entry(
        message="rows of case {case!r} are not together: its earlier rows end at line {earlier}",
        message_zh="办件 {case!r} 的各行不相连：其前面的行止于第 {earlier} 行",
        hint="sort the file by case, then by date",
        hint_zh="请将文件先按办件、再按日期排序",
    ),
    "input/csv": Entry(
        message="expected {width_value} cells, found {n_parts}",
        message_zh="应有 {width_value} 个单元格，实有 {n_parts} 个",
        hint="one cell per column of the header: {columns}",
        hint_zh="每列一个单元格: {columns}",
    ),
    "input/csv#bad-quote": Entry(
        message="malformed quoted cell",
        message_zh="带引号的单元格格式错误",
        hint='close the quote on the same line; write a quote inside one as ""',
        hint_zh='引号须在同一行内闭合；单元格内的引号写作 ""',
    ),
    "input/duplicate-id": Entry(
        message="duplicate {what} id {ident!r} (first on line {first})",
        message_zh="{what} 标识 {ident!r} 重复（首次出现在第 {first} 行）",
        hint="give every row its own id",
        hint_zh="每一行须有唯一的标识",
    ),
    "input/empty": Entry(
        message="the {what} file is empty",
        message_zh="{what} 文件为空",
        hint="the first row must name the columns",
        hint_zh="第一行须为列名",
    ),
    "input/encoding": Entry(
        message="the file is neither UTF-8 nor Chinese text in GB18030/GBK"
        " (byte 0x{raw_offset:02x})",
        message_zh="文件既不是 UTF-8 编码，也不是 GB18030/GBK 编码的中文文本"
        "（字节 0x{raw_offset:02x}）",
        hint="save the file as UTF-8, or give its encoding: --encoding utf-8|gb18030|gbk",
        hint_zh="请将文件另存为 UTF-8 编码，或用 --encoding utf-8|gb18030|gbk 指明其编码",
    ),
    # The caller named the encoding (--encoding) and a byte does not decode in it.
    "input/encoding#given": Entry(
        message="the file is not {encoding} (byte 0x{raw_offset:02x})",
        message_zh="文件不是 {encoding} 编码（字节 0x{raw_offset:02x}）",
        hint="give the file's own encoding: --encoding utf-8|gb18030|gbk (or leave it out to"
        " find it out)",
        hint_zh="请用 --encoding utf-8|gb18030|gbk 指明文件的实际编码（或省略以自动识别）",
    ),
    "input/header#missing-key": Entry(
        message="this object has no key {missing}",
        message_zh="该对象缺少键 {missing}",
        hint="every object needs: {required}",
        hint_zh="每个对象都须有: {required}",
    ),
    "input/header#unknown-key": Entry(
        message="unknown key {json_key!r} in the {what} file",
        message_zh="{what} 文件中有未知的键 {json_key!r}",
        hint="the keys are: {known}",
        hint_zh="键应为: {known}",
    ),
    "input/header#missing-column": Entry(
        message="the {what} file has no column {missing}",
        message_zh="{what} 文件缺少列 {missing_zh}",
        hint="the first row must name the columns (in English or Chinese): {known}",
        hint_zh="第一行须为列名（英文或中文）: {known_zh}",
    ),
    "input/header#unknown-column": Entry(
        message="unknown column {value!r} in the {what} file",
        message_zh="{what} 文件中有未知的列 {value!r}",
        hint="the columns are (in English or Chinese): {known}",
        hint_zh="列应为（英文或中文）: {known_zh}",
    ),
    "input/header#repeated-column": Entry(
        message="column {column_value!r} appears twice",
        message_zh="列 {column_value!r} 重复出现",
        hint="name each column once",
        hint_zh="每一列只能出现一次",
    ),
    # Two words of one column (its English name and a Chinese one, or two Chinese ones).
    "input/header#synonym-column": Entry(
        message="{value!r} names column {column_value!r} again (already named {first!r})",
        message_zh="{value!r} 与 {first!r} 是同一列 {column_value!r}，重复出现",
        hint="name each column once, in English or in Chinese",
        hint_zh="每一列只能出现一次，用英文或中文列名均可",
    ),
    "input/json#not-object": Entry(
        message="each element of the {what} array must be an object",
        message_zh="{what} 数组的每个元素都须为对象",
        hint="write {{{keys}}}",
        hint_zh="请写成 {{{keys}}}",
    ),
    "input/json#not-string": Entry(
        message="{json_key!r} must be {problem}",
        message_zh="{json_key!r} 须为{problem_zh}",
        hint='write dates and ids as strings: "2010-04-30"',
        hint_zh='日期和标识请写成字符串: "2010-04-30"',
    ),
    "input/missing#date": Entry(
        message="{column_value} is empty",
        message_zh="{column_value} 为空",
        hint="write the date as YYYY-MM-DD, for example 2010-04-30",
        hint_zh="日期请写成 YYYY-MM-DD，例如 2010-04-30",
    ),
    "input/missing#id": Entry(
        message="{column_value} is empty",
        message_zh="{column_value} 为空",
        hint="every row needs a value in column {column_value}",
        hint_zh="每一行都须填写 {column_value}",
    ),
    "input/unknown-level": Entry(
        message="unknown level {value!r}",
        message_zh="未知的层级 {value!r}",
        hint=(
            "a level is provincial (省), prefecture (州(市) or 市), county (县) or township "
            "(乡), or empty"
        ),
        hint_zh="层级为 省、州(市)/市、县 或 乡，也可留空",
    ),
    "input/unreadable": Entry(
        message="cannot read {shown}: {reason}",
        message_zh="无法读取 {shown}: {reason}",
        hint="check the path",
        hint_zh="请检查路径",
    ),
    "input/json#not-array": Entry(
        message="a JSON {what} file must be an array of objects",
        message_zh="JSON 格式的 {what} 文件须为对象数组",
        hint='write [{{"id": ...}}, ...]',
        hint_zh='请写成 [{{"id": ...}}, ...]',
    ),
    # The text is not JSON: the decoder's reason (in English) is the detail.
    "input/json#bad": Entry(
        message="bad JSON: {detail}",
        message_zh="JSON 格式错误: {detail}",
        hint="check the brackets, commas and quotes near here",
        hint_zh="请检查此处附近的括号、逗号和引号",
    ),
    "input/json#too-deep": Entry(
        message="JSON nested more than {depth} levels deep",
        message_zh="JSON 嵌套超过 {depth} 层",
        hint='a data file is an array of flat objects: [{{"id": ...}}, ...]',
        hint_zh='数据文件应为扁平对象的数组: [{{"id": ...}}, ...]',
    ),
    "input/json#separator": Entry(
        message="expected ',' or ']' in the array",
        message_zh="数组中此处应为 ',' 或 ']'",
        hint="separate objects with commas and close the array with ]",
        hint_zh="对象之间用逗号分隔，数组以 ] 结束",
    ),
    "input/unknown-kind": Entry(
        message="unknown kind {value!r}",
        message_zh="未知的机关类别 {value!r}",
        hint=(
            "a kind is government (人民政府), department (部门), supervisory commission "
            "(监察委员会), party committee (党委), people's congress standing committee "
            "(人大常委会), audit organ (审计机关), supervisory organ (行政监察机关), or one "
            "the rules declare ('kind NAME')"
        ),
        hint_zh=(
            "类别为 人民政府、部门、监察委员会、党委、人大常委会、审计机关、"
            "行政监察机关(监察机关)，或规则中用“类别 NAME”声明的类别"
        ),
    ),
    # The kind every agency has (行政机关), given instead of the agency's own.
    "input/unknown-kind#administrative-organ": Entry(
        message="unknown kind {value!r}",
        message_zh="未知的机关类别 {value!r}",
        hint=(
            "every agency is an administrative organ; give its own kind: government (人民政府), "
            "department (部门), supervisory commission (监察委员会), party committee (党委), "
            "people's congress standing committee (人大常委会), audit organ (审计机关), "
            "supervisory organ (行政监察机关), or one the rules declare ('kind NAME')"
        ),
        hint_zh=(
            "每个机关都是行政机关，请写明其类别：人民政府、部门、监察委员会、党委、人大常委会、"
            "审计机关、行政监察机关(监察机关)，或规则中用“类别 NAME”声明的类别"
        ),
    ),
    "input/header#bad-quote": Entry(
        message="unterminated quote in the header",
        message_zh="列名行中引号未闭合",
        hint="the first row must name the columns: {known}",
        hint_zh="第一行须为列名: {known_zh}",
    ),
    "input/workbook#no-openpyxl": Entry(
        message="reading an Excel workbook needs openpyxl, which is not installed",
        message_zh="读取 Excel 工作簿需要 openpyxl，但尚未安装",
        hint="pip install 'xzjd[xlsx]' (or save the sheet as CSV)",
        hint_zh="请执行 pip install 'xzjd[xlsx]'（或将工作表另存为 CSV）",
    ),
    # openpyxl's reason (in English) is the detail.
    "input/workbook#bad": Entry(
        message="cannot read the workbook: {detail}",
        message_zh="无法读取该工作簿: {detail}",
        hint="save it again from a spreadsheet program as .xlsx, or as CSV",
        hint_zh="请用电子表格软件重新另存为 .xlsx 或 CSV",
    ),
    "input/workbook#no-sheet": Entry(
        message="the workbook has no sheet {sheet!r}",
        message_zh="该工作簿没有名为 {sheet!r} 的工作表",
        hint="its sheets are: {sheets}",
        hint_zh="其工作表有: {sheets}",
    ),
    "input/workbook#extra-cell": Entry(
        message="a cell right of the header's {width_value} columns",
        message_zh="此单元格在列名行的 {width_value} 列之外",
        hint="one cell per column of the header: {columns}",
        hint_zh="每列一个单元格: {columns}",
    ),
}
