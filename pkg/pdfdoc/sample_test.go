package pdfdoc

import (
	"fmt"
	"math"
	"time"
)

// The sample document exercises every feature: header, runs, lists, a body table, two
// appendix tables of 150+ rows with long Vietnamese names (one landscape, multi-row header,
// outline levels, subtotals), and both charts (40 categories, 8 quarters).

var (
	prefixes = []string{"Công ty Cổ phần", "Công ty TNHH Một thành viên", "Tổng công ty",
		"Ngân hàng Thương mại Cổ phần", "Công ty Cổ phần Đầu tư và Phát triển", "Hợp tác xã"}
	fields = []string{"Xây dựng Công trình Giao thông", "Cấp thoát nước", "Điện lực", "Dược phẩm",
		"Thương mại Dịch vụ Tổng hợp", "Vận tải Biển và Logistics", "Chế biến Nông sản Xuất khẩu",
		"Môi trường Đô thị", "In và Phát hành Sách Giáo dục", "Khai thác Khoáng sản", "Xi măng",
		"Du lịch Vịnh Hạ Long", "Thủy sản Đông Hải", "May mặc Xuất khẩu", "Cơ khí Chế tạo Máy",
		"Nhựa và Bao bì", "Bưu chính Viễn thông", "Phân bón và Hóa chất Dầu khí"}
	places = []string{"Hải Đông", "Miền Bắc", "số 1", "Đông Triều", "Quảng Yên", "Cẩm Phả", "Móng Cái", "Uông Bí"}
)

func unitName(i int) string {
	return fmt.Sprintf("%s %s %s", prefixes[i%len(prefixes)], fields[(i*7+3)%len(fields)], places[(i*5+1)%len(places)])
}

func partyName(i int) string {
	return "Đảng ủy " + unitName(i*3+1)
}

// vn formats an integer the Vietnamese way (test-local; the content layer has its own).
func vn(n float64) string { return FormatValueVN(n, FormatNumber, 0) }

func pct(f float64) string { return FormatValueVN(f, FormatPercent, 1) }

