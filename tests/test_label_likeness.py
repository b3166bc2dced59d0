"""Labels by likeness: wordings no alias foresaw are read when one indicator clearly fits,
refused when the wording qualifies or could be two indicators, and never read wrongly.

``DEVELOPMENT`` are the wordings the thresholds of :mod:`unionstats.read.likeness` were set
on (the issue's own examples among them). ``HELD_OUT`` were written before any result on
them was seen and are not tuned against: the share they read is the measure of how the
matcher generalises, and a wrong reading there fails the test.
"""

from __future__ import annotations

import pytest
from conftest import REFERENCE

from unionstats.read.labels import RowContext, match_row_label
from unionstats.reference import load_registry

CATALOGUE = load_registry(REFERENCE).catalogue

DEVELOPMENT = [
    ("Thăm hỏi, trợ cấp đoàn viên, NLĐ khó khăn", "lượt", "visits"),
    ("Vận động đóng góp các quỹ xã hội", "triệu đồng", "funds_raised"),
    ("Giới thiệu đoàn viên ưu tú cho Đảng xem xét kết nạp", "người", "party_referrals"),
    ("Số CĐCS trực thuộc", "đơn vị", "cdcs"),
    ("Tổng số đoàn viên\ncông đoàn (**)", "người", "members"),
    ("1.1. Tổng số CĐCS (*)", "đơn vị", "cdcs"),
    ("Tổng số tiền thăm hỏi, hỗ trợ", "triệu đồng", "visits_amount"),
    ("Số đoàn viên mới kết nạp trong kỳ", "người", "members_new"),
    ("Số CĐCS được thành lập mới", "đơn vị", "cdcs_new"),
    ("Số CĐCS giải thể, ngừng hoạt động", "đơn vị", "cdcs_dissolved"),
    ("Số suất quà trao cho đoàn viên, NLĐ có hoàn cảnh khó khăn", "suất", "gifts"),
    ("Xây mới, sửa chữa nhà Mái ấm CĐ", "căn", "houses"),
    ("Tổng kinh phí hỗ trợ xây dựng nhà Mái ấm CĐ", "triệu đồng", "houses_amount"),
    ("Số đơn vị tổ chức Hội nghị người lao động", "đơn vị", "labour_conferences"),
    ("Số bản thỏa ước LĐTT đang có hiệu lực", "bản", "collective_agreements"),
    ("Số vụ tranh chấp, ngừng việc tập thể", "cuộc", "work_stoppages"),
    ("Lượt CNVCLĐ tham gia các hoạt động văn hóa, thể thao", "lượt", "cultural_participants"),
    ("Số sáng kiến, cải tiến kỹ thuật được công nhận", "sáng kiến", "initiatives"),
    ("Số lớp tập huấn, bồi dưỡng cán bộ CĐ", "lớp", "trainings"),
    ("Số lượt cán bộ CĐ được tập huấn, bồi dưỡng", "lượt", "trainees"),
    ("Số ĐV ưu tú được giới thiệu cho cấp ủy Đảng", "người", "party_referrals"),
    ("Số đoàn viên được kết nạp vào Đảng Cộng sản Việt Nam", "người", "party_admitted"),
    ("Thu kinh phí công đoàn 2% (tổng số)", "triệu đồng", "kpcd_collected"),
    ("Thu đoàn phí CĐ", "triệu đồng", "dues_collected"),
    ("Tổng số CNVCLĐ trong đơn vị có CĐCS", "người", "workers"),
]

HELD_OUT = [
    ("Số công đoàn cơ sở hiện có", "đơn vị", "cdcs"),
    ("Tổng số đoàn viên công đoàn hiện có", "người", "members"),
    ("Trong đó: đoàn viên là nữ", "người", "members_female"),
    ("Tổng số công nhân, viên chức, lao động", "người", "workers"),
    ("Số đoàn viên kết nạp mới trong năm", "người", "members_new"),
    ("Thành lập mới công đoàn cơ sở trong kỳ", "đơn vị", "cdcs_new"),
    ("Số lượt đoàn viên, NLĐ được thăm hỏi, trợ cấp", "lượt", "visits"),
    ("Kinh phí thăm hỏi, trợ cấp đoàn viên", "triệu đồng", "visits_amount"),
    ("Tặng quà cho đoàn viên, người lao động khó khăn", "suất", "gifts"),
    ("Quà cho con đoàn viên (trẻ em mồ côi, khuyết tật)", "suất", "gifts_children"),
    ("Số căn nhà Mái ấm Công đoàn được xây mới, sửa chữa", "căn", "houses"),
    ("Vận động ủng hộ các loại quỹ", "triệu đồng", "funds_raised"),
    ("Hội nghị người lao động, hội nghị CBCCVC đã tổ chức", "đơn vị", "labour_conferences"),
    ("Thỏa ước lao động tập thể đã ký, còn hiệu lực", "bản", "collective_agreements"),
    ("Số cuộc ngừng việc tập thể xảy ra", "cuộc", "work_stoppages"),
    ("Tổ chức hoạt động văn nghệ, thể thao", "cuộc", "cultural_events"),
    ("Số lượt người tham gia văn nghệ, thể thao", "lượt", "cultural_participants"),
    ("Sáng kiến, cải tiến được công nhận", "sáng kiến", "initiatives"),
    ("Số lớp tập huấn cán bộ công đoàn cơ sở", "lớp", "trainings"),
    ("Lượt cán bộ công đoàn tham gia tập huấn", "lượt", "trainees"),
    ("Số đoàn viên ưu tú giới thiệu cho tổ chức Đảng", "người", "party_referrals"),
    ("Số đoàn viên công đoàn được kết nạp Đảng", "người", "party_admitted"),
    ("Thu kinh phí công đoàn", "đồng", "kpcd_collected"),
    ("Thu đoàn phí công đoàn của đoàn viên", "đồng", "dues_collected"),
    ("CĐCS xếp loại hoàn thành xuất sắc nhiệm vụ", "đơn vị", "rating_excellent"),
    ("CĐCS xếp loại hoàn thành tốt nhiệm vụ", "đơn vị", "rating_good"),
    ("Số CĐCS không hoàn thành nhiệm vụ trong năm", "đơn vị", "rating_failed"),
    ("Tổng số lao động nữ", "người", "workers_female"),
    ("Số tiền hỗ trợ xây, sửa nhà Mái ấm Công đoàn", "triệu đồng", "houses_amount"),
    ("Số CĐCS bị giải thể", "đơn vị", "cdcs_dissolved"),
]

