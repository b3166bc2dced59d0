"""The finding codes of Word reports: a document that cannot be read, and figures read from text.

Part of the one list of :mod:`unionstats.finding_codes` (which joins it to the others); kept
apart because a report's sentences have their own ways of being unsure.
"""

from __future__ import annotations

DOCUMENT_CODES: tuple[tuple[str, str, str, str], ...] = (
    # --- a Word report that cannot be read (quarantined) -------------------------------
    (
        "document_corrupt",
        "error",
        "Văn bản hỏng",
        "Không mở được văn bản Word{detail}: mở bằng Word hoặc LibreOffice, lưu lại dạng .docx rồi gửi lại.",
    ),
    (
        "document_old_format",
        "error",
        "Văn bản Word cũ (.doc)",
        "Tệp .doc (Word 97-2003) chỉ đọc được khi máy có LibreOffice: mở bằng Word, chọn Lưu thành "
        ".docx rồi chép tệp mới vào thư mục kỳ (hoặc cài LibreOffice).",
    ),
    (
        "document_without_figures",
        "error",
        "Văn bản không có số liệu",
        "Văn bản không nêu số liệu nào của danh mục chỉ tiêu (trong câu hay trong bảng): đơn vị chưa được "
        "tính là đã nộp; đề nghị gửi kèm biểu số liệu.",
    ),
    # --- figures read from a report's sentences -------------------------------------------
    (
        "text_figure_unconfirmed",
        "info",
        "Đọc từ văn bản, chờ xác nhận",
        "{label} = {value}: đọc từ văn bản ({cell}) — đề nghị xác nhận: 'unionstats reports --confirm'.",
    ),
    (
        "text_figure_approximate",
        "warning",
        "Số ước lượng trong văn bản",
        '{label} = {value}: văn bản ghi số ước lượng ("{qualifier}") ở {cell}: "{sentence}"; '
        "đề nghị đơn vị cho số chính xác.",
    ),
    (
        "text_figure_ambiguous",
        "warning",
        "Số trong văn bản không rõ chỉ tiêu",
        'Số {number} ở {cell} có thể là {candidates}: không lấy số; "{sentence}".',
    ),
    (
        "text_figure_conflict",
        "warning",
        "Văn bản nêu hai số khác nhau",
        "{label}: văn bản nêu các số khác nhau ({values}): không lấy số nào; đề nghị đơn vị xác nhận.",
    ),
    (
        "text_number_unclear",
        "warning",
        "Số trong văn bản không rõ",
        "{label}: '{number}' ở {cell} không đọc được thành số (dấu chấm, phẩy?): không lấy số; "
        '"{sentence}".',
    ),
    (
        "text_differs_from_table",
        "warning",
        "Câu văn lệch với bảng",
        "{label}: câu văn ở {cell} ghi {text_value}, bảng ghi {table_value} ({table_place}); "
        "lấy số của bảng, đề nghị đơn vị kiểm tra.",
    ),
    (
        "report_differs_from_form",
        "warning",
        "Báo cáo lệch với biểu số liệu",
        "{label}: báo cáo ghi {report_value} ({report_place}), biểu ghi {form_value} ({form_place}); "
        "số liệu lấy theo biểu, đề nghị đơn vị kiểm tra.",
    ),
    (
        "report_beside_form",
        "info",
        "Báo cáo đối chiếu với biểu",
        "Báo cáo {file} của cùng đơn vị và kỳ được đối chiếu với biểu số liệu {by}; số liệu lấy theo biểu.",
    ),
)
