package config

// DefaultFileText returns a commented vdhv.yaml (comments in Vietnamese)
// whose settings equal Default(), for `vdhv init`.
func DefaultFileText() string { return defaultFileText }

// DefaultUnitsText returns a sample units.yaml (the example of the spec,
// comments in Vietnamese), for `vdhv init`.
func DefaultUnitsText() string { return defaultUnitsText }

const defaultFileText = `# vdhv.yaml — cấu hình của thư mục làm việc vdhv.
# Tệp này không bắt buộc: thiếu tệp, hoặc thiếu mục nào, thì vdhv dùng giá trị
# mặc định (chính là các giá trị ghi dưới đây). Dòng bắt đầu bằng # là chú thích.
# Ghi sai tên mục hoặc sai giá trị thì vdhv báo lỗi kèm số dòng.

# Cách tính ngày của kỳ báo cáo:
#   calendar — theo quý dương lịch (quý II: 01/4–30/6; 6 tháng: 01/01–30/6);
#   nd09     — theo kỳ chốt số liệu của Nghị định 09/2019/NĐ-CP
#              (quý II: 15/3–14/6; 6 tháng: 15/12 năm trước–14/6;
#               năm: 15/12 năm trước–14/12).
windows: calendar

# Hạn nộp báo cáo quý: số ngày sau ngày cuối của kỳ (từ 0 đến 120).
# Tệp nhận được đến hết ngày hạn (giờ Việt Nam) là đúng hạn, sau đó là muộn.
deadline_days: 10

# Tỷ lệ giá trị mua sắm hàng sản xuất trong nước mà mỗi đơn vị cần đạt.
# Có thể ghi 0.8, 80 hoặc "80%" — đều là 80%.
target_share: 0.8

# Các loại đơn vị dùng thêm trong units.yaml, ngoài bốn loại mặc định
# (khoi, dang-uy-truc-thuoc, dang-bo-co-so, chi-bo-co-so).
# Chỉ dùng chữ thường không dấu, chữ số, dấu - và _. Ví dụ:
#   kinds:
#     - chi-bo-bo-phan
kinds: []

# Tên hiển thị của từng loại đơn vị trong báo cáo.
# Loại khai báo thêm ở mục kinds có thể đặt tên ở đây, ví dụ:
#   chi-bo-bo-phan: Chi bộ bộ phận
kind_labels:
  khoi: Đảng bộ Khối
  dang-uy-truc-thuoc: Đảng ủy trực thuộc
  dang-bo-co-so: Đảng bộ cơ sở
  chi-bo-co-so: Chi bộ cơ sở

# Địa danh ghi ở dòng "…, ngày … tháng … năm …" của báo cáo, ví dụ:
#   place: Hải Đông
place: ""

# Mẫu trình bày văn bản của Đảng: tên mẫu có sẵn (36-HD-VPTW, theo Hướng dẫn
# 36-HD/VPTW năm 2018) hoặc đường dẫn tới tệp mẫu riêng.
layout_profile: 36-HD-VPTW
`

const defaultUnitsText = `# units.yaml — cây đơn vị của Đảng bộ Khối.
# Tệp mô tả chính đơn vị gốc (Đảng bộ Khối); các đơn vị cấp dưới nằm trong
# mục units của đơn vị cấp trên. Mỗi đơn vị có:
#   code          mã đơn vị, không trùng nhau; chỉ gồm chữ cái không dấu,
#                 chữ số, dấu - _ và . (ví dụ DU-XD-01 hoặc 38.168.053)
#   name          tên đơn vị
#   kind          loại đơn vị: khoi, dang-uy-truc-thuoc, dang-bo-co-so,
#                 chi-bo-co-so (loại khác khai báo ở mục kinds của vdhv.yaml)
#   reports       (không bắt buộc) true/false: đơn vị có nộp báo cáo không;
#                 mặc định true với đơn vị không có cấp dưới, false với đơn vị
#                 có cấp dưới (đảng ủy trực thuộc tự báo cáo cho cơ quan mình
#                 thì ghi reports: true)
#   active_from   (không bắt buộc) quý bắt đầu hoạt động, ví dụ 2025-Q2
#   active_until  (không bắt buộc) quý cuối cùng hoạt động, ví dụ 2025-Q1
#                 (đơn vị thành lập, sáp nhập, giải thể giữa năm chỉ phải báo
#                 cáo trong các quý đang hoạt động)
#   units         (không bắt buộc) danh sách đơn vị cấp dưới
# Thụt lề bằng dấu cách (không dùng phím Tab).
code: DUK
name: Đảng bộ Khối Doanh nghiệp tỉnh Hải Đông
kind: khoi
units:
  - code: DU-XD
    name: Đảng ủy Tổng công ty Xây dựng Hải Đông
    kind: dang-uy-truc-thuoc
    units:
      - { code: DU-XD-01, name: Đảng bộ Công ty cổ phần Xây dựng số 1, kind: dang-bo-co-so }
      # Chi bộ thành lập từ quý II/2025: chỉ phải báo cáo từ quý đó.
      - { code: DU-XD-02, name: Chi bộ Công ty TNHH Tư vấn Thiết kế, kind: chi-bo-co-so, active_from: 2025-Q2 }
  # Chi bộ cơ sở trực thuộc thẳng Đảng bộ Khối; đã giải thể sau quý I/2025.
  - { code: DUK-01, name: Chi bộ Công ty cổ phần Cấp nước, kind: chi-bo-co-so, active_until: 2025-Q1 }
`
