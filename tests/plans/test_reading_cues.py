"""The reader on the layouts DOMAIN.md describes, written here as small plans a person would read.

Each case is a layout or a naming habit that the corpus shows once or twice; these documents are
new wording in the same shapes, so a rule keyed to one corpus document's words fails here. The
expected values are what a secretariat officer reads in the text.
"""

from __future__ import annotations

from datetime import date

from plans.agencies import AgencyRef
from plans.documents import ParsedPlan, ParsedTask, read_document

HEAD = """\
ỦY BAN NHÂN DÂN
HUYỆN THƯỜNG XUÂN
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 45/KH-UBND
Thường Xuân, ngày 12 tháng 3 năm 2024
KẾ HOẠCH
Triển khai Đề án 06 năm 2024 trên địa bàn huyện
I. MỤC ĐÍCH, YÊU CẦU
1. Các cơ quan, đơn vị liên quan được giao nhiệm vụ phải tích cực triển khai.
II. NHIỆM VỤ CỤ THỂ
"""


def read(body: str, head: str = HEAD) -> ParsedPlan:
    return read_document((head + body).encode(), "ke-hoach.txt")


def only(plan: ParsedPlan, contains: str) -> ParsedTask:
    found = [t for t in plan.tasks if contains in t.content]
    assert len(found) == 1, (contains, [(t.code, t.content[:60]) for t in plan.tasks])
    return found[0]


def names(refs: list[AgencyRef]) -> list[str]:
    return [r.written for r in refs]


def test_lettered_blocks_share_their_agencies_and_time() -> None:
    plan = read(
        "1. Làm sạch dữ liệu hộ tịch\n"
        "a) Nhiệm vụ:\n"
        "- Rà soát, đối chiếu dữ liệu hộ tịch với Cơ sở dữ liệu quốc gia về dân cư.\n"
        "- Cập nhật kết quả đối chiếu vào phần mềm.\n"
        "b) Cơ quan thực hiện:\n"
        "- Đơn vị chủ trì: Phòng Tư pháp.\n"
        "- Đơn vị phối hợp: Công an huyện, UBND các xã, thị trấn.\n"
        "c) Thời gian thực hiện: Quý II/2024.\n"
    )
    for words in ("Rà soát, đối chiếu dữ liệu hộ tịch", "Cập nhật kết quả đối chiếu"):
        task = only(plan, words)
        assert names(task.lead) == ["Phòng Tư pháp"]
        assert names(task.support) == ["Công an huyện", "UBND các xã, thị trấn"]
        assert task.deadline.due == date(2024, 6, 30)
    assert not [t for t in plan.tasks if "Các cơ quan, đơn vị liên quan được giao" in t.content]


def test_label_lines_after_each_item_and_names_that_hold_and() -> None:
    plan = read(
        "1. Tuyên truyền lợi ích của tài khoản định danh điện tử trên hệ thống loa truyền thanh\n"
        "- Cơ quan thực hiện: Trung tâm Văn hóa, Thông tin và Thể thao huyện chủ trì, phối hợp với "
        "Văn phòng HĐND và UBND huyện, Bộ phận Tiếp nhận và Trả kết quả huyện.\n"
        "- Thời gian thực hiện: Thường xuyên.\n"
        "2. Số hóa dữ liệu chuyên ngành\n"
        "- Số hóa sổ hộ tịch giai đoạn 2015 - 2020.\n"
        "- Số hóa hồ sơ đất đai đã cấp giấy chứng nhận.\n"
        "*Đơn vị chủ trì:* Phòng Tài nguyên và Môi trường\n"
        "*Thời gian hoàn thành:* Tháng 9/2024\n"
    )
    radio = only(plan, "loa truyền thanh")
    assert names(radio.lead) == ["Trung tâm Văn hóa, Thông tin và Thể thao huyện"]  # unseen, kept whole
    assert names(radio.support) == ["Văn phòng HĐND và UBND huyện", "Bộ phận Tiếp nhận và Trả kết quả huyện"]
    assert radio.deadline.kind == "ongoing"
    for words in ("Số hóa sổ hộ tịch", "Số hóa hồ sơ đất đai"):
        task = only(plan, words)
        assert names(task.lead) == ["Phòng Tài nguyên và Môi trường"]
        assert task.deadline.due == date(2024, 9, 30)


