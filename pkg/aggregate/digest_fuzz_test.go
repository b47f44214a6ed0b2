package aggregate

import (
	"bytes"
	"math/rand"
	"testing"
)

// FuzzDigestBinary feeds arbitrary bytes to UnmarshalBinary (what a damaged cache entry
// would give): it must fail cleanly or give a digest that encodes back to a form it reads
// the same, and that a Builder adds and finishes without panicking.
func FuzzDigestBinary(f *testing.F) {
	tr := testTree(f)
	for seed := int64(0); seed < 4; seed++ {
		w := genWorld(f, rand.New(rand.NewSource(seed)), smallWorld)
		for _, s := range append(w.subs[:2:2], w.rolledUp().subs[0]) {
			data, err := NewDigest(s).AppendBinary(nil)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	f.Add([]byte{DigestFormat})
	f.Fuzz(func(t *testing.T, data []byte) {
		var d Digest
		if err := d.UnmarshalBinary(data); err != nil {
			return
		}
		again, err := d.AppendBinary(nil)
		if err != nil {
			t.Fatalf("AppendBinary of a read digest: %v", err)
		}
		var d2 Digest
		if err := d2.UnmarshalBinary(again); err != nil {
			t.Fatalf("cannot read back: %v", err)
		}
		if again2, _ := d2.AppendBinary(nil); !bytes.Equal(again, again2) {
			t.Fatal("not stable")
		}
		b, err := NewBuilder(tr, pp("2025"), 0)
		if err != nil {
			t.Fatal(err)
		}
		d.Path = "x.xlsx"
		b.Add(0, &d)
		b.Add(1, &d2)
		if r, err := b.Finish(nil, nil); (r == nil) == (err == nil) {
			t.Fatal("Finish: result and error")
		}
	})
}

func TestDigestBinaryRejectsDamage(t *testing.T) {
	w := genWorld(t, rand.New(rand.NewSource(3)), smallWorld)
	data, err := NewDigest(w.subs[0]).AppendBinary(nil)
	if err != nil {
		t.Fatal(err)
	}
	var d Digest
	if err := d.UnmarshalBinary(data); err != nil {
		t.Fatalf("intact: %v", err)
	}
	for _, bad := range [][]byte{nil, data[:len(data)-1], append(append([]byte(nil), data...), 0), append([]byte{DigestFormat + 1}, data[1:]...)} {
		if err := d.UnmarshalBinary(bad); err == nil {
			t.Errorf("damaged digest (%d bytes) accepted", len(bad))
		}
	}
}
