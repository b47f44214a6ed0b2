package aggregate

import (
	"bytes"
	"math/rand"
	"os"
	"path/filepath"
	"testing"

	"github.com/vdhv/vdhv/pkg/form"
	"github.com/vdhv/vdhv/pkg/period"
)

// FuzzReadJSON: ReadJSON never panics, and what it accepts writes back to a fixed point.
func FuzzReadJSON(f *testing.F) {
	golden, err := os.ReadFile(filepath.Join("testdata", "aggregate.golden.json"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(golden)
	f.Add([]byte(`{"schema":"vdhv.aggregate/v1","bloc":"K","period":"2025","quarters":[],"units":{},"reconciliation":[],"missing":[]}`))
	f.Add([]byte(`{"schema":"vdhv.aggregate/v1","period":"2025-Q1","units":{"K":{"parent":null,"agreements":{"contract_value":1.2345}}}}`))
	f.Add([]byte(`{"schema":"vdhv.aggregate/v1","period":"Quý II/2025","units":{"K":{},"K":{}}}`))
	f.Add([]byte(`{"schema":"vdhv.aggregate/v1","period":"2025","units":[],"reconciliation":[{"units":["a"]}]}`))
	f.Add([]byte(`{"schema":"vdhv.aggregate/v1","period":"2025","units":{"<&>":{"procurement":{"total":-0.5,"by_category":{"x":{}}}}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := ReadJSON(bytes.NewReader(data))
		if err != nil {
			if r != nil {
				t.Fatal("result with an error")
			}
			return
		}
		var a bytes.Buffer
		if err := r.WriteJSON(&a); err != nil {
			t.Fatalf("WriteJSON: %v", err)
		}
		r2, err := ReadJSON(bytes.NewReader(a.Bytes()))
		if err != nil {
			t.Fatalf("cannot read back what WriteJSON wrote: %v\n%s", err, a.Bytes())
		}
		var b bytes.Buffer
		if err := r2.WriteJSON(&b); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Fatalf("not a fixed point: %s", firstDiff(a.String(), b.String()))
		}
	})
}

// FuzzCompute: generated worlds satisfy every property of TestProperties; corrupted ones
// (values outside the lists, unknown units, roll-ups claiming others' units, odd
// statuses) give an error or a result, never a panic.
func FuzzCompute(f *testing.F) {
	for _, s := range []int64{1, 7, 42, 1000} {
		f.Add(s, uint8(0))
		f.Add(s, uint8(3))
	}
	f.Fuzz(func(t *testing.T, seed int64, corrupt uint8) {
		rng := rand.New(rand.NewSource(seed))
		w := genWorld(t, rng, smallWorld)
		if corrupt == 0 {
			checkWorld(t, seed, w)
			return
		}
		for i := 0; i < int(corrupt%16); i++ {
			corruptWorld(rng, w)
		}
		r, err := Compute(w.input())
		if err != nil {
			if r != nil {
				t.Fatal("result with an error")
			}
			return
		}
		var b bytes.Buffer
		if err := r.WriteJSON(&b); err != nil {
			t.Fatal(err)
		}
		if _, err := ReadJSON(&b); err != nil {
			t.Fatalf("cannot read back: %v", err)
		}
	})
}

func corruptWorld(rng *rand.Rand, w *world) {
	if len(w.subs) == 0 {
		w.subs = append(w.subs, nil)
		return
	}
	s := w.subs[rng.Intn(len(w.subs))]
	if s == nil {
		return
	}
	units := w.tree.Units()
	anyUnit := func() string {
		if rng.Intn(8) == 0 {
			return "NOPE"
		}
		return units[rng.Intn(len(units))].Code
	}
	switch rng.Intn(12) {
	case 0:
		s.Info.Kind = form.ReportKindRollup
		s.Covered = append(s.Covered, form.CoveredUnit{Code: anyUnit(), Status: form.EnumCoverStatus.Values[rng.Intn(3)]})
	case 1:
		c := *s
		c.Path = "copy-" + s.Path
		c.Info.UnitCode = anyUnit()
		w.subs = append(w.subs, &c)
	case 2:
		if len(s.Agreements) > 0 {
			a := &s.Agreements[rng.Intn(len(s.Agreements))]
			a.PartnerCode = anyUnit()
			a.NumberKey = ""
		}
	case 3:
		if len(s.Agreements) > 0 {
			s.Agreements = append(s.Agreements, s.Agreements[0])
		}
	case 4:
		if len(s.Purchases) > 0 {
			s.Purchases[0].Total = -s.Purchases[0].Total - 1
		}
	case 5:
		if len(s.Checks) > 0 {
			s.Checks[0].Result = "?"
		}
	case 6:
		q := s.Info.Quarter
		if w.status[q] == nil {
			w.status[q] = map[string]Status{}
		}
		w.status[q][anyUnit()] = Status(rng.Intn(6))
	case 7:
		s.Info.Quarter = period.Quarter{Year: 2025, Q: 1 + rng.Intn(4)}
	case 8:
		w.subs = append(w.subs, nil, s)
	case 9:
		if len(s.Agreements) > 0 {
			s.Agreements[0].Role = form.EnumRole.Values[rng.Intn(3)]
			s.Agreements[0].Unit = anyUnit()
			s.Info.Kind = form.ReportKindRollup
		}
	case 10:
		s.Info.UnitCode = "  " + s.Info.UnitCode
	case 11:
		if len(s.Agreements) > 0 {
			s.Agreements[0].Signed = s.Agreements[0].Signed.AddDate(-3000, 0, 0)
			s.Agreements[0].Delivered = form.Money(1 << 62)
		}
	}
}
