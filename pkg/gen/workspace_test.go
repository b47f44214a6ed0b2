package gen

import (
	"reflect"
	"testing"

	"github.com/vdhv/vdhv/pkg/workspace"
)

// The workspace package reads the generated ledger and finds the statuses the summary
// promises: on time, late (from the ledger's receipt times), invalid, missing.
func TestWorkspaceReadsGenerated(t *testing.T) {
	p := small()
	p.Fast = true
	s := generate(t, p)
	ws, err := workspace.Open(s.Dir)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := ws.Ledger()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != s.Receipts {
		t.Fatalf("workspace reads %d receipts, generator wrote %d", len(recs), s.Receipts)
	}
	files := map[string]File{}
	for _, f := range s.Files {
		files[f.SHA256] = f
	}
	for _, r := range recs {
		f, ok := files[r.SHA256]
		if !ok || f.Unit != r.Unit || f.Quarter != r.Quarter || !f.Received.Equal(r.Received) || f.Size != r.Size {
			t.Errorf("receipt %+v matches no file (%+v)", r, f)
		}
	}
	var qs []QuarterSummary
	for _, q := range s.Quarters {
		qs = append(qs, q)
	}
	for _, q := range qs {
		entries, err := ws.Scan(q.Quarter.Period().Quarters(), nil)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string][]string{}
		for _, st := range ws.Status(q.Quarter.Period(), entries) {
			got[st.Status] = append(got[st.Status], st.Unit.Code)
		}
		want := map[string][]string{
			workspace.StatusOnTime: q.OnTime, workspace.StatusLate: q.Late,
			workspace.StatusInvalid: q.Invalid, workspace.StatusMissing: q.Missing,
		}
		for k, v := range want {
			if len(v) == 0 && len(got[k]) == 0 {
				continue
			}
			if !reflect.DeepEqual(got[k], v) {
				t.Errorf("%s %s: workspace says %v, generator %v", q.Quarter, k, got[k], v)
			}
		}
	}
}
