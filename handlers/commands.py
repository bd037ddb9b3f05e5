"""The commands the bot knows, with what each needs and how /help describes it."""

from __future__ import annotations

from dataclasses import dataclass

from locales import _
from services.access import Actor


@dataclass(frozen=True)
class Command:
    name: str
    action: str
    usage: str
    summary: str


def catalogue() -> list[Command]:
    """Every command, in the order /help lists them (texts looked up in the active language)."""
    return [
        Command("start", "start", "/start", _("giới thiệu và hướng dẫn bắt đầu")),
        Command("help", "help", "/help", _("danh sách lệnh bạn được dùng")),
        Command("toi", "toi", "/toi", _("vai trò và đơn vị của bạn")),
        Command("dang_ky", "dang_ky", "/dang_ky <mã>", _("gắn nhóm chat với đơn vị bằng mã đăng ký")),
        Command("viec_cua_toi", "viec_cua_toi", "/viec_cua_toi", _("nhiệm vụ đang mở của đơn vị")),
        Command("nhiem_vu", "nhiem_vu", "/nhiem_vu <mã>", _("chi tiết và lịch sử một nhiệm vụ")),
        Command("cap_nhat", "cap_nhat", "/cap_nhat <mã> <nội dung>", _("cập nhật tiến độ một nhiệm vụ")),
        Command("tre_han", "tre_han", "/tre_han [đơn vị]", _("nhiệm vụ trễ hạn, theo đơn vị")),
        Command("sap_den_han", "sap_den_han", "/sap_den_han [số ngày]", _("nhiệm vụ sắp đến hạn")),
        Command("tien_do", "tien_do", "/tien_do [đơn vị|nhóm]", _("tiến độ theo nhóm nhiệm vụ và đơn vị")),
        Command("bao_cao", "bao_cao", "/bao_cao [tuan|thang|6thang|nam]", _("tình hình nộp báo cáo định kỳ")),
        Command("lich_nhac", "lich_nhac", "/lich_nhac [đơn vị]", _("lịch nhắc việc 14 ngày tới")),
        Command("xuat_bao_cao", "xuat_bao_cao", "/xuat_bao_cao [kỳ]", _("xuất báo cáo tổng hợp (Word, Excel)")),
        Command("thong_bao", "thong_bao", "/thong_bao [nội dung]", _("soạn và gửi thông báo tới các đơn vị")),
        Command("thong_bao_trang_thai", "thong_bao_trang_thai", "/thong_bao_trang_thai [số]", _("tình hình nhận thông báo")),
        Command("sua", "sua", "/sua <mã> chu_tri|phoi_hop|han <giá trị>", _("sửa đơn vị chủ trì, phối hợp hoặc thời hạn của một nhiệm vụ")),
        Command("sua_ten", "sua_ten", "/sua_ten <tên lạ> => <tên đúng>", _("đọc một tên đơn vị lạ thành tên đúng khi nhập kế hoạch")),
        Command("ma_don_vi", "ma_don_vi", "/ma_don_vi <đơn vị|lanh_dao>", _("cấp mã đăng ký cho nhóm chat")),
        Command("don_vi", "don_vi", "/don_vi", _("danh sách đơn vị, nhóm chat và đầu mối")),
        Command("them_don_vi", "don_vi", "/them_don_vi <tên>", _("thêm đơn vị")),
        Command("doi_ten", "doi_ten", "/doi_ten <tên cũ> | <tên mới>", _("đổi tên đơn vị")),
        Command("bi_danh", "bi_danh", "/bi_danh <đơn vị> | <tên gọi khác>", _("thêm tên gọi khác cho đơn vị")),
        Command("gop_don_vi", "gop_don_vi", "/gop_don_vi <tên trùng> | <tên giữ lại>", _("gộp hai đơn vị trùng nhau")),
        Command("cai_dat", "cai_dat", "/cai_dat [khóa giá_trị]", _("xem hoặc đổi thiết lập nhắc việc")),
        Command("xoa_don_vi", "xoa_don_vi", "/xoa_don_vi <tên>", _("xoá đơn vị không còn tồn tại")),
        Command("vai_tro", "vai_tro", "/vai_tro <người dùng> <vai trò>", _("cấp hoặc bỏ vai trò")),
        Command("them_xa", "them_xa", "/them_xa <tên xã>", _("thêm xã, phường trực thuộc")),
        Command("ma_xa", "ma_xa", "/ma_xa <tên xã> [lanh_dao]", _("cấp mã đăng ký cho Thường trực (hoặc Lãnh đạo) của xã")),
        Command("thanh_vien", "thanh_vien", "/thanh_vien [tên chung]", _("thành viên của một tên chung (UBND cấp xã…)")),
        Command("them_thanh_vien", "thanh_vien", "/them_thanh_vien <tên chung> | <đơn vị>", _("thêm thành viên cho tên chung")),
        Command("bo_thanh_vien", "thanh_vien", "/bo_thanh_vien <tên chung> | <đơn vị>", _("bỏ thành viên khỏi tên chung")),
    ]


def allowed_for(actor: Actor) -> list[Command]:
    return [command for command in catalogue() if actor.may(command.action)]
