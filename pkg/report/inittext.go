package report

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/vdhv/vdhv/pkg/atomicfile"
	"github.com/vdhv/vdhv/pkg/config"
	"github.com/vdhv/vdhv/pkg/period"
	"github.com/vdhv/vdhv/pkg/vnfmt"
	"github.com/vdhv/vdhv/pkg/workspace"
)

// InitText returns a fully commented starter for the committee's text of period p (what
// `vdhv report --init-text` writes to bao-cao/<period>.yaml): every key with an
// explanation in Vietnamese, the place and parent body taken from the workspace, the
// default date explained, and sample limitations and tasks to edit. ws may be nil.
func InitText(p period.Period, ws *workspace.Workspace) string {
	cfg := config.Default()
	parent := ""
	if ws != nil {
		cfg = ws.Config
		if ws.Units != nil && ws.Units.Root != nil {
			parent = ws.Units.Root.Name
		}
	}
	periodText, nextText := "6 tháng đầu năm "+strconv.Itoa(p.Year), "6 tháng cuối năm "+strconv.Itoa(p.Year)
	switch {
	case p.Kind == period.KindYear:
		periodText, nextText = "năm "+strconv.Itoa(p.Year), "năm "+strconv.Itoa(p.Year+1)
	case p.Kind == period.KindHalf && p.N == 2:
		periodText, nextText = "6 tháng cuối năm "+strconv.Itoa(p.Year), "6 tháng đầu năm "+strconv.Itoa(p.Year+1)
	}
	def := DefaultDate(p, cfg)
	place := cfg.Place
	var b strings.Builder
	w := func(lines ...string) {
		for _, l := range lines {
			b.WriteString(l)
			b.WriteByte('\n')
		}
	}
	w("# Phần do Ban Chỉ đạo tự viết của báo cáo "+periodText+" (kỳ "+p.String()+").",
		"# vdhv ghép phần này với số liệu tổng hợp để lập báo cáo:",
		"#   vdhv report --period "+p.String(),
		"# Dòng bắt đầu bằng # là chú thích. Mục nào để trống hoặc xóa đi thì vdhv dùng giá trị",
		"# mặc định ghi trong chú thích. Ghi sai tên mục thì vdhv báo lỗi kèm số dòng.",
		"# Văn bản có dấu hai chấm, dấu ngoặc kép… nên đặt trong ngoặc kép hoặc viết sau dấu |",
		"# hoặc > như các ví dụ dưới đây.",
		"",
		"# Số văn bản (chỉ ghi số, ví dụ \"12\"); để trống thì in \"Số      -BC/BCĐ\" để ghi tay.",
		"number: \"\"",
		"",
		"# Ký hiệu văn bản, sau số: Số 12-BC/BCĐ.",
		"code: "+defaultCode,
		"",
		"# Địa danh ở dòng \"…, ngày … tháng … năm …\"; để trống thì dùng place trong vdhv.yaml.",
		"place: "+yamlString(place),
		"",
		"# Ngày ký báo cáo, dạng ngày/tháng/năm (ví dụ 05/08/"+strconv.Itoa(def.Year())+").",
		"# Để trống thì vdhv dùng ngày của biến môi trường SOURCE_DATE_EPOCH nếu có, nếu không",
		"# thì ngày sau hạn nộp báo cáo quý cuối của kỳ: "+vnfmt.DateShort(def)+". vdhv không bao giờ",
		"# tự lấy ngày hôm nay, để cùng số liệu luôn cho cùng một văn bản.",
		"date: \"\"",
		"",
		"# Tên cơ quan cấp trên trực tiếp (dòng đầu góc trái, in hoa); để trống thì dùng tên",
		"# đơn vị gốc trong units.yaml.",
		"parent_body: "+yamlString(parent),
		"",
		"# Tên cơ quan ban hành (in đậm, dưới tên cơ quan cấp trên), mỗi dòng một mục.",
		"issuing_body:",
		"  - Ban Chỉ đạo Cuộc vận động",
		"",
		"# Người ký.",
		"signer:",
		"  authority: "+defaultAuthority,
		"  title: "+defaultTitle,
		"  name: \"\"  # họ và tên người ký, ví dụ Nguyễn Văn An",
		"",
		"# Nơi nhận, mỗi dòng một nơi (vdhv tự thêm dấu \"- \" ở đầu); dòng cuối là nơi lưu.",
		"recipients:",
		"  - Ban Chỉ đạo Cuộc vận động tỉnh (để báo cáo),",
		"  - Thường trực Đảng ủy Khối (để báo cáo),",
		"  - Các đảng ủy trực thuộc,",
		"  - Lưu Văn phòng Đảng ủy Khối.",
		"",
		"# Kết quả nổi bật khác (không bắt buộc): mỗi mục là một đoạn, in sau mục I.1.",
		"highlights: []",
		"",
		"# II. HẠN CHẾ, NGUYÊN NHÂN. vdhv tự ghi trước các hạn chế rút ra từ số liệu (đơn vị chưa",
		"# báo cáo, báo cáo muộn, đơn vị chưa đạt tỷ lệ mua sắm hàng trong nước, kiểm tra ngoài",
		"# chương trình, thỏa thuận chưa khớp số liệu); các đoạn dưới đây được in tiếp theo.",
		"# Hãy sửa hoặc xóa các câu mẫu.",
		"limitations:",
		"  - >",
		"    Việc ký kết thỏa thuận hợp tác ở một số đơn vị còn mang tính hình thức, chưa gắn với",
		"    nhu cầu sản xuất kinh doanh; giá trị thực hiện chưa tương xứng với giá trị đã ký.",
		"",
		"causes:",
		"  - >",
		"    Một số cấp ủy chưa thực sự quan tâm chỉ đạo; việc phối hợp giữa các đơn vị trong Khối",
		"    để sử dụng sản phẩm, dịch vụ của nhau có lúc chưa chặt chẽ.",
		"",
		"# III. NHIỆM VỤ TRỌNG TÂM "+strings.ToUpper(nextText)+": mỗi mục là một gạch đầu dòng.",
		"# Để trống thì vdhv dùng các nhiệm vụ mẫu của templates/report/4-nhiem-vu.tmpl.",
		"tasks:",
		"  - >",
		"    Tiếp tục quán triệt, tuyên truyền sâu rộng Cuộc vận động “Người Việt Nam ưu tiên dùng",
		"    hàng Việt Nam” đến cán bộ, đảng viên, người lao động;",
		"  - >",
		"    Đẩy mạnh ký kết và thực hiện có hiệu quả các thỏa thuận hợp tác giữa các đơn vị trong",
		"    Khối; định kỳ đối chiếu số liệu thực hiện giữa hai bên;",
		"  - >",
		"    Ưu tiên mua sắm hàng sản xuất trong nước, phấn đấu mọi đơn vị đạt tỷ lệ từ "+
			vnfmt.Percent(cfg.TargetShare, true, 0, false)+" trở lên;",
		"  - >",
		"    Thực hiện nghiêm chế độ thông tin, báo cáo định kỳ đúng biểu mẫu và thời hạn.",
		"",
		"# IV. ĐỀ XUẤT, KIẾN NGHỊ (không bắt buộc): có mục nào thì báo cáo có thêm phần IV.",
		"proposals: []",
	)
	return b.String()
}

