package finding

// The catalogue of rules. Placeholders: {found} is the cell content; others come from the
// finding's Params. Codes E0xx are errors and W0xx warnings; numbers are grouped by area:
// 001–009 the file, 010–019 sheets and columns, 020–039 any cell, 040–059 `Thông tin`,
// 060–069 `Thỏa thuận hợp tác`, 070–079 `Mua sắm`, 080–089 `Kiểm tra giám sát`,
// 090–094 `Hoạt động`, 095–099 `Đánh giá`, 100–119 roll-up files and the workspace.

func rule(code, id string, vi, en Text) *Rule {
	sev := Error
	if len(code) > 5 && code[5] == 'W' {
		sev = Warning
	}
	r := &Rule{Code: code, ID: id, Severity: sev, VI: vi, EN: en}
	catalog = append(catalog, r)
	return r
}

var catalog []*Rule

// All returns every rule, in code order of declaration.
func All() []*Rule { return append([]*Rule(nil), catalog...) }

// ByCode finds a rule by its code ("VDHV-E012") or id ("ambiguous-number").
func ByCode(code string) *Rule {
	for _, r := range catalog {
		if r.Code == code || r.ID == code {
			return r
		}
	}
	return nil
}

const saveAsXLSX = "Mở tệp bằng Excel hoặc LibreOffice rồi chọn Lưu thành (Save As) → Sổ làm việc Excel (.xlsx)"
const saveAsXLSXEN = "Open the file in Excel or LibreOffice and Save As → Excel Workbook (.xlsx)"

// File-level rules.
var (
	RuleFileXLS = rule("VDHV-E001", "file-xls",
		Text{"Tệp là định dạng Excel 97–2003 (.xls), vdhv không đọc được", "tệp .xlsx theo biểu mẫu VDHV-01", "Lưu lại tệp dưới dạng .xlsx: " + saveAsXLSX},
		Text{"The file is in the Excel 97–2003 format (.xls), which vdhv cannot read", "an .xlsx file of form VDHV-01", saveAsXLSXEN})
	RuleFileEncrypted = rule("VDHV-E002", "file-encrypted",
		Text{"Tệp được đặt mật khẩu (mã hóa), vdhv không mở được", "tệp .xlsx không đặt mật khẩu", "Mở tệp, bỏ mật khẩu (Tệp → Thông tin → Bảo vệ sổ làm việc → Mã hóa bằng mật khẩu → xóa mật khẩu) rồi lưu lại dưới dạng .xlsx"},
		Text{"The file is password-protected (encrypted), vdhv cannot open it", "an .xlsx file without a password", "Open the file, remove the password (File → Info → Protect Workbook → Encrypt with Password → clear it) and save it as .xlsx"})
	RuleFileXLSB = rule("VDHV-E003", "file-xlsb",
		Text{"Tệp là sổ làm việc nhị phân Excel (.xlsb), vdhv không đọc được", "tệp .xlsx", "Lưu lại tệp dưới dạng .xlsx: " + saveAsXLSX},
		Text{"The file is an Excel binary workbook (.xlsb), which vdhv cannot read", "an .xlsx file", saveAsXLSXEN})
	RuleFileODS = rule("VDHV-E004", "file-ods",
		Text{"Tệp là bảng tính OpenDocument (.ods), vdhv không đọc được", "tệp .xlsx", "Lưu lại tệp dưới dạng .xlsx: trong LibreOffice chọn Tệp → Lưu thành → Excel 2007-365 (.xlsx)"},
		Text{"The file is an OpenDocument spreadsheet (.ods), which vdhv cannot read", "an .xlsx file", "In LibreOffice choose File → Save As → Excel 2007-365 (.xlsx)"})
	RuleFileNotSpreadsheet = rule("VDHV-E005", "file-not-spreadsheet",
		Text{"Tệp không phải là bảng tính Excel (nội dung là {what})", "tệp .xlsx theo biểu mẫu VDHV-01", "Dùng đúng tệp biểu mẫu do vdhv tạo (vdhv template), điền số liệu rồi lưu dưới dạng .xlsx; không đổi tên tệp khác thành .xlsx"},
		Text{"The file is not an Excel workbook (its content is {what})", "an .xlsx file of form VDHV-01", "Use the form written by vdhv template, fill it and save it as .xlsx; do not rename another file to .xlsx"})
	RuleFileEmpty = rule("VDHV-E006", "file-empty",
		Text{"Tệp rỗng (0 byte)", "tệp .xlsx đã điền", "Gửi lại tệp; có thể tệp bị hỏng khi tải về hoặc đính kèm"},
		Text{"The file is empty (0 bytes)", "a filled .xlsx file", "Send the file again; it may have been damaged when downloaded or attached"})
	RuleFileCorrupt = rule("VDHV-E007", "file-corrupt",
		Text{"Tệp bị hỏng hoặc không đầy đủ, không đọc được ({detail})", "tệp .xlsx nguyên vẹn", "Mở tệp gốc bằng Excel, lưu lại dưới dạng .xlsx rồi gửi lại; nếu Excel cũng không mở được, xin đơn vị gửi lại tệp"},
		Text{"The file is damaged or incomplete and cannot be read ({detail})", "an intact .xlsx file", "Open the original in Excel, save it as .xlsx and send it again; if Excel cannot open it either, ask the unit to resend it"})
	RuleFileTooLarge = rule("VDHV-E008", "file-too-large",
		Text{"Tệp vượt giới hạn đọc: {detail}", "{limit}", "Biểu mẫu chỉ cần vài trăm dòng; xóa các dòng, cột thừa (hoặc dữ liệu dán nhầm) rồi lưu lại"},
		Text{"The file exceeds a reading limit: {detail}", "{limit}", "The form needs a few hundred rows at most; delete the extra rows or columns (or data pasted by mistake) and save again"})
	RuleFileUnreadable = rule("VDHV-E009", "file-unreadable",
		Text{"Không đọc được tệp: {detail}", "tệp .xlsx đọc được", "Kiểm tra quyền đọc tệp và đường dẫn"},
		Text{"Cannot read the file: {detail}", "a readable .xlsx file", "Check the path and the file's permissions"})
)

