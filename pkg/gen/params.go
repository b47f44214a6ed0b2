package gen

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/vdhv/vdhv/pkg/period"
)

// Params describe the workspace to generate. The zero value of a field is not a default:
// start from DefaultParams or Preset and change what you need.
type Params struct {
	Seed     int64
	BlocCode string // code of the root unit (the bloc)
	BlocName string // name of the root unit
	Place    string // `place` of vdhv.yaml and the place in company names ("Hải Đông")

	Parties       int // đảng ủy trực thuộc
	CoSoPerParty  int // cơ sở under each đảng ủy trực thuộc
	DirectCoSo    int // cơ sở directly under the bloc
	SelfReporting int // đảng ủy trực thuộc that also report for their own office (reports: true)

	Year     int
	Quarters []int // quarters of Year to write, e.g. [1 2]
	PrevYear bool  // also write the same quarters of Year-1 (for "so với cùng kỳ"), all on time

	AgreementsPerUnit int     // agreement rows of a typical unit in a quarter (±40 % by unit size)
	InBlocShare       float64 // share of a unit's agreements whose partner is in the bloc

	// Per quarter of Year (those in IncidentQuarters, or all when it is empty), the share of
	// expected units whose file arrives after the deadline, never arrives, or is invalid.
	LateShare, MissingShare, InvalidShare float64
	IncidentQuarters                      []int

	Inactive int // cơ sở dissolved (active_until) or founded (active_from) during Year, alternately

	Windows      period.Windows // `windows` of vdhv.yaml
	DeadlineDays int            // `deadline_days`
	TargetShare  float64        // `target_share`

	// Fast writes the workbooks by filling a per-quarter template (see doc.go) instead of
	// building each with form.Write: about 20 times faster, for large workspaces.
	Fast bool
	// SSTOrder is how the fast writer numbers shared strings: SSTOrderExcel ("excel", or "")
	// as Excel and LibreOffice save a workbook (only the strings in use, in order of first
	// use, sheet by sheet), or SSTOrderTemplate ("template"): the template's table as
	// form.Write writes it (the hidden `Danh mục` lists and partners first), the file's
	// other strings after it — the most work for a reader, for benchmarks. form.Write's own
	// order (without Fast) is the template's.
	SSTOrder string
	// Workers bounds the parallel writers; 0 means GOMAXPROCS. Output does not depend on it.
	Workers int
}

// DefaultParams is the "typical" workspace: a provincial bloc of 6 đảng ủy trực thuộc with 8
// cơ sở each and 4 cơ sở directly under it, two quarters; a typical file has ~30 agreements,
// 7 procurement rows, ~5 checks, 9 activity rows and an `Đánh giá` sheet.
func DefaultParams() Params {
	return Params{
		Seed:     1,
		BlocCode: "DUK", BlocName: "Đảng bộ Khối Doanh nghiệp tỉnh Hải Đông", Place: "Hải Đông",
		Parties: 6, CoSoPerParty: 8, DirectCoSo: 4, SelfReporting: 1,
		Year: 2025, Quarters: []int{1, 2},
		AgreementsPerUnit: 30, InBlocShare: 0.3,
		LateShare: 0.08, MissingShare: 0.04, InvalidShare: 0.03,
		Inactive:     2,
		Windows:      period.Calendar,
		DeadlineDays: 10, TargetShare: 0.8,
	}
}

// Version is the generator's version: it changes whenever the same Params would give
// different files, so that caches of generated workspaces (make bench's .bench/) that
// carry it in their names are rebuilt.
const Version = 2

// Presets are the names Preset accepts.
var Presets = []string{"example", "typical", "national"}

// Preset returns the parameters of a named preset:
//   - example: the bundled examples/khoi-dn — 3 đảng ủy trực thuộc, 15 cơ sở, 2025-Q1/Q2 and
//     2024-Q1/Q2, one unit dissolved after Q1 and one founded in Q2, one late, one missing and
//     one invalid file in 2025-Q2;
//   - typical: DefaultParams written with Fast, so that its files store strings as Excel
//     and LibreOffice save them (the "typical file" of the benchmarks);
//   - national: 40 đảng ủy trực thuộc × 50 cơ sở, four quarters, written with Fast.
func Preset(name string) (Params, error) {
	p := DefaultParams()
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "example":
		p.Parties, p.CoSoPerParty, p.DirectCoSo, p.SelfReporting = 3, 4, 3, 1
		p.AgreementsPerUnit, p.InBlocShare = 12, 0.4
		p.PrevYear = true
		p.IncidentQuarters = []int{2}
		p.LateShare, p.MissingShare, p.InvalidShare = 0.07, 0.07, 0.07
		p.Inactive = 2
	case "typical", "":
		p.Fast = true
	case "national":
		p.BlocCode, p.BlocName, p.Place = "DUKDN", "Đảng bộ Khối Doanh nghiệp Trung ương", "Hà Nội"
		p.Parties, p.CoSoPerParty, p.DirectCoSo, p.SelfReporting = 40, 50, 0, 4
		p.Quarters = []int{1, 2, 3, 4}
		p.Inactive = 20
		p.Fast = true
	default:
		return Params{}, fmt.Errorf("unknown preset %q (known: %s)", name, strings.Join(Presets, ", "))
	}
	return p, nil
}

// Limits of Params, to keep a typo from filling the disk.
const (
	MaxUnits             = 20000
	MaxAgreementsPerUnit = 150
	// Years the reader accepts, with room for the previous year and for dates after the
	// year (receipts, expiry dates up to a few years on).
	minYear, maxYear = period.MinYear + 1, period.MaxYear - 5
	maxNameRunes     = 200
)

