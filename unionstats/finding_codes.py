"""Every finding code: its usual severity, a short Vietnamese title and its message template.

The one list of what can be found (see :mod:`unionstats.findings`). A message is never
written anywhere else: code fills a template through :func:`unionstats.findings.message`.
"""

from __future__ import annotations

from dataclasses import dataclass

from unionstats.document_finding_codes import DOCUMENT_CODES


@dataclass(frozen=True)
class FindingCode:
    """One kind of finding: its usual severity, a title, and its message template."""

    code: str
    severity: str
    title_vi: str
    template_vi: str


_FAR_FROM_PEERS = (
    "{ratio_label} là {ratio}, khác xa các đơn vị khác cùng kỳ (trung vị {median}); kiểm tra lại nếu "
    "không có lý do riêng."
)
_REPAIR = "mở và lưu lại bằng Excel hoặc LibreOffice rồi gửi lại."
_TABLE: tuple[tuple[str, str, str, str], ...] = (
    # --- a file that cannot be read (quarantined) -------------------------------------
    (
        "file_not_spreadsheet",
        "error",
        "Không phải bảng tính",
        "'{suffix}' không phải bảng tính (.xlsx, .xls, .ods) hay văn bản Word (.docx, .doc).",
    ),
    (
        "file_corrupt",
        "error",
        "Tệp hỏng",
        "Tệp bị hỏng hoặc không phải bảng tính Excel/ODS thật{detail}: " + _REPAIR,
    ),
    (
        "file_encrypted",
        "error",
        "Tệp có mật khẩu",
        "Tệp có đặt mật khẩu: đề nghị đơn vị gỡ mật khẩu rồi gửi lại.",
    ),
    (
        "file_suspicious",
        "error",
        "Tệp đáng ngờ",
        "Tệp chứa {members} thành phần, quá nhiều cho một báo cáo: không mở, "
        "đề nghị đơn vị gửi lại tệp đúng mẫu.",
    ),
    (
        "file_too_large",
        "error",
        "Sheet quá lớn",
        "Sheet '{sheet}' có ô ở dòng {rows}, cột {cols}: quá lớn cho một báo cáo (thường do định dạng "
        "hoặc ô thừa ở cuối sheet); xoá các dòng, cột thừa rồi gửi lại.",
    ),
    (
        "file_zip_bomb",
        "error",
        "Tệp nén bất thường",
        "Tệp giải nén ra {megabytes} MB (nén {ratio} lần): nghi là tệp độc hại (zip bomb), không mở; "
        "đề nghị đơn vị gửi lại.",
    ),
    (
        "file_name_not_utf8",
        "error",
        "Tên tệp không đọc được",
        "Tên tệp có ký tự không phải Unicode (thường do giải nén tệp zip tạo trên máy khác, hiện "
        "thành \\x..): đổi tên tệp (gõ lại tên) rồi chạy lại 'unionstats ingest'.",
    ),
    (
        "file_unreadable",
        "error",
        "Không đọc được tệp",
        "Không đọc được tệp ({detail}): kiểm tra tệp còn trong thư mục và mở được rồi chạy lại.",
    ),
    (
        "reader_failed",
        "error",
        "Lỗi khi đọc tệp",
        "Lỗi không mong đợi khi đọc tệp ({detail}); tệp được cách ly, báo cho nhóm phát triển kèm tệp này.",
    ),
    (
        "table_not_found",
        "error",
        "Không thấy bảng số liệu",
        "Không tìm thấy bảng số liệu (dòng tiêu đề có 'Nội dung' và 'Số lượng' hoặc 'Số liệu'): dùng đúng "
        "mẫu báo cáo của LĐLĐ tỉnh.",
    ),
    (
        "table_no_indicator",
        "error",
        "Bảng không có chỉ tiêu nào",
        "Bảng ở sheet '{sheet}' không có dòng nào khớp chỉ tiêu trong danh mục: kiểm tra lại mẫu báo cáo.",
    ),
    (
        "table_ambiguous",
        "error",
        "Không rõ cột số liệu",
        "Bảng có nhiều cột số liệu kỳ này ({cells}): không rõ cột nào là kỳ báo cáo; ghi rõ tiêu đề "
        "'Kỳ báo cáo' và 'Cùng kỳ năm trước'.",
    ),
    (
        "table_period_missing",
        "error",
        "Không có cột của kỳ báo cáo",
        "Bảng ghi số liệu theo cột từng kỳ ({named}) nhưng không có cột nào của kỳ báo cáo {period}: kiểm "
        "tra tiêu đề cột hoặc chuyển tệp vào đúng thư mục kỳ.",
    ),
    (
        "form_version_unknown",
        "error",
        "Mẫu biểu không rõ phiên bản",
        "Tệp mang dấu mẫu biểu của unionstats nhưng phiên bản '{version}' không đọc được: dùng mẫu mới nhất "
        "('unionstats template').",
    ),
    (
        "form_wrong_period",
        "error",
        "Mẫu biểu nộp sai kỳ",
        "Mẫu biểu của kỳ {period} nhưng nằm trong thư mục kỳ {folder}: chuyển tệp vào thư mục {period}, "
        "hoặc gửi đơn vị mẫu của kỳ {folder}.",
    ),
    (
        "form_structure_changed",
        "error",
        "Mẫu biểu bị sửa cấu trúc",
        "Mẫu biểu đã bị sửa phần khoá (thêm, xoá, đổi chỗ dòng hoặc sửa nội dung){detail}: số liệu không "
        "được đọc vì không chắc dòng nào là chỉ tiêu nào; đề nghị đơn vị điền lại vào mẫu gốc.",
    ),
    (
        "unit_conflict",
        "error",
        "Đơn vị không thống nhất",
        "Không xác định được đơn vị báo cáo vì các nguồn ghi khác nhau: {detail}. "
        "Sửa cho thống nhất rồi gửi lại.",
    ),
    (
        "unit_unknown",
        "error",
        "Đơn vị không có trong danh mục",
        "Không nhận ra đơn vị báo cáo ('{seen}' không có trong units.csv).{hint} Nếu là đơn vị mới, thêm vào "
        "data/reference/units.csv; nếu viết sai tên, đề nghị đơn vị sửa.",
    ),
    (
        "period_unknown",
        "error",
        "Không rõ kỳ báo cáo",
        "Không xác định được kỳ báo cáo: ghi rõ kỳ trong tiêu đề (ví dụ '6 tháng đầu năm 2022', 'năm 2022') "
        "hoặc đặt tệp vào thư mục của kỳ (ví dụ 2022-H1).",
    ),
    (
        "period_conflict",
        "error",
        "Kỳ báo cáo không thống nhất",
        "Kỳ báo cáo không thống nhất ({detail}): sửa tiêu đề hoặc chuyển tệp vào đúng thư mục.",
    ),
    (
        "unit_table_unread",
        "error",
        "Bảng nhiều đơn vị không đọc được",
        "Bảng nhiều đơn vị ở sheet '{sheet}' không đọc được số liệu nào: {reason}",
    ),
    (
        "template_blank",
        "error",
        "Mẫu trống, chưa có số liệu",
        "Bảng ở sheet '{sheet}' có các dòng chỉ tiêu nhưng chưa có số liệu nào (mẫu trống): đơn vị chưa "
        "được tính là đã nộp; đề nghị đơn vị điền số liệu rồi gửi lại.",
    ),
    # --- a figure or a row of a file that was read ------------------------------------
    (
        "label_missing",
        "warning",
        "Số liệu không có nội dung",
        "Ô {cell} có số liệu nhưng dòng không có nội dung.",
    ),
    (
        "label_unknown",
        "info",
        "Nội dung không có trong danh mục",
        "Nội dung '{label}' (ô {cell}) không khớp chỉ tiêu nào trong danh mục.{hint} Nếu là chỉ tiêu cần "
        "theo dõi, thêm tên gọi này vào indicators.csv (lệnh 'unionstats labels --accept').",
    ),
    (
        "label_by_likeness",
        "info",
        "Đọc theo nghĩa gần nhất",
        "Nội dung '{label}' (ô {cell}) đọc theo nghĩa gần nhất là '{meant}'; nếu đúng, ghi nhận bằng "
        "'unionstats labels --accept' để lần sau khớp chính xác.",
    ),
    (
        "label_ambiguous",
        "warning",
        "Nội dung gần với nhiều chỉ tiêu",
        "Nội dung '{label}' (ô {cell}) gần với nhiều chỉ tiêu nên không lấy số liệu.{hint} Chọn đúng chỉ "
        "tiêu bằng 'unionstats labels --accept', hoặc đề nghị đơn vị ghi rõ nội dung.",
    ),
    (
        "label_female_orphan",
        "warning",
        "Dòng 'nữ' không rõ của chỉ tiêu nào",
        "Dòng '{label}' (ô {cell}) không nằm ngay dưới dòng tổng số đoàn viên hoặc CNVCLĐ: không rõ 'nữ' của "
        "chỉ tiêu nào.",
    ),
    (
        "indicator_repeated",
        "warning",
        "Một chỉ tiêu hai số",
        "{label} có hai số khác nhau ({first_cell}: {first_raw}, {cell}: {raw}): không lấy số nào, đề nghị "
        "đơn vị xác nhận.",
    ),
    (
        "sheet_not_read",
        "warning",
        "Sheet có bảng số liệu nhưng chưa được đọc",
        "Sheet '{sheet}' có bảng số liệu nhưng không được đọc: {reason} Sửa sheet này (hoặc tách thành tệp "
        "riêng) rồi gửi lại.",
    ),
    (
        "sheet_unrecognised",
        "warning",
        "Sheet có số liệu nhưng không nhận ra bảng",
        "Sheet '{sheet}' có {n} ô số nhưng không nhận ra bảng báo cáo hay danh sách CĐCS nào: số liệu ở đây "
        "chưa được đọc. Nếu là báo cáo, dùng mẫu của LĐLĐ tỉnh ('unionstats template') hoặc ghi tiêu đề cột "
        "'Nội dung' và 'Số lượng'.",
    ),
    (
        "sheet_hidden",
        "warning",
        "Sheet ẩn không được đọc",
        "Sheet '{sheet}' đang ẩn nên không được đọc (sheet ẩn thường là số liệu cũ hoặc bảng nháp); nếu là "
        "báo cáo của kỳ này, bỏ ẩn rồi gửi lại.",
    ),
    (
        "sheet_without_figures",
        "info",
        "Sheet không có số liệu",
        "Sheet '{sheet}' không có bảng số liệu (trang bìa, ghi chú hoặc mẫu trống): không có gì để đọc.",
    ),
    (
        "sheet_repeats_submission",
        "warning",
        "Hai sheet cùng đơn vị, cùng kỳ",
        "Sheet '{sheet}' cũng là báo cáo của {whose}, đã đọc ở sheet '{first_sheet}': không đọc lần hai; "
        "nếu đây là bản sửa, gửi thành tệp riêng.",
    ),
    (
        "period_from_sheet",
        "warning",
        "Sheet ghi kỳ khác thư mục",
        "Sheet '{sheet}' ghi kỳ {period} ({where}), khác kỳ của thư mục ({folder}): số liệu của sheet được "
        "xếp vào kỳ {period}, không vào kỳ của thư mục.",
    ),
    (
        "unit_name_unknown",
        "warning",
        "Tên đơn vị trong bảng không có trong danh mục",
        "Bảng nhiều đơn vị có số liệu của '{name}' (ô {cell}) nhưng tên này không có trong units.csv: "
        "số liệu này chưa được đọc.{hint} Thêm tên gọi vào data/reference/units.csv hoặc sửa tên trong bảng.",
    ),
    (
        "unit_columns_ambiguous",
        "warning",
        "Không rõ cột kỳ báo cáo của đơn vị",
        "Đơn vị '{name}' có các cột {cells} nhưng không rõ cột nào là số liệu kỳ báo cáo (ghi 'Kỳ báo cáo' "
        "và 'Cùng kỳ năm trước'): số liệu của đơn vị này chưa được đọc.",
    ),
    (
        "column_not_read",
        "warning",
        "Cột có số liệu nhưng không rõ chỉ tiêu",
        "Cột '{name}' (ô {cell}) có số liệu nhưng tiêu đề không khớp chỉ tiêu nào: chưa đọc. Nếu là chỉ tiêu "
        "cần theo dõi, thêm tên gọi vào indicators.csv ('unionstats labels --accept').",
    ),
    (
        "indicator_columns_repeated",
        "warning",
        "Một chỉ tiêu nhiều cột",
        "{label} có nhiều cột ({cells}) mà không rõ cột nào là số liệu kỳ báo cáo: chưa đọc cột nào; ghi "
        "'Kỳ báo cáo' và 'Cùng kỳ năm trước' dưới tiêu đề chỉ tiêu.",
    ),
    (
        "unit_repeated",
        "warning",
        "Một đơn vị hai lần trong bảng",
        "{name} xuất hiện lần nữa ở ô {cell}: chỉ đọc lần đầu; đề nghị đơn vị kiểm tra lại bảng.",
    ),
    (
        "total_mismatch",
        "warning",
        "Dòng/cột tổng không khớp",
        "Ô {cell} ghi tổng {total} nhưng cộng {n} đơn vị được {added}: kiểm tra lại số của từng đơn vị "
        "hoặc dòng tổng.",
    ),
    (
        "form_row_added",
        "warning",
        "Số liệu ngoài các dòng của mẫu",
        "Ô {cell} có số liệu nằm ngoài các dòng chỉ tiêu của mẫu biểu: không được đọc; nếu là chỉ tiêu cần "
        "báo cáo, ghi vào cột Ghi chú hoặc báo LĐLĐ tỉnh bổ sung vào mẫu.",
    ),
    (
        "values_all_zero",
        "warning",
        "Mọi số liệu đều bằng 0",
        "Mọi số liệu trong bảng ở sheet '{sheet}' đều bằng 0: kiểm tra lại đơn vị đã điền đúng mẫu chưa.",
    ),
    (
        "indicator_fy_only",
        "warning",
        "Chỉ tiêu cuối năm trong kỳ 6 tháng",
        "Chỉ tiêu xếp loại CĐCS chỉ báo cáo cuối năm nhưng có trong kỳ {period}.",
    ),
    ("value_blank", "info", "Ô trống", "{label}: {detail}"),
    ("value_not_number", "warning", "Không phải số", "{label}: {detail}"),
    ("value_approximate", "warning", "Số ước lượng", "{label}: {detail}"),
    ("value_percent", "warning", "Tỷ lệ thay cho số lượng", "{label}: {detail}"),
    ("value_unit_mismatch", "warning", "Đơn vị tiền ở chỉ tiêu đếm", "{label}: {detail}"),
    ("value_ambiguous", "warning", "Số mơ hồ", "{label}: {detail}"),
    ("value_unit_conflict", "warning", "Đơn vị không thống nhất", "{label}: {detail}"),
    ("value_unit_unknown", "warning", "Không rõ đơn vị tiền", "{label}: {detail}"),
    ("value_not_whole", "warning", "Số lượng không nguyên", "{label}: {detail}"),
    (
        "detail_rating_unknown",
        "warning",
        "Xếp loại không rõ",
        "Xếp loại '{value}' của {name} không thuộc bốn mức (xuất sắc, tốt, hoàn thành, không hoàn thành).",
    ),
    # --- the store ---------------------------------------------------------------------
    (
        "superseded",
        "info",
        "Đã có bản gửi sau",
        "Tệp {file} đã được thay bằng bản gửi sau {by}; số liệu cũ vẫn lưu trong values_superseded.parquet.",
    ),
    (
        "file_missing",
        "warning",
        "Tệp đã nhập nay không còn",
        "Tệp {file} đã nhập ở lần trước nhưng không còn trong thư mục gốc; số liệu vẫn được giữ. "
        "Nếu cố ý rút báo cáo, ghi chú lại và gửi tệp thay thế.",
    ),
    # --- validation -------------------------------------------------------------------
    (
        "rule_invalid",
        "error",
        "Quy tắc viết sai",
        "rules.csv dòng {line} ({rule_label}): {detail}; sửa dòng này, các quy tắc khác vẫn được kiểm tra.",
    ),
    ("rule_broken", "warning", "Vi phạm quy tắc", "{rule_message}: {detail}."),
    (
        "h1_above_fy",
        "error",
        "6 tháng lớn hơn cả năm",
        "{label}: 6 tháng đầu năm {year} ({h1}, {h1_file} ô {h1_cell}) lớn hơn cả năm ({fy}, ô {cell}); "
        "số cả năm phải gồm cả 6 tháng đầu.",
    ),
    (
        "stock_jump",
        "warning",
        "Biến động bất thường",
        "{label} {verb} {change} so với kỳ {before_period} ({before} → {after}), khác thường so với lịch sử "
        "của đơn vị (điểm z hiệu chỉnh {score}); đề nghị kiểm tra.",
    ),
    ("ratio_far_from_peers_unionisation", "info", "Tỷ lệ đoàn viên khác xa đơn vị khác", _FAR_FROM_PEERS),
    ("ratio_far_from_peers_female_members", "info", "Tỷ lệ nữ khác xa đơn vị khác", _FAR_FROM_PEERS),
    (
        "detail_mismatch",
        "error",
        "Danh sách CĐCS lệch biểu tổng hợp",
        "{label}: danh sách CĐCS (sheet '{list_sheet}', {detail_place}) cộng được {listed} "
        "nhưng biểu báo cáo (sheet '{form_sheet}', ô {form_cell}) ghi {reported}; đề nghị đơn vị đối chiếu.",
    ),
    (
        "detail_total_mismatch",
        "warning",
        "Dòng tổng cộng lệch",
        "{label}: dòng Tổng cộng (ô {cell}) ghi {total} nhưng cộng các dòng được {summed}.",
    ),
    (
        "missing_submission",
        "error",
        "Chưa nộp báo cáo",
        "{unit_name} chưa nộp báo cáo kỳ {period} ({period_label}); đề nghị đôn đốc đơn vị.",
    ),
)
CODES: dict[str, FindingCode] = {row[0]: FindingCode(*row) for row in (*_TABLE, *DOCUMENT_CODES)}
