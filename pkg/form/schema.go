package form

// This file is THE schema of form VDHV-01: every sheet, column, type and enumeration. The
// template writer, the validator and the reader are all driven by it; change the form here.

// FormVersion is the value of `Phiên bản biểu mẫu` this build writes.
const FormVersion = "VDHV-01"

// SupportedVersions are the form versions this build reads.
var SupportedVersions = []string{FormVersion}

// Type of a column's values.
type Type int

const (
	TypeText    Type = iota
	TypeInteger      // whole number ≥ 0; empty means 0
	TypeMoney        // triệu đồng, ≥ 0, at most 3 decimals; empty means 0
	TypeDate
	TypeEnum
)

// Enumeration is a closed list of canonical values.
type Enumeration struct {
	Name   string // name of the list on the hidden `Danh mục` sheet
	Values []string
}

// The enumerations of the form.
var (
	EnumYesNo       = &Enumeration{"CoKhong", []string{"Có", "Không"}}
	EnumReportKind  = &Enumeration{"LoaiBaoCao", []string{ReportKindUnit, ReportKindRollup}}
	EnumRole        = &Enumeration{"VaiTro", []string{RoleSupply, RoleUse, RoleBoth}}
	EnumField       = &Enumeration{"LinhVuc", []string{"Bưu chính, viễn thông, công nghệ thông tin", "Tài chính, ngân hàng, bảo hiểm", "Điện, năng lượng, dầu khí", "Xây dựng, vật liệu xây dựng", "Giao thông, vận tải, logistics", "Lương thực, thực phẩm, nông sản", "Dệt may, da giày", "Hóa chất, phân bón", "Khai khoáng, luyện kim", "Thương mại, dịch vụ", "Khác"}}
	EnumStatus      = &Enumeration{"TinhTrang", []string{StatusNew, StatusActive, StatusDone, StatusTerminated}}
	EnumCategory    = &Enumeration{"NhomHang", []string{"Văn phòng phẩm", "Trang thiết bị, phương tiện làm việc", "Nguyên, nhiên, vật liệu đầu vào sản xuất kinh doanh", "Máy móc, thiết bị sản xuất", "Xây dựng, đầu tư công", "Dịch vụ", "Khác"}}
	EnumCheckKind   = &Enumeration{"HinhThuc", []string{"Kiểm tra", "Giám sát chuyên đề", "Giám sát thường xuyên"}}
	EnumCheckResult = &Enumeration{"KetQua", []string{"Tốt", "Đạt", "Chưa đạt", "Đang thực hiện"}}
	EnumIndicator   = &Enumeration{"ChiTieu", []string{"Hội nghị, buổi tuyên truyền, quán triệt", "Lượt người tham dự", "Tin, bài tuyên truyền", "Hội chợ, triển lãm, xúc tiến thương mại", "Hội nghị kết nối cung cầu", IndicatorProjects, IndicatorInitiatives, "Sản phẩm đạt thương hiệu quốc gia, giải thưởng", "Tập thể, cá nhân được khen thưởng"}}
	EnumCoverStatus = &Enumeration{"TinhTrangBaoCao", []string{CoverReported, CoverLate, CoverMissing}}
	EnumEvaluation  = &Enumeration{"DanhGia", []string{"Kết quả nổi bật", "Hạn chế, nguyên nhân", "Đề xuất, kiến nghị", "Nhiệm vụ kỳ tới"}}
)

// Canonical values used in code.
const (
	ReportKindUnit   = "Đơn vị"
	ReportKindRollup = "Tổng hợp"

	RoleSupply = "Cung cấp"
	RoleUse    = "Sử dụng"
	RoleBoth   = "Hai chiều"

	StatusNew        = "Mới ký"
	StatusActive     = "Đang thực hiện"
	StatusDone       = "Hoàn thành"
	StatusTerminated = "Chấm dứt"

	IndicatorProjects    = "Dự án, công trình sử dụng vật tư, thiết bị trong nước"
	IndicatorInitiatives = "Sáng kiến, giải pháp nâng cao chất lượng, hạ giá thành"

	CoverReported = "Đã báo cáo"
	CoverLate     = "Báo cáo muộn"
	CoverMissing  = "Chưa báo cáo"
)

// ValuedIndicators are the `Hoạt động` indicators marked † that carry a value.
var ValuedIndicators = map[string]bool{IndicatorProjects: true, IndicatorInitiatives: true}

// MaxEvaluationChars is the limit of one `Đánh giá` text.
const MaxEvaluationChars = 4000