// Sheet and column rules.
var (
	RuleSheetMissing = rule("VDHV-E010", "sheet-missing",
		Text{"Thiếu trang tính bắt buộc «{sheet}»", "các trang: {sheets}", "Dùng biểu mẫu do vdhv template tạo, hoặc thêm trang «{sheet}» đúng tên"},
		Text{"The required sheet «{sheet}» is missing", "the sheets {sheets}", "Use the form written by vdhv template, or add a sheet named exactly «{sheet}»"})
	RuleSheetUnknown = rule("VDHV-W011", "sheet-unknown",
		Text{"Trang tính «{sheet}» không thuộc biểu mẫu, vdhv bỏ qua", "", "Xóa trang này nếu không cần, hoặc chuyển số liệu vào đúng trang của biểu mẫu"},
		Text{"The sheet «{sheet}» is not part of the form and is ignored", "", "Delete it if not needed, or move its figures to the right sheet of the form"})
	RuleHeaderNotFound = rule("VDHV-E012", "header-not-found",
		Text{"Không tìm thấy dòng tiêu đề của bảng (ô «{key}») trong 15 dòng đầu", "một ô ghi «{key}» trong 15 dòng đầu", "Giữ nguyên dòng tiêu đề của biểu mẫu; không xóa hoặc đổi tên cột «{key}»"},
		Text{"The table's header row (a cell «{key}») was not found in the first 15 rows", "a cell «{key}» in the first 15 rows", "Keep the form's header row; do not delete or rename the column «{key}»"})
	RuleColumnMissing = rule("VDHV-E013", "column-missing",
		Text{"Thiếu cột bắt buộc «{column}»", "cột «{column}» trong dòng tiêu đề", "Thêm lại cột «{column}» (đúng tên) vào dòng tiêu đề"},
		Text{"The required column «{column}» is missing", "a column «{column}» in the header row", "Add the column «{column}» (exact name) back to the header row"})
	RuleColumnExtra = rule("VDHV-W014", "column-extra",
		Text{"Cột «{column}» không thuộc biểu mẫu, vdhv bỏ qua", "", "Xóa cột này hoặc ghi nội dung vào cột «Ghi chú»"},
		Text{"The column «{column}» is not part of the form and is ignored", "", "Delete it or put its content in the «Ghi chú» column"})
	RuleColumnDuplicate = rule("VDHV-E015", "column-duplicate",
		Text{"Cột «{column}» xuất hiện hai lần (lần đầu ở ô {first})", "mỗi cột một lần", "Xóa cột trùng"},
		Text{"The column «{column}» appears twice (first at {first})", "each column once", "Delete the duplicate column"})
	RuleSheetHidden = rule("VDHV-W016", "sheet-hidden",
		Text{"Trang tính «{sheet}» đang bị ẩn; vdhv vẫn đọc số liệu trong đó", "trang hiển thị", "Bỏ ẩn trang (chuột phải vào tên trang → Bỏ ẩn) để người đọc thấy số liệu"},
		Text{"The sheet «{sheet}» is hidden; vdhv reads its figures anyway", "a visible sheet", "Unhide the sheet (right-click a sheet tab → Unhide) so readers see its figures"})
	RuleSheetVeryHidden = rule("VDHV-E018", "sheet-very-hidden",
		Text{"Trang tính «{sheet}» bị ẩn ở mức «rất ẩn» (very hidden): không ai thấy được số liệu trong đó bằng Excel", "trang hiển thị", "Chép số liệu sang biểu mẫu mới do vdhv template tạo (hoặc đặt lại thuộc tính Visible của trang trong trình soạn VBA) rồi gửi lại"},
		Text{"The sheet «{sheet}» is very hidden: nobody can see its figures in Excel", "a visible sheet", "Copy the figures into a new form written by vdhv template (or reset the sheet's Visible property in the VBA editor) and send it again"})
	RuleMergedData = rule("VDHV-W017", "merged-data-cells",
		Text{"Vùng ô gộp {range} trải qua nhiều dòng số liệu; chỉ ô đầu của vùng gộp có giá trị", "mỗi dòng số liệu có giá trị riêng", "Bỏ gộp ô (Merge & Center → Unmerge) và ghi giá trị cho từng dòng"},
		Text{"The merged range {range} spans several data rows; only its first cell holds a value", "each data row with its own values", "Unmerge the cells and fill each row"})
)

