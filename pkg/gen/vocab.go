package gen

// Vocabulary of the generated workspaces. Every name is invented; a combination may
// coincide with a real enterprise's name, which means nothing.

// The form's `Lĩnh vực` values (form.EnumField), by short name.
const (
	fieldTelecom   = "Bưu chính, viễn thông, công nghệ thông tin"
	fieldFinance   = "Tài chính, ngân hàng, bảo hiểm"
	fieldEnergy    = "Điện, năng lượng, dầu khí"
	fieldBuild     = "Xây dựng, vật liệu xây dựng"
	fieldTransport = "Giao thông, vận tải, logistics"
	fieldFood      = "Lương thực, thực phẩm, nông sản"
	fieldTextile   = "Dệt may, da giày"
	fieldChemical  = "Hóa chất, phân bón"
	fieldMining    = "Khai khoáng, luyện kim"
	fieldTrade     = "Thương mại, dịch vụ"
	fieldOther     = "Khác"
)

// sector is a line of business: the corporation at the head of a đảng ủy trực thuộc and the
// companies under it. In the templates {P} is a place, {D} a district, {N} a number.
type sector struct {
	code   string // ASCII, for unit codes (DU-XD)
	field  string
	parent string   // the corporation
	kids   []string // its member companies
}

// sectors, most typical first (a small bloc takes the first ones).
var sectors = []sector{
	{"XD", fieldBuild, "Tổng công ty Xây dựng {P}", []string{
		"Công ty cổ phần Xây dựng số {N}", "Công ty TNHH MTV Tư vấn Thiết kế Xây dựng {P}",
		"Công ty cổ phần Vật liệu Xây dựng {D}", "Công ty cổ phần Bê tông và Xây lắp {D}",
		"Công ty TNHH MTV Đầu tư Phát triển Nhà {D}", "Công ty cổ phần Xây dựng Công trình Giao thông {D}"}},
	{"VT", fieldTelecom, "Tổng công ty Viễn thông {P}", []string{
		"Công ty TNHH MTV Dịch vụ Viễn thông {D}", "Công ty cổ phần Xây lắp Viễn thông số {N}",
		"Công ty cổ phần Công nghệ Thông tin {P}", "Công ty TNHH MTV Truyền hình Cáp {D}",
		"Công ty cổ phần Thiết bị Viễn thông {D}"}},
	{"DL", fieldEnergy, "Tổng công ty Điện lực {P}", []string{
		"Công ty Điện lực {D}", "Công ty cổ phần Xây lắp Điện số {N}", "Công ty TNHH MTV Thí nghiệm Điện {P}",
		"Công ty cổ phần Thủy điện {D}", "Công ty cổ phần Cơ khí Điện lực {D}"}},
	{"LT", fieldFood, "Tổng công ty Lương thực {P}", []string{
		"Công ty cổ phần Lương thực {D}", "Công ty TNHH MTV Chế biến Nông sản {D}",
		"Công ty cổ phần Thực phẩm {D}", "Công ty cổ phần Xuất nhập khẩu Lương thực số {N}",
		"Công ty cổ phần Giống cây trồng {D}"}},
	{"VTA", fieldTransport, "Tổng công ty Vận tải {P}", []string{
		"Công ty cổ phần Vận tải Hàng hóa số {N}", "Công ty cổ phần Xe khách {D}",
		"Công ty TNHH MTV Cảng {D}", "Công ty cổ phần Logistics {P}", "Công ty cổ phần Vận tải Thủy {D}"}},
	{"NH", fieldFinance, "Ngân hàng Thương mại cổ phần Phát triển {P}", []string{
		"Ngân hàng Thương mại cổ phần Phát triển {P} – Chi nhánh {D}", "Công ty cổ phần Chứng khoán Phát triển {P}",
		"Công ty TNHH MTV Quản lý nợ và Khai thác tài sản {P}", "Công ty cổ phần Bảo hiểm {D}"}},
	{"DK", fieldEnergy, "Tổng công ty Dầu khí {P}", []string{
		"Công ty cổ phần Dịch vụ Kỹ thuật Dầu khí {D}", "Công ty TNHH MTV Xăng dầu {D}",
		"Công ty cổ phần Phân phối Khí {D}", "Công ty cổ phần Vận tải Dầu khí số {N}"}},
	{"BD", fieldTelecom, "Tổng công ty Bưu điện {P}", []string{
		"Bưu điện {D}", "Công ty cổ phần Chuyển phát nhanh {P}", "Công ty TNHH MTV Phát hành Báo chí {P}",
		"Công ty cổ phần Tem và Văn hóa phẩm {P}"}},
	{"DM", fieldTextile, "Tổng công ty Dệt May {P}", []string{
		"Công ty cổ phần May {D}", "Công ty cổ phần Dệt {D}", "Công ty TNHH MTV Sợi số {N}",
		"Công ty cổ phần Giày da {D}"}},
	{"HC", fieldChemical, "Tổng công ty Hóa chất và Phân bón {P}", []string{
		"Công ty cổ phần Phân bón {D}", "Công ty cổ phần Hóa chất Cơ bản {D}",
		"Công ty TNHH MTV Bao bì Hóa chất số {N}", "Công ty cổ phần Thuốc bảo vệ thực vật {D}"}},
	{"KS", fieldMining, "Tổng công ty Khoáng sản {P}", []string{
		"Công ty cổ phần Khoáng sản {D}", "Công ty TNHH MTV Gang thép {D}", "Công ty cổ phần Đá xây dựng số {N}",
		"Công ty cổ phần Cơ khí Mỏ {D}"}},
	{"TM", fieldTrade, "Tổng công ty Thương mại {P}", []string{
		"Công ty cổ phần Thương mại {D}", "Công ty TNHH MTV Siêu thị {D}", "Công ty cổ phần Khách sạn và Du lịch {D}",
		"Công ty cổ phần Xuất nhập khẩu Tổng hợp số {N}"}},
	{"CN", fieldOther, "Tổng công ty Cấp nước và Môi trường {P}", []string{
		"Công ty cổ phần Cấp nước {D}", "Công ty cổ phần Môi trường Đô thị {D}",
		"Công ty TNHH MTV Thoát nước số {N}", "Công ty cổ phần Công trình Đô thị {D}"}},
	{"XM", fieldBuild, "Tổng công ty Xi măng {P}", []string{
		"Công ty cổ phần Xi măng {D}", "Công ty TNHH MTV Vật tư Vận tải Xi măng {P}", "Công ty cổ phần Bao bì Xi măng số {N}"}},
	{"CS", fieldOther, "Tổng công ty Cao su {P}", []string{
		"Công ty TNHH MTV Cao su {D}", "Công ty cổ phần Chế biến Gỗ {D}", "Công ty cổ phần Cơ khí Cao su số {N}"}},
	{"DS", fieldTransport, "Tổng công ty Đường sắt {P}", []string{
		"Công ty cổ phần Vận tải Đường sắt {D}", "Công ty cổ phần Quản lý Đường sắt {D}", "Công ty cổ phần Toa xe số {N}"}},
	{"BH", fieldFinance, "Tổng công ty Bảo hiểm {P}", []string{
		"Công ty Bảo hiểm {D}", "Công ty TNHH MTV Môi giới Bảo hiểm {P}", "Công ty cổ phần Đầu tư Tài chính số {N}"}},
	{"TH", fieldTelecom, "Tổng công ty Truyền thông {P}", []string{
		"Công ty cổ phần Quảng cáo {D}", "Công ty TNHH MTV Phần mềm số {N}", "Công ty cổ phần Dịch vụ Số {D}"}},
	{"DP", fieldOther, "Tổng công ty Dược phẩm {P}", []string{
		"Công ty cổ phần Dược phẩm {D}", "Công ty cổ phần Thiết bị Y tế {D}", "Công ty TNHH MTV Dược liệu số {N}"}},
	{"NN", fieldFood, "Tổng công ty Nông nghiệp {P}", []string{
		"Công ty TNHH MTV Chăn nuôi {D}", "Công ty cổ phần Thủy sản {D}", "Công ty cổ phần Chè {D}", "Công ty TNHH MTV Nông trường số {N}"}},
}

