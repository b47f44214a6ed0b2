package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/vdhv/vdhv/pkg/aggregate"
	"github.com/vdhv/vdhv/pkg/config"
	"github.com/vdhv/vdhv/pkg/engine"
	"github.com/vdhv/vdhv/pkg/form"
	"github.com/vdhv/vdhv/pkg/period"
	"github.com/vdhv/vdhv/pkg/units"
	"github.com/vdhv/vdhv/pkg/workspace"
)

// bigOutcome aggregates, in memory, a bloc of n units (40 đảng ủy trực thuộc with their
// cơ sở, plus cơ sở directly under the bloc) for 2025-H1: every unit reports both quarters
// (one in 25 misses Q2, one in 30 is late), buys in every category, runs activities, a
// check now and then, and keeps an in-bloc agreement with the next unit.
func bigOutcome(tb testing.TB, n int) *engine.Outcome {
	tb.Helper()
	var y strings.Builder
	y.WriteString("code: KHOI\nname: Đảng bộ Khối Doanh nghiệp Trung ương\nkind: khoi\nunits:\n")
	const groups = 40
	per := (n - 1 - groups) / (groups + 1)
	count := 1
	for g := 0; g < groups; g++ {
		fmt.Fprintf(&y, "  - code: DU-%02d\n    name: Đảng ủy Tập đoàn số %d\n    kind: dang-uy-truc-thuoc\n    units:\n", g, g+1)
		count++
		for c := 0; c < per; c++ {
			fmt.Fprintf(&y, "      - { code: DU-%02d-%03d, name: Đảng bộ Công ty cổ phần thành viên %d của Tập đoàn số %d, kind: dang-bo-co-so }\n", g, c, c+1, g+1)
			count++
		}
	}
	for c := 0; count < n; c++ {
		fmt.Fprintf(&y, "  - { code: CS-%04d, name: Chi bộ Công ty trực thuộc Khối số %d, kind: chi-bo-co-so }\n", c, c+1)
		count++
	}
	tree, err := units.Parse([]byte(y.String()), "units.yaml", units.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	p := period.Period{Kind: period.KindHalf, Year: 2025, N: 1}
	in := aggregate.Input{Tree: tree, Period: p, Status: map[period.Quarter]map[string]aggregate.Status{}}
	out := &engine.Outcome{Period: p}
	reporting := tree.Reporting()
	for qi, q := range p.Quarters() {
		in.Status[q] = map[string]aggregate.Status{}
		first, last := period.Calendar.QuarterRange(q)
		for i, u := range reporting {
			st, ws := aggregate.OnTime, workspace.StatusOnTime
			switch {
			case qi == 1 && i%25 == 7:
				st, ws = aggregate.Missing, workspace.StatusMissing
			case i%30 == 3:
				st, ws = aggregate.Late, workspace.StatusLate
			}
			in.Status[q][u.Code] = st
			out.Statuses = append(out.Statuses, workspace.UnitStatus{Unit: u, Quarter: q, Status: ws})
			if st == aggregate.Missing {
				continue
			}
			sub := form.Blank(u, q, false)
			sub.Info.Prepared = last
			for c := range sub.Purchases {
				total := form.Money(int64(100+i%50+c*20) * 1000)
				sub.Purchases[c].Total = total
				sub.Purchases[c].Domestic = total * form.Money(70+i%25) / 100
				sub.Purchases[c].InBloc = total / 10
			}
			for a := range sub.Activities {
				sub.Activities[a].Count = int64(1 + (i+a)%4)
				if form.ValuedIndicators[sub.Activities[a].Indicator] {
					sub.Activities[a].Value = form.Money(int64(50+i%30) * 1000)
				}
			}
			if i%6 == qi {
				sub.Checks = append(sub.Checks, form.Check{Unit: u.Code, Kind: form.EnumCheckKind.Values[i%3], Start: first.AddDate(0, 1, 0),
					Target: u.Code, Content: "Kiểm tra", InProgramme: i%5 != 0, Result: form.EnumCheckResult.Values[i%4], Recs: 2, Remedied: 1})
			}
			next := reporting[(i+1)%len(reporting)]
			sub.Agreements = append(sub.Agreements, form.Agreement{Unit: u.Code, Number: fmt.Sprintf("%d/2025/TTHT", i), PartnerCode: next.Code,
				InBloc: true, Role: form.RoleSupply, Field: form.EnumField.Values[i%len(form.EnumField.Values)], Signed: first,
				Status: form.StatusActive, Contracts: 1, ContractValue: form.Money(int64(200+i%40) * 1000), Delivered: form.Money(int64(90+i%20) * 1000)})
			in.Subs = append(in.Subs, sub)
		}
	}
	res, err := aggregate.Compute(in)
	if err != nil {
		tb.Fatal(err)
	}
	out.Result = res
	return out
}

// BenchmarkReport2000: the whole report (model, PDF and XLSX) of a 2,000-unit bloc. The
// goal is under 3 s per report.
func BenchmarkReport2000(b *testing.B) {
	out := bigOutcome(b, 2000)
	if got := len(out.Result.Units); got != 2000 {
		b.Fatalf("%d units", got)
	}
	cfg := config.Default()
	cfg.Place = "Hà Nội"
	w, err := LoadWording("")
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		doc, set, err := Build(out, &TextFile{Number: "12"}, cfg, w, "vi")
		if err != nil {
			b.Fatal(err)
		}
		var pdf, xlsx bytes.Buffer
		if err := RenderPDF(&pdf, doc, WriteOptions{}); err != nil {
			b.Fatal(err)
		}
		if err := RenderXLSX(&xlsx, doc, set, WriteOptions{}); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(pdf.Len())/1e6, "pdf-MB")
		b.ReportMetric(float64(xlsx.Len())/1e6, "xlsx-MB")
	}
}

// TestBigReportWording: with 2,000 units the named lists stay short (listn).
func TestBigReportWording(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 2,000-unit outcome")
	}
	out := bigOutcome(t, 2000)
	doc, _, err := Build(out, nil, config.Default(), nil, "vi")
	if err != nil {
		t.Fatal(err)
	}
	body := docText(doc)
	if !strings.Contains(body, "đơn vị khác") {
		t.Error("long lists are not shortened")
	}
	for _, l := range strings.Split(body, "\n") {
		if len(l) > 6000 {
			t.Errorf("a paragraph of %d bytes: %.200s…", len(l), l)
		}
	}
}