// Rules for any cell.
var (
	RuleRequired = rule("VDHV-E020", "required",
		Text{"Ô «{column}» bắt buộc nhưng để trống", "{expected}", "Điền «{column}»"},
		Text{"«{column}» is required but empty", "{expected}", "Fill in «{column}»"})
	RuleNotNumber = rule("VDHV-E021", "not-a-number",
		Text{"«{column}» không phải là số: {found}", "một số, ví dụ 1.234.567 hoặc 1234,5", "Chỉ ghi con số, không ghi chữ hay đơn vị tính"},
		Text{"«{column}» is not a number: {found}", "a number, e.g. 1.234.567 or 1234,5", "Write the figure only, without words or units"})
	RuleAmbiguousNumber = rule("VDHV-E022", "ambiguous-number",
		Text{"«{column}» ghi {found} có thể hiểu hai cách: {thousands} (nếu dấu là phân cách hàng nghìn) hoặc {decimal} (nếu là dấu thập phân)", "một số không thể hiểu nhầm", "Nhập số vào ô dạng số của Excel, hoặc ghi lại không có dấu phân cách hàng nghìn: {thousands} hay {decimal}"},
		Text{"«{column}» reads {found}, which could mean {thousands} (if the mark separates thousands) or {decimal} in Vietnamese notation (if it is the decimal mark)", "a number that cannot be misread", "Enter it as an Excel number, or write it without a thousands separator: {thousands} or {decimal}"})
	RuleMoneyDecimals = rule("VDHV-E023", "money-decimals",
		Text{"«{column}» có quá 3 chữ số thập phân: {found}", "số tiền tính bằng triệu đồng, tối đa 3 chữ số thập phân (1.000 đồng)", "Làm tròn đến 3 chữ số thập phân"},
		Text{"«{column}» has more than 3 decimals: {found}", "an amount in million VND with at most 3 decimals (1,000 VND)", "Round to 3 decimals"})
	RuleNegative = rule("VDHV-E024", "negative",
		Text{"«{column}» là số âm: {found}", "số không âm", "Ghi số không âm; khoản giảm trừ ghi vào «Ghi chú»"},
		Text{"«{column}» is negative: {found}", "a number ≥ 0", "Write a non-negative figure; explain reductions in «Ghi chú»"})
	RuleNotInteger = rule("VDHV-E025", "not-an-integer",
		Text{"«{column}» phải là số nguyên: {found}", "số nguyên không âm, ví dụ 3", "Ghi số nguyên (số lượt, số cái…)"},
		Text{"«{column}» must be a whole number: {found}", "a whole number ≥ 0, e.g. 3", "Write a whole number (a count)"})
	RuleBadDate = rule("VDHV-E026", "bad-date",
		Text{"«{column}» không phải là ngày hợp lệ: {found}", "ngày dạng dd/mm/yyyy, ví dụ 05/08/2025", "Ghi ngày theo dạng ngày/tháng/năm, ví dụ 05/08/2025"},
		Text{"«{column}» is not a valid date: {found}", "a date dd/mm/yyyy, e.g. 05/08/2025", "Write the date as day/month/year, e.g. 05/08/2025"})
	RuleNotInList = rule("VDHV-E027", "not-in-list",
		Text{"«{column}» có giá trị không thuộc danh mục: {found}", "một trong: {allowed}", "Chọn giá trị từ danh sách thả xuống của ô"},
		Text{"«{column}» has a value outside its list: {found}", "one of: {allowed}", "Pick a value from the cell's drop-down list"})
	RuleTextTooLong = rule("VDHV-E028", "text-too-long",
		Text{"«{column}» dài {length} ký tự, vượt giới hạn", "tối đa {max} ký tự", "Rút gọn nội dung, hoặc gửi phần chi tiết bằng văn bản riêng"},
		Text{"«{column}» is {length} characters long, over the limit", "at most {max} characters", "Shorten it, or send the details in a separate document"})
	RuleLegacyEncoding = rule("VDHV-W029", "legacy-encoding",
		Text{"«{column}» được gõ bằng bảng mã cũ {encoding} ({found}); vdhv đã chuyển thành «{converted}»", "chữ Unicode", "Kiểm tra lại nội dung đã chuyển; lần sau gõ bằng bảng mã Unicode (Unikey: bảng mã Unicode, phông Times New Roman)"},
		Text{"«{column}» was typed in the legacy {encoding} encoding ({found}); vdhv converted it to «{converted}»", "Unicode text", "Check the converted text; next time type in Unicode (Unikey: Unicode charset, Times New Roman font)"})
	RuleFormulaError = rule("VDHV-E030", "formula-error",
		Text{"«{column}» là lỗi công thức {found}", "một giá trị", "Sửa công thức trong ô hoặc ghi trực tiếp giá trị"},
		Text{"«{column}» is a formula error {found}", "a value", "Fix the formula or type the value"})
	RuleTotalsMismatch = rule("VDHV-W031", "totals-mismatch",
		Text{"Dòng tổng «{column}» ghi {found} nhưng tổng các dòng là {sum}", "{sum}", "Sửa dòng tổng cho khớp (vdhv chỉ dùng các dòng chi tiết)"},
		Text{"The totals row's «{column}» says {found} but the rows add up to {sum}", "{sum}", "Correct the totals row (vdhv uses the detail rows only)"})
	RuleDateImplausible = rule("VDHV-E032", "date-implausible",
		Text{"«{column}» là ngày {found}, ngoài khoảng hợp lý", "ngày từ 01/01/1945 đến 31/12/2100", "Kiểm tra lại năm"},
		Text{"«{column}» is {found}, outside any plausible range", "a date from 01/01/1945 to 31/12/2100", "Check the year"})
	RuleInvisibleChars = rule("VDHV-W033", "invisible-characters",
		Text{"«{column}» chứa ký tự ẩn (ký tự điều khiển, độ rộng 0 hoặc đổi chiều viết); vdhv đã bỏ chúng", "văn bản thường", "Gõ lại nội dung ô thay vì dán từ trang web hoặc tệp PDF"},
		Text{"«{column}» contains invisible characters (control, zero-width or direction marks); vdhv removed them", "plain text", "Retype the cell instead of pasting from a web page or PDF"})
	RuleNumberTooLarge = rule("VDHV-E035", "number-too-large",
		Text{"«{column}» quá lớn: {found}", "không quá 1.000.000.000 (số tiền tính bằng triệu đồng)", "Kiểm tra đơn vị tính: số tiền ghi bằng triệu đồng"},
		Text{"«{column}» is too large: {found}", "at most 1,000,000,000 (amounts are in million VND)", "Check the unit: amounts are in million VND"})
	RuleBoolInCell = rule("VDHV-E034", "unexpected-boolean",
		Text{"«{column}» là giá trị đúng/sai {found}", "{expected}", "Ghi đúng loại giá trị của cột"},
		Text{"«{column}» is a TRUE/FALSE value {found}", "{expected}", "Write a value of the column's type"})
)

