"""Held-out Word reports: written before the sentence reader existed, never tuned on.

Each report is what a district federation or sector union writes in its Báo cáo sơ kết /
tổng kết: an administrative header, a title naming the period, numbered sections and
sentences stating figures, sometimes a table, and everything that is not a level (changes,
shares, targets, plans, dates, document numbers, anniversaries, counts of things outside
the catalogue, per-item amounts). ``expected`` holds the levels a careful reader takes from
the text (money in đồng, as the catalogue measures it); ``approximate`` the ones stated with
"trên", "hơn", "gần", "khoảng"; ``no_value`` figures a reader must not take because two
indicators could claim them. Measured by ``tests/test_word_report_evaluation.py``; the
result is stated in ``docs/methodology.md``.
"""

from __future__ import annotations

REPORTS = [
    {
        "file": "2024-H1/DakTo bao cao so ket 6 thang.docx",
        "header": ["LĐLĐ TỈNH KON TUM", "LĐLĐ HUYỆN ĐĂK TÔ", "Số: 45/BC-LĐLĐ"],
        "place_date": "Đăk Tô, ngày 10 tháng 6 năm 2024",
        "title": ["BÁO CÁO", "Sơ kết công tác công đoàn 6 tháng đầu năm 2024, phương hướng nhiệm vụ 6 tháng cuối năm 2024"],
        "paragraphs": [
            "Thực hiện Hướng dẫn số 12/HD-LĐLĐ ngày 15/5/2024 của Liên đoàn Lao động tỉnh, Liên đoàn Lao động huyện Đăk Tô báo cáo kết quả công tác 6 tháng đầu năm 2024 như sau:",
            "1. Công tác phát triển đoàn viên, thành lập công đoàn cơ sở",
            "Đến nay, LĐLĐ huyện đang quản lý 52 công đoàn cơ sở với tổng số 1.950 công nhân, viên chức, lao động; trong đó có 1.803 đoàn viên công đoàn (đoàn viên nữ 941 người), tăng 35 đoàn viên so với cùng kỳ năm 2023.",
            "Trong 6 tháng đầu năm, đã kết nạp mới 64 đoàn viên, đạt 53,3% chỉ tiêu năm (chỉ tiêu giao 120 đoàn viên); thành lập mới 02 công đoàn cơ sở.",
            "2. Công tác chăm lo đời sống",
            "Các cấp công đoàn đã thăm hỏi, trợ cấp 127 lượt đoàn viên ốm đau, gặp khó khăn với số tiền 86,5 triệu đồng; trao 210 suất quà cho đoàn viên, người lao động có hoàn cảnh khó khăn.",
            "Nhân ngày Quốc tế thiếu nhi 1/6, tặng 185 suất quà cho con đoàn viên.",
            "Vận động đoàn viên đóng góp các quỹ xã hội được 45.200.000 đồng.",
            "3. Công tác tuyên truyền, thi đua",
            "Tổ chức 3 lớp tập huấn cho 168 lượt cán bộ công đoàn cơ sở; tổ chức 14 hoạt động văn hóa, thể thao thu hút 1.260 lượt người tham gia.",
            "Giới thiệu 12 đoàn viên ưu tú cho Đảng xem xét kết nạp, trong đó 7 đồng chí đã được kết nạp vào Đảng.",
            "4. Phương hướng 6 tháng cuối năm",
            "Phấn đấu 6 tháng cuối năm kết nạp thêm 60 đoàn viên, thành lập mới 3 công đoàn cơ sở.",
        ],
        "expected": {
            "cdcs": 52, "workers": 1950, "members": 1803, "members_female": 941, "members_new": 64,
            "cdcs_new": 2, "visits": 127, "visits_amount": 86_500_000, "gifts": 210, "gifts_children": 185,
            "funds_raised": 45_200_000, "trainings": 3, "trainees": 168, "cultural_events": 14,
            "cultural_participants": 1260, "party_referrals": 12, "party_admitted": 7,
        },
    },
    {
        "file": "2023-FY/NgocHoi tong ket nam.docx",
        "header": ["LIÊN ĐOÀN LAO ĐỘNG TỈNH KON TUM", "LIÊN ĐOÀN LAO ĐỘNG HUYỆN NGỌC HỒI", "Số: 88/BC-LĐLĐ"],
        "place_date": "Ngọc Hồi, ngày 28 tháng 11 năm 2023",
        "title": ["BÁO CÁO", "Tổng kết hoạt động công đoàn năm 2023"],
        "paragraphs": [
            "Năm 2023, tình hình kinh tế - xã hội của huyện tiếp tục phát triển; toàn huyện có 38 công đoàn cơ sở trực thuộc (giảm 1 CĐCS do sáp nhập trường học).",
            "Tổng số đoàn viên hiện có 2.451 người trên tổng số 2.612 CNVCLĐ, tỷ lệ đoàn viên đạt 93,8%.",
            "Kết nạp được 96/100 đoàn viên theo chỉ tiêu được giao, đạt 96%.",
            "Công đoàn các cấp đã phối hợp tổ chức hội nghị cán bộ, công chức, viên chức tại 36/38 cơ quan, đơn vị (đạt 94,7%).",
            "Thăm hỏi 215 lượt đoàn viên, người lao động ốm đau, hoàn cảnh khó khăn, tổng số tiền hơn 150 triệu đồng.",
            "Xây dựng mới 2 nhà Mái ấm Công đoàn với tổng kinh phí 120 triệu đồng.",
            "Năm 2023 có 24 CĐCS được xếp loại hoàn thành xuất sắc nhiệm vụ, 11 CĐCS hoàn thành tốt nhiệm vụ, 3 CĐCS hoàn thành nhiệm vụ.",
            "Thực hiện Nghị quyết số 02-NQ/TW ngày 12/6/2021 của Bộ Chính trị, tổ chức các hoạt động kỷ niệm 94 năm Ngày thành lập Công đoàn Việt Nam (28/7/1929 - 28/7/2023).",
            "Kết quả một số chỉ tiêu chủ yếu:",
        ],
        "tables": [
            [
                ["STT", "Chỉ tiêu", "Đơn vị tính", "Năm 2023"],
                ["1", "Sáng kiến được công nhận", "sáng kiến", "42"],
                ["2", "Lớp tập huấn cán bộ công đoàn", "lớp", "5"],
                ["3", "Lượt cán bộ được tập huấn", "lượt", "310"],
            ]
        ],
        "expected": {
            "cdcs": 38, "members": 2451, "workers": 2612, "members_new": 96, "labour_conferences": 36,
            "visits": 215, "visits_amount": 150_000_000, "houses": 2, "houses_amount": 120_000_000,
            "initiatives": 42, "trainings": 5, "trainees": 310, "rating_excellent": 24, "rating_good": 11,
            "rating_completed": 3,
        },
        "approximate": ["visits_amount"],
    },
    {
        "file": "2024-FY/CD Giao duc - bao cao nam 2024.docx",
        "header": ["LĐLĐ TỈNH KON TUM", "CÔNG ĐOÀN GIÁO DỤC TỈNH", "Số: 120/BC-CĐGD"],
        "place_date": "Kon Tum, ngày 25 tháng 11 năm 2024",
        "title": ["BÁO CÁO", "Kết quả hoạt động công đoàn năm 2024"],
        "paragraphs": [
            "I. TÌNH HÌNH TỔ CHỨC",
            "Số CĐCS trực thuộc: 184; số đoàn viên: 9.449 người (nữ 6.802 người); số CNVCLĐ: 9.512 người.",
            "Số đoàn viên kết nạp mới trong năm là 312 người. Tỷ lệ đoàn viên nữ chiếm 72%.",
            "So với năm 2023, số đoàn viên giảm 41 người do nghỉ hưu và chuyển công tác.",
            "Năm học 2023 - 2024, ngành có 12 trường đạt chuẩn quốc gia.",
            "II. CHĂM LO ĐỜI SỐNG",
            "Công đoàn ngành đã chi thăm hỏi, trợ cấp cho 402 lượt đoàn viên với số tiền 318.500.000 đồng.",
            "Quỹ Mái ấm Công đoàn ngành hỗ trợ xây mới 4 căn nhà cho đoàn viên khó khăn về nhà ở, mỗi căn 50 triệu đồng.",
            "III. PHONG TRÀO THI ĐUA",
            "Có 1.215 sáng kiến, giải pháp được công nhận cấp cơ sở.",
            "Tổ chức 6 lớp bồi dưỡng nghiệp vụ cho 540 lượt cán bộ công đoàn.",
        ],
        "expected": {
            "cdcs": 184, "members": 9449, "members_female": 6802, "workers": 9512, "members_new": 312,
            "visits": 402, "visits_amount": 318_500_000, "houses": 4, "initiatives": 1215, "trainings": 6,
            "trainees": 540,
        },
    },
    {
        "file": "2022-H1/SaThay 6T2022.docx",
        "header": ["LIÊN ĐOÀN LAO ĐỘNG HUYỆN SA THẦY", "Số: 15/BC-LĐLĐ"],
        "place_date": "Sa Thầy, ngày 02 tháng 6 năm 2022",
        "title": ["BÁO CÁO", "Sơ kết 6 tháng đầu năm 2022"],
        "paragraphs": [
            "Toàn huyện hiện có khoảng 1.700 CNVCLĐ đang làm việc tại 41 CĐCS; đoàn viên công đoàn 1.588 người.",
            "Trong kỳ, phát triển mới 38 đoàn viên.",
            "Tặng gần 300 suất quà Tết cho đoàn viên, người lao động khó khăn, trị giá 150 triệu đồng.",
            "Vận động ủng hộ Quỹ Vì người nghèo được 32,4 triệu đồng.",
            "Có 3 cuộc ngừng việc tập thể xảy ra tại doanh nghiệp trên địa bàn, đã được giải quyết kịp thời.",
            "Ngày 20/3/2022, tổ chức Giải bóng chuyền hơi nữ CNVCLĐ lần thứ 5 với 12 đội tham gia.",
        ],
        "expected": {
            "workers": 1700, "cdcs": 41, "members": 1588, "members_new": 38, "gifts": 300,
            "funds_raised": 32_400_000, "work_stoppages": 3,
        },
        "approximate": ["workers", "gifts"],
    },
    {
        "file": "2021-FY/KonPlong_TongKet2021.docx",
        "header": ["LĐLĐ HUYỆN KON PLÔNG"],
        "place_date": "Kon Plông, ngày 26 tháng 11 năm 2021",
        "title": ["BÁO CÁO", "Tổng kết công tác công đoàn năm 2021"],
        "paragraphs": [
            "Kết quả thực hiện các chỉ tiêu:",
            "- Tổng số CĐCS: 29 CĐCS.",
            "- Tổng số CNVCLĐ: 1.302 người; trong đó nữ 655 người.",
            "- Tổng số đoàn viên: 1.226 đoàn viên, nữ 610.",
            "- Kết nạp đoàn viên mới: 22 đoàn viên (kế hoạch 30 đoàn viên).",
            "- Thăm hỏi đoàn viên: 96 lượt, số tiền 48 triệu đồng.",
            "- Thu kinh phí công đoàn: 1,25 tỷ đồng; thu đoàn phí: 312 triệu đồng.",
            "- Số thoả ước lao động tập thể còn hiệu lực: 4 bản.",
            "- Số lượt đoàn viên được khám sức khoẻ miễn phí: 250 lượt, đạt 110% kế hoạch.",
        ],
        "expected": {
            "cdcs": 29, "workers": 1302, "workers_female": 655, "members": 1226, "members_female": 610,
            "members_new": 22, "visits": 96, "visits_amount": 48_000_000, "kpcd_collected": 1_250_000_000,
            "dues_collected": 312_000_000, "collective_agreements": 4,
        },
    },
    {
        "file": "2020-H1/DakGlei - so ket 6 thang dau nam 2020.docx",
        "header": ["LĐLĐ TỈNH KON TUM", "LĐLĐ HUYỆN ĐĂK GLEI", "Số: 21/BC-LĐLĐ"],
        "place_date": "Đăk Glei, ngày 05 tháng 6 năm 2020",
        "title": ["BÁO CÁO", "Sơ kết hoạt động công đoàn 6 tháng đầu năm 2020"],
        "paragraphs": [
            "Đến 31/5/2020, tổng số đoàn viên công đoàn toàn huyện 1.420 người, tăng 2,1% so với cùng kỳ.",
            "Kết nạp 41 đoàn viên mới, thành lập 1 CĐCS mới, giải thể 2 CĐCS do doanh nghiệp ngừng hoạt động.",
            "Số tiền thăm hỏi, trợ cấp đoàn viên: 27.600.000đ (127 lượt).",
        ],
        "expected": {
            "members": 1420, "members_new": 41, "cdcs_new": 1, "cdcs_dissolved": 2,
            "visits_amount": 27_600_000, "visits": 127,
        },
    },
    {
        "file": "2023-H1/TuMoRong 6 thang 2023.docx",
        "header": ["LIÊN ĐOÀN LAO ĐỘNG TỈNH KON TUM", "LIÊN ĐOÀN LAO ĐỘNG HUYỆN TU MƠ RÔNG"],
        "place_date": "Tu Mơ Rông, ngày 08 tháng 6 năm 2023",
        "title": ["BÁO CÁO", "Sơ kết công tác công đoàn 6 tháng đầu năm 2023"],
        "paragraphs": [
            "Tổng số CNVCLĐ: 980 người, đoàn viên: 915 người, CĐCS: 27.",
            "Đã kết nạp 19 đoàn viên.",
            "Có 210 lượt đoàn viên được thăm hỏi và tham gia các hoạt động văn hoá, thể thao.",
            "Trao 150 suất quà cho đoàn viên khó khăn và 120 suất quà cho con đoàn viên nhân dịp Tết Trung thu.",
            "Tổ chức 2 lớp tập huấn.",
            "Giới thiệu 5 đoàn viên ưu tú để Đảng xem xét, bồi dưỡng, kết nạp; 3 đoàn viên được kết nạp Đảng.",
        ],
        "expected": {
            "workers": 980, "members": 915, "cdcs": 27, "members_new": 19, "gifts": 150,
            "gifts_children": 120, "trainings": 2, "party_referrals": 5, "party_admitted": 3,
        },
        "no_value": [210],
    },
    {
        "file": "2024-FY/TP Kon Tum - tong ket 2024.docx",
        "header": ["LĐLĐ TỈNH KON TUM", "LĐLĐ THÀNH PHỐ KON TUM", "Số: 125/BC-LĐLĐ"],
        "place_date": "Kon Tum, ngày 27 tháng 11 năm 2024",
        "title": ["BÁO CÁO", "Tổng kết hoạt động công đoàn năm 2024 và phương hướng nhiệm vụ năm 2025"],
        "paragraphs": [
            "LĐLĐ thành phố hiện quản lý 186 CĐCS với 12.540 đoàn viên.",
            "Tổng số công nhân viên chức lao động trong các đơn vị có tổ chức công đoàn là 13.877 người.",
            "Vận động đoàn viên, người lao động đóng góp các quỹ được trên 1,2 tỉ đồng.",
            "Số đoàn viên được kết nạp mới là 452, vượt 13% chỉ tiêu.",
            "Tham gia Chương trình “1 triệu sáng kiến” với 512 sáng kiến được đăng ký.",
            "Hội nghị người lao động được tổ chức ở 150 doanh nghiệp.",
            "Có 68 thoả ước lao động tập thể đang có hiệu lực.",
            "Thực hiện Kế hoạch số 125/KH-LĐLĐ, năm 2025 phấn đấu phát triển 500 đoàn viên.",
        ],
        "expected": {
            "cdcs": 186, "members": 12540, "workers": 13877, "funds_raised": 1_200_000_000,
            "members_new": 452, "initiatives": 512, "labour_conferences": 150, "collective_agreements": 68,
        },
        "approximate": ["funds_raised"],
    },
    {
        "file": "2021-H1/CD Khu kinh te 6T-2021.docx",
        "header": ["LĐLĐ TỈNH KON TUM", "CÔNG ĐOÀN CÁC KHU KINH TẾ TỈNH"],
        "place_date": "Kon Tum, ngày 01 tháng 6 năm 2021",
        "title": ["BÁO CÁO", "Kết quả hoạt động công đoàn 6 tháng đầu năm 2021"],
        "paragraphs": [
            "Khu kinh tế có 34 CĐCS doanh nghiệp với 1.540 đoàn viên/1.610 CNVCLĐ.",
            "6 tháng đầu năm 2021, thành lập mới 3 CĐCS, kết nạp 145 đoàn viên.",
            "Phối hợp chủ doanh nghiệp tổ chức hội nghị người lao động tại 30 doanh nghiệp.",
            "Thăm hỏi 58 trường hợp đoàn viên ốm đau với số tiền 17,4 triệu đồng.",
            "Xảy ra 2 vụ ngừng việc tập thể với khoảng 300 công nhân tham gia.",
        ],
        "expected": {
            "cdcs": 34, "members": 1540, "workers": 1610, "cdcs_new": 3, "members_new": 145,
            "labour_conferences": 30, "visits": 58, "visits_amount": 17_400_000, "work_stoppages": 2,
        },
    },
    {
        "file": "2022-FY/IaHDrai bao cao nam 2022.docx",
        "header": ["LĐLĐ TỈNH KON TUM", "LĐLĐ HUYỆN IA H'DRAI", "Số: 30/BC-LĐLĐ"],
        "place_date": "Ia H'Drai, ngày 24 tháng 11 năm 2022",
        "title": ["BÁO CÁO", "Tổng kết công tác công đoàn năm 2022"],
        "paragraphs": ["Số liệu chủ yếu năm 2022 như bảng dưới đây."],
        "tables": [
            [
                ["STT", "Nội dung", "ĐVT", "Năm 2022"],
                ["1", "Tổng số công đoàn cơ sở", "CĐCS", "12"],
                ["2", "Tổng số CNVCLĐ", "người", "1.020"],
                ["3", "Tổng số đoàn viên", "người", "985"],
                ["4", "Kết nạp đoàn viên mới", "người", "31"],
                ["5", "Thăm hỏi, trợ cấp đoàn viên", "lượt", "40"],
                ["6", "Số tiền thăm hỏi, trợ cấp", "đồng", "25.000.000"],
            ]
        ],
        "expected": {
            "cdcs": 12, "workers": 1020, "members": 985, "members_new": 31, "visits": 40,
            "visits_amount": 25_000_000,
        },
    },
    {
        "file": "2023-H1/DakHa bao cao 6 thang.docx",
        "header": ["LĐLĐ TỈNH KON TUM", "LĐLĐ HUYỆN ĐĂK HÀ", "Số: 52/BC-LĐLĐ"],
        "place_date": "Đăk Hà, ngày 06 tháng 6 năm 2023",
        "title": ["BÁO CÁO", "Sơ kết công tác công đoàn 6 tháng đầu năm 2023"],
        "paragraphs": [
            "Đại hội Công đoàn huyện Đăk Hà lần thứ XI, nhiệm kỳ 2023 - 2028 được tổ chức thành công với 120 đại biểu.",
            "Tổng số đoàn viên: 2.012 người; tổng số CNVCLĐ: 2.140 người.",
            "Kết nạp được 47 đoàn viên, trong đó có 21 đoàn viên nữ.",
            "Số CĐCS: 46 (tăng 1 so với cuối năm 2022).",
            "Đã có 9 đoàn viên ưu tú được giới thiệu cho Đảng; 4 đoàn viên được kết nạp vào Đảng.",
        ],
        "expected": {
            "members": 2012, "workers": 2140, "members_new": 47, "cdcs": 46, "party_referrals": 9,
            "party_admitted": 4,
        },
    },
    {
        "file": "2024-FY/SaThay tong ket 2024.docx",
        "header": ["LIÊN ĐOÀN LAO ĐỘNG HUYỆN SA THẦY", "Số: 99/BC-LĐLĐ"],
        "place_date": "Sa Thầy, ngày 29 tháng 11 năm 2024",
        "title": ["BÁO CÁO", "Tổng kết hoạt động công đoàn năm 2024"],
        "paragraphs": [
            "Tổng thu kinh phí công đoàn năm 2024: 2.350.000.000 đồng (đạt 102% dự toán).",
            "Thu đoàn phí công đoàn: 415,6 triệu đồng.",
            "Chi thăm hỏi ốm đau, trợ cấp khó khăn cho 133 lượt đoàn viên, tổng chi 66.500.000 đồng.",
            "Quỹ Xã hội của công đoàn huyện vận động được 28 triệu đồng.",
            "Dự toán năm 2025 thu kinh phí 2,4 tỷ đồng.",
            "Tổ chức 21 hoạt động thể thao, văn nghệ với trên 2.000 lượt đoàn viên tham gia.",
        ],
        "expected": {
            "kpcd_collected": 2_350_000_000, "dues_collected": 415_600_000, "visits": 133,
            "visits_amount": 66_500_000, "funds_raised": 28_000_000, "cultural_events": 21,
            "cultural_participants": 2000,
        },
        "approximate": ["cultural_participants"],
    },
]
