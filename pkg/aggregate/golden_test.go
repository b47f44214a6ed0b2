package aggregate

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/vdhv/vdhv/pkg/form"
	"github.com/vdhv/vdhv/pkg/period"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// goldenInput is a small hand-built 2025-H1 aggregation: a pair across đảng ủy with a
// quarter reported by one side only, a pair inside DA sent through a roll-up, a one-sided
// in-bloc agreement, an outside one, purchases whose shares need rounding, checks,
// activities, late/invalid/missing units and inactive ones.
func goldenInput(t testing.TB) Input {
	q1, q2 := "2025-Q1", "2025-Q2"
	a1q1 := sub("A1", q1,
		ag("12/2024/TTHT-A1-B1", "B1", supply, 150.5, withContracts(2, 1000), withSigned("2024-11-20")),
		ag("03/2025/TTHT", "A2", use, 20, withSigned("2025-02-10"), withStatus(form.StatusNew), withField(2)),
		ag("HD-99", "name:Công ty TNHH Ngoài Khối", use, 12.345, withField(9)),
		buy(0, 3, 3, 0), buy(3, 1000, 333.333, 100), check(0, 1, true, 3, 2), act(0, 2, 0), act(5, 1, 820))
	a2q1 := sub("A2", q1,
		ag("03/2025/TTHT", "A1", supply, 21, withSigned("2025-02-10"), withStatus(form.StatusNew), withField(2)),
		buy(3, 2000, 1999.999, 0))
	daq1 := sub("DA", q1, buy(5, 10, 5, 5))
	ru := rollup("DA", q1, map[string]string{"DA": form.CoverReported, "A1": form.CoverLate, "A2": form.CoverReported},
		[]string{"DA", "A1", "A2"}, daq1, a1q1, a2q1)
	b1q1 := sub("B1", q1,
		ag("12/2024/TTHT-a1-b1", "DA", use, 150, withContracts(2, 1000), withSigned("2024-11-20")),
		ag("07/2025/TTHT", "C1", supply, 5, withSigned("2025-03-01"), withStatus(form.StatusNew)),
		check(1, 0, false, 0, 0), check(2, 3, true, 1, 0), act(6, 2, 55.5))
	a1q2 := sub("A1", q2,
		ag("12/2024/TTHT-A1-B1", "B1", supply, 200, withContracts(1, 400), withSigned("2024-11-20"), withStatus(form.StatusDone)),
		ag("03/2025/TTHT", "A2", use, 30, withSigned("2025-02-10"), withField(2)),
		buy(0, 1, 1, 1))
	b2q2 := sub("B2", q2, buy(6, 0.001, 0, 0), act(8, 3, 0))
	return Input{
		Tree:   testTree(t),
		Period: pp("2025-H1"),
		Subs:   []*form.Submission{ru, b1q1, a1q2, b2q2},
		Status: map[period.Quarter]map[string]Status{
			qq(q1): {"B1": OnTime, "C1": Invalid},
			qq(q2): {"A1": OnTime, "B2": Late, "DA": Missing},
		},
	}
}

func TestGoldenJSON(t *testing.T) {
	r := compute(t, goldenInput(t))
	got := jsonOf(t, r)
	path := filepath.Join("testdata", "aggregate.golden.json")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("aggregate.json differs from %s (go test -update rewrites it): %s", path, firstDiff(string(want), string(got)))
	}
	back, err := ReadJSON(bytes.NewReader(want))
	if err != nil {
		t.Fatal(err)
	}
	if again := jsonOf(t, back); !bytes.Equal(again, want) {
		t.Errorf("ReadJSON+WriteJSON differs: %s", firstDiff(string(want), string(again)))
	}
}