// `Thông tin`.
var (
	RuleInfoMissing = rule("VDHV-E040", "info-label-missing",
		Text{"Trang «Thông tin» thiếu dòng «{label}»", "nhãn «{label}» ở cột A, giá trị ở cột B", "Thêm dòng «{label}» (nhãn ở cột A, giá trị ở cột B)"},
		Text{"The «Thông tin» sheet has no «{label}» row", "the label «{label}» in column A, its value in column B", "Add the row «{label}» (label in column A, value in column B)"})
	RuleUnitUnknown = rule("VDHV-E041", "unit-unknown",
		Text{"Mã đơn vị {found} không có trong danh sách đơn vị (units.yaml)", "một mã đơn vị của Khối", "Ghi đúng mã đơn vị được Ban Chỉ đạo cấp (xem vdhv units list)"},
		Text{"The unit code {found} is not in the unit hierarchy (units.yaml)", "a unit code of the bloc", "Write the code the committee assigned (see vdhv units list)"})
	RuleUnitInactive = rule("VDHV-E042", "unit-inactive",
		Text{"Đơn vị {found} không hoạt động trong kỳ {quarter} ({active})", "một đơn vị hoạt động trong kỳ", "Kiểm tra lại mã đơn vị và kỳ báo cáo; nếu đơn vị mới thành lập hoặc sáp nhập, báo Ban Chỉ đạo cập nhật units.yaml"},
		Text{"The unit {found} is not active in {quarter} ({active})", "a unit active in the quarter", "Check the unit code and quarter; if the unit was founded or merged, ask the committee to update units.yaml"})
	RuleUnitNameDiffers = rule("VDHV-W043", "unit-name-differs",
		Text{"Tên đơn vị {found} khác tên trong danh sách đơn vị", "«{name}»", "Kiểm tra lại mã đơn vị; nếu mã đúng, có thể bỏ qua cảnh báo này"},
		Text{"The unit name {found} differs from the hierarchy's", "«{name}»", "Check the unit code; if it is right, this warning can be ignored"})
	RulePeriodInvalid = rule("VDHV-E044", "period-invalid",
		Text{"Kỳ báo cáo {found} không đọc được", "một quý, ví dụ 2025-Q2, Q2/2025, Quý II/2025 hoặc Quý 2 năm 2025", "Ghi kỳ báo cáo theo một trong các dạng trên"},
		Text{"The reporting period {found} cannot be read", "a quarter, e.g. 2025-Q2, Q2/2025, Quý II/2025 or Quý 2 năm 2025", "Write the quarter in one of these forms"})
	RulePeriodFolder = rule("VDHV-E045", "period-folder-mismatch",
		Text{"Kỳ báo cáo trong tệp là {found} nhưng tệp nằm trong thư mục của kỳ {folder}", "{folder}", "Sửa «Kỳ báo cáo» hoặc chuyển tệp vào thư mục submissions/{folder_path}/"},
		Text{"The file says {found} but lies in the folder of {folder}", "{folder}", "Correct «Kỳ báo cáo» or move the file to submissions/{folder_path}/"})
	RuleInfoEmpty = rule("VDHV-W046", "info-empty",
		Text{"Chưa ghi «{column}»", "{expected}", "Điền «{column}» trước khi gửi báo cáo"},
		Text{"«{column}» is not filled in", "{expected}", "Fill in «{column}» before sending the report"})
	RuleEmailInvalid = rule("VDHV-E047", "email-invalid",
		Text{"Địa chỉ thư điện tử {found} không hợp lệ", "dạng ten@mien.vn", "Sửa hoặc để trống ô Email"},
		Text{"The e-mail address {found} is malformed", "name@domain.vn", "Correct it or leave Email empty"})
	RulePreparedEarly = rule("VDHV-E048", "prepared-before-quarter",
		Text{"Ngày lập {found} trước ngày đầu kỳ {quarter} ({first})", "từ {first} trở đi", "Sửa «Ngày lập» hoặc «Kỳ báo cáo»"},
		Text{"The date prepared {found} is before the first day of {quarter} ({first})", "{first} or later", "Correct «Ngày lập» or «Kỳ báo cáo»"})
	RuleFormVersion = rule("VDHV-E049", "form-version",
		Text{"Phiên bản biểu mẫu {found} không được hỗ trợ", "một trong: {versions}", "Dùng biểu mẫu mới do vdhv template tạo"},
		Text{"Form version {found} is not supported", "one of: {versions}", "Use a new form written by vdhv template"})
	RuleUnitNotReporting = rule("VDHV-E050", "unit-not-reporting",
		Text{"Đơn vị {found} không thuộc diện gửi báo cáo «Đơn vị» (các đơn vị trực thuộc báo cáo riêng)", "mã của một đơn vị báo cáo, hoặc «Loại báo cáo» = «Tổng hợp»", "Nếu đây là báo cáo tổng hợp các đơn vị trực thuộc, ghi «Loại báo cáo» là «Tổng hợp»"},
		Text{"The unit {found} does not send «Đơn vị» reports (its sub-units report themselves)", "the code of a reporting unit, or «Loại báo cáo» = «Tổng hợp»", "If this file rolls up its sub-units, set «Loại báo cáo» to «Tổng hợp»"})
	RuleRollupNoChildren = rule("VDHV-E051", "rollup-without-children",
		Text{"Đơn vị {found} không có đơn vị trực thuộc nên không gửi được báo cáo «Tổng hợp»", "«Loại báo cáo» = «Đơn vị»", "Ghi «Loại báo cáo» là «Đơn vị»"},
		Text{"The unit {found} has no sub-units, so it cannot send a «Tổng hợp» (roll-up) report", "«Loại báo cáo» = «Đơn vị»", "Set «Loại báo cáo» to «Đơn vị»"})
)

