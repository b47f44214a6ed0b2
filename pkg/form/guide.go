package form

// The text of the `Hướng dẫn` sheet, as data, and the code that lays it out. The meaning of
// every column and label of the schema is in guideFields (a test checks that none is
// missing), the rules of form-v1.md in plain words in guideGeneral and guideSheets.

import (
	"fmt"
	"strings"

	"github.com/vdhv/vdhv/pkg/period"
)

// guideTitle and guideSubtitle head the sheet.
const (
	guideTitle    = "HƯỚNG DẪN ĐIỀN BIỂU MẪU " + FormVersion
	guideSubtitle = "Báo cáo quý kết quả thực hiện Cuộc vận động «Người Việt Nam ưu tiên dùng hàng Việt Nam»"
)

// guideGeneral are the rules that apply to every sheet. "{sheets}" is replaced by the list
// of the workbook's sheets.
var guideGeneral = []string{
	"Biểu mẫu gồm các trang: {sheets}. Điền lần lượt từng trang theo hướng dẫn dưới đây. Không đổi tên trang, không xóa hoặc đổi tên các cột ở dòng tiêu đề (dòng có nền màu xanh); có thể thêm cột riêng nhưng vdhv sẽ bỏ qua và nhắc nhở.",
	"Mỗi dòng của bảng là một đối tượng: một thỏa thuận, một nhóm hàng, một cuộc kiểm tra, một chỉ tiêu. Không gộp ô (merge) giữa các dòng số liệu. Dòng trống được bỏ qua. Nếu thêm dòng «Tổng cộng» ở cuối bảng, vdhv đối chiếu dòng này với tổng các dòng phía trên.",
	"Số tiền ghi bằng TRIỆU ĐỒNG, tối đa 3 chữ số thập phân (đến nghìn đồng). Ví dụ: 1.250,5 triệu đồng là 1.250.500.000 đồng. Không ghi số âm, không gõ kèm chữ «triệu», «đ», «VNĐ».",
	"Nên nhập số trực tiếp vào ô (ô dạng số). Nếu gõ số dưới dạng chữ, tránh cách viết có thể hiểu hai nghĩa như 1.234 hoặc 12,345 (một nghìn hai trăm ba mươi tư hay một phẩy hai ba bốn?): vdhv sẽ báo lỗi và nêu cả hai cách hiểu.",
	"Ô số để trống được hiểu là 0. Số lượng (hợp đồng, kiến nghị, hội nghị, …) là số nguyên không âm.",
	"Ngày ghi dạng ngày/tháng/năm dd/mm/yyyy, ví dụ 05/08/2025 (có thể gõ 2025-08-05). Ngày phải nằm trong khoảng 01/01/1945 – 31/12/2100.",
	"Các cột có danh sách (Trong Khối, Vai trò, Lĩnh vực, Tình trạng, Nhóm hàng hóa, dịch vụ, Hình thức, Kết quả, Chỉ tiêu, …): bấm vào mũi tên ở góc ô và chọn một giá trị; không tự gõ cách viết khác.",
	"Khi chọn một ô, Excel hiện gợi ý cách ghi của cột đó. Nếu nhập sai kiểu (chữ vào cột số, ngày không hợp lệ, giá trị ngoài danh sách), Excel báo lỗi ngay khi nhập.",
	"Gõ tiếng Việt bằng bảng mã Unicode (phông Times New Roman, Arial, …). Không dùng phông .VnTime (TCVN3) hay VNI-Times: chữ sẽ bị lỗi phông; vdhv sẽ tự chuyển đổi nhưng vẫn báo nhắc nhở.",
	"Lưu tệp dưới dạng Sổ làm việc Excel (.xlsx); không lưu thành .xls, .ods hay .xlsb, không đặt mật khẩu cho tệp. Không thêm trang tính khác, không ẩn các trang của biểu mẫu.",
	"Trước khi gửi, có thể kiểm tra tệp bằng lệnh «vdhv validate <tệp>»: mỗi lỗi nêu rõ trang, ô, nội dung sai, nội dung đúng và cách sửa.",
}

