"""How each sample office fills in the form: templates, writers, layouts, wordings."""

from __future__ import annotations

from dataclasses import dataclass

TEMPLATE_2019: list[tuple[str, list[str]]] = [
    (
        "TỔ CHỨC CÔNG ĐOÀN VÀ ĐOÀN VIÊN",
        [
            "cdcs",
            "workers",
            "workers_female",
            "members",
            "members_female",
            "members_new",
            "cdcs_new",
            "cdcs_dissolved",
        ],
    ),
    ("CHĂM LO ĐỜI SỐNG ĐOÀN VIÊN, NGƯỜI LAO ĐỘNG", ["visits", "visits_amount", "gifts", "funds_raised"]),
    (
        "PHONG TRÀO THI ĐUA, VĂN HOÁ THỂ THAO",
        ["cultural_events", "cultural_participants", "?Số cuộc thi tìm hiểu pháp luật"],
    ),
    ("ĐÀO TẠO, BỒI DƯỠNG CÁN BỘ", ["trainings", "trainees"]),
]
TEMPLATE_2021: list[tuple[str, list[str]]] = [
    (
        "PHÁT TRIỂN ĐOÀN VIÊN, XÂY DỰNG TỔ CHỨC CÔNG ĐOÀN",
        [
            "members",
            "members_female",
            "workers",
            "workers_female",
            "cdcs",
            "members_new",
            "cdcs_new",
            "cdcs_dissolved",
        ],
    ),
    ("ĐẠI DIỆN, BẢO VỆ QUYỀN LỢI", ["labour_conferences", "collective_agreements", "work_stoppages"]),
    (
        "CHĂM LO ĐỜI SỐNG ĐOÀN VIÊN, NGƯỜI LAO ĐỘNG",
        ["visits", "visits_amount", "gifts", "gifts_children", "houses", "houses_amount", "funds_raised"],
    ),
    (
        "PHONG TRÀO THI ĐUA",
        [
            "cultural_events",
            "cultural_participants",
            "initiatives",
            "?Số lượt thí sinh tham gia cuộc thi tìm hiểu",
        ],
    ),
    (
        "TUYÊN TRUYỀN, ĐÀO TẠO VÀ XÂY DỰNG ĐẢNG",
        ["trainings", "trainees", "party_referrals", "party_admitted"],
    ),
    ("TÀI CHÍNH CÔNG ĐOÀN", ["kpcd_collected", "dues_collected"]),
]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]


@dataclass(frozen=True)
class Style:
    """How one unit's office fills in the form (chosen once per unit, deterministic)."""

    writer: str  # openpyxl | xlsxwriter | xls | ods
    layout: str  # single | two_columns | prior_first | with_plan
    top_lines: int  # blank or text lines between the title and the table
    first_col: int  # 0 = table starts in column A, 1 = column B
    extra_sheet: str  # "" or the name of a sheet placed before the report
    sheet_name: str
    counts: str  # numeric | vn_text | space_text | us_text | noise
    money: str  # dong | dong_text | trieu | trieu_text | words | nghin
    label_case: str  # plain | upper | nfd
    numbering: str  # dot | paren | none
    female_rows: str  # trong_do | alias
    dash_for_zero: bool
    filename: str  # a pattern, see _filename