// `Thỏa thuận hợp tác`.
var (
	RuleAgreementDuplicate = rule("VDHV-E060", "agreement-duplicate",
		Text{"Thỏa thuận số {found} với đối tác {partner} đã có ở dòng {first}", "mỗi thỏa thuận một dòng", "Gộp hai dòng thành một (cộng số hợp đồng và giá trị)"},
		Text{"Agreement {found} with partner {partner} is already listed on row {first}", "one row per agreement", "Merge the two rows into one (adding contracts and values)"})
	RulePartnerCodeRequired = rule("VDHV-E061", "partner-code-required",
		Text{"Đối tác trong Khối nhưng «Mã đơn vị đối tác» để trống", "mã đơn vị của đối tác trong Khối", "Chọn mã đối tác từ danh sách thả xuống (trang «Danh mục»)"},
		Text{"The partner is in the bloc but «Mã đơn vị đối tác» is empty", "the partner's unit code", "Pick the partner's code from the drop-down list («Danh mục» sheet)"})
	RulePartnerUnknown = rule("VDHV-E062", "partner-unknown",
		Text{"Mã đơn vị đối tác {found} không có trong danh sách đơn vị của Khối", "một mã đơn vị của Khối", "Chọn mã đối tác từ danh sách thả xuống; nếu đối tác ngoài Khối, ghi «Trong Khối» là «Không» và để trống mã"},
		Text{"The partner code {found} is not a unit of the bloc", "a unit code of the bloc", "Pick the partner's code from the drop-down list; if the partner is outside the bloc, set «Trong Khối» to «Không» and leave the code empty"})
	RulePartnerSelf = rule("VDHV-E063", "partner-self",
		Text{"Đối tác {found} chính là đơn vị báo cáo", "mã của đơn vị khác", "Ghi mã của đơn vị đối tác"},
		Text{"The partner {found} is the reporting unit itself", "another unit's code", "Write the partner's code"})
	RulePartnerNameRequired = rule("VDHV-E064", "partner-name-required",
		Text{"Không có mã đối tác thì phải ghi «Tên đối tác»", "tên đối tác", "Ghi tên đối tác"},
		Text{"Without a partner code, «Tên đối tác» is required", "the partner's name", "Write the partner's name"})
	RuleSignedAfterQuarter = rule("VDHV-E065", "signed-after-quarter",
		Text{"Ngày ký {found} sau ngày cuối kỳ {quarter} ({last})", "ngày ký đến {last}", "Thỏa thuận ký sau kỳ báo cáo thì đưa vào báo cáo kỳ sau"},
		Text{"The signing date {found} is after the last day of {quarter} ({last})", "a date up to {last}", "Agreements signed after the quarter belong in the next quarter's report"})
	RuleExpiryBeforeSigned = rule("VDHV-E066", "expiry-before-signed",
		Text{"Ngày hết hạn {found} trước ngày ký {signed}", "ngày hết hạn từ {signed} trở đi", "Sửa ngày hết hạn hoặc ngày ký"},
		Text{"The expiry date {found} is before the signing date {signed}", "{signed} or later", "Correct the expiry or signing date"})
	RuleNewOutsideQuarter = rule("VDHV-E067", "new-outside-quarter",
		Text{"Tình trạng «Mới ký» nhưng ngày ký {found} không thuộc kỳ {quarter} ({first}–{last})", "ngày ký trong kỳ, hoặc tình trạng «Đang thực hiện»", "Thỏa thuận ký từ kỳ trước thì ghi «Đang thực hiện»"},
		Text{"Status «Mới ký» (newly signed) but the signing date {found} is outside {quarter} ({first}–{last})", "a signing date inside the quarter, or status «Đang thực hiện»", "Agreements signed in earlier quarters are «Đang thực hiện»"})
	RulePartnerInBlocMismatch = rule("VDHV-W068", "partner-in-bloc-mismatch",
		Text{"«Trong Khối» là «Không» nhưng {found} là mã một đơn vị của Khối", "«Trong Khối» = «Có» cho đối tác trong Khối", "Nếu đối tác thuộc Khối, ghi «Trong Khối» là «Có»"},
		Text{"«Trong Khối» is «Không» but {found} is a unit code of the bloc", "«Trong Khối» = «Có» for a partner in the bloc", "If the partner is in the bloc, set «Trong Khối» to «Có»"})
)