// MaxTextChars bounds any other text cell (Excel's own cell limit is 32,767).
const MaxTextChars = 2000

// Column of a table sheet.
type Column struct {
	Key      string // stable identifier used in code
	Header   string // canonical header text
	Type     Type
	Enum     *Enumeration
	Required bool    // the column must be present
	Width    float64 // template column width (characters)
	HelpVI   string  // input message in the template
}

// Sheet of the form.
type Sheet struct {
	Name      string
	Required  bool
	KeyHeader string   // table sheets: header that identifies the header row
	Columns   []Column // table sheets
	Labels    []Label  // label/value sheets (`Thông tin`, `Đánh giá`)
	// RollupColumn: in roll-up files the sheet carries `Mã đơn vị báo cáo`.
	RollupColumn bool
	// SumKeys are the columns checked against a totals row.
	SumKeys []string
}

// IsTable reports whether the sheet is a table (header row + data rows).
func (s *Sheet) IsTable() bool { return s.KeyHeader != "" }

// Column returns the column with the key, or nil.
func (s *Sheet) Column(key string) *Column {
	for i := range s.Columns {
		if s.Columns[i].Key == key {
			return &s.Columns[i]
		}
	}
	return nil
}

// Label of a label/value sheet.
type Label struct {
	Key      string
	Text     string
	Type     Type
	Enum     *Enumeration
	Required bool
	// Recommended: the label's row must exist, but an empty value is only a warning
	// (VDHV-W046), so that a blank form as written by `vdhv template` is valid.
	Recommended bool
	HelpVI      string
}

// Sheet names.
const (
	SheetInfo       = "Thông tin"
	SheetAgreements = "Thỏa thuận hợp tác"
	SheetPurchases  = "Mua sắm"
	SheetChecks     = "Kiểm tra giám sát"
	SheetActivities = "Hoạt động"
	SheetEvaluation = "Đánh giá"
	SheetGuide      = "Hướng dẫn"
	SheetLists      = "Danh mục"
	SheetCovered    = "Đơn vị tổng hợp"

	// HeaderReportingUnit is the extra column of roll-up files.
	HeaderReportingUnit = "Mã đơn vị báo cáo"
)

// Column keys.
const (
	ColSTT         = "stt"
	ColNumber      = "number"
	ColPartnerCode = "partner_code"
	ColPartnerName = "partner_name"
	ColInBloc      = "in_bloc"
	ColRole        = "role"
	ColField       = "field"
	ColSigned      = "signed"
	ColExpires     = "expires"
	ColStatus      = "status"
	ColContracts   = "contracts"
	ColContractVal = "contract_value"
	ColDelivered   = "delivered_value"
	ColNote        = "note"

	ColCategory = "category"
	ColTotal    = "total"
	ColDomestic = "domestic"
	ColInBlocV  = "in_bloc_value"

	ColCheckKind   = "check_kind"
	ColStart       = "start"
	ColTarget      = "target"
	ColContent     = "content"
	ColInProgramme = "in_programme"
	ColResult      = "result"
	ColRecs        = "recommendations"
	ColRemedied    = "remedied"

	ColIndicator = "indicator"
	ColCount     = "count"
	ColValue     = "value"

	ColUnitCode   = "unit_code"
	ColUnitName   = "unit_name"
	ColCoverState = "cover_status"
	ColReceived   = "received"

	ColReportingUnit = "reporting_unit"
)

// Label keys of `Thông tin`.
const (
	LabelUnitCode  = "unit_code"
	LabelUnitName  = "unit_name"
	LabelPeriod    = "period"
	LabelKind      = "kind"
	LabelPreparer  = "preparer"
	LabelPhone     = "phone"
	LabelEmail     = "email"
	LabelPrepared  = "prepared"
	LabelFormVer   = "form_version"
	EvalHighlights = "Kết quả nổi bật"
)

var stt = Column{Key: ColSTT, Header: "STT", Type: TypeInteger, Width: 6}
var note = Column{Key: ColNote, Header: "Ghi chú", Type: TypeText, Width: 30}

