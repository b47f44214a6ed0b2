package form

import (
	"strconv"
	"strings"
	"time"

	"github.com/vdhv/vdhv/pkg/period"
)

// Money is an amount in thousandths of a triệu đồng (i.e. in thousand đồng), so that sums of
// amounts with at most 3 decimals are exact.
type Money int64

// MoneyFromFloat converts triệu đồng to Money, rounding to the nearest thousandth.
func MoneyFromFloat(f float64) Money {
	if f < 0 {
		return -Money(-f*1000 + 0.5)
	}
	return Money(f*1000 + 0.5)
}

// Float returns the amount in triệu đồng.
func (m Money) Float() float64 { return float64(m) / 1000 }

// String writes the amount in triệu đồng with a '.' decimal point and no trailing zeros
// ("1234.5"), the JSON spelling.
func (m Money) String() string {
	neg := m < 0
	if neg {
		m = -m
	}
	s := strconv.FormatInt(int64(m)/1000, 10)
	if frac := int64(m) % 1000; frac != 0 {
		fs := strings.TrimRight(strconv.FormatInt(1000+frac, 10)[1:], "0")
		s += "." + fs
	}
	if neg {
		s = "-" + s
	}
	return s
}

// Submission is one workbook as read: a unit's quarterly report or a roll-up.
type Submission struct {
	Path        string
	Info        Info
	Agreements  []Agreement
	Purchases   []Purchase
	Checks      []Check
	Activities  []Activity
	Evaluation  []Narrative   // `Đánh giá`, in label order, only labels with text
	Covered     []CoveredUnit // roll-up files: `Đơn vị tổng hợp`
	Fingerprint string        // sha256 of the file's bytes (hex), set by ReadFile
}

// IsRollup reports whether the file is a roll-up (`Loại báo cáo` = `Tổng hợp`).
func (s *Submission) IsRollup() bool { return s.Info.Kind == ReportKindRollup }

// Info is the `Thông tin` sheet.
type Info struct {
	UnitCode    string // as in the hierarchy (canonical case) when known, else as written
	UnitName    string
	Quarter     period.Quarter
	Kind        string // ReportKindUnit or ReportKindRollup
	Preparer    string
	Phone       string
	Email       string
	Prepared    time.Time
	FormVersion string
}

// Agreement is one row of `Thỏa thuận hợp tác`.
type Agreement struct {
	Row           int
	Unit          string // reporting unit: Info.UnitCode, or the row's `Mã đơn vị báo cáo` in roll-ups
	Number        string // as written (cleaned)
	NumberKey     string // normalised number: text rules, spaces removed
	PartnerCode   string // canonical code when in the hierarchy, else as written ("" if none)
	PartnerName   string
	InBloc        bool
	Role          string
	Field         string
	Signed        time.Time
	Expires       time.Time // zero when open-ended
	Status        string
	Contracts     int64
	ContractValue Money
	Delivered     Money
	Note          string
}

// PartnerKey identifies the partner within one unit: its code, else its normalised name.
func (a *Agreement) PartnerKey() string {
	if a.PartnerCode != "" {
		return "code:" + strings.ToUpper(a.PartnerCode)
	}
	return "name:" + a.partnerNameKey()
}

// Purchase is one row of `Mua sắm`.
type Purchase struct {
	Row      int
	Unit     string
	Category string
	Total    Money
	Domestic Money
	InBloc   Money
	Note     string
}

// Check is one row of `Kiểm tra giám sát`.
type Check struct {
	Row         int
	Unit        string
	Kind        string
	Start       time.Time
	Target      string
	Content     string
	InProgramme bool
	Result      string
	Recs        int64
	Remedied    int64
	Note        string
}

// Activity is one row of `Hoạt động`.
type Activity struct {
	Row       int
	Unit      string
	Indicator string
	Count     int64
	Value     Money
	Note      string
}

// Narrative is one text of `Đánh giá`.
type Narrative struct {
	Label string
	Text  string
}

// CoveredUnit is one row of `Đơn vị tổng hợp`.
type CoveredUnit struct {
	Row      int
	Code     string
	Name     string
	Status   string // CoverReported, CoverLate, CoverMissing
	Received time.Time
}