// localCompanies are the companies whose Party organisation sits directly under the bloc.
var localCompanies = []struct{ name, field string }{
	{"Công ty cổ phần Cấp nước {P}", fieldOther},
	{"Công ty TNHH MTV Xổ số kiến thiết {P}", fieldTrade},
	{"Công ty cổ phần Dược phẩm {P}", fieldOther},
	{"Công ty cổ phần Môi trường Đô thị {P}", fieldOther},
	{"Công ty TNHH MTV Khai thác Công trình Thủy lợi {P}", fieldOther},
	{"Công ty cổ phần Xe khách {P}", fieldTransport},
	{"Công ty cổ phần Sách và Thiết bị Trường học {P}", fieldTrade},
	{"Công ty cổ phần In và Bao bì {P}", fieldOther},
	{"Công ty cổ phần Cảng {P}", fieldTransport},
	{"Công ty cổ phần Giống cây trồng {P}", fieldFood},
	{"Công ty cổ phần Khách sạn và Du lịch {P}", fieldTrade},
	{"Công ty TNHH MTV Lâm nghiệp {D}", fieldFood},
	{"Công ty cổ phần Thương mại {D}", fieldTrade},
	{"Công ty cổ phần Điện máy {P}", fieldTrade},
	{"Công ty cổ phần Kinh doanh Nhà {P}", fieldBuild},
	{"Công ty cổ phần Bến xe {P}", fieldTransport},
}