// `Mua sắm`, `Kiểm tra giám sát`, `Hoạt động`, `Đánh giá`.
var (
	RuleCategoryDuplicate = rule("VDHV-E070", "category-duplicate",
		Text{"Nhóm {found} đã có ở dòng {first}", "mỗi nhóm hàng hóa, dịch vụ một dòng", "Cộng hai dòng thành một"},
		Text{"Category {found} is already on row {first}", "each category once", "Add the two rows into one"})
	RuleDomesticOverTotal = rule("VDHV-E071", "domestic-over-total",
		Text{"Giá trị hàng trong nước {found} lớn hơn tổng giá trị mua sắm {total}", "không quá {total}", "Kiểm tra lại hai số"},
		Text{"The domestic amount {found} exceeds the total spending {total}", "at most {total}", "Check both figures"})
	RuleInBlocOverTotal = rule("VDHV-E072", "in-bloc-over-total",
		Text{"Giá trị mua của đơn vị trong Khối {found} lớn hơn tổng giá trị mua sắm {total}", "không quá {total}", "Kiểm tra lại hai số"},
		Text{"The in-bloc amount {found} exceeds the total spending {total}", "at most {total}", "Check both figures"})
	RuleCheckOutsideQuarter = rule("VDHV-E080", "check-outside-quarter",
		Text{"Ngày bắt đầu {found} không thuộc kỳ {quarter} ({first}–{last})", "ngày trong kỳ báo cáo", "Cuộc kiểm tra, giám sát bắt đầu ở kỳ khác thì báo cáo ở kỳ đó"},
		Text{"The start date {found} is outside {quarter} ({first}–{last})", "a date inside the quarter", "Report a check in the quarter it started"})
	RuleRemediedOverRecs = rule("VDHV-E081", "remedied-over-recommendations",
		Text{"Số kiến nghị đã khắc phục {found} lớn hơn số kiến nghị {recs}", "không quá {recs}", "Kiểm tra lại hai số"},
		Text{"Remedied recommendations {found} exceed recommendations {recs}", "at most {recs}", "Check both figures"})
	RuleIndicatorDuplicate = rule("VDHV-E090", "indicator-duplicate",
		Text{"Chỉ tiêu {found} đã có ở dòng {first}", "mỗi chỉ tiêu một dòng", "Cộng hai dòng thành một"},
		Text{"Indicator {found} is already on row {first}", "each indicator once", "Add the two rows into one"})
	RuleValueNotCarried = rule("VDHV-W091", "value-not-carried",
		Text{"Chỉ tiêu «{indicator}» không có giá trị tiền; giá trị {found} bị bỏ qua", "để trống «Giá trị (triệu đồng)»", "Chỉ ghi giá trị cho dự án dùng vật tư trong nước và sáng kiến (giá trị làm lợi)"},
		Text{"The indicator «{indicator}» carries no value; {found} is ignored", "an empty «Giá trị (triệu đồng)»", "Only projects using domestic materials and initiatives (value saved) carry a value"})
	RuleEvaluationUnknown = rule("VDHV-W096", "evaluation-label-unknown",
		Text{"Nhãn {found} không thuộc trang «Đánh giá», vdhv bỏ qua", "một trong: {allowed}", "Ghi nội dung dưới đúng nhãn"},
		Text{"The label {found} is not one of «Đánh giá», ignored", "one of: {allowed}", "Put the text under one of the labels"})
	RuleEvaluationDuplicate = rule("VDHV-E097", "evaluation-duplicate",
		Text{"Nhãn {found} đã có ở dòng {first}", "mỗi nhãn một lần", "Gộp nội dung vào một ô"},
		Text{"The label {found} already appears on row {first}", "each label once", "Merge the texts into one cell"})
)