func sampleDocument() *Document {
	target := 0.8
	d := &Document{
		ParentBody:  "Đảng bộ Khối Doanh nghiệp tỉnh Hải Đông",
		IssuingBody: []string{"Ban Chỉ đạo Cuộc vận động", "Người Việt Nam ưu tiên dùng hàng Việt Nam"},
		Number:      "Số 12-BC/BCĐ",
		PlaceDate:   "Hải Đông, ngày 05 tháng 8 năm 2025",
		DocType:     "BÁO CÁO",
		Subject: []string{
			"kết quả thực hiện Cuộc vận động “Người Việt Nam ưu tiên dùng hàng Việt Nam”",
			"6 tháng đầu năm 2025 và nhiệm vụ trọng tâm 6 tháng cuối năm 2025",
		},
		Recipients: []string{"Ban Thường vụ Đảng ủy Khối (để báo cáo),", "Ban Tuyên giáo và Dân vận Tỉnh ủy (để báo cáo),",
			"Các đảng ủy trực thuộc Đảng bộ Khối,", "Các thành viên Ban Chỉ đạo,", "Lưu Văn phòng."},
		Signature: Signature{Authority: "T/M Ban Chỉ đạo", Title: "Trưởng ban", Name: "Trần Thị Thu Hằng"},
	}
	d.Body = []Block{
		Paragraph{Text: "Thực hiện Kế hoạch số 45-KH/BCĐ ngày 10/01/2025 của Ban Chỉ đạo Cuộc vận động " +
			"“Người Việt Nam ưu tiên dùng hàng Việt Nam” Đảng bộ Khối về triển khai Cuộc vận động năm 2025, " +
			"Ban Chỉ đạo báo cáo kết quả 6 tháng đầu năm 2025 như sau:"},
		Heading{Level: 1, Text: "I. KẾT QUẢ THỰC HIỆN"},
		Heading{Level: 2, Text: "1. Công tác lãnh đạo, chỉ đạo, tuyên truyền"},
		Paragraph{Runs: []Run{
			{Text: "Các đảng ủy trực thuộc đã tổ chức "},
			{Text: "1.243 lượt", Bold: true},
			{Text: " tuyên truyền, quán triệt về Cuộc vận động với "},
			{Text: "38.519 lượt", Bold: true},
			{Text: " người tham gia; tổ chức "},
			{Text: "27", Bold: true},
			{Text: " hội chợ, tuần hàng Việt; "},
			{Text: "khen thưởng", Italic: true},
			{Text: " (đột xuất)", Bold: true, Italic: true},
			{Text: " 14 tập thể và 52 cá nhân có thành tích tiêu biểu. Nhiều đơn vị đã đưa nội dung Cuộc vận động vào nghị quyết lãnh đạo thực hiện nhiệm vụ chính trị hằng quý, gắn với việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh."},
		}},
		Heading{Level: 2, Text: "2. Ký kết, thực hiện thỏa thuận hợp tác, sử dụng sản phẩm, dịch vụ của nhau"},
		Paragraph{Text: "24/38 đơn vị đã ký 149 lượt thỏa thuận hợp tác, triển khai 1.543 hợp đồng với tổng giá trị khoảng 1.403 tỷ đồng; giá trị thực hiện đạt 987,6 tỷ đồng (70,4%). Tỷ lệ đơn vị có ít nhất một thỏa thuận trong Khối đạt 63,2%."},
		BulletList{Items: []ListItem{
			{Text: "Lĩnh vực xây dựng, vật liệu xây dựng: 41 thỏa thuận, 612 hợp đồng;"},
			{Text: "Lĩnh vực vận tải, logistics: 23 thỏa thuận, 318 hợp đồng;"},
			{Runs: []Run{{Text: "Lĩnh vực tài chính, ngân hàng: "}, {Text: "19 thỏa thuận", Bold: true}, {Text: ", 204 hợp đồng."}}},
		}},
		Heading{Level: 2, Text: "3. Sử dụng hàng Việt Nam trong mua sắm"},
		Heading{Level: 3, Text: "a) Tổng chi mua sắm theo nhóm hàng"},
		Table{
			Title: "Bảng 1. Chi mua sắm theo nhóm hàng", Unit: "Đơn vị tính: triệu đồng",
			Columns: []Column{
				{Header: "STT", Kind: KindInteger, Align: AlignCenter, Weight: 1},
				{Header: "Nhóm hàng", Weight: 5},
				{Header: "Tổng chi", Kind: KindMoney, Weight: 2},
				{Header: "Hàng Việt Nam", Kind: KindMoney, Weight: 2},
				{Header: "Tỷ lệ", Kind: KindPercent, Weight: 1.5},
			},
			Rows: []TableRow{
				{Cells: []Cell{{Text: "1"}, {Text: "Vật tư, nguyên liệu sản xuất"}, {Text: vn(412345), Value: 412345}, {Text: vn(371200), Value: 371200}, {Text: pct(0.9002), Value: 0.9002}}},
				{Cells: []Cell{{Text: "2"}, {Text: "Máy móc, thiết bị, phương tiện vận tải"}, {Text: vn(198700), Value: 198700}, {Text: vn(101336), Value: 101336}, {Text: pct(0.51), Value: 0.51}}},
				{Cells: []Cell{{Text: "3"}, {Text: "Văn phòng phẩm, thiết bị văn phòng"}, {Text: vn(8432), Value: 8432}, {Text: vn(8011), Value: 8011}, {Text: pct(0.95), Value: 0.95}}},
				{Cells: []Cell{{Text: "4"}, {Text: "Dịch vụ (tư vấn, bảo hiểm, vận chuyển)"}, {Text: vn(65210), Value: 65210}, {Text: vn(58689), Value: 58689}, {Text: pct(0.9), Value: 0.9}}},
				{Style: RowTotal, Cells: []Cell{{Text: "Tổng cộng", Span: 2}, {Text: vn(684687), Value: 684687}, {Text: vn(539236), Value: 539236}, {Text: pct(0.7876), Value: 0.7876}}},
			},
			Note: "Nguồn: tổng hợp báo cáo quý I, quý II năm 2025 của các đơn vị.",
		},
		Paragraph{Text: "Tỷ lệ chi mua hàng Việt Nam đạt 78,8% tổng chi mua sắm, thấp hơn mục tiêu 80% do một số đơn vị phải nhập khẩu máy móc, thiết bị chuyên dụng chưa sản xuất được trong nước."},
		Heading{Level: 2, Text: "4. Công tác kiểm tra, giám sát"},
		Paragraph{Text: "Ban Chỉ đạo đã kiểm tra 12 đơn vị (9 theo chương trình năm, 3 đột xuất); kiến nghị 17 nội dung, đến nay đã khắc phục 15 nội dung."},
		Heading{Level: 2, Text: "5. Công tác thông tin, báo cáo"},
		Paragraph{Text: "38/38 đơn vị gửi báo cáo, trong đó 33 đơn vị đúng hạn, 5 đơn vị chậm (Phụ lục 3)."},
		Heading{Level: 1, Text: "II. HẠN CHẾ, NGUYÊN NHÂN"},
		Paragraph{Text: "Một số đơn vị chưa quan tâm đúng mức đến việc ký kết thỏa thuận hợp tác trong Khối; tỷ lệ chi mua hàng Việt Nam của 9 đơn vị chưa đạt mục tiêu 80%; chất lượng báo cáo của một số đơn vị còn hạn chế, số liệu chưa khớp giữa các quý."},
		Heading{Level: 1, Text: "III. NHIỆM VỤ TRỌNG TÂM 6 THÁNG CUỐI NĂM 2025"},
		BulletList{Items: []ListItem{
			{Text: "Tiếp tục đẩy mạnh tuyên truyền, nâng cao nhận thức của cán bộ, đảng viên, người lao động về Cuộc vận động;"},
			{Text: "Đẩy mạnh ký kết, thực hiện thỏa thuận hợp tác giữa các doanh nghiệp trong Khối; phấn đấu 100% đơn vị có thỏa thuận hợp tác;"},
			{Text: "Tăng cường kiểm tra, giám sát; kịp thời biểu dương, khen thưởng tập thể, cá nhân tiêu biểu."},
		}},
	}

	// Appendix 1: figures by đảng ủy trực thuộc and cơ sở, landscape, multi-row header.
	cols := []Column{
		{Header: "STT", Kind: KindText, Align: AlignCenter},
		{Header: "Đơn vị", Kind: KindText, Weight: 0},
		{Header: "Đang hiệu lực", Kind: KindInteger},
		{Header: "Ký mới", Kind: KindInteger},
		{Header: "Chấm dứt", Kind: KindInteger},
		{Header: "Số hợp đồng", Kind: KindInteger},
		{Header: "Giá trị hợp đồng", Kind: KindMoney},
		{Header: "Giá trị thực hiện", Kind: KindMoney},
		{Header: "Tổng chi mua sắm", Kind: KindMoney},
		{Header: "Hàng Việt Nam", Kind: KindMoney},
		{Header: "Tỷ lệ", Kind: KindPercent},
		{Header: "Trong Khối", Kind: KindMoney},
		{Header: "Tỷ lệ", Kind: KindPercent},
	}
	t1 := Table{
		Title:   "Số liệu theo đảng ủy trực thuộc và cơ sở",
		Unit:    "Đơn vị tính: triệu đồng",
		Columns: cols, IndentColumn: 1,
		HeaderRows: [][]HeaderCell{
			{{Text: "STT", RowSpan: 2}, {Text: "Đơn vị", RowSpan: 2}, {Text: "Thỏa thuận hợp tác", ColSpan: 3},
				{Text: "Hợp đồng", ColSpan: 3}, {Text: "Mua sắm", ColSpan: 5}},
			{{Text: "Đang hiệu lực"}, {Text: "Ký mới"}, {Text: "Chấm dứt"}, {Text: "Số hợp đồng"},
				{Text: "Giá trị"}, {Text: "Giá trị thực hiện"}, {Text: "Tổng chi"}, {Text: "Hàng Việt Nam"},
				{Text: "Tỷ lệ"}, {Text: "Trong Khối"}, {Text: "Tỷ lệ"}},
		},
	}
	var grand [9]float64
	unit := 0
	for p := 0; p < 12; p++ {
		var sub [9]float64
		var rows []TableRow
		for k := 0; k < 12+p%3; k++ {
			unit++
			v := [9]float64{float64(unit%7 + 1), float64(unit % 3), float64(unit % 2), float64(unit*13%97 + 3),
				float64(unit*7919%50000 + 1200), 0, float64(unit*104729%90000 + 5000), 0, 0}
			v[5] = math.Round(v[4] * 0.7)
			v[7] = math.Round(v[6] * (0.55 + float64(unit%45)/100))
			v[8] = math.Round(v[7] * 0.4)
			for i := range v {
				sub[i] += v[i]
			}
			rows = append(rows, figRow(fmt.Sprintf("%d.%d", p+1, k+1), unitName(unit), 1, RowNormal, v))
		}
		for i := range sub {
			grand[i] += sub[i]
		}
		t1.Rows = append(t1.Rows, figRow(fmt.Sprint(p+1), partyName(p), 0, RowSubtotal, sub))
		t1.Rows = append(t1.Rows, rows...)
	}
	t1.Rows = append(t1.Rows, TableRow{Style: RowTotal, Cells: append([]Cell{{Text: "Tổng cộng", Span: 2}}, figCells(grand)...)})

	// Appendix 2: the in-bloc agreement register, portrait.
	t2 := Table{
		Title: "Danh sách thỏa thuận hợp tác trong Khối (đã loại trùng)",
		Columns: []Column{
			{Header: "STT", Kind: KindInteger, Align: AlignCenter, Weight: 0.9},
			{Header: "Bên A", Weight: 4},
			{Header: "Bên B", Weight: 4},
			{Header: "Lĩnh vực", Weight: 2.4},
			{Header: "Ngày ký", Weight: 1.9, Align: AlignCenter},
			{Header: "Trạng thái", Weight: 1.9},
		},
	}
	statuses := []string{"Đang thực hiện", "Đã thanh lý", "Tạm dừng"}
	for i := 0; i < 160; i++ {
		t2.Rows = append(t2.Rows, TableRow{Cells: []Cell{
			{Text: fmt.Sprint(i + 1), Value: float64(i + 1)},
			{Text: unitName(i*5 + 2)},
			{Text: unitName(i*11 + 7)},
			{Text: fields[(i*3)%len(fields)]},
			{Text: fmt.Sprintf("%02d/%02d/%d", i%28+1, i%12+1, 2020+i%6)},
			{Text: statuses[i%3]},
		}})
	}

	// Appendix 3 (in 4): charts.
	var cats []string
	var share []float64
	for i := 0; i < 40; i++ {
		cats = append(cats, partyName(i))
		share = append(share, 0.55+float64((i*37)%46)/100)
	}
	share[7] = math.NaN() // no data
	bar := Chart{Kind: ChartBarTarget, Title: "Tỷ lệ chi mua hàng Việt Nam theo đảng ủy trực thuộc so với mục tiêu",
		Categories: cats, Series: []Series{{Name: "Tỷ lệ hàng Việt Nam", Values: share}},
		Left: Axis{Format: FormatPercent, Decimals: 1}, Target: &target, TargetLabel: "Mục tiêu 80%",
		Note: "Ghi chú: đơn vị không có số liệu trong kỳ để trống."}
	var qs []string
	var spend, agr []float64
	for q := 0; q < 8; q++ {
		qs = append(qs, fmt.Sprintf("Quý %s/%d", []string{"I", "II", "III", "IV"}[q%4], 2024+q/4))
		spend = append(spend, float64(150000+q*21000+(q%3)*17000))
		agr = append(agr, float64(96+q*7-(q%2)*5))
	}
	trend := Chart{Kind: ChartTrend, Title: "Diễn biến chi mua sắm và số thỏa thuận hợp tác theo quý",
		Categories: qs,
		Series: []Series{
			{Name: "Tổng chi mua sắm (triệu đồng)", Values: spend, Axis: AxisLeft, Type: SeriesBar},
			{Name: "Số thỏa thuận đang hiệu lực", Values: agr, Axis: AxisRight, Type: SeriesLine},
		},
		Left:  Axis{Title: "Triệu đồng", Format: FormatMoney},
		Right: Axis{Title: "Thỏa thuận", Format: FormatNumber}}

	d.Appendices = []Appendix{
		{Title: "Phụ lục 1", Subtitle: "Số liệu theo đảng ủy trực thuộc và cơ sở",
			Note: "(Kèm theo Báo cáo số 12-BC/BCĐ ngày 05/8/2025 của Ban Chỉ đạo)", Blocks: []Block{t1}},
		{Title: "Phụ lục 2", Subtitle: "Thỏa thuận hợp tác trong Khối",
			Note: "(Kèm theo Báo cáo số 12-BC/BCĐ ngày 05/8/2025 của Ban Chỉ đạo)", Blocks: []Block{t2}},
		{Title: "Phụ lục 3", Subtitle: "Biểu đồ", Orientation: OrientationPortrait, Blocks: []Block{bar, trend}},
	}
	return d
}

func figCells(v [9]float64) []Cell {
	cells := make([]Cell, 0, 11)
	for i := 0; i < 8; i++ {
		cells = append(cells, Cell{Text: vn(v[i]), Value: v[i]})
	}
	cells = append(cells, Cell{Text: pct(v[7] / v[6]), Value: v[7] / v[6]})
	cells = append(cells, Cell{Text: vn(v[8]), Value: v[8]}, Cell{Text: pct(v[8] / v[6]), Value: v[8] / v[6]})
	return cells
}

func figRow(stt, name string, level int, st RowStyle, v [9]float64) TableRow {
	return TableRow{Level: level, Style: st, Cells: append([]Cell{{Text: stt}, {Text: name}}, figCells(v)...)}
}

var sampleTime = time.Date(2025, 8, 5, 8, 0, 0, 0, time.UTC)