// guideSheet is the part of the guide about one sheet.
type guideSheet struct {
	Sheet string
	Intro []string // what the sheet is for
	Rules []string // the spec's rules for the sheet, in plain words
}

// guideSheets are in the order of the workbook's sheets.
var guideSheets = []guideSheet{
	{
		Sheet: SheetInfo,
		Intro: []string{"Thông tin về đơn vị, kỳ báo cáo và người lập biểu. Nhãn ở cột A, giá trị ghi ở cột B; cột C là gợi ý."},
		Rules: []string{
			"Mã đơn vị, Tên đơn vị, Kỳ báo cáo, Loại báo cáo và Phiên bản biểu mẫu đã được ghi sẵn: không sửa các ô này (nhất là các ô nền xám).",
			"Bắt buộc ghi Người lập biểu và Ngày lập; Ngày lập không được trước ngày đầu của kỳ báo cáo.",
		},
	},
	{
		Sheet: SheetAgreements,
		Intro: []string{"Mỗi dòng là một thỏa thuận hợp tác còn hiệu lực trong quý: cả thỏa thuận mới ký trong quý và thỏa thuận đã ký từ trước đang thực hiện. Thỏa thuận ký với nhiều đối tác thì ghi mỗi đối tác một dòng."},
		Rules: []string{
			"Thỏa thuận với đối tác là đơn vị trong Khối do CẢ HAI BÊN cùng báo cáo: hai bên ghi cùng một Số thỏa thuận (đúng như trên văn bản), mỗi bên ghi mã của bên kia ở cột Mã đơn vị đối tác, và thống nhất với nhau ngày ký, ngày hết hạn, tình trạng, số hợp đồng và các giá trị để số liệu hai bên khớp khi đối chiếu. Khi tổng hợp, vdhv chỉ tính thỏa thuận đó một lần.",
			"Vai trò ghi theo phía đơn vị mình: bên cung cấp ghi Cung cấp, bên sử dụng ghi Sử dụng; hai bên cùng cung cấp cho nhau thì ghi Hai chiều.",
			"Một Số thỏa thuận chỉ ghi một lần với cùng một đối tác.",
			"Tình trạng «Mới ký» chỉ dùng khi thỏa thuận được ký trong quý báo cáo; các quý sau chuyển sang Đang thực hiện, Hoàn thành hoặc Chấm dứt.",
			"Ngày ký không được sau ngày cuối quý; Ngày hết hạn (nếu có) không được trước Ngày ký.",
			"Số hợp đồng và các giá trị là số phát sinh TRONG QUÝ, không cộng dồn từ đầu năm hay từ khi ký.",
			"Không có thỏa thuận nào thì để trống bảng.",
		},
	},
	{
		Sheet: SheetPurchases,
		Intro: []string{"Giá trị mua sắm hàng hóa, dịch vụ trong quý, mỗi nhóm hàng một dòng (đã ghi sẵn 7 nhóm). Nhóm không phát sinh thì để trống; không ghi một nhóm hai lần."},
		Rules: []string{
			"Giá trị hàng sản xuất trong nước và giá trị mua của đơn vị trong Khối đều không được lớn hơn tổng giá trị mua sắm của nhóm.",
			"Giá trị mua của đơn vị trong Khối có thể lớn hơn giá trị hàng sản xuất trong nước (đơn vị trong Khối có thể bán hàng nhập khẩu).",
			"Không ghi tỷ lệ phần trăm: vdhv tự tính các tỷ lệ từ số tiền đã tổng hợp.",
		},
	},
	{
		Sheet: SheetChecks,
		Intro: []string{"Mỗi dòng là một cuộc kiểm tra, giám sát việc thực hiện Cuộc vận động bắt đầu trong quý. Không có cuộc nào thì để trống bảng (vẫn giữ trang này)."},
		Rules: []string{
			"Ngày bắt đầu phải nằm trong quý báo cáo.",
			"Số kiến nghị đã khắc phục không được lớn hơn số kiến nghị.",
		},
	},
	{
		Sheet: SheetActivities,
		Intro: []string{"Kết quả các hoạt động trong quý, mỗi chỉ tiêu một dòng (đã ghi sẵn 9 chỉ tiêu). Chỉ tiêu không phát sinh thì để trống; không ghi một chỉ tiêu hai lần."},
		Rules: []string{
			"Cột Giá trị chỉ ghi cho hai chỉ tiêu: «" + IndicatorProjects + "» (giá trị, triệu đồng) và «" + IndicatorInitiatives + "» (giá trị làm lợi, triệu đồng). Các chỉ tiêu khác để trống cột Giá trị.",
		},
	},
	{
		Sheet: SheetEvaluation,
		Intro: []string{"Đánh giá chung bằng lời, ghi ở cột B. Trang này không bắt buộc; mỗi mục tối đa 4.000 ký tự."},
	},
	{
		Sheet: SheetCovered,
		Intro: []string{"Chỉ có trong báo cáo tổng hợp (Loại báo cáo: Tổng hợp) do đảng ủy trực thuộc lập thay cho các tổ chức cơ sở đảng trực thuộc: liệt kê mọi đơn vị mà báo cáo bao gồm, mỗi đơn vị một dòng."},
		Rules: []string{
			"Trong báo cáo tổng hợp, mỗi dòng số liệu ở các trang Thỏa thuận hợp tác, Mua sắm, Kiểm tra giám sát, Hoạt động ghi thêm Mã đơn vị báo cáo: mã của đơn vị có số liệu ở dòng đó.",
			"Đơn vị có số liệu phải được ghi ở trang này với tình trạng Đã báo cáo hoặc Báo cáo muộn.",
			"Đơn vị đã có trong báo cáo tổng hợp thì không gửi báo cáo riêng nữa (gửi cả hai là lỗi).",
		},
	},
}