// Roll-up files and the workspace.
var (
	RuleRollupUnitMissing = rule("VDHV-E100", "rollup-unit-empty",
		Text{"Báo cáo tổng hợp: dòng thiếu «Mã đơn vị báo cáo»", "mã của đơn vị có số liệu ở dòng này", "Ghi mã đơn vị cho từng dòng"},
		Text{"Roll-up report: the row has no «Mã đơn vị báo cáo»", "the code of the unit the row belongs to", "Write the unit code on every row"})
	RuleRollupUnitOutside = rule("VDHV-E101", "rollup-unit-outside",
		Text{"Đơn vị {found} không thuộc {rollup}", "một đơn vị trực thuộc {rollup} có báo cáo, hoạt động trong kỳ", "Chỉ tổng hợp các đơn vị trực thuộc"},
		Text{"The unit {found} is not under {rollup}", "a reporting unit under {rollup}, active in the quarter", "Roll up only your own sub-units"})
	RuleRollupSheetMissing = rule("VDHV-E102", "rollup-sheet-missing",
		Text{"Báo cáo tổng hợp thiếu trang «Đơn vị tổng hợp»", "trang liệt kê các đơn vị được tổng hợp", "Dùng vdhv aggregate --rollup để lập báo cáo tổng hợp"},
		Text{"The roll-up report has no «Đơn vị tổng hợp» sheet", "a sheet listing the units rolled up", "Write roll-ups with vdhv aggregate --rollup"})
	RuleRollupUnitNotListed = rule("VDHV-E103", "rollup-unit-not-listed",
		Text{"Đơn vị {found} có số liệu nhưng không có trong trang «Đơn vị tổng hợp» với tình trạng đã báo cáo", "đơn vị có trong danh sách tổng hợp", "Thêm đơn vị vào trang «Đơn vị tổng hợp» hoặc xóa các dòng của nó"},
		Text{"The unit {found} has rows but is not listed as reported on «Đơn vị tổng hợp»", "a unit listed as reported", "List the unit on «Đơn vị tổng hợp» or delete its rows"})
	RuleRollupColumnInUnitFile = rule("VDHV-W104", "rollup-column-in-unit-file",
		Text{"Cột «Mã đơn vị báo cáo» chỉ dùng trong báo cáo tổng hợp; vdhv bỏ qua", "", "Xóa cột, hoặc ghi «Loại báo cáo» là «Tổng hợp»"},
		Text{"The column «Mã đơn vị báo cáo» is only for roll-up reports; ignored", "", "Delete the column, or set «Loại báo cáo» to «Tổng hợp»"})
	RuleRollupDuplicateUnit = rule("VDHV-E105", "rollup-unit-duplicate",
		Text{"Đơn vị {found} được liệt kê hai lần (dòng {first})", "mỗi đơn vị một lần", "Xóa dòng trùng"},
		Text{"The unit {found} is listed twice (row {first})", "each unit once", "Delete the duplicate row"})
	RuleUnitReportedTwice = rule("VDHV-E110", "unit-reported-twice",
		Text{"Đơn vị {found} có số liệu kỳ {quarter} cả trong báo cáo tổng hợp {rollup} và trong tệp riêng {other}", "mỗi đơn vị chỉ được tính một lần", "Bỏ tệp riêng hoặc bỏ đơn vị khỏi báo cáo tổng hợp"},
		Text{"The unit {found} reports {quarter} both in the roll-up {rollup} and in its own file {other}", "each unit counted once", "Remove the separate file or the unit from the roll-up"})
	RuleDuplicateSubmission = rule("VDHV-E111", "duplicate-submission",
		Text{"Có nhiều tệp của đơn vị {found} cho kỳ {quarter}: {other}", "một tệp mỗi đơn vị mỗi kỳ", "Dùng vdhv receive để nộp bản mới (bản cũ được lưu lại), hoặc xóa tệp thừa"},
		Text{"Several files of unit {found} for {quarter}: {other}", "one file per unit and quarter", "Use vdhv receive to file the new version (old ones are kept), or delete the extra file"})
)