// Form is the whole VDHV-01 schema, in sheet order.
var Form = []*Sheet{
	{
		Name: SheetInfo, Required: true,
		Labels: []Label{
			{Key: LabelUnitCode, Text: "Mã đơn vị", Type: TypeText, Required: true, HelpVI: "Mã đơn vị do Ban Chỉ đạo cấp"},
			{Key: LabelUnitName, Text: "Tên đơn vị", Type: TypeText},
			{Key: LabelPeriod, Text: "Kỳ báo cáo", Type: TypeText, Required: true, HelpVI: "Quý báo cáo, ví dụ 2025-Q2 hoặc Quý II/2025"},
			{Key: LabelKind, Text: "Loại báo cáo", Type: TypeEnum, Enum: EnumReportKind, HelpVI: "Đơn vị: báo cáo của đơn vị; Tổng hợp: đảng ủy trực thuộc tổng hợp các đơn vị cơ sở"},
			{Key: LabelPreparer, Text: "Người lập biểu", Type: TypeText, Recommended: true, HelpVI: "Họ và tên người lập biểu"},
			{Key: LabelPhone, Text: "Điện thoại", Type: TypeText},
			{Key: LabelEmail, Text: "Email", Type: TypeText},
			{Key: LabelPrepared, Text: "Ngày lập", Type: TypeDate, Recommended: true, HelpVI: "Ngày lập biểu, dạng dd/mm/yyyy"},
			{Key: LabelFormVer, Text: "Phiên bản biểu mẫu", Type: TypeText, Required: true, HelpVI: "Không sửa ô này"},
		},
	},
	{
		Name: SheetAgreements, Required: true, KeyHeader: "Số thỏa thuận", RollupColumn: true,
		SumKeys: []string{ColContracts, ColContractVal, ColDelivered},
		Columns: []Column{
			stt,
			{Key: ColNumber, Header: "Số thỏa thuận", Type: TypeText, Required: true, Width: 32, HelpVI: "Số của thỏa thuận hợp tác, ví dụ 12/2024/TTHT-BĐVN-VNPT"},
			{Key: ColPartnerCode, Header: "Mã đơn vị đối tác", Type: TypeText, Required: true, Width: 16, HelpVI: "Bắt buộc khi đối tác trong Khối: chọn mã từ danh sách"},
			{Key: ColPartnerName, Header: "Tên đối tác", Type: TypeText, Required: true, Width: 36, HelpVI: "Bắt buộc khi không có mã đối tác"},
			{Key: ColInBloc, Header: "Trong Khối", Type: TypeEnum, Enum: EnumYesNo, Required: true, Width: 11, HelpVI: "Có: đối tác là đơn vị trong Khối"},
			{Key: ColRole, Header: "Vai trò", Type: TypeEnum, Enum: EnumRole, Required: true, Width: 12, HelpVI: "Đơn vị cung cấp, sử dụng hay cả hai"},
			{Key: ColField, Header: "Lĩnh vực", Type: TypeEnum, Enum: EnumField, Required: true, Width: 34},
			{Key: ColSigned, Header: "Ngày ký", Type: TypeDate, Required: true, Width: 12, HelpVI: "Ngày ký, dạng dd/mm/yyyy"},
			{Key: ColExpires, Header: "Ngày hết hạn", Type: TypeDate, Width: 12, HelpVI: "Để trống nếu không thời hạn"},
			{Key: ColStatus, Header: "Tình trạng", Type: TypeEnum, Enum: EnumStatus, Required: true, Width: 16, HelpVI: "Mới ký: ký trong quý này"},
			{Key: ColContracts, Header: "Số hợp đồng ký trong kỳ", Type: TypeInteger, Width: 12, HelpVI: "Số nguyên ≥ 0"},
			{Key: ColContractVal, Header: "Giá trị hợp đồng ký trong kỳ (triệu đồng)", Type: TypeMoney, Width: 18, HelpVI: "Triệu đồng, tối đa 3 chữ số thập phân"},
			{Key: ColDelivered, Header: "Giá trị thực hiện trong kỳ (triệu đồng)", Type: TypeMoney, Width: 18, HelpVI: "Giá trị thực hiện trong quý, triệu đồng"},
			note,
		},
	},
	{
		Name: SheetPurchases, Required: true, KeyHeader: "Nhóm hàng hóa, dịch vụ", RollupColumn: true,
		SumKeys: []string{ColTotal, ColDomestic, ColInBlocV},
		Columns: []Column{
			stt,
			{Key: ColCategory, Header: "Nhóm hàng hóa, dịch vụ", Type: TypeEnum, Enum: EnumCategory, Required: true, Width: 44},
			{Key: ColTotal, Header: "Tổng giá trị mua sắm (triệu đồng)", Type: TypeMoney, Required: true, Width: 18, HelpVI: "Triệu đồng"},
			{Key: ColDomestic, Header: "Giá trị hàng sản xuất trong nước (triệu đồng)", Type: TypeMoney, Required: true, Width: 20, HelpVI: "Không lớn hơn tổng giá trị"},
			{Key: ColInBlocV, Header: "Trong đó: của đơn vị trong Khối (triệu đồng)", Type: TypeMoney, Width: 20, HelpVI: "Mua của đơn vị trong Khối; không lớn hơn tổng giá trị"},
			note,
		},
	},
	{
		Name: SheetChecks, Required: true, KeyHeader: "Hình thức", RollupColumn: true,
		SumKeys: []string{ColRecs, ColRemedied},
		Columns: []Column{
			stt,
			{Key: ColCheckKind, Header: "Hình thức", Type: TypeEnum, Enum: EnumCheckKind, Required: true, Width: 22},
			{Key: ColStart, Header: "Ngày bắt đầu", Type: TypeDate, Required: true, Width: 12, HelpVI: "Ngày trong quý, dạng dd/mm/yyyy"},
			{Key: ColTarget, Header: "Đơn vị được kiểm tra, giám sát", Type: TypeText, Required: true, Width: 30},
			{Key: ColContent, Header: "Nội dung", Type: TypeText, Required: true, Width: 40},
			{Key: ColInProgramme, Header: "Trong chương trình kiểm tra, giám sát năm", Type: TypeEnum, Enum: EnumYesNo, Required: true, Width: 16},
			{Key: ColResult, Header: "Kết quả", Type: TypeEnum, Enum: EnumCheckResult, Required: true, Width: 16},
			{Key: ColRecs, Header: "Số kiến nghị", Type: TypeInteger, Width: 10},
			{Key: ColRemedied, Header: "Số kiến nghị đã khắc phục", Type: TypeInteger, Width: 12, HelpVI: "Không lớn hơn số kiến nghị"},
			note,
		},
	},
	{
		Name: SheetActivities, Required: true, KeyHeader: "Chỉ tiêu", RollupColumn: true,
		SumKeys: []string{ColCount, ColValue},
		Columns: []Column{
			stt,
			{Key: ColIndicator, Header: "Chỉ tiêu", Type: TypeEnum, Enum: EnumIndicator, Required: true, Width: 52},
			{Key: ColCount, Header: "Số lượng", Type: TypeInteger, Width: 12, HelpVI: "Số nguyên ≥ 0"},
			{Key: ColValue, Header: "Giá trị (triệu đồng)", Type: TypeMoney, Width: 16, HelpVI: "Chỉ ghi cho dự án dùng vật tư trong nước và sáng kiến (giá trị làm lợi)"},
			note,
		},
	},
	{
		Name: SheetEvaluation,
		Labels: []Label{
			{Key: "highlights", Text: EnumEvaluation.Values[0], Type: TypeText},
			{Key: "limitations", Text: EnumEvaluation.Values[1], Type: TypeText},
			{Key: "proposals", Text: EnumEvaluation.Values[2], Type: TypeText},
			{Key: "next_tasks", Text: EnumEvaluation.Values[3], Type: TypeText},
		},
	},
}