// districts are the {D} of the templates.
var districts = []string{"An Hải", "Đông Sơn", "Kim Thành", "Vĩnh Bảo", "Tân Phú", "Phú Lộc", "Long Điền",
	"Minh Đức", "Hưng Hà", "Thanh Hà", "Cẩm Giang", "Tiên Phong", "Nam Sách", "Gia Lộc", "Bình Giang",
	"Ninh Hải", "Quảng Lợi", "Yên Hòa", "Đức Thịnh", "Hòa Lạc"}

// regions name the corporations of a large bloc once the bloc's own place has been used
// for every sector.
var regions = []string{"Sông Hồng", "Miền Trung", "Phương Nam", "Trường Sơn", "Bắc Bộ", "Cửu Long",
	"Tây Nguyên", "Duyên hải", "Đồng bằng", "Miền Đông"}

// Outside partners: "<legal form> <activity> <brand>".
var (
	outsideForms      = []string{"Công ty cổ phần", "Công ty TNHH", "Công ty TNHH MTV", "Tập đoàn", "Công ty cổ phần Tập đoàn"}
	outsideActivities = []struct{ name, field string }{
		{"Thiết bị Điện", fieldEnergy}, {"Vật tư Công nghiệp", fieldTrade}, {"Phần mềm", fieldTelecom},
		{"Thực phẩm", fieldFood}, {"Văn phòng phẩm", fieldTrade}, {"Nội thất", fieldOther}, {"Ô tô", fieldTransport},
		{"Cơ khí Chính xác", fieldMining}, {"Dây và Cáp điện", fieldEnergy}, {"Sơn", fieldChemical}, {"Thép", fieldMining},
		{"Nhựa", fieldChemical}, {"Giấy", fieldOther}, {"Xây lắp", fieldBuild}, {"Công nghệ", fieldTelecom},
		{"Thương mại Dịch vụ", fieldTrade}, {"Điện tử", fieldTelecom}, {"Đồ gỗ", fieldOther}, {"Bao bì", fieldOther},
		{"In", fieldOther}, {"Máy tính", fieldTelecom}, {"Vận tải", fieldTransport}, {"Dược phẩm", fieldOther},
		{"Thiết bị Văn phòng", fieldTrade}, {"Hóa mỹ phẩm", fieldChemical}, {"Gạch men", fieldBuild}, {"Kính", fieldBuild},
		{"Nước giải khát", fieldFood}, {"Lương thực", fieldFood}, {"Dệt may", fieldTextile}, {"Logistics", fieldTransport},
		{"Xăng dầu", fieldEnergy}, {"Bảo hiểm", fieldFinance}, {"Viễn thông", fieldTelecom}, {"Vật liệu Xây dựng", fieldBuild},
	}
	outsideBrands = []string{"An Phát", "Hưng Thịnh", "Phú Cường", "Thành Đạt", "Minh Quang", "Tân Tiến", "Đại Nam",
		"Hồng Hà", "Sao Mai", "Bình Minh", "Phương Đông", "Thiên Long", "Trường Thành", "Việt Tiến", "Kim Long",
		"Nam Việt", "Đông Á", "Hải Âu", "Thăng Long", "Hoàng Gia", "Toàn Cầu", "Phúc Lộc", "Tiến Bộ", "Sông Đà",
		"Quang Minh", "Hoa Sen", "Tân Á", "Ánh Dương", "Hưng Phát", "Đức Thành"}
)