# Written after HELD_OUT's first result (26 of 30 read, none wrong; now 30 of 30, so HELD_OUT
# is no longer unseen) had been seen and before
# the three general changes it prompted (phrases such as "hiện có" ignored, the more
# specific of two candidates preferred, money in the measure moving a count to its amount
# partner); measured once those were made, without tuning on it.
HELD_OUT_2 = [
    ("Số CĐCS đang hoạt động", "đơn vị", "cdcs"),
    ("Đoàn viên công đoàn (tổng số)", "người", "members"),
    ("Số lượng đoàn viên nữ", "người", "members_female"),
    ("Số CNVCLĐ tại các đơn vị", "người", "workers"),
    ("Phát triển mới đoàn viên công đoàn trong kỳ", "người", "members_new"),
    ("Số công đoàn cơ sở thành lập mới", "đơn vị", "cdcs_new"),
    ("Thăm hỏi, hỗ trợ đoàn viên ốm đau, tai nạn", "lượt", "visits"),
    ("Tiền thăm hỏi, hỗ trợ đoàn viên ốm đau", "triệu đồng", "visits_amount"),
    ("Quà Tết cho đoàn viên, người lao động có hoàn cảnh khó khăn", "suất", "gifts"),
    ("Tặng quà cho trẻ em là con đoàn viên", "suất", "gifts_children"),
    ("Nhà Mái ấm Công đoàn bàn giao", "căn", "houses"),
    ("Vận động quỹ Xã hội Công đoàn", "triệu đồng", "funds_raised"),
    ("Đơn vị đã tổ chức Hội nghị CBCCVC", "đơn vị", "labour_conferences"),
    ("Số thỏa ước lao động tập thể còn hiệu lực", "bản", "collective_agreements"),
    ("Ngừng việc tập thể (số cuộc)", "cuộc", "work_stoppages"),
    ("Giao lưu văn hóa, văn nghệ, thể dục thể thao", "cuộc", "cultural_events"),
    ("Sáng kiến được công nhận", "sáng kiến", "initiatives"),
    ("Mở lớp tập huấn nghiệp vụ công đoàn", "lớp", "trainings"),
    ("Cán bộ công đoàn được tập huấn (lượt người)", "lượt", "trainees"),
    ("Số đoàn viên ưu tú được giới thiệu", "người", "party_referrals"),
    ("Thu đoàn phí", "triệu đồng", "dues_collected"),
]

# Written after HELD_OUT_2's result (18 of 21) and before the word list of
# data/reference/wording.csv existed (synonyms and time or scope phrases, as data an analyst
# can extend); measured once that list was in place, without tuning on this set.
HELD_OUT_3 = [
    ("Số công đoàn cơ sở đến cuối kỳ", "đơn vị", "cdcs"),
    ("Đoàn viên công đoàn hiện đang sinh hoạt", "người", "members"),
    ("Trong tổng số đoàn viên: nữ", "người", "members_female"),
    ("Tổng số CNVC-LĐ trong các cơ quan, đơn vị, doanh nghiệp", "người", "workers"),
    ("Kết nạp được đoàn viên mới", "người", "members_new"),
    ("Số CĐCS mới được thành lập", "đơn vị", "cdcs_new"),
    ("Số lượt đoàn viên được hỗ trợ khi ốm đau, khó khăn", "lượt", "visits"),
    ("Kinh phí hỗ trợ, thăm hỏi", "triệu đồng", "visits_amount"),
    ("Trao quà cho đoàn viên có hoàn cảnh khó khăn", "suất", "gifts"),
    ("Quà cho con đoàn viên nhân dịp Tết Thiếu nhi", "suất", "gifts_children"),
    ("Xây dựng và sửa chữa nhà Mái ấm Công đoàn", "căn", "houses"),
    ("Vận động đóng góp quỹ Mái ấm, quỹ Xã hội", "triệu đồng", "funds_raised"),
    ("Số đơn vị đã tổ chức Hội nghị CBCCVC", "đơn vị", "labour_conferences"),
    ("Thỏa ước lao động tập thể đang còn hiệu lực", "bản", "collective_agreements"),
    ("Tổ chức các hoạt động văn hóa, văn nghệ, thể thao", "cuộc", "cultural_events"),
    ("Lượt người tham gia hoạt động văn hóa, thể thao", "lượt", "cultural_participants"),
    ("Số sáng kiến, cải tiến được công nhận", "sáng kiến", "initiatives"),
    ("Lượt cán bộ công đoàn được bồi dưỡng, tập huấn", "lượt", "trainees"),
    ("Giới thiệu đoàn viên ưu tú để Đảng xem xét kết nạp", "người", "party_referrals"),
    ("Đoàn viên ưu tú được kết nạp vào Đảng", "người", "party_admitted"),
    ("Thu kinh phí công đoàn (2%)", "triệu đồng", "kpcd_collected"),
    ("Thu đoàn phí công đoàn (1%)", "triệu đồng", "dues_collected"),
]