// check reports the first problem of p, in English.
func (p *Params) check() error {
	share := func(name string, v float64) error {
		if math.IsNaN(v) || v < 0 || v > 1 {
			return fmt.Errorf("%s must be between 0 and 1, not %v", name, v)
		}
		return nil
	}
	switch {
	case !validCode(p.BlocCode):
		return fmt.Errorf("bloc code %q is not a valid unit code", p.BlocCode)
	case strings.TrimSpace(p.BlocName) == "" || len([]rune(p.BlocName)) > maxNameRunes:
		return fmt.Errorf("bloc name must be 1 to %d characters", maxNameRunes)
	case strings.TrimSpace(p.Place) == "" || len([]rune(p.Place)) > 100 || strings.ContainsAny(p.Place, "\n\r\"\\{}"):
		return fmt.Errorf("place must be 1 to 100 characters on one line, without quotes or braces")
	case p.Parties < 0 || p.CoSoPerParty < 0 || p.DirectCoSo < 0 || p.SelfReporting < 0 || p.Inactive < 0:
		return fmt.Errorf("unit counts must not be negative")
	case p.Parties > 0 && p.CoSoPerParty == 0:
		return fmt.Errorf("a đảng ủy trực thuộc needs at least one cơ sở (CoSoPerParty ≥ 1)")
	case p.CoSoPerParty > 99 || p.DirectCoSo > 99:
		return fmt.Errorf("at most 99 cơ sở per parent (two-digit codes)")
	case p.Parties > 999:
		return fmt.Errorf("at most 999 đảng ủy trực thuộc")
	case p.Parties*p.CoSoPerParty+p.DirectCoSo+p.Parties+1 > MaxUnits:
		return fmt.Errorf("at most %d units", MaxUnits)
	case p.Parties*p.CoSoPerParty+p.DirectCoSo == 0:
		return fmt.Errorf("the bloc needs at least one cơ sở")
	case p.SelfReporting > p.Parties:
		return fmt.Errorf("SelfReporting (%d) exceeds Parties (%d)", p.SelfReporting, p.Parties)
	case p.Inactive > p.Parties*p.CoSoPerParty+p.DirectCoSo:
		return fmt.Errorf("Inactive (%d) exceeds the number of cơ sở", p.Inactive)
	case p.Year < minYear || p.Year > maxYear:
		return fmt.Errorf("year must be between %d and %d", minYear, maxYear)
	case len(p.Quarters) == 0:
		return fmt.Errorf("no quarter to write")
	case p.AgreementsPerUnit < 0 || p.AgreementsPerUnit > MaxAgreementsPerUnit:
		return fmt.Errorf("AgreementsPerUnit must be between 0 and %d", MaxAgreementsPerUnit)
	case p.DeadlineDays < 0 || p.DeadlineDays > 120:
		return fmt.Errorf("DeadlineDays must be between 0 and 120")
	case math.IsNaN(p.TargetShare) || p.TargetShare <= 0 || p.TargetShare > 1:
		return fmt.Errorf("TargetShare must be in (0, 1]")
	case p.Windows != period.Calendar && p.Windows != period.ND09:
		return fmt.Errorf("unknown windows %v", p.Windows)
	case p.Workers < 0:
		return fmt.Errorf("Workers must not be negative")
	case p.SSTOrder != "" && !slices.Contains(SSTOrders, p.SSTOrder):
		return fmt.Errorf("unknown SSTOrder %q (known: %s)", p.SSTOrder, strings.Join(SSTOrders, ", "))
	}
	for _, q := range append(slices.Clone(p.Quarters), p.IncidentQuarters...) {
		if q < 1 || q > 4 {
			return fmt.Errorf("quarter %d is not 1 to 4", q)
		}
	}
	for _, s := range []struct {
		n string
		v float64
	}{{"InBlocShare", p.InBlocShare}, {"LateShare", p.LateShare}, {"MissingShare", p.MissingShare}, {"InvalidShare", p.InvalidShare}} {
		if err := share(s.n, s.v); err != nil {
			return err
		}
	}
	if p.LateShare+p.MissingShare+p.InvalidShare > 1 {
		return fmt.Errorf("LateShare + MissingShare + InvalidShare exceed 1")
	}
	return nil
}

// quarters returns the quarters to write, sorted, without duplicates: those of Year-1 (with
// PrevYear) then those of Year.
func (p *Params) quarters() []period.Quarter {
	qs := slices.Clone(p.Quarters)
	slices.Sort(qs)
	qs = slices.Compact(qs)
	var out []period.Quarter
	if p.PrevYear {
		for _, q := range qs {
			out = append(out, period.Quarter{Year: p.Year - 1, Q: q})
		}
	}
	for _, q := range qs {
		out = append(out, period.Quarter{Year: p.Year, Q: q})
	}
	return out
}

// incidentIn reports whether late, missing and invalid files are drawn in q.
func (p *Params) incidentIn(q period.Quarter) bool {
	if q.Year != p.Year {
		return false
	}
	return len(p.IncidentQuarters) == 0 || slices.Contains(p.IncidentQuarters, q.Q)
}

// validCode reports whether code is a unit code that can also name a file: 1 to 20 ASCII
// letters, digits, '-', '_' and '.', not starting with '.'.
func validCode(code string) bool {
	if code == "" || len(code) > 20 || code[0] == '.' {
		return false
	}
	for i := 0; i < len(code); i++ {
		c := code[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}
