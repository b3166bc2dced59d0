"""Tables -> Vietnamese sentences in the style of the federation's published articles.

Every number in a sentence comes from the table passed in; a clause whose figure is
missing is left out rather than filled in, so nothing is claimed that the table does not
hold. Numbers use Vietnamese formats (7.842; 295,4 triệu đồng; 2,1%).
"""

from __future__ import annotations

import pandas as pd

from unionstats.catalogue import Catalogue
from unionstats.formatting import fmt_money, fmt_number, fmt_percent
from unionstats.periods import parse_code

# (indicator, clause on its own, clause joined to the one before or None): "{v}" is the figure.
ACTIVITY_CLAUSES = (
    ("members_new", "kết nạp {v} đoàn viên mới", None),
    ("cdcs_new", "thành lập {v} CĐCS", None),
    ("visits", "thăm hỏi, trợ cấp {v} lượt đoàn viên, người lao động", None),
    ("visits_amount", "chi thăm hỏi, trợ cấp {v}", "với tổng số tiền {v}"),
    ("funds_raised", "vận động đóng góp các quỹ được {v}", None),
    ("gifts", "tặng {v} suất quà cho đoàn viên, người lao động có hoàn cảnh khó khăn", None),
    ("gifts_children", "tặng {v} suất quà cho trẻ em", "và {v} suất quà cho trẻ em"),
    ("houses", "xây dựng, sửa chữa {v} nhà Mái ấm Công đoàn", None),
    ("cultural_events", "tổ chức {v} hoạt động văn hoá, thể thao", None),
    (
        "cultural_participants",
        "có {v} lượt người tham gia hoạt động văn hoá, thể thao",
        "với {v} lượt người tham gia",
    ),
    ("initiatives", "có {v} sáng kiến", None),
    ("trainings", "mở {v} lớp tập huấn cán bộ công đoàn", None),
    ("party_referrals", "giới thiệu {v} đoàn viên ưu tú cho Đảng", None),
    ("party_admitted", "có {v} đoàn viên được kết nạp Đảng", "và đã có {v} đoàn viên được kết nạp Đảng"),
)


def period_phrase(period: str) -> str:
    """ "Năm 2020", "6 tháng đầu năm 2022" (capitalised, to open a sentence)."""
    text = parse_code(period).label_vi
    return text[0].upper() + text[1:]


def change_phrase(change_pct: float | None, against: str = "cùng kỳ") -> str:
    """ "tăng 2,1% so với cùng kỳ", "giảm 0,4% …", "bằng cùng kỳ"; '' when unknown."""
    if change_pct is None or pd.isna(change_pct):
        return ""
    if round(change_pct, 3) == 0:
        return f"bằng {against}"
    verb = "tăng" if change_pct > 0 else "giảm"
    return f"{verb} {fmt_percent(abs(change_pct))} so với {against}"


def scope_paragraph(
    comparison: pd.DataFrame, scope: str, scope_name: str, subject: str, catalogue: Catalogue
) -> str:
    """A paragraph on one scope (province, cluster or unit) for one period.

    ``comparison`` is a :func:`unionstats.analyse.analysis.compare` table (year-over-year).
    ``subject`` names who did the activities ("các đơn vị trong cụm"); the ``catalogue``
    says which figures are money and names the ratings.
    """
    rows = comparison[comparison["scope"] == scope].set_index("indicator")
    if rows.empty:
        return ""
    period = rows["period"].iloc[0]
    value = rows["value"].to_dict()
    sentences = []
    size = [
        f"{fmt_number(value[i])} {word}"
        for i, word in (("cdcs", "CĐCS"), ("workers", "CNVCLĐ"))
        if i in value
    ]
    if "members" in value or size:
        text = f"{period_phrase(period)}, {scope_name}"
        if size:
            text += f" quản lý {' với '.join(size)}"
        if "members" in value:
            change = change_phrase(rows.at["members", "change_pct"])
            excluded = rows.at["members", "excluded"] if "excluded" in rows else ""
            if change and isinstance(excluded, str) and excluded:
                change += f", so sánh trên cùng đơn vị, {excluded}"
            text += f"{' và' if size else ' có'} {fmt_number(value['members'])} đoàn viên công đoàn"
            text += f" ({change})" if change else ""
        sentences.append(text + ".")
    clauses: list[str] = []
    previous_present = False
    for indicator, alone, joined in ACTIVITY_CLAUSES:
        if indicator not in value:
            previous_present = False
            continue
        amount = value[indicator]
        figure = fmt_money(amount) if catalogue.is_money(indicator) else fmt_number(amount)
        if joined and previous_present:
            clauses[-1] += " " + joined.format(v=figure)
        else:
            clauses.append(alone.format(v=figure))
        previous_present = True
    if clauses:
        opener = f"Trong kỳ, {subject} đã " if sentences else f"{period_phrase(period)}, {subject} đã "
        sentences.append(opener + "; ".join(clauses) + ".")
    ratings = [r for r in catalogue.ratings if r.code in value]
    if ratings and len(ratings) == len(catalogue.ratings):
        parts = [
            f"{fmt_number(value[r.code])} {r.label}" if value[r.code] else f"không có {r.label}"
            for r in ratings
        ]
        sentences.append("Kết quả xếp loại: " + ", ".join(parts) + ".")
    return " ".join(sentences)


