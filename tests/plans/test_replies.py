"""Reading focal points' answers: a hand-written table of realistic replies."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plans.replies import STATUSES, Reply, read_reply

YEAR = 2024
TODAY = date(2024, 6, 10)  # a Monday


def d(day: int, month: int, year: int = YEAR) -> date:
    return date(year, month, day)


# (reply, status, percent, date, reason): ``reason`` None means "no reason"; a string means
# "the reason contains this" (exact text would be brittle).
Case = tuple[str, str, int | None, date | None, str | None]

DONE: list[Case] = [
    ("đã hoàn thành", "done", 100, None, None),
    ("da hoan thanh", "done", 100, None, None),
    ("DA HOAN THANH", "done", 100, None, None),
    ("HOÀN THÀNH", "done", 100, None, None),
    ("xong", "done", 100, None, None),
    ("Xong rồi", "done", 100, None, None),
    ("ok xong", "done", 100, None, None),
    ("HT", "done", 100, None, None),
    ("ht", "done", 100, None, None),
    ("ht ạ", "done", 100, None, None),
    ("Đã HT", "done", 100, None, None),
    ("Đã ht", "done", 100, None, None),
    ("ĐHT", "done", 100, None, None),
    ("da ht roi", "done", 100, None, None),
    ("Đã xong rồi ạ 👍", "done", 100, None, None),
    ("✅ Đã hoàn thành", "done", 100, None, None),
    ("đã hoàn thành!!! 🎉🎉", "done", 100, None, None),
    ("Đã hoàn thành   100%   !!!", "done", 100, None, None),
    ("  đã   HOÀN thành  ", "done", 100, None, None),
    ("Done", "done", 100, None, None),
    ("hoàn thành 100%", "done", 100, None, None),
    ("Hoàn thành 100% ạ", "done", 100, None, None),
    ("hoan thanh 100 phan tram", "done", 100, None, None),
    ("đạt 100%", "done", 100, None, None),
    ("100%", "done", 100, None, None),
    ("100 %", "done", 100, None, None),
    ("đạt 120% kế hoạch", "done", 100, None, None),
    ("Đạt 100% chỉ tiêu", "done", 100, None, None),
    ("Đã hoàn thành nhiệm vụ.", "done", 100, None, None),
    ("Dạ đơn vị em đã hoàn thành rồi ạ", "done", 100, None, None),
    ("Đã hoàn thành. Đề nghị Thường trực cập nhật", "done", 100, None, None),
    ("Đã thực hiện", "done", 100, None, None),
    ("Đã thực hiện xong", "done", 100, None, None),
    ("đã làm rồi", "done", 100, None, None),
    ("đã TH", "done", 100, None, None),
    ("Đã kích hoạt thành công 500 tài khoản", "done", 100, None, None),
    ("Hoàn thành 5/5 xã", "done", 100, None, None),
    ("hoàn thành ngày 12/3", "done", 100, d(12, 3), None),
    ("Hoàn thành 30/6", "done", 100, d(30, 6), None),
    ("Đã HT ngày 5/6", "done", 100, d(5, 6), None),
    ("Đã hoàn thành (ngày 12/3/2024)", "done", 100, d(12, 3), None),
    ("Hoàn thành lúc 10h ngày 12/3", "done", 100, d(12, 3), None),
    ("Đơn vị đã hoàn thành nhiệm vụ từ ngày 15/5/2024", "done", 100, d(15, 5), None),
    ("Đã tổ chức hội nghị ngày 20/5", "done", 100, d(20, 5), None),
    ("đã hoàn thành ngày 15 tháng 5 năm 2024", "done", 100, d(15, 5), None),
    # The date of a cited document is not a completion date.
    ("Đã ban hành Kế hoạch số 12/KH-UBND ngày 05/3/2024", "done", 100, None, None),
    ("Sở đã ban hành văn bản số 123/STTTT-CNTT ngày 2/4/2024 hướng dẫn các đơn vị", "done", 100, None, None),
    ("Đã hoàn thành, không có khó khăn vướng mắc.", "done", 100, None, None),
    ("Đã hoàn thành, không cần gia hạn", "done", 100, None, None),
    # A difficulty mentioned with a finished task is kept as a note.
    ("Đã xong nhưng còn vướng thủ tục thanh toán", "done", 100, None, "vướng thủ tục thanh toán"),
    ("Đã hoàn thành 100% nhưng đang chờ nghiệm thu", "done", 100, None, "chờ nghiệm thu"),
    # part done, part still going: in progress, never done (a wrong "done" silences reminders)
    ("đã hoàn thành phần rà soát, đang tổng hợp báo cáo", "in_progress", None, None, None),
    ("da xong phan 1, dang lam phan 2", "in_progress", None, None, None),
    ("Kết quả thực hiện: đã hoàn thành", "done", 100, None, None),
    ("Báo cáo: đã hoàn thành 100%", "done", 100, None, None),
    ("Đã kích hoạt thành công", "done", 100, None, None),
    ("Đã hoàn thành trước 30/6", "done", 100, d(30, 6), None),
]

IN_PROGRESS: list[Case] = [
    ("đang triển khai, đạt 70%", "in_progress", 70, None, None),
    ("dang thuc hien 50%", "in_progress", 50, None, None),
    ("Dang trien khai dat 45%", "in_progress", 45, None, None),
    ("đang triển khai", "in_progress", None, None, None),
    ("  ĐANG   TRIỂN   KHAI   ", "in_progress", None, None, None),
    ("Đang thực hiện", "in_progress", None, None, None),
    ("đang làm", "in_progress", None, None, None),
    ("ĐTH", "in_progress", None, None, None),
    ("dth", "in_progress", None, None, None),
    ("dang th", "in_progress", None, None, None),
    ("Đạt 70%", "in_progress", 70, None, None),
    ("70%", "in_progress", 70, None, None),
    ("đạt 70,5%", "in_progress", 70, None, None),
    ("Tiến độ: 75%", "in_progress", 75, None, None),
    ("tien do 30%", "in_progress", 30, None, None),
    ("Đơn vị đang triển khai, tiến độ 60%", "in_progress", 60, None, None),
    ("Hoàn thành 80%", "in_progress", 80, None, None),
    ("xong 90%", "in_progress", 90, None, None),
    ("cấp huyện đạt 100%, cấp xã đạt 85%", "in_progress", 85, None, None),
    ("cấp thị xã 100%; cấp xã 90%", "in_progress", 90, None, None),
    ("Đã cấp 1.250 tài khoản, đạt 95%", "in_progress", 95, None, None),
    ("được 3/5 xã", "in_progress", 60, None, None),
    ("đã thực hiện được 3/5 xã", "in_progress", 60, None, None),
    ("Đạt 12/15 đơn vị", "in_progress", 80, None, None),
    ("Hoàn thành 4/10 hồ sơ", "in_progress", 40, None, None),
    ("được 2/3", "in_progress", 67, None, None),
    ("Đã triển khai", "in_progress", None, None, None),
    ("Tiếp tục thực hiện", "in_progress", None, None, None),
    ("Đang xây dựng kế hoạch", "in_progress", None, None, None),
    ("đang hoàn thiện hồ sơ", "in_progress", None, None, None),
    ("đang đăng ký cho cán bộ", "in_progress", None, None, None),
    ("Cơ bản hoàn thành", "in_progress", None, None, None),
    ("Sắp xong", "in_progress", None, None, None),
    ("Gần xong rồi", "in_progress", None, None, None),
    ("Đã hoàn thành một phần", "in_progress", None, None, None),
    # Negations never read as done.
    ("chưa hoàn thành", "in_progress", None, None, None),
    ("chua hoan thanh", "in_progress", None, None, None),
    ("chua xong", "in_progress", None, None, None),
    ("Chưa xong ạ", "in_progress", None, None, None),
    ("CHT", "in_progress", None, None, None),
    ("chưa thực hiện xong", "in_progress", None, None, None),
    ("Chưa hoàn thành, đang tiếp tục thực hiện", "in_progress", None, None, None),
    ("chưa xong, còn 2 xã", "in_progress", None, None, None),
    ("Chưa đạt 100%", "in_progress", None, None, None),
    ("chưa thành công", "in_progress", None, None, None),
    ("Đã hoàn thành 3/5 nhiệm vụ, 2 nhiệm vụ đang triển khai", "in_progress", 60, None, None),
    # Expected completion dates; an "as of" date is not one.
    ("Dự kiến hoàn thành 30/6", "in_progress", None, d(30, 6), None),
    ("dự kiến xong ngày mai", "in_progress", None, d(11, 6), None),
    ("dự kiến xong trước 15/7", "in_progress", None, d(15, 7), None),
    ("Sẽ hoàn thành trước ngày 30/6/2024", "in_progress", None, d(30, 6), None),
    ("đang triển khai, dự kiến hoàn thành 30/6", "in_progress", None, d(30, 6), None),
    ("Đang thực hiện, dự kiến xong cuối tháng 7", "in_progress", None, d(31, 7), None),
    ("Đang triển khai từ 1/6, dự kiến hoàn thành 30/6", "in_progress", None, d(30, 6), None),
    ("Đạt 60% tính đến ngày 5/6", "in_progress", 60, None, None),
    ("phấn đấu đạt 100% trong tháng 7", "in_progress", None, d(31, 7), None),
]

NOT_STARTED: list[Case] = [
    ("chưa thực hiện", "not_started", None, None, None),
    ("chua trien khai", "not_started", None, None, None),
    ("Chưa làm", "not_started", None, None, None),
    ("Chưa bắt đầu", "not_started", None, None, None),
    ("CTH", "not_started", None, None, None),
    ("chưa TH", "not_started", None, None, None),
    ("Đơn vị sẽ triển khai trong tuần tới", "not_started", None, None, None),
    ("sẽ triển khai trong tháng 7", "not_started", None, None, None),
    ("0%", "not_started", 0, None, None),
    ("0 %", "not_started", 0, None, None),
]

BLOCKED: list[Case] = [
    ("vướng mắc: chưa có kinh phí", "blocked", None, None, "chưa có kinh phí"),
    ("vuong mac: chua co kinh phi", "blocked", None, None, "chua co kinh phi"),
    ("khó khăn do thiếu nhân lực", "blocked", None, None, "thiếu nhân lực"),
    ("kho khan do thieu nhan luc", "blocked", None, None, "thieu nhan luc"),
    ("vướng mắc", "blocked", None, None, "vướng mắc"),
    (
        "Vướng mắc: chưa có kinh phí, chưa có nhân lực chuyên trách.",
        "blocked",
        None,
        None,
        "nhân lực chuyên trách",
    ),
    ("Khó khăn, vướng mắc: thiết bị đọc chip chưa được cấp", "blocked", None, None, "thiết bị đọc chip"),
    ("Đơn vị đang gặp khó khăn do thiếu máy đọc CCCD", "blocked", None, None, "thiếu máy đọc CCCD"),
    ("Hệ thống bị lỗi, không đăng nhập được", "blocked", None, None, "bị lỗi"),
    ("he thong bi loi", "blocked", None, None, "bi loi"),
    ("HT bị lỗi", "blocked", None, None, "bị lỗi"),
    ("Bị chặn do chưa được cấp quyền truy cập", "blocked", None, None, "cấp quyền truy cập"),
    ("Đang chờ phê duyệt kinh phí", "blocked", None, None, "chờ phê duyệt kinh phí"),
    ("Đang chờ hướng dẫn của Bộ Công an", "blocked", None, None, "hướng dẫn của Bộ Công an"),
    ("chờ hướng dẫn của Công an tỉnh", "blocked", None, None, "chờ hướng dẫn"),
    ("dang cho huong dan", "blocked", None, None, "cho huong dan"),
    ("con cho y kien chi dao", "blocked", None, None, "y kien chi dao"),
    ("Dang cho Bo Cong an nang cap he thong", "blocked", None, None, "nang cap he thong"),
    ("Đợi hướng dẫn", "blocked", None, None, "Đợi hướng dẫn"),
    ("đang đợi văn bản của tỉnh", "blocked", None, None, "văn bản của tỉnh"),
    ("Thiếu kinh phí", "blocked", None, None, "Thiếu kinh phí"),
    ("Chưa có kinh phí để mua thiết bị", "blocked", None, None, "mua thiết bị"),
    ("chưa được bố trí kinh phí", "blocked", None, None, "bố trí kinh phí"),
    ("Mất kết nối đường truyền từ hôm qua", "blocked", None, None, "Mất kết nối"),
    ("Đề nghị hỗ trợ tập huấn cho cán bộ xã", "blocked", None, None, "tập huấn"),
    ("Đạt 40%, khó khăn: người dân chưa hợp tác", "blocked", 40, None, "người dân chưa hợp tác"),
    ("Đã triển khai, đạt 80%, vướng mắc do chưa có kinh phí", "blocked", 80, None, "chưa có kinh phí"),
    ("Không thực hiện được vì chưa có phần mềm", "blocked", None, None, "chưa có phần mềm"),
    ("Chưa hoàn thành do khó khăn về kinh phí", "blocked", None, None, "khó khăn về kinh phí"),
    ("Chưa triển khai do chưa có hướng dẫn", "blocked", None, None, "chưa có hướng dẫn"),
    ("chưa có hướng dẫn nên chưa triển khai", "blocked", None, None, "chưa có hướng dẫn"),
    ("chưa đạt 100% do thiếu máy", "blocked", None, None, "thiếu máy"),
    ("Không thể hoàn thành đúng hạn", "blocked", None, None, "Không thể hoàn thành đúng hạn"),
    ("không kịp hoàn thành trong tháng 6", "blocked", None, None, "không kịp hoàn thành"),
    ("Đã triển khai nhưng vướng mắc do thiếu thiết bị", "blocked", None, None, "thiếu thiết bị"),
    ("Kích hoạt không thành công", "blocked", None, None, "không thành công"),
]

EXTENSION: list[Case] = [
    ("xin gia hạn đến 30/6", "extension", None, d(30, 6), None),
    ("Xin gia hạn đến 30/6", "extension", None, d(30, 6), None),
    ("xin gia han den 30/6/2024", "extension", None, d(30, 6), None),
    ("xin gia hạn đến 30/6 năm 2024", "extension", None, d(30, 6), None),
    ("Xin gia hạn đến 15/1/2025", "extension", None, date(2025, 1, 15), None),
    ("Xin lùi đến 15-7", "extension", None, d(15, 7), None),
    ("đề nghị gia hạn đến ngày 30 tháng 9 năm 2024", "extension", None, d(30, 9), None),
    (
        "đề nghị lùi thời hạn đến hết tháng 7/2024 vì chờ hướng dẫn",
        "extension",
        None,
        d(31, 7),
        "chờ hướng dẫn",
    ),
    (
        "Đề nghị gia hạn đến ngày 15/8/2024 vì chưa có kinh phí",
        "extension",
        None,
        d(15, 8),
        "chưa có kinh phí",
    ),
    (
        "Xin lùi thời hạn đến hết tháng 9 do chờ hướng dẫn của Bộ",
        "extension",
        None,
        d(30, 9),
        "chờ hướng dẫn của Bộ",
    ),
    (
        "Kính đề nghị cho lùi hạn sang quý III/2024, lý do: chưa bố trí được kinh phí",
        "extension",
        None,
        d(30, 9),
        "chưa bố trí được kinh phí",
    ),
    ("xin gia han den het thang 7 vi cho huong dan", "extension", None, d(31, 7), "cho huong dan"),
    ("Xin gia han den 15/7 do don vi thieu nhan luc", "extension", None, d(15, 7), "don vi thieu nhan luc"),
    ("xin gia han do thieu kinh phi", "extension", None, None, "thieu kinh phi"),
    ("xin them thoi gian den 20/7", "extension", None, d(20, 7), None),
    ("Đề nghị kéo dài thời gian thực hiện đến 31/12/2024", "extension", None, d(31, 12), None),
    ("đề nghị điều chỉnh thời hạn hoàn thành đến 30/9", "extension", None, d(30, 9), None),
    ("Xin gia hạn tới cuối năm", "extension", None, d(31, 12), None),
    ("gia hạn sang tháng 8", "extension", None, d(31, 8), None),
    ("xin gia hạn từ 1/7 đến 30/7", "extension", None, d(30, 7), None),
    ("xin gia hạn", "extension", None, None, None),
    ("Xin thêm thời gian", "extension", None, None, None),
    ("Xin gia hạn đến 30/6. Lý do: chưa có kinh phí", "extension", None, d(30, 6), "chưa có kinh phí"),
    ("Xin gia hạn đến 31/2", "extension", None, None, None),  # impossible day: no date
    (
        "Xin gia hạn đến 30/6 vì đơn vị chưa nhận được thiết bị 🙏",
        "extension",
        None,
        d(30, 6),
        "chưa nhận được thiết bị",
    ),
    ("xin gia hạn đến 30/6 tại vì chưa có hướng dẫn", "extension", None, d(30, 6), "chưa có hướng dẫn"),
    ("Xin phép hoàn thành vào 15/7 vì cán bộ đi tập huấn", "extension", None, d(15, 7), "cán bộ đi tập huấn"),
    ("Đạt 80%, xin gia hạn đến 10/7 để hoàn thiện", "extension", 80, d(10, 7), None),
    ("Vướng mắc kinh phí, đề nghị gia hạn đến 30/9", "extension", None, d(30, 9), "Vướng mắc kinh phí"),
    ("Khó khăn: thiếu nhân lực. Xin gia hạn đến 15/8", "extension", None, d(15, 8), "thiếu nhân lực"),
    # A past date is still returned: the service decides.
    ("xin gia hạn đến 1/3", "extension", None, d(1, 3), None),
    # Relative dates, from TODAY (Monday 10/06/2024).
    ("xin gia hạn thêm 10 ngày", "extension", None, d(20, 6), None),
    ("xin gia hạn 15 ngày vì thiếu nhân lực", "extension", None, d(25, 6), "thiếu nhân lực"),
    ("Xin thêm 2 tuần", "extension", None, d(24, 6), None),
    (
        "Đề nghị cho gia hạn thêm 1 tháng do đang chờ thiết bị",
        "extension",
        None,
        d(10, 7),
        "đang chờ thiết bị",
    ),
    ("xin gia hạn tới tháng sau", "extension", None, d(31, 7), None),
    ("xin lùi đến cuối tuần", "extension", None, d(14, 6), None),
    ("xin lùi 2 tuần nữa", "extension", None, d(24, 6), None),
    ("xin gia hạn đến cuối tháng", "extension", None, d(30, 6), None),
    ("xin gia hạn sang năm sau", "extension", None, d(31, 12, 2025), None),
    ("Xin gia hạn đến 10 ngày làm việc", "extension", None, None, None),  # working days: not read
    # Date forms read through plans.deadlines.read_deadline.
    ("xin gia hạn đến 30.6.2024", "extension", None, d(30, 6), None),
    ("xin gia hạn đến 30/6/24", "extension", None, d(30, 6), None),
    ("xin gia han den 15 thang 8", "extension", None, d(15, 8), None),
    ("xin gia hạn đến quý III", "extension", None, d(30, 9), None),
    ("xin gia hạn đến hết 6 tháng đầu năm 2025", "extension", None, d(30, 6, 2025), None),
    ("xin gia hạn trước tháng 8", "extension", None, d(31, 7), None),
    ("gia hạn đến năm 2025", "extension", None, d(31, 12, 2025), None),
]

REPORT: list[Case] = [
    ("Báo cáo tuần: đã cấp 120 tài khoản VNeID, kích hoạt 95 tài khoản", "report", None, None, None),
    (
        "Báo cáo tuần 23: Trong tuần đơn vị đã thu nhận 350 hồ sơ cấp CCCD, kích hoạt 280 tài khoản "
        "định danh mức 2. Lũy kế đạt 85%.",
        "report",
        None,
        None,
        None,
    ),
    ("BÁO CÁO THÁNG 5\nKết quả: đã cấp 1.200 tài khoản.\nKhó khăn: thiếu máy.", "report", None, None, None),
    (
        "Kết quả tuần: tiếp nhận 45 hồ sơ trực tuyến, đã hoàn thành xử lý 40 hồ sơ, 5 hồ sơ đang xử lý.",
        "report",
        None,
        None,
        None,
    ),
    (
        "Trong tuần đơn vị đã thu nhận 350 hồ sơ, kích hoạt 280 tài khoản định danh.",
        "report",
        None,
        None,
        None,
    ),
    ("Đơn vị đã gửi báo cáo qua email", "report", None, None, None),
    ("Em gửi báo cáo tuần ạ", "report", None, None, None),
    ("Số liệu như file đính kèm", "report", None, None, None),
    ("Gửi BC tháng 5", "report", None, None, None),
    ("Đã báo cáo", "report", None, None, None),
    ("Đã cấp cho 120 người", "report", None, None, None),
    # An extension request inside a report is not lost.
    (
        "Báo cáo tháng 6: đã cấp 300 tài khoản. Đề nghị gia hạn nhiệm vụ 2.3 đến 31/7 do chờ thiết bị.",
        "extension",
        None,
        d(31, 7),
        "chờ thiết bị",
    ),
]

UNCLEAR: list[Case] = [
    ("ok", "unclear", None, None, None),
    ("OK", "unclear", None, None, None),
    ("ok em", "unclear", None, None, None),
    ("?", "unclear", None, None, None),
    ("???", "unclear", None, None, None),
    ("👍", "unclear", None, None, None),
    ("👍👍", "unclear", None, None, None),
    (".", "unclear", None, None, None),
    ("", "unclear", None, None, None),
    ("   ", "unclear", None, None, None),
    ("đã nhận", "unclear", None, None, None),
    ("Đã nhận thông tin", "unclear", None, None, None),
    ("nhận được rồi ạ", "unclear", None, None, None),
    ("Vâng", "unclear", None, None, None),
    ("dạ", "unclear", None, None, None),
    ("Cảm ơn", "unclear", None, None, None),
    ("Đã rõ", "unclear", None, None, None),
    ("Noted", "unclear", None, None, None),
    ("chưa", "unclear", None, None, None),
    ("Em xem lại rồi báo sau ạ", "unclear", None, None, None),
    ("hoàn thành chưa?", "unclear", None, None, None),
    ("Đã hoàn thành chưa ạ", "unclear", None, None, None),
    ("Không có vướng mắc", "unclear", None, None, None),
    ("Khó khăn, vướng mắc: Không.", "unclear", None, None, None),
    ("Không có khó khăn gì ạ", "unclear", None, None, None),
    ("top 15/63 tỉnh", "unclear", None, None, None),
    ("Đã đăng ký tài khoản", "unclear", None, None, None),
    ("Đảng ủy đã chỉ đạo", "unclear", None, None, None),
    ("đã hướng dẫn cho 30 hộ dân", "unclear", None, None, None),
]

ALL_CASES = DONE + IN_PROGRESS + NOT_STARTED + BLOCKED + EXTENSION + REPORT + UNCLEAR


def test_the_table_is_large_enough() -> None:
    assert len(ALL_CASES) >= 130
    assert len({case[0] for case in ALL_CASES}) == len(ALL_CASES), "duplicate replies in the table"
    assert {case[1] for case in ALL_CASES} == set(STATUSES)


@pytest.mark.parametrize(
    ("text", "status", "percent", "when", "reason"), ALL_CASES, ids=lambda v: repr(v)[:40]
)
def test_read_reply(
    text: str, status: str, percent: int | None, when: date | None, reason: str | None
) -> None:
    reply = read_reply(text, YEAR, TODAY)
    assert reply.status == status
    assert reply.percent == percent
    assert reply.date == when
    if reason is None:
        assert reply.reason is None
    else:
        assert reply.reason is not None
        assert reason in reply.reason
        assert reply.reason == reply.reason.strip()


def test_reason_keeps_original_spelling_and_is_trimmed() -> None:
    reply = read_reply("  Vướng mắc:   Chưa có KINH PHÍ mua máy đọc CCCD.  ", YEAR)
    assert reply == Reply("blocked", None, None, "Chưa có KINH PHÍ mua máy đọc CCCD")


def test_blocker_without_colon_gives_the_clause() -> None:
    assert read_reply("khó khăn do thiếu nhân lực", YEAR).reason == "khó khăn do thiếu nhân lực"


def test_relative_dates_need_today() -> None:
    assert read_reply("xin gia hạn thêm 10 ngày", YEAR) == Reply("extension")
    assert read_reply("xin gia hạn thêm 10 ngày", YEAR, date(2024, 12, 28)).date == date(2025, 1, 7)


def test_missing_year_comes_from_the_year_argument() -> None:
    assert read_reply("xin gia hạn đến 30/6", 2027).date == date(2027, 6, 30)
    assert read_reply("hoàn thành ngày 12/3", 2023).date == date(2023, 3, 12)


def test_to_json() -> None:
    reply = read_reply("đề nghị lùi thời hạn đến hết tháng 7/2024 vì chờ hướng dẫn", YEAR)
    assert reply.to_json() == {
        "status": "extension",
        "percent": None,
        "date": "2024-07-31",
        "reason": "chờ hướng dẫn",
    }
    assert read_reply("ok", YEAR).to_json() == {
        "status": "unclear",
        "percent": None,
        "date": None,
        "reason": None,
    }


def test_decomposed_unicode_reads_like_composed() -> None:
    import unicodedata

    text = "Đã hoàn thành ngày 12/3"
    nfd = unicodedata.normalize("NFD", text)
    assert read_reply(nfd, YEAR) == read_reply(text, YEAR)
    blocker = unicodedata.normalize("NFD", "vướng mắc: chưa có kinh phí")
    assert read_reply(blocker, YEAR).reason == "chưa có kinh phí"


_WORDS = [
    "đã", "da", "đang", "dang", "chưa", "chua", "không", "hoàn thành", "hoan thanh", "xong", "HT",
    "ĐTH", "vướng mắc:", "khó khăn", "chờ", "cho", "do", "vì", "vi", "lý do:", "xin gia hạn", "lùi",
    "đến", "hết", "tháng", "quý", "năm", "ngày", "30/6", "31/2", "15/13", "7/2024", "99/99/9999",
    "3/5", "0/0", "5/3", "xã", "100%", "70%", "0%", "250%", "99,99%", "thêm", "10", "tuần", "sau",
    "báo cáo", "kết quả", "số", "12/KH-UBND", "👍", "?", ",", ".", "\n", ":", "ạ", "\x00", "̀",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(
    text=st.one_of(
        st.text(max_size=200),
        st.lists(st.sampled_from(_WORDS), max_size=25).map(" ".join),
    ),
    year=st.integers(min_value=1, max_value=9999),
    today=st.one_of(st.none(), st.dates()),
)
def test_never_raises_and_percent_in_range(text: str, year: int, today: date | None) -> None:
    reply = read_reply(text, year, today)
    assert reply.status in STATUSES
    assert reply.percent is None or 0 <= reply.percent <= 100
    if reply.status == "done":
        assert reply.percent == 100
    if reply.reason is not None:
        assert reply.reason and reply.reason == reply.reason.strip()
    reply.to_json()
