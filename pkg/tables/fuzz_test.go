package tables

import (
	"math"
	"testing"

	"github.com/vdhv/vdhv/pkg/engine"
	"github.com/vdhv/vdhv/pkg/form"
	"github.com/vdhv/vdhv/pkg/pdfdoc"
	"github.com/vdhv/vdhv/pkg/workspace"
)

// worldFromBytes builds submissions for the test tree from data: every 5 bytes are one row
// (unit, quarter, kind, two amounts); a byte per (unit, quarter) decides the status.
func worldFromBytes(t *testing.T, data []byte) *engine.Outcome {
	tr := testTree(t)
	codes := []string{"DA", "A1", "A2", "B1", "B2", "C1"}
	quarters := []string{"2025-Q1", "2025-Q2"}
	subs := map[string]*form.Submission{}
	var order []string
	for i := 0; i+5 <= len(data) && i < 5*200; i += 5 {
		unit := codes[int(data[i])%len(codes)]
		q := quarters[int(data[i+1])%2]
		key := unit + "@" + q
		s := subs[key]
		if s == nil {
			s = sub(unit, q)
			subs[key] = s
			order = append(order, key)
		}
		a, b := float64(data[i+3]), float64(data[i+4])
		lo, hi := math.Min(a, b), math.Max(a, b)
		row := len(s.Agreements) + len(s.Purchases) + len(s.Checks) + len(s.Activities) + 2
		switch data[i+2] % 4 {
		case 0:
			p := buy(int(data[i+3])%len(form.EnumCategory.Values), hi, lo, lo/2)
			p.Unit, p.Row = unit, row
			s.Purchases = append(s.Purchases, p)
		case 1:
			partner := codes[int(data[i+4])%len(codes)]
			if partner == unit {
				partner = "name:Công ty ngoài"
			}
			roles := form.EnumRole.Values
			ag := ag("TT-"+string(rune('A'+data[i+3]%4)), partner, roles[int(data[i+4])%3], lo, int64(data[i+3]%3), hi)
			ag.Unit, ag.Row = unit, row
			dup := false
			for _, x := range s.Agreements {
				dup = dup || (x.NumberKey == ag.NumberKey && x.PartnerKey() == ag.PartnerKey())
			}
			if !dup {
				s.Agreements = append(s.Agreements, ag)
			}
		case 2:
			c := check(int(data[i+3])%3, int(data[i+4])%4, data[i+3]%2 == 0, int64(hi), int64(lo))
			c.Unit, c.Row = unit, row
			s.Checks = append(s.Checks, c)
		default:
			a := act(int(data[i+3])%len(form.EnumIndicator.Values), int64(hi), lo)
			a.Unit, a.Row = unit, row
			s.Activities = append(s.Activities, a)
		}
	}
	var list []*form.Submission
	st := map[string]string{}
	for k, key := range order {
		list = append(list, subs[key])
		if k < len(data) && data[k]%5 == 0 {
			st[key] = workspace.StatusLate
		}
	}
	res, statuses := world(t, tr, "2025-H1", list, st)
	return &engine.Outcome{Period: pp("2025-H1"), Result: res, Statuses: statuses, Prev: res}
}

// FuzzBuild: for any world, Build does not panic, subtotals of additive columns are the
// sums of the rows below, shares lie in [0, 1] and come from the sums, and every numeric
// cell is either NoValue or a finite Value with a Text.
func FuzzBuild(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{0, 0, 0, 10, 9, 1, 1, 1, 3, 200, 3, 0, 2, 1, 2, 4, 1, 3, 7, 7})
	f.Add([]byte("some longer seed that touches every kind of row and unit, twice over"))
	f.Fuzz(func(t *testing.T, data []byte) {
		o := worldFromBytes(t, data)
		for _, lang := range []string{"vi", "en"} {
			s := Build(o, Options{Lang: lang, TargetShare: 0.8})
			checkInvariants(t, s)
		}
	})
}

func checkInvariants(t *testing.T, s *Set) {
	t.Helper()
	for _, n := range s.All() {
		if n.Table == nil {
			for _, se := range n.Chart.Series {
				if len(se.Values) != len(n.Chart.Categories) {
					t.Fatalf("%s: %d values for %d categories", n.Sheet, len(se.Values), len(n.Chart.Categories))
				}
			}
			continue
		}
		tb := n.Table
		if tb.HeaderRows != nil {
			checkHeaderTiling(t, tb)
		}
		for ri, r := range tb.Rows {
			if len(r.Cells) > len(tb.Columns) {
				t.Fatalf("%s row %d: too many cells", n.Sheet, ri)
			}
			for ci, c := range r.Cells {
				col := tb.Columns[ci]
				if !col.Kind.IsNumeric() || c.NoValue {
					continue
				}
				if c.Text == "" || math.IsNaN(c.Value) || math.IsInf(c.Value, 0) {
					t.Fatalf("%s row %d col %d: %+v", n.Sheet, ri, ci, c)
				}
				if col.Kind == pdfdoc.KindPercent && n.Sheet != "Tổng hợp" && n.Sheet != "Summary" && (c.Value < 0 || c.Value > 1+1e-12) {
					t.Fatalf("%s row %d col %d: share %v", n.Sheet, ri, ci, c.Value)
				}
			}
		}
	}
	rows := s.ByUnit.Rows
	for i, r := range rows {
		if r.Style == pdfdoc.RowNormal {
			continue
		}
		var kids []pdfdoc.TableRow
		if r.Style == pdfdoc.RowTotal {
			for _, k := range rows[:i] {
				if k.Level == 0 {
					kids = append(kids, k)
				}
			}
		} else {
			for _, k := range rows[i+1:] {
				if k.Level <= r.Level {
					break
				}
				if k.Level == r.Level+1 {
					kids = append(kids, k)
				}
			}
		}
		for _, col := range additiveByUnit {
			var sum float64
			for _, k := range kids {
				sum += k.Cells[col].Value
			}
			if math.Abs(sum-r.Cells[col].Value) > 1e-6 {
				t.Fatalf("ByUnit %q col %d = %v, sum below %v", r.Cells[0].Text, col, r.Cells[col].Value, sum)
			}
		}
		// The domestic share of a subtotal is the ratio of the sums.
		var dom, tot float64
		for _, k := range kids {
			sh := k.Cells[colDomesticShare]
			spend := k.Cells[colSpending].Value
			if !sh.NoValue {
				dom += sh.Value * spend
			}
			tot += spend
		}
		if got := r.Cells[colDomesticShare]; tot > 0 && (got.NoValue || math.Abs(got.Value-dom/tot) > 1e-9) {
			t.Fatalf("ByUnit %q share %+v, want %v", r.Cells[0].Text, got, dom/tot)
		}
	}
}