def test_prose_tells_lead_from_support_and_drops_role_words() -> None:
    plan = read(
        "1. Về dịch vụ công\n"
        "- Văn phòng HĐND và UBND huyện chủ trì, phối hợp với Phòng Văn hóa và Thông tin và "
        "Công an huyện rà soát quy trình nội bộ các thủ tục hành chính. *Hoàn thành trong Quý I/2024.*\n"
        "- Hướng dẫn người dân nộp hồ sơ trực tuyến tại Bộ phận một cửa (*Công an huyện chủ trì, phối "
        "hợp với UBND các xã*). (*hoàn thành trong tháng 05/2024*)\n"
    )
    first = only(plan, "rà soát quy trình nội bộ")
    assert names(first.lead) == ["Văn phòng HĐND và UBND huyện"]
    assert names(first.support) == ["Phòng Văn hóa và Thông tin", "Công an huyện"]
    assert first.deadline.due == date(2024, 3, 31)
    second = only(plan, "nộp hồ sơ trực tuyến")
    assert names(second.lead) == ["Công an huyện"] and names(second.support) == ["UBND các xã"]
    assert second.deadline.due == date(2024, 5, 31)
    assert "chủ trì" not in second.content


def test_agency_headings_in_a_notice_with_numbered_duties_inside() -> None:
    plan = read(
        "III. NHIỆM VỤ TRỌNG TÂM\n"
        "a) Sở Y tế: (1) Chỉ đạo các bệnh viện dùng căn cước khi khám bệnh; (2) Báo cáo kết quả "
        "triển khai hoàn thành trước ngày 30/6/2024.\n"
        "b) Đề nghị Bảo hiểm xã hội huyện\n"
        "- Đồng bộ dữ liệu người tham gia bảo hiểm y tế với dữ liệu dân cư.\n"
        "- Giao Phòng Lao động - Thương binh và Xã hội phối hợp chi trả an sinh xã hội không dùng tiền mặt.\n",
        head=HEAD.replace("KẾ HOẠCH\n", "THÔNG BÁO\n").replace("II. NHIỆM VỤ CỤ THỂ\n", ""),
    )
    health = [t for t in plan.tasks if names(t.lead) == ["Sở Y tế"]]
    assert len(health) == 1 and health[0].deadline.due == date(2024, 6, 30)
    insurance = only(plan, "Đồng bộ dữ liệu người tham gia")
    assert names(insurance.lead) == ["Bảo hiểm xã hội huyện"]
    labour = only(plan, "chi trả an sinh xã hội")
    assert names(labour.lead) == ["Phòng Lao động - Thương binh và Xã hội"]


def test_the_issuing_body_from_the_top_block() -> None:
    head = HEAD.replace("ỦY BAN NHÂN DÂN\nHUYỆN THƯỜNG XUÂN", "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI")
    plan = read("1. Sở Tư pháp chủ trì rà soát dữ liệu hộ tịch.\n", head=head)
    assert plan.plan.issuer == "UBND thành phố Hà Nội"
    assert plan.plan.number == "45/KH-UBND" and plan.plan.issued == date(2024, 3, 12)
    assert plan.plan.kind == "Kế hoạch"