// guideFields is the meaning of every column and label, keyed "<sheet>/<key>"; "*/<key>" is
// used for a column shared by several sheets.
var guideFields = map[string]string{
	"*/" + ColSTT:           "Số thứ tự; không bắt buộc, vdhv không đọc cột này.",
	"*/" + ColNote:          "Ghi chú; không bắt buộc.",
	"*/" + ColReportingUnit: "Chỉ có trong báo cáo tổng hợp. Bắt buộc: mã của đơn vị có số liệu ở dòng này, chọn từ danh sách.",

	SheetInfo + "/" + LabelUnitCode: "Bắt buộc. Mã đơn vị do Ban Chỉ đạo cấp; đã ghi sẵn, không sửa.",
	SheetInfo + "/" + LabelUnitName: "Tên đơn vị; đã ghi sẵn theo danh sách đơn vị của Ban Chỉ đạo.",
	SheetInfo + "/" + LabelPeriod:   "Bắt buộc. Quý báo cáo, đã ghi sẵn (ví dụ 2025-Q3 là quý III năm 2025); không sửa.",
	SheetInfo + "/" + LabelKind:     "Đơn vị: báo cáo của chính đơn vị. Tổng hợp: đảng ủy trực thuộc tổng hợp số liệu của các tổ chức cơ sở đảng trực thuộc thành một báo cáo.",
	SheetInfo + "/" + LabelPreparer: "Bắt buộc. Họ và tên người lập biểu.",
	SheetInfo + "/" + LabelPhone:    "Số điện thoại liên hệ; không bắt buộc.",
	SheetInfo + "/" + LabelEmail:    "Địa chỉ thư điện tử liên hệ; không bắt buộc, nếu ghi thì phải đúng dạng ten@donvi.vn.",
	SheetInfo + "/" + LabelPrepared: "Bắt buộc. Ngày lập biểu, dạng dd/mm/yyyy; không trước ngày đầu kỳ báo cáo.",
	SheetInfo + "/" + LabelFormVer:  "Bắt buộc. Phiên bản biểu mẫu " + FormVersion + ", đã ghi sẵn; không sửa.",

	SheetAgreements + "/" + ColNumber:      "Bắt buộc. Số hiệu của thỏa thuận như trên văn bản, ví dụ 12/2024/TTHT-BĐVN-VNPT.",
	SheetAgreements + "/" + ColPartnerCode: "Bắt buộc khi đối tác trong Khối: chọn mã đơn vị của đối tác trong danh sách; không ghi mã của chính đơn vị mình. Đối tác ngoài Khối thì để trống.",
	SheetAgreements + "/" + ColPartnerName: "Tên công ty, tổ chức đối tác; bắt buộc khi không có Mã đơn vị đối tác.",
	SheetAgreements + "/" + ColInBloc:      "Bắt buộc. Có: đối tác là đơn vị trong Khối (khi đó phải ghi Mã đơn vị đối tác); Không: đối tác ngoài Khối.",
	SheetAgreements + "/" + ColRole:        "Bắt buộc. Cung cấp: đơn vị mình cung cấp sản phẩm, dịch vụ cho đối tác; Sử dụng: đơn vị mình sử dụng sản phẩm, dịch vụ của đối tác; Hai chiều: cả hai.",
	SheetAgreements + "/" + ColField:       "Bắt buộc. Lĩnh vực hợp tác, chọn từ danh sách; không thuộc lĩnh vực nào thì chọn Khác.",
	SheetAgreements + "/" + ColSigned:      "Bắt buộc. Ngày ký thỏa thuận, dạng dd/mm/yyyy; không sau ngày cuối quý.",
	SheetAgreements + "/" + ColExpires:     "Ngày hết hạn, dạng dd/mm/yyyy; để trống nếu thỏa thuận không có thời hạn; không trước Ngày ký.",
	SheetAgreements + "/" + ColStatus:      "Bắt buộc. Mới ký (ký trong quý này), Đang thực hiện, Hoàn thành hoặc Chấm dứt.",
	SheetAgreements + "/" + ColContracts:   "Số hợp đồng ký trong quý theo thỏa thuận; số nguyên, để trống là 0.",
	SheetAgreements + "/" + ColContractVal: "Tổng giá trị các hợp đồng ký trong quý, triệu đồng; để trống là 0.",
	SheetAgreements + "/" + ColDelivered:   "Giá trị sản phẩm, dịch vụ đã thực hiện theo thỏa thuận trong quý, triệu đồng; để trống là 0.",

	SheetPurchases + "/" + ColCategory: "Bắt buộc. Nhóm hàng hóa, dịch vụ, chọn từ danh sách; mỗi nhóm một dòng.",
	SheetPurchases + "/" + ColTotal:    "Tổng giá trị mua sắm trong quý của nhóm, triệu đồng.",
	SheetPurchases + "/" + ColDomestic: "Phần giá trị là hàng hóa, dịch vụ sản xuất trong nước, triệu đồng; không lớn hơn tổng giá trị.",
	SheetPurchases + "/" + ColInBlocV:  "Phần giá trị mua của các đơn vị trong Khối, triệu đồng; không lớn hơn tổng giá trị; để trống là 0.",

	SheetChecks + "/" + ColCheckKind:   "Bắt buộc. Kiểm tra, Giám sát chuyên đề hoặc Giám sát thường xuyên.",
	SheetChecks + "/" + ColStart:       "Bắt buộc. Ngày bắt đầu, dạng dd/mm/yyyy; phải nằm trong quý báo cáo.",
	SheetChecks + "/" + ColTarget:      "Bắt buộc. Mã hoặc tên đơn vị được kiểm tra, giám sát.",
	SheetChecks + "/" + ColContent:     "Bắt buộc. Nội dung kiểm tra, giám sát, ghi ngắn gọn.",
	SheetChecks + "/" + ColInProgramme: "Bắt buộc. Có: nằm trong chương trình kiểm tra, giám sát năm; Không: đột xuất, ngoài chương trình.",
	SheetChecks + "/" + ColResult:      "Bắt buộc. Tốt, Đạt, Chưa đạt, hoặc Đang thực hiện (chưa kết thúc).",
	SheetChecks + "/" + ColRecs:        "Số kiến nghị đã đưa ra; số nguyên, để trống là 0.",
	SheetChecks + "/" + ColRemedied:    "Số kiến nghị đã được khắc phục; không lớn hơn Số kiến nghị.",

	SheetActivities + "/" + ColIndicator: "Bắt buộc. Chỉ tiêu, chọn từ danh sách; mỗi chỉ tiêu một dòng.",
	SheetActivities + "/" + ColCount:     "Số lượng trong quý (số hội nghị, lượt người, tin bài, …); số nguyên, để trống là 0.",
	SheetActivities + "/" + ColValue:     "Triệu đồng; chỉ ghi cho dự án, công trình sử dụng vật tư, thiết bị trong nước và cho sáng kiến, giải pháp (giá trị làm lợi).",

	SheetEvaluation + "/highlights":  "Những kết quả nổi bật trong quý.",
	SheetEvaluation + "/limitations": "Hạn chế, khuyết điểm và nguyên nhân.",
	SheetEvaluation + "/proposals":   "Đề xuất, kiến nghị với Ban Chỉ đạo cấp trên.",
	SheetEvaluation + "/next_tasks":  "Nhiệm vụ trọng tâm kỳ tới.",

	SheetCovered + "/" + ColUnitCode:   "Bắt buộc. Mã đơn vị được tổng hợp.",
	SheetCovered + "/" + ColUnitName:   "Tên đơn vị.",
	SheetCovered + "/" + ColCoverState: "Bắt buộc. Đã báo cáo, Báo cáo muộn hoặc Chưa báo cáo.",
	SheetCovered + "/" + ColReceived:   "Ngày nhận báo cáo của đơn vị, dạng dd/mm/yyyy.",
}