# Rows that are not in the catalogue: reading any of them as an indicator would be wrong.
NOT_IN_CATALOGUE = [
    ("Số CĐCS có từ 25 đoàn viên trở lên", "đơn vị"),
    ("Số đoàn viên chưa được thăm hỏi", "người"),
    ("Số CĐCS không tổ chức hội nghị", "đơn vị"),
    ("Số người được khen thưởng", "người"),
    ("Số tiền khen thưởng", "triệu đồng"),
    ("Số vụ tai nạn lao động", "vụ"),
    ("Số đoàn viên được cấp thẻ đoàn viên", "người"),
    ("Số CĐCS trong doanh nghiệp ngoài nhà nước", "đơn vị"),
    ("Đoàn viên dưới 30 tuổi", "người"),
    ("Số đoàn viên là người dân tộc thiểu số", "người"),
    ("Số cán bộ công đoàn chuyên trách", "người"),
    ("Chi hoạt động phong trào", "triệu đồng"),
]


def matched(label: str, measure: str) -> str | None:
    return match_row_label(label, RowContext(measure=measure), CATALOGUE).indicator


@pytest.mark.parametrize(("label", "measure", "code"), DEVELOPMENT)
def test_development_wordings_are_read(label: str, measure: str, code: str) -> None:
    assert matched(label, measure) == code


def test_held_out_wordings_are_read_at_95_percent_and_never_wrongly() -> None:
    results = [(label, code, matched(label, measure)) for label, measure, code in HELD_OUT]
    wrong = [(label, code, got) for label, code, got in results if got is not None and got != code]
    read = sum(got == code for _, code, got in results)
    assert not wrong
    assert read / len(HELD_OUT) >= 0.95, [(label, code) for label, code, got in results if got is None]


def test_a_second_held_out_set_is_never_read_wrongly() -> None:
    """Measured: 18 of 21 read (86%), none wrong; the issue's 95% is NOT reached on this set.
    The floor below guards against regressions; it is the measured rate, not the target."""
    results = [(label, code, matched(label, measure)) for label, measure, code in HELD_OUT_2]
    assert not [(label, code, got) for label, code, got in results if got is not None and got != code]
    read = sum(got == code for _, code, got in results)
    assert read / len(HELD_OUT_2) >= 18 / 21, [(label, code) for label, code, got in results if got is None]


def test_a_third_held_out_set_is_never_read_wrongly() -> None:
    """Measured: 19 of 22 read (86%), none wrong; 95% of unfamiliar wordings is NOT reached.
    The floor is the measured rate, a guard against regressions, not the target."""
    results = [(label, code, matched(label, measure)) for label, measure, code in HELD_OUT_3]
    assert not [(label, code, got) for label, code, got in results if got is not None and got != code]
    read = sum(got == code for _, code, got in results)
    assert read / len(HELD_OUT_3) >= 19 / 22, [(label, code) for label, code, got in results if got is None]


@pytest.mark.parametrize(("label", "measure"), NOT_IN_CATALOGUE)
def test_rows_outside_the_catalogue_are_never_read_as_an_indicator(label: str, measure: str) -> None:
    assert matched(label, measure) is None


def test_a_label_close_to_two_indicators_gets_suggestions_and_no_value() -> None:
    match = match_row_label(
        "Số suất quà tặng con đoàn viên, NLĐ (trẻ em)", RowContext(measure="suất"), CATALOGUE
    )
    assert match.indicator is None and match.problem == "label_ambiguous"
    assert set(match.suggestions) == {"gifts", "gifts_children"}


def test_money_in_the_measure_rules_out_counts() -> None:
    assert matched("Thăm hỏi, trợ cấp đoàn viên, NLĐ ốm đau", "triệu đồng") == "visits_amount"
    assert matched("Thăm hỏi, trợ cấp đoàn viên, NLĐ ốm đau", "lượt") == "visits"
