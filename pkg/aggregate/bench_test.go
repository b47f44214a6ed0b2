package aggregate

import (
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/vdhv/vdhv/pkg/form"
	"github.com/vdhv/vdhv/pkg/period"
	"github.com/vdhv/vdhv/pkg/vntext"
)

// benchInput is a bloc of 40 đảng ủy × 50 cơ sở (2,041 units) over 2025: 8,000 unit files,
// each with 7 purchases, 2 checks, 9 activities and about 31 agreements (15 outside the
// bloc, about 16 in-bloc sides, every in-bloc agreement reported by both parties).
func benchInput(b testing.TB) Input {
	var y strings.Builder
	y.WriteString("code: K\nname: Khối\nkind: khoi\nunits:\n")
	var codes []string
	for d := 0; d < 40; d++ {
		fmt.Fprintf(&y, "  - code: D%02d\n    name: Đảng ủy %d\n    kind: dang-uy-truc-thuoc\n    units:\n", d, d)
		for c := 0; c < 50; c++ {
			code := fmt.Sprintf("D%02d-%02d", d, c)
			codes = append(codes, code)
			fmt.Fprintf(&y, "      - { code: %s, name: Chi bộ %s, kind: chi-bo-co-so }\n", code, code)
		}
	}
	tr := parseTree(b, y.String())
	n := len(codes)
	p := pp("2025")
	signed := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	var subs []*form.Submission
	files := map[string]*form.Submission{}
	for _, q := range p.Quarters() {
		for _, code := range codes {
			s := &form.Submission{Path: fmt.Sprintf("submissions/2025/Q%d/%s.xlsx", q.Q, code),
				Info: form.Info{UnitCode: code, Quarter: q, Kind: form.ReportKindUnit}}
			for i, c := range form.EnumCategory.Values {
				s.Purchases = append(s.Purchases, form.Purchase{Unit: code, Category: c, Total: form.Money(1000 * (i + 1)), Domestic: 700, InBloc: 100})
			}
			for i := 0; i < 2; i++ {
				s.Checks = append(s.Checks, form.Check{Unit: code, Kind: form.EnumCheckKind.Values[i], Result: form.EnumCheckResult.Values[i], InProgramme: true, Recs: 2, Remedied: 1})
			}
			for _, ind := range form.EnumIndicator.Values {
				s.Activities = append(s.Activities, form.Activity{Unit: code, Indicator: ind, Count: 3, Value: 10})
			}
			for k := 0; k < 15; k++ {
				num := fmt.Sprintf("NK-%s-%d", code, k)
				s.Agreements = append(s.Agreements, form.Agreement{Unit: code, Number: num, NumberKey: vntext.Key(num),
					PartnerName: fmt.Sprintf("Công ty %d", k), Role: form.RoleUse, Field: form.EnumField.Values[k%11],
					Signed: signed, Status: form.StatusActive, Contracts: 1, ContractValue: 5000, Delivered: 2500})
			}
			files[q.String()+code] = s
			subs = append(subs, s)
		}
		for i, code := range codes {
			for k := 1; k <= 8; k++ {
				j := (i + k*131) % n
				num := fmt.Sprintf("%d/2024/TTHT-%s", k, code)
				for side, pair := range [][2]string{{code, codes[j]}, {codes[j], code}} {
					s := files[q.String()+pair[0]]
					role := form.RoleSupply
					if side == 1 {
						role = form.RoleUse
					}
					s.Agreements = append(s.Agreements, form.Agreement{Unit: pair[0], Number: num, NumberKey: vntext.Key(num),
						PartnerCode: pair[1], InBloc: true, Role: role, Field: form.EnumField.Values[k],
						Signed: signed, Status: form.StatusActive, Contracts: 1, ContractValue: 9000, Delivered: form.Money(3000 + side)})
				}
			}
		}
	}
	return Input{Tree: tr, Period: p, Subs: subs, Status: map[period.Quarter]map[string]Status{}}
}

func BenchmarkCompute(b *testing.B) {
	in := benchInput(b)
	rows := 0
	for _, s := range in.Subs {
		rows += len(s.Agreements)
	}
	b.ReportAllocs()
	b.ResetTimer()
	var r *Result
	for b.Loop() {
		var err error
		if r, err = Compute(in); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if got := r.Units[0].Agreements.InForce; got != 2000*(15+8) {
		b.Fatalf("bloc in_force %d, want %d", got, 2000*23)
	}
	b.ReportMetric(float64(rows), "agreement-rows")
}

func BenchmarkWriteJSON(b *testing.B) {
	r, err := Compute(benchInput(b))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if err := r.WriteJSON(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}