// guideField returns the meaning of a column or label of a sheet.
func guideField(sheet, key string) string {
	if s, ok := guideFields[sheet+"/"+key]; ok {
		return s
	}
	return guideFields["*/"+key]
}

// guidePeriod describes the reporting quarter's dates under the workspace's windows.
func guidePeriod(q period.Quarter, w period.Windows) string {
	rule := "theo quý dương lịch"
	if w == period.ND09 {
		rule = "theo Nghị định 09/2019/NĐ-CP: từ ngày 15 của tháng trước quý đến ngày 14 của tháng cuối quý"
	}
	if q.IsZero() || !q.Valid() {
		return "Kỳ báo cáo là một quý, tính " + rule + ". «Trong quý» ở các quy định dưới đây là trong khoảng ngày đó."
	}
	first, last := w.QuarterRange(q)
	return fmt.Sprintf("Kỳ báo cáo: quý %d năm %d (%s), tính %s: từ ngày %s đến ngày %s. «Trong quý» ở các quy định dưới đây là trong khoảng ngày đó.",
		q.Q, q.Year, q.String(), rule, period.FormatVN(first), period.FormatVN(last))
}

// guideRow is one row of the `Hướng dẫn` sheet.
type guideRow struct {
	kind string // "title", "subtitle", "head", "para", "colhead", "field"
	a, b string
}

