package gen

import (
	"fmt"
	"strings"
	"testing"

	"github.com/vdhv/vdhv/pkg/form"
	"github.com/vdhv/vdhv/pkg/period"
	"github.com/vdhv/vdhv/pkg/units"
	"github.com/vdhv/vdhv/pkg/vntext"
)

// sideRow is one unit's row of an in-bloc agreement in one quarter.
type sideRow struct {
	unit string
	q    period.Quarter
	a    form.Agreement
}

// The two reports of an in-bloc agreement agree, except where a difference was planted —
// and every planted difference is really in the files.
func TestInBlocAgreementsReconcile(t *testing.T) {
	issues := map[string]int{}
	for _, seed := range []int64{3, 4, 5} {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			p := small()
			p.Seed, p.Fast, p.InBlocShare = seed, true, 0.6
			s := generate(t, p)
			tree, _ := workspaceTree(t, s.Dir)
			results := readFiles(t, s)
			byNumber := map[string][]sideRow{}
			valid := map[string]bool{} // unit + quarter with a valid file
			for _, f := range s.Files {
				if f.Status == StatusInvalid {
					continue
				}
				valid[f.Unit+" "+f.Quarter.String()] = true
				for _, a := range results[f.Path].Submission.Agreements {
					if a.InBloc {
						byNumber[a.NumberKey] = append(byNumber[a.NumberKey], sideRow{f.Unit, f.Quarter, a})
					}
				}
			}
			planted := map[string]Discrepancy{}
			for _, d := range s.Planted {
				planted[vntext.Key(d.Number)] = d
				issues[d.Issue]++
			}
			for key, rows := range byNumber {
				d, isPlanted := planted[key]
				checkPair(t, tree, key, rows, d, isPlanted)
			}
			for key, d := range planted {
				rows := byNumber[key]
				if len(rows) == 0 {
					t.Errorf("%s: planted %s but no unit reports it", d.Number, d.Issue)
				}
				if d.Issue == IssueUnreported {
					for _, r := range rows {
						if r.unit == d.Side {
							t.Errorf("%s: %s is the silent side but reports it in %s", d.Number, d.Side, r.q)
						}
					}
				}
			}
			// Reported by one side only, although both sent valid files while it was in
			// force, happens only where planted.
			for key, rows := range byNumber {
				units := map[string]bool{}
				for _, r := range rows {
					units[r.unit] = true
				}
				if len(units) != 1 {
					continue
				}
				if d, ok := planted[key]; ok && d.Issue == IssueUnreported {
					continue
				}
				// The partner named directly (not through its đảng ủy) must have it too in
				// every quarter it sent a valid file.
				r := rows[0]
				partner := tree.Lookup(r.a.PartnerCode)
				if partner == nil || len(partner.Children) > 0 {
					continue
				}
				for _, x := range rows {
					if valid[partner.Code+" "+x.q.String()] {
						t.Errorf("%s: only %s reports it although partner %s sent a valid file for %s", r.a.Number, r.unit, partner.Code, x.q)
					}
				}
			}
		})
	}
	for _, issue := range []string{IssueUnreported, IssueRoles, IssueSignDate, IssueExpiryDate, IssueStatus,
		IssueContracts, IssueContractValue, IssueDeliveredValue} {
		if issues[issue] == 0 {
			t.Errorf("no %s difference planted (%v)", issue, issues)
		}
	}
}

func complementary(a, b string) bool {
	switch {
	case a == form.RoleBoth || b == form.RoleBoth:
		return a == b
	default:
		return a != b
	}
}

func checkPair(t *testing.T, tree *units.Tree, key string, rows []sideRow, d Discrepancy, isPlanted bool) {
	t.Helper()
	byQ := map[period.Quarter][]sideRow{}
	for _, r := range rows {
		byQ[r.q] = append(byQ[r.q], r)
	}
	found := !isPlanted || d.Issue == IssueUnreported
	for q, rs := range byQ {
		if len(rs) > 2 {
			t.Errorf("%s %s: %d rows", key, q, len(rs))
			continue
		}
		if len(rs) < 2 {
			continue
		}
		x, y := rs[0], rs[1]
		// Pairing rule of form-v1.md: each side names the other or an ancestor of it.
		names := func(r, other sideRow) bool {
			p, o := tree.Lookup(r.a.PartnerCode), tree.Lookup(other.unit)
			return p != nil && o != nil && (p == o || p.IsAncestorOf(o))
		}
		if !names(x, y) || !names(y, x) {
			t.Errorf("%s %s: %s names %s, %s names %s", key, q, x.unit, x.a.PartnerCode, y.unit, y.a.PartnerCode)
		}
		type diff struct {
			issue string
			same  bool
		}
		diffs := []diff{
			{IssueRoles, complementary(x.a.Role, y.a.Role)},
			{IssueSignDate, x.a.Signed.Equal(y.a.Signed)},
			{IssueExpiryDate, x.a.Expires.Equal(y.a.Expires)},
			{IssueStatus, x.a.Status == y.a.Status},
			{IssueContracts, x.a.Contracts == y.a.Contracts},
			{IssueContractValue, x.a.ContractValue == y.a.ContractValue},
			{IssueDeliveredValue, x.a.Delivered == y.a.Delivered},
		}
		for _, df := range diffs {
			expected := isPlanted && d.Issue == df.issue && (d.Quarter.IsZero() || d.Quarter == q)
			if expected && !df.same {
				found = true
			}
			if !expected && !df.same {
				t.Errorf("%s %s: unplanted %s difference between %s and %s", key, q, df.issue, x.unit, y.unit)
			}
			if expected && df.same {
				t.Errorf("%s %s: planted %s but both sides agree", key, q, df.issue)
			}
		}
		if x.a.Field != y.a.Field || !strings.EqualFold(x.a.Number, y.a.Number) {
			t.Errorf("%s %s: field or number differ", key, q)
		}
	}
	if !found {
		t.Errorf("%s: planted %s in %v is not in the files", key, d.Issue, d.Quarter)
	}
}
