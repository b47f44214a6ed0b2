package aggregate

import (
	"math/rand"
	"reflect"
	"testing"

	"github.com/vdhv/vdhv/pkg/form"
)

// sameOutcome compares two Compute outcomes: the same error text, or Results equal in
// every field (JSON and the extras for the reports).
func sameOutcome(t *testing.T, name string, got *Result, gotErr error, want *Result, wantErr error) {
	t.Helper()
	if (gotErr == nil) != (wantErr == nil) || (gotErr != nil && gotErr.Error() != wantErr.Error()) {
		t.Fatalf("%s: error %v, want %v", name, gotErr, wantErr)
	}
	if wantErr != nil {
		if got != nil {
			t.Fatalf("%s: a result with an error", name)
		}
		return
	}
	if a, b := string(jsonOf(t, got)), string(jsonOf(t, want)); a != b {
		t.Fatalf("%s: aggregate.json differs:\n%s", name, firstDiff(a, b))
	}
	if !reflect.DeepEqual(got, want) {
		for _, f := range []struct {
			name string
			a, b any
		}{{"Units", got.Units, want.Units}, {"Register", got.Register, want.Register},
			{"Reconciliation", got.Reconciliation, want.Reconciliation}, {"Problems", got.Problems, want.Problems},
			{"Missing", got.Missing, want.Missing}, {"InBlocUnits", got.InBlocUnits, want.InBlocUnits},
			{"Cooperation", got.Cooperation, want.Cooperation}} {
			if !reflect.DeepEqual(f.a, f.b) {
				t.Fatalf("%s: %s differ:\n got %+v\nwant %+v", name, f.name, f.a, f.b)
			}
		}
		t.Fatalf("%s: results differ", name)
	}
}

// TestBuilderMatchesReference checks the streaming Builder (through Compute, in shuffled
// Add orders, and through digests read back from their binary form) against the
// aggregation as it was before it, on random worlds: unit files, roll-ups, and worlds
// corrupted in every way FuzzCompute knows (errors must be the same errors).
func TestBuilderMatchesReference(t *testing.T) {
	seeds := 300
	if testing.Short() {
		seeds = 60
	}
	for seed := int64(0); seed < int64(seeds); seed++ {
		rng := rand.New(rand.NewSource(seed))
		w := genWorld(t, rng, smallWorld)
		worlds := map[string]*world{"units": w, "rolled up": w.rolledUp()}
		if seed%2 == 1 {
			c := genWorld(t, rand.New(rand.NewSource(seed)), smallWorld)
			for range 1 + rng.Intn(4) {
				corruptWorld(rng, c)
			}
			worlds["corrupt"] = c
		}
		for _, name := range []string{"units", "rolled up", "corrupt"} {
			w := worlds[name]
			if w == nil {
				continue
			}
			in := w.input()
			want, wantErr := referenceCompute(in)
			got, err := Compute(in)
			sameOutcome(t, name, got, err, want, wantErr)

			// Shuffled Add order, digests through their binary form, and seqs that are
			// not indexes.
			b, err := NewBuilder(in.Tree, in.Period, in.Windows)
			if err != nil {
				t.Fatal(err)
			}
			type item struct {
				seq int
				sub *form.Submission
			}
			var items []item
			seen := map[*form.Submission]bool{}
			for i, s := range in.Subs {
				if s != nil && !seen[s] {
					seen[s] = true
					items = append(items, item{1000 + 3*i, s})
				}
			}
			rng.Shuffle(len(items), func(i, j int) { items[i], items[j] = items[j], items[i] })
			for _, it := range items {
				d := NewDigest(it.sub)
				data, err := d.AppendBinary(nil)
				if err != nil {
					t.Fatal(err)
				}
				var back Digest
				if err := back.UnmarshalBinary(data); err != nil {
					t.Fatalf("seed %d %s: UnmarshalBinary of %s: %v (%d bytes)", seed, name, it.sub.Path, err, len(data))
				}
				back.Path = it.sub.Path
				b.Add(it.seq, &back)
			}
			got, err = b.Finish(in.Status, nil)
			sameOutcome(t, name+" (shuffled, binary)", got, err, want, wantErr)
		}
	}
}

// TestBuilderUse checks that Finish's use function leaves submissions out exactly as if
// they had never been given.
func TestBuilderUse(t *testing.T) {
	for seed := int64(0); seed < 40; seed++ {
		rng := rand.New(rand.NewSource(seed))
		w := genWorld(t, rng, smallWorld)
		if seed%3 == 0 {
			w = w.rolledUp()
		}
		in := w.input()
		b, err := NewBuilder(in.Tree, in.Period, in.Windows)
		if err != nil {
			t.Fatal(err)
		}
		var kept []*form.Submission
		skip := map[int]bool{}
		for i, s := range in.Subs {
			b.Add(i, NewDigest(s))
			if rng.Intn(4) == 0 {
				skip[i] = true
			} else {
				kept = append(kept, s)
			}
		}
		want, wantErr := referenceCompute(Input{Tree: in.Tree, Period: in.Period, Windows: in.Windows, Subs: kept, Status: in.Status})
		got, err := b.Finish(in.Status, func(seq int) bool { return !skip[seq] })
		sameOutcome(t, "use", got, err, want, wantErr)
		if _, err := b.Finish(in.Status, nil); err == nil {
			t.Fatal("a second Finish must fail")
		}
	}
}

// TestBuilderMatchesReferenceLarge runs the benchmark's national-size input through both.
func TestBuilderMatchesReferenceLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("large")
	}
	in := benchInput(t)
	want, wantErr := referenceCompute(in)
	got, err := Compute(in)
	sameOutcome(t, "national", got, err, want, wantErr)
}