// People.
var (
	familyNames = []string{"Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm", "Hoàng", "Huỳnh",
		"Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trịnh", "Mai", "Tạ"}
	maleMiddle   = []string{"Văn", "Văn", "Hữu", "Đức", "Minh", "Quang", "Thanh", "Công", "Xuân", "Mạnh", "Quốc", "Anh"}
	femaleMiddle = []string{"Thị", "Thị", "Thị", "Thu", "Thanh", "Ngọc", "Minh", "Thị Thu", "Thị Thanh", "Thùy", "Hồng", "Phương"}
	maleGiven    = []string{"An", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hùng", "Huy", "Khánh", "Long", "Minh", "Nam",
		"Phong", "Quân", "Sơn", "Thắng", "Thành", "Tiến", "Trung", "Tuấn", "Việt", "Vinh", "Hoàng", "Kiên"}
	femaleGiven = []string{"Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hoa", "Hương", "Lan", "Liên", "Linh",
		"Loan", "Mai", "Nga", "Ngân", "Nhung", "Oanh", "Phương", "Thảo", "Thủy", "Trang", "Vân", "Yến"}
	preparerTitles = []string{"Chuyên viên Văn phòng Đảng ủy", "Phó Chánh Văn phòng", "Chuyên viên Ban Tuyên giáo",
		"Cán bộ Văn phòng", "Chuyên viên Phòng Tổ chức – Hành chính"}
)

// Checks (`Kiểm tra giám sát`).
var (
	checkContents = []string{
		"Việc thực hiện Cuộc vận động trong mua sắm tài sản, trang thiết bị",
		"Việc ưu tiên sử dụng vật tư, thiết bị sản xuất trong nước trong đầu tư xây dựng",
		"Công tác tuyên truyền, quán triệt Cuộc vận động",
		"Việc thực hiện các thỏa thuận hợp tác đã ký với đơn vị trong Khối",
		"Việc lựa chọn nhà thầu, ưu tiên hàng Việt Nam trong đấu thầu",
		"Việc sử dụng sản phẩm, dịch vụ của các đơn vị trong Khối",
		"Công tác lãnh đạo, chỉ đạo thực hiện Cuộc vận động của cấp ủy",
		"Việc thực hiện chế độ thông tin, báo cáo về Cuộc vận động",
		"Việc ban hành và thực hiện quy chế mua sắm nội bộ",
		"Việc khắc phục các kiến nghị sau kiểm tra, giám sát năm trước",
	}
	checkTargets = []string{"Chi bộ Phòng Kế hoạch – Kinh doanh", "Chi bộ Phòng Tài chính – Kế toán",
		"Chi bộ Phòng Vật tư – Thiết bị", "Chi bộ Phòng Tổ chức – Hành chính", "Chi bộ Xí nghiệp số 1",
		"Chi bộ Xí nghiệp số 2", "Chi bộ Phân xưởng Sản xuất", "Chi bộ Ban Quản lý dự án", "Chi bộ Đội Thi công",
		"Chi bộ Trung tâm Kinh doanh", "Chi bộ Phòng Kỹ thuật", "Chi bộ Chi nhánh"}
	checkNotes = []string{"", "", "", "", "Kết hợp kiểm tra công tác tài chính đảng", "Theo Kế hoạch của Đảng ủy",
		"Đã ban hành thông báo kết luận", "Kiểm tra đột xuất theo phản ánh"}
)

