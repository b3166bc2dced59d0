"""The layout of the blank forms unionstats sends out, shared by their writer and reader.

``unionstats template`` (:mod:`unionstats.publish.blank_forms`) writes one form per unit
and period; the reader (:mod:`unionstats.read.marked_forms`) recognises a returned form by
its hidden sheet :data:`MARKER_SHEET`, a list of ``key | value`` rows (:data:`KEYS`)
followed by one ``row | indicator`` line per indicator row of the report sheet. Unit,
period and every row then come from the marker, not from guessing; the visible labels are
checked against it, so that a form whose locked rows were moved or changed is refused.
"""

from __future__ import annotations

FORM_VERSION = "unionstats-form-1"
MARKER_SHEET = "_unionstats"
REPORT_SHEET = "Báo cáo"
DETAIL_SHEET = "Danh sách CĐCS"
KEYS = ("form_version", "unit_code", "period", "sheet", "label_column", "measure_column", "value_column")
ROWS_START = len(KEYS) + 2  # 1-based row of the first "row | indicator" line (after a blank row)
HEADER_ROW = 7  # 1-based row of "TT | Nội dung | Đơn vị tính | Số lượng | Ghi chú"
COLUMNS = {"number": "A", "label": "B", "measure": "C", "value": "D", "note": "E"}
MONEY_MEASURE_ON_FORM = "triệu đồng"  # money is asked in millions, as offices write it