# fmt: off
UNIT_STYLES: dict[str, Style] = {
    #                     writer        layout         top col extra sheet     sheet            counts        money         labels   numbering trong_do/alias dash  filename
    "tp-kon-tum":   Style("openpyxl",   "two_columns", 1, 0, "",           "Báo cáo",       "vn_text",    "trieu",      "plain", "dot",   "trong_do", False, "BC_{period_short}_{ascii}"),
    "dak-ha":       Style("openpyxl",   "single",      0, 0, "Hướng dẫn",  "Biểu 01",       "numeric",    "dong",       "plain", "dot",   "alias",    True,  "{ascii} - bao cao {period_words}"),
    "sa-thay":      Style("xlsxwriter", "with_plan",   2, 1, "",           "BC",            "space_text", "words",      "upper", "none",  "trong_do", False, "SaThay_{period_code}"),
    "kon-ray":      Style("xls",        "single",      1, 0, "",           "Sheet1",        "numeric",    "nghin",      "plain", "paren", "alias",    True,  "KonRay {period_short}"),
    "kon-plong":    Style("openpyxl",   "prior_first", 3, 0, "Sheet1",     "So lieu",       "noise",      "dong_text",  "nfd",   "dot",   "trong_do", False, "Bao cao {period_words} KonPlong"),
    "dak-to":       Style("openpyxl",   "two_columns", 0, 1, "",           "Báo cáo",       "numeric",    "dong",       "plain", "dot",   "trong_do", False, "BC_{period_short}_DakTo"),
    "ngoc-hoi":     Style("openpyxl",   "single",      2, 0, "",           "BC 6T",         "vn_text",    "trieu_text", "plain", "paren", "alias",    True,  "Bao cao {period_words} - Ngoc Hoi"),
    "dak-glei":     Style("xls",        "two_columns", 1, 0, "",           "Biểu số liệu",  "us_text",    "words",      "upper", "dot",   "trong_do", False, "DakGlei_{period_code}"),
    "ia-hdrai":     Style("ods",        "single",      0, 0, "",           "Báo cáo",       "numeric",    "trieu",      "plain", "dot",   "trong_do", True,  "ldld_ia_hdrai_{period_code}"),
    "tu-mo-rong":   Style("xlsxwriter", "prior_first", 1, 1, "Ghi chú",    "BC",            "numeric",    "dong",       "plain", "none",  "alias",    False, "TuMoRong_{period_short}"),
    "cd-vien-chuc": Style("openpyxl",   "two_columns", 2, 0, "",           "Báo cáo",       "vn_text",    "words",      "plain", "dot",   "trong_do", False, "CDVC_{period_code}"),
    "cd-giao-duc":  Style("xlsxwriter", "single",      1, 0, "",           "Bieu 01",       "space_text", "dong_text",  "plain", "dot",   "trong_do", True,  "BC so lieu CD Giao duc {period_words}"),
    "cd-y-te":      Style("ods",        "with_plan",   0, 0, "Hướng dẫn",  "Báo cáo",       "numeric",    "trieu_text", "nfd",   "paren", "alias",    False, "CD Y te {period_short}"),
    "cd-khu-kinh-te": Style("openpyxl", "two_columns", 1, 1, "",           "BC",            "us_text",    "nghin",      "upper", "dot",   "trong_do", False, "Bieu so lieu {period_short}"),
    "cd-vien-chuc-y-te": Style("openpyxl", "two_columns", 1, 0, "",        "Báo cáo",       "vn_text",    "words",      "plain", "dot",   "trong_do", False, "CD VC-YT_{period_code}"),
}
# fmt: on
ORG_LINE: dict[str, str] = {
    "tp-kon-tum": "LĐLĐ THÀNH PHỐ KON TUM",
    "dak-ha": "LIÊN ĐOÀN LAO ĐỘNG HUYỆN ĐĂK HÀ",
    "sa-thay": "LĐLĐ HUYỆN SA THẦY",
    "kon-ray": "LĐLĐ HUYỆN KON RẪY",
    "kon-plong": "LĐLĐ huyện Kon Plông",
    "dak-to": "LĐLĐ HUYỆN ĐẮK TÔ",
    "ngoc-hoi": "LIÊN ĐOÀN LAO ĐỘNG HUYỆN NGỌC HỒI",
    "dak-glei": "LĐLĐ HUYỆN ĐẮC GLEI",
    "ia-hdrai": "Đơn vị: LĐLĐ huyện Ia H’Drai",
    "tu-mo-rong": "LĐLĐ HUYỆN TU MƠ RÔNG",
    "cd-vien-chuc": "CÔNG ĐOÀN VIÊN CHỨC TỈNH",
    "cd-giao-duc": "CÔNG ĐOÀN NGÀNH GIÁO DỤC",
    "cd-y-te": "CÔNG ĐOÀN NGÀNH Y TẾ",
    "cd-khu-kinh-te": "CÔNG ĐOÀN CÁC KHU KINH TẾ TỈNH",
    "cd-vien-chuc-y-te": "CÔNG ĐOÀN VIÊN CHỨC VÀ Y TẾ TỈNH",
}
PLACE: dict[str, str] = {
    "tp-kon-tum": "Kon Tum",
    "dak-ha": "Đăk Hà",
    "sa-thay": "Sa Thầy",
    "kon-ray": "Kon Rẫy",
    "kon-plong": "Kon Plông",
    "dak-to": "Đăk Tô",
    "ngoc-hoi": "Ngọc Hồi",
    "dak-glei": "Đăk Glei",
    "ia-hdrai": "Ia H'Drai",
    "tu-mo-rong": "Tu Mơ Rông",
}