// Notes of agreement rows.
var agreementNotes = []string{"", "", "", "", "", "", "Gia hạn theo phụ lục", "Đang đàm phán hợp đồng mới",
	"Thực hiện theo đơn đặt hàng", "Ký kết tại Hội nghị kết nối cung cầu", "Đối tác chiến lược", "Thanh toán theo quý"}

// Evaluation texts (`Đánh giá`); {…} are filled in.
var (
	evalHighlights = []string{
		"Cấp ủy đã quán triệt, triển khai Cuộc vận động đến toàn thể đảng viên, người lao động; lồng ghép nội dung Cuộc vận động vào sinh hoạt chi bộ định kỳ.",
		"Đơn vị ưu tiên lựa chọn sản phẩm, dịch vụ của các đơn vị trong Khối; các thỏa thuận hợp tác được thực hiện nghiêm túc, hiệu quả.",
		"Trong mua sắm tài sản, trang thiết bị, đơn vị ưu tiên hàng sản xuất trong nước khi đáp ứng yêu cầu kỹ thuật và giá cả.",
		"Đơn vị tham gia Hội nghị kết nối cung cầu do Ban Chỉ đạo Cuộc vận động của Khối tổ chức, ký kết thêm thỏa thuận hợp tác mới.",
		"Công tác tuyên truyền được đẩy mạnh trên trang thông tin điện tử, bản tin nội bộ và mạng xã hội của đơn vị.",
	}
	evalLimits = []string{
		"Một số vật tư, thiết bị chuyên dụng trong nước chưa sản xuất được nên vẫn phải nhập khẩu.",
		"Việc theo dõi, tổng hợp số liệu thực hiện thỏa thuận hợp tác ở một số phòng, ban chưa kịp thời.",
		"Giá một số sản phẩm của đơn vị trong Khối còn cao hơn sản phẩm cùng loại trên thị trường.",
		"Công tác kiểm tra, giám sát chuyên đề về Cuộc vận động có lúc chưa thường xuyên.",
		"Nguyên nhân chủ yếu là nhận thức của một bộ phận người lao động chưa đầy đủ; nguồn nhân lực làm công tác tổng hợp còn kiêm nhiệm.",
	}
	evalProposals = []string{
		"Đề nghị Ban Chỉ đạo Khối tiếp tục tổ chức Hội nghị kết nối cung cầu giữa các đơn vị trong Khối.",
		"Đề nghị Ban Chỉ đạo Khối sớm ban hành hướng dẫn thống nhất cách tính tỷ lệ giá trị hàng sản xuất trong nước.",
		"Đề nghị các đơn vị trong Khối chia sẻ danh mục sản phẩm, dịch vụ để thuận lợi trong việc lựa chọn đối tác.",
		"Không có kiến nghị.",
	}
	evalNext = []string{
		"Tiếp tục đẩy mạnh tuyên truyền Cuộc vận động; phấn đấu tỷ lệ mua sắm hàng sản xuất trong nước đạt trên {target}.",
		"Rà soát, đánh giá việc thực hiện các thỏa thuận hợp tác đã ký; ký kết thỏa thuận mới với các đơn vị trong Khối.",
		"Thực hiện kiểm tra, giám sát theo chương trình năm; theo dõi việc khắc phục các kiến nghị.",
		"Nâng cao chất lượng sản phẩm, dịch vụ, tham gia các hội chợ, triển lãm, xúc tiến thương mại.",
	}
)