// guideRows lays the guide out for a workbook with the given sheets.
func guideRows(sheets []string, q period.Quarter, w period.Windows, rollup bool) []guideRow {
	rows := []guideRow{
		{kind: "title", a: guideTitle},
		{kind: "subtitle", a: guideSubtitle},
		{kind: "head", a: "I. QUY ĐỊNH CHUNG"},
	}
	quoted := make([]string, len(sheets))
	for i, s := range sheets {
		quoted[i] = "«" + s + "»"
	}
	n := 1
	rows = append(rows, guideRow{kind: "para", a: itoa(n) + ".", b: guidePeriod(q, w)})
	for _, p := range guideGeneral {
		n++
		rows = append(rows, guideRow{kind: "para", a: itoa(n) + ".", b: strings.ReplaceAll(p, "{sheets}", strings.Join(quoted, ", "))})
	}
	rows = append(rows, guideRow{kind: "head", a: "II. CÁCH ĐIỀN TỪNG TRANG"})
	sec := 0
	for _, gs := range guideSheets {
		s := SheetByName(gs.Sheet)
		if s == nil || (s == CoveredSheet && !rollup) {
			continue
		}
		sec++
		rows = append(rows, guideRow{kind: "head", a: fmt.Sprintf("%d. Trang «%s»", sec, s.Name)})
		for _, p := range gs.Intro {
			rows = append(rows, guideRow{kind: "para", b: p})
		}
		for _, p := range gs.Rules {
			rows = append(rows, guideRow{kind: "para", a: "–", b: p})
		}
		if s.IsTable() {
			rows = append(rows, guideRow{kind: "colhead", a: "Cột", b: "Ý nghĩa, cách ghi"})
			cols := s.Columns
			if s != CoveredSheet {
				cols = ColumnsFor(s, rollup)
			}
			for _, c := range cols {
				rows = append(rows, guideRow{kind: "field", a: c.Header, b: guideField(s.Name, c.Key)})
			}
		} else {
			rows = append(rows, guideRow{kind: "colhead", a: "Nhãn (cột A)", b: "Ý nghĩa, cách ghi (cột B)"})
			for _, l := range s.Labels {
				rows = append(rows, guideRow{kind: "field", a: l.Text, b: guideField(s.Name, l.Key)})
			}
		}
	}
	return rows
}