def test_a_dispatch_gives_its_duty_in_one_paragraph() -> None:
    plan = read(
        "Thực hiện Công văn số 123/BCA-C06 ngày 05/01/2024 của Bộ Công an, Chủ tịch UBND huyện giao "
        "Công an huyện chủ trì, phối hợp với các cơ quan, đơn vị liên quan rà soát, báo cáo kết quả "
        "về UBND huyện trước ngày 20/01/2024.\n",
        head=HEAD.replace("KẾ HOẠCH\nTriển khai Đề án 06 năm 2024 trên địa bàn huyện\n", "").replace(
            "I. MỤC ĐÍCH, YÊU CẦU\n1. Các cơ quan, đơn vị liên quan được giao nhiệm vụ phải tích cực triển khai.\n"
            "II. NHIỆM VỤ CỤ THỂ\n",
            "",
        ),
    )
    task = only(plan, "rà soát, báo cáo kết quả")
    assert names(task.lead) == ["Công an huyện"]
    assert names(task.support) == ["các cơ quan, đơn vị liên quan"]
    assert task.deadline.due == date(2024, 1, 20)  # not 05/01/2024, the cited letter's date


def test_a_table_with_extra_columns_in_any_order_and_a_stray_separator() -> None:
    plan = read(
        "PHỤ LỤC\n"
        "| STT | Nhiệm vụ | Văn bản giao nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Kết quả | Thời gian hoàn thành |\n"
        "|---|---|---|---|---|---|---|\n"
        "| A | NHÓM DỊCH VỤ CÔNG |  |  |  |  |  |\n"
        "| 1 | Rà soát thủ tục hành chính liên thông. | Kế hoạch 12/KH-UBND | Văn phòng HĐND và UBND huyện | Phòng Tư pháp | Báo cáo | 30/6/2024 |\n"
        "| 2 | Triển khai thanh toán trực tuyến phí, lệ phí | Công văn 88/UBND | Phòng Tài chính - Kế hoạch | Kho bạc Nhà nước huyện; Chi cục Thuế khu vực | Văn bản | Quý III/2024 |\n"
        "|  | tại Bộ phận một cửa các xã. |  |  |  |  |  |\n"
        "---\n"
        "| B | NHÓM AN SINH XÃ HỘI |  |  |  |  |  |\n"
        "| 3 | Chi trả trợ cấp không dùng tiền mặt. | Kế hoạch 12/KH-UBND | Phòng Lao động - Thương binh và Xã hội | UBND các xã, thị trấn | Báo cáo | Thực hiện thường xuyên |\n"
    )
    table = [t for t in plan.tasks if t.layout == "bảng phụ lục"]
    assert [t.code for t in table] == ["1", "2", "3"]
    one, two, three = table
    assert names(one.lead) == ["Văn phòng HĐND và UBND huyện"] and one.deadline.due == date(2024, 6, 30)
    assert two.content.endswith("tại Bộ phận một cửa các xã.")  # the row cut by a page break
    assert names(two.support) == ["Kho bạc Nhà nước huyện", "Chi cục Thuế khu vực"]
    assert two.deadline.due == date(2024, 9, 30)
    assert three.section.startswith("B") and three.deadline.kind == "ongoing"
    assert names(three.support) == ["UBND các xã, thị trấn"]


def test_paragraphs_under_an_agency_heading_are_its_tasks() -> None:
    plan = read(
        "III. TỔ CHỨC THỰC HIỆN\n"
        "1. Công an huyện\n"
        "Là cơ quan thường trực, theo dõi, đôn đốc việc thực hiện Kế hoạch; định kỳ hằng tháng tổng hợp báo cáo.\n"
        "Phối hợp với Phòng Nội vụ kiện toàn Tổ công tác cấp xã trước ngày 15/4/2024.\n"
        "2. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam huyện và các tổ chức chính trị - xã hội\n"
        "Tuyên truyền, vận động đoàn viên, hội viên kích hoạt tài khoản định danh điện tử.\n"
    )
    follow = only(plan, "theo dõi, đôn đốc")
    assert names(follow.lead) == ["Công an huyện"] and follow.deadline.kind == "ongoing"
    team = only(plan, "kiện toàn Tổ công tác")
    assert names(team.lead) == ["Công an huyện"] and names(team.support) == ["Phòng Nội vụ"]
    assert team.deadline.due == date(2024, 4, 15)
    front = only(plan, "Tuyên truyền, vận động")
    assert names(front.lead) == ["Ủy ban Mặt trận Tổ quốc Việt Nam huyện", "các tổ chức chính trị - xã hội"]