// CoveredSheet is the `Đơn vị tổng hợp` sheet of roll-up files.
var CoveredSheet = &Sheet{
	Name: SheetCovered, KeyHeader: "Mã đơn vị",
	Columns: []Column{
		{Key: ColUnitCode, Header: "Mã đơn vị", Type: TypeText, Required: true, Width: 16},
		{Key: ColUnitName, Header: "Tên đơn vị", Type: TypeText, Width: 44},
		{Key: ColCoverState, Header: "Tình trạng", Type: TypeEnum, Enum: EnumCoverStatus, Required: true, Width: 16},
		{Key: ColReceived, Header: "Ngày nhận", Type: TypeDate, Width: 12},
	},
}

// ReportingUnitColumn is the column roll-up files add to every data sheet (after STT).
var ReportingUnitColumn = Column{Key: ColReportingUnit, Header: HeaderReportingUnit, Type: TypeText, Required: true, Width: 16, HelpVI: "Mã đơn vị có số liệu ở dòng này"}

// SheetByName returns the schema sheet with that name (exact canonical name), or nil.
func SheetByName(name string) *Sheet {
	for _, s := range Form {
		if s.Name == name {
			return s
		}
	}
	if name == SheetCovered {
		return CoveredSheet
	}
	return nil
}

// ColumnsFor returns a table sheet's columns as written in a unit file or, with rollup, in
// a roll-up file (`Mã đơn vị báo cáo` after STT).
func ColumnsFor(s *Sheet, rollup bool) []Column {
	if !rollup || !s.RollupColumn {
		return s.Columns
	}
	out := make([]Column, 0, len(s.Columns)+1)
	out = append(out, s.Columns[0], ReportingUnitColumn)
	return append(out, s.Columns[1:]...)
}
