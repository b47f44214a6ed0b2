package vntext

import (
	"strings"
	"sync"
)

// commonSyllables is a hand-written list of frequent Vietnamese syllables
// (general function words, administrative and economic vocabulary of the
// VDHV forms, frequent names and place names). DetectLegacy uses it only to
// break ties when both the TCVN3 and the VNI reading of a text are
// structurally valid Vietnamese ("Tæng": TCVN3 "Tổng", VNI "Tỉng"): the
// reading with more common syllables wins. It is not a dictionary and its
// absence of a word means nothing.
const commonSyllableText = `
và của có các là được trong cho không những với một người này đã để khi đến
năm từ ra theo về nhiều thì cũng như làm công phải sẽ nhà hơn vào đó tại ông
lại nhưng nước việc sau bị đi mà hiện trên ngày nên chỉ rất nói biết thể ở hai
ba bốn năm sáu bảy tám chín mười trăm nghìn ngàn triệu tỷ
việt nam thành động đầu hành tôi anh chúng đang học sự chính phát quốc hội tiếp
thời cao mới trường kinh tế xã chủ đồng quan tác cùng tổ chức thực trình sinh
hoạt quản lý đơn vị bộ ban đảng ủy khối tổng hợp cộng giá trị hàng hóa dịch vụ
thỏa thuận số kỳ báo cáo quý tên đối kết quả nội dung hình thức kiểm tra giám
sát chuyên đề thường xuyên hướng dẫn tuyên truyền tin bài lượt tham dự sản
phẩm xuất vật tư thiết mua sắm sử dụng trang phương tiện văn phòng điện thoại
bưu viễn thông nghệ tài ngân bảo hiểm xây dựng giao vận tải dệt may da giày
lương nông máy móc chất phân bón khai khoáng luyện kim dầu khí năng lượng
nguyên nhiên liệu doanh sáng kiến giải pháp nâng hạ thương hiệu gia thưởng
tập thể cá nhân khen hạn chế nhiệm tới ghi chú danh mục tiêu đạt chưa tốt khác
mã lập biểu nhận bắt hết ký chiều hoàn cung cấp cầu nghị nối buổi quán triệt
chợ triển lãm xúc mại loại lĩnh vực vai trò tình trạng đánh phục phiên bản mẫu
chương tỉnh phố huyện phường quận thị trấn dân sở trung tâm viện cục chi nhánh
đoàn ty cổ phần trách hữu viên bí thư phó trưởng đốc tịch cán cơ quy chỉ đạo
quyết định kế hoạch hà nội hồ minh đà nẵng hải cần thơ huế an thanh quảng ninh
bình nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ ngô dương đức
hương lan hồng hoa mai tuấn hùng dũng sơn long quang thắng tiến cường phong
vì bởi nếu hoặc hay cả mọi mỗi từng đây đấy kia ấy nào gì sao bao nhiêu lắm quá
nhất chung riêng trước giữa ngoài dưới lên xuống qua rồi vẫn còn đều sắp vừa
luôn bằng so tuy dù mặc do nhờ cần phần lớn nhỏ mạnh yếu tăng giảm mức độ cơ
hội điều kiện nhu tình hình yêu cầu nhằm đẩy đổi đảm bảo thiện triển khai xây
tích cực trọng tâm điểm nhiệm kỳ hạn thời gian tháng tuần giờ phút ngày đêm
sáng chiều tối cuối đầu giữa lần thứ đợt khóa hệ thống mạng lưới dự án công
trình đường cầu cảng sân bay điện nước than thép xi măng gạo cà phê cao su
tiêu điều hành hội nghị họp kết luận thông báo tờ trình biên bản phụ lục mẫu
biểu số liệu tỷ lệ phần trăm bình quân tổng cộng lũy kế so sánh cùng kỳ dự
kiến kế hoạch ước tính thực hiện hoàn thành vượt chỉ tiêu đạt yêu cầu
khách hàng đối tác hợp đồng ký kết gia hạn chấm dứt thanh lý giá trị hàng
trong ngoài nước xuất nhập khẩu tiêu thụ nội địa ưu tiên việt nam
đảng viên chi ủy đảng bộ cấp trên cấp dưới trực thuộc chỉ thị nghị quyết
tư tưởng đạo đức phong cách học tập làm theo gương sáng thi đua khen thưởng
kỷ luật kiểm điểm đánh giá xếp loại xuất sắc hoàn thành nhiệm vụ
hòa bình hòa thuận khỏe mạnh thủy lợi tùy theo lũy kế họa tòa án
người lao động công nhân viên chức cán bộ tập thể cá nhân gia đình
cung ứng vật tư thiết bị trang thiết bị phương tiện văn phòng phẩm
bưu chính viễn thông công nghệ thông tin tài chính ngân hàng bảo hiểm
`

// The words are written folded (TestCommonSyllablesFolded checks it), so the set is their
// text as it stands. It is built on first use, not at program start: only DetectLegacy
// needs it.
var commonSyllables = sync.OnceValue(func() map[string]bool {
	m := make(map[string]bool, 512)
	for w := range strings.FieldsSeq(commonSyllableText) {
		m[w] = true
	}
	return m
})