def leading_sentence(ranking: pd.DataFrame, cluster: str, cluster_name: str, period: str) -> str:
    """ "Ngọc Hồi là đơn vị dẫn đầu Cụm thi đua số 2 năm 2020 (điểm 0,85)."""
    leaders = ranking[(ranking["cluster_code"] == cluster) & ranking["leading"]]
    if leaders.empty:
        return ""
    names = " và ".join(leaders["unit_name"])
    score = fmt_number(leaders["score"].iloc[0], 2)
    verb = "là đơn vị dẫn đầu" if len(leaders) == 1 else "cùng dẫn đầu"
    return f"{names} {verb} {cluster_name} trong {parse_code(period).label_vi} (điểm xếp hạng {score})."


def completeness_sentence(
    submitted: int, expected: int, missing_names: list[str], period: str, text_only: list[str] = ()
) -> str:
    """ "6 tháng đầu năm 2023 có 12/13 đơn vị gửi báo cáo; chưa nộp: Kon Plông." (the period as
    official text says it, never its code), and the units whose figures were read from a Word
    report because they sent no form."""
    spoken = parse_code(period).label_vi
    text = f"{spoken[0].upper()}{spoken[1:]} có {submitted}/{expected} đơn vị gửi báo cáo"
    text += f"; chưa nộp: {', '.join(missing_names)}." if missing_names else ", đầy đủ."
    if text_only:
        text += (
            f" {', '.join(text_only)} chỉ gửi báo cáo bằng văn bản, chưa gửi biểu số liệu: "
            "số liệu của đơn vị được đọc từ văn bản báo cáo."
        )
    return text


ACHIEVEMENT_WORDS = {
    "members_new": "kết nạp đoàn viên mới",
    "cdcs_new": "thành lập CĐCS mới",
    "funds_raised": "vận động đóng góp các quỹ",
}


def achievement_sentence(table: pd.DataFrame, scope: str) -> str:
    """ "Kết quả so với chỉ tiêu giao: kết nạp đoàn viên mới đạt 104,4% chỉ tiêu; …".

    ``table`` is a :func:`unionstats.analysis.achievement` table.
    """
    rows = table[table["scope"] == scope].set_index("indicator")
    parts = [
        f"{words} đạt {fmt_percent(rows.at[code, 'achievement'])} chỉ tiêu"
        for code, words in ACHIEVEMENT_WORDS.items()
        if code in rows.index and not pd.isna(rows.at[code, "achievement"])
    ]
    return ("Kết quả so với chỉ tiêu giao: " + "; ".join(parts) + ".") if parts else ""


def key_points(
    key_figures: pd.DataFrame, completeness_text: str, leaders: list[str], notable: pd.DataFrame
) -> list[str]:
    """Three to five sentences for the top of a brief, each read off one of its tables.

    ``key_figures`` is the brief's "Số liệu chính" table (with "Mã", "Kỳ này", "Tỷ lệ thay
    đổi", "Ghi chú"); ``notable`` its "Điểm cần lưu ý" table.
    """
    points = [completeness_text]
    rows = key_figures.set_index("Mã") if "Mã" in key_figures else pd.DataFrame()
    for code, words, unit in (
        ("members", "Đoàn viên công đoàn", "người"),
        ("members_new", "Kết nạp mới", "đoàn viên"),
    ):
        if code in rows.index:
            row = rows.loc[code]
            text = f"{words}: {fmt_number(row['Kỳ này'])} {unit}"
            change = change_phrase(row["Tỷ lệ thay đổi"])
            if change:
                text += f", {change}"
                text += " (so sánh trên cùng đơn vị)" if row.get("Ghi chú") else ""
            points.append(text + ".")
    points += leaders[:1]
    serious = notable[notable["Loại"].isin(["Lỗi", "Cảnh báo"])] if "Loại" in notable else notable.iloc[0:0]
    if len(serious):
        points.append(f"Có {len(serious)} lỗi, cảnh báo cần các đơn vị kiểm tra lại (mục 7).")
    return [p for p in points if p][:5]


def ranking_method(scoring: pd.DataFrame, period: str) -> str:
    """How the ranking's score is made, from ``scoring.csv`` (criteria and weights)."""
    parts = [f"{row.label_vi} ({fmt_percent(row.weight, 0)})" for row in scoring.itertuples(index=False)]
    annual = (
        ""
        if parse_code(period).period_type == "FY"
        else " Các tiêu chí chỉ có ở kỳ cả năm (xếp loại, chỉ tiêu giao) không tính ở kỳ 6 tháng."
    )
    return (
        "Cách tính điểm xếp hạng: với mỗi tiêu chí, các đơn vị trong cụm được xếp theo thứ hạng phần trăm "
        "(0 là thấp nhất, 1 là cao nhất); điểm là trung bình có trọng số của các tiêu chí: "
        + "; ".join(parts)
        + "."
        + annual
        + " Điểm để tham khảo cho hội đồng thi đua, không thay cho việc bình xét."
    )


def nothing_to_compare(compared: pd.DataFrame, period: str) -> str:
    """Why a brief has no comparison with last year (a province's first period in the store),
    or ``""`` when at least one figure has last year's base."""
    if not compared.empty and compared["change"].notna().any():
        return ""
    base = parse_code(period).same_period_last_year().label_vi
    return f"Chưa có số liệu {base} trong kho nên chưa so sánh được với cùng kỳ năm trước."