// writeGuide writes the `Hướng dẫn` sheet.
func (ww *wbWriter) writeGuide() error {
	f, sh := ww.f, SheetGuide
	var sheets []string
	for _, s := range Form {
		sheets = append(sheets, s.Name)
	}
	if ww.rollup {
		sheets = append(sheets, SheetCovered)
	}
	sheets = append(sheets, SheetGuide)
	const widthA, widthB = 30.0, 100.0
	ww.setErr(f.SetColWidth(sh, "A", "A", widthA))
	ww.setErr(f.SetColWidth(sh, "B", "B", widthB))
	for i, r := range guideRows(sheets, ww.sub.Info.Quarter, ww.opt.Windows, ww.rollup) {
		row := i + 1
		a, b := cellName(1, row), cellName(2, row)
		ww.set(sh, a, vText(r.a))
		ww.set(sh, b, vText(r.b))
		switch r.kind {
		case "title":
			ww.setErr(f.SetCellStyle(sh, a, a, ww.st.title))
		case "subtitle":
			ww.setErr(f.SetCellStyle(sh, a, a, ww.st.note))
		case "head":
			ww.setErr(f.SetCellStyle(sh, a, b, ww.st.guideHead))
			ww.setErr(f.SetRowHeight(sh, row, 20))
		case "colhead":
			ww.setErr(f.SetCellStyle(sh, a, b, ww.st.guideSub))
		case "field":
			ww.setErr(f.SetCellStyle(sh, a, a, ww.st.guideColumn))
			ww.setErr(f.SetCellStyle(sh, b, b, ww.st.label))
			ww.setErr(f.SetRowHeight(sh, row, max(textHeight(r.a, widthA, 15), textHeight(r.b, widthB, 15))))
		default:
			ww.setErr(f.SetCellStyle(sh, a, b, ww.st.guideText))
			ww.setErr(f.SetRowHeight(sh, row, textHeight(r.b, widthB, 15)))
		}
	}
	return ww.err
}