// yamlString writes s as a double-quoted YAML scalar.
func yamlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n', '\r', '\t':
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// WriteInitText writes InitText(p, ws) to bao-cao/<period>.yaml and returns its path. It
// never replaces an existing file (the error wraps fs.ErrExist): the new file appears
// whole or not at all, through a hard link from a synced temporary file (or, where the
// file system has no hard links, an exclusive create).
func WriteInitText(p period.Period, ws *workspace.Workspace) (string, error) {
	if ws == nil {
		return "", &Error{Message: "no workspace", MessageVI: "không có thư mục làm việc"}
	}
	path := TextPath(ws.Root, p)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return "", err
	}
	if _, err := os.Lstat(path); err == nil {
		return path, fmt.Errorf("%s: %w", path, fs.ErrExist)
	}
	data := []byte(InitText(p, ws))
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return "", err
	}
	tmpName := tmp.Name()
	defer os.Remove(tmpName)
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return "", err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return "", err
	}
	if err := tmp.Close(); err != nil {
		return "", err
	}
	if err := os.Link(tmpName, path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return path, fmt.Errorf("%s: %w", path, fs.ErrExist)
		}
		// No hard links here: an exclusive create.
		f, cerr := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if cerr != nil {
			return path, cerr
		}
		if _, werr := f.Write(data); werr != nil {
			f.Close()
			os.Remove(path)
			return path, werr
		}
		if cerr := f.Close(); cerr != nil {
			return path, cerr
		}
	}
	_ = atomicfile.SyncDir(filepath.Dir(path))
	return path, nil
}
