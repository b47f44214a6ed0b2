package pdfdoc

import (
	"encoding/binary"
	"errors"
)

// coverage is the set of BMP code points a font maps to a glyph. fpdf cannot tell a missing
// glyph from a present one (it uses the default width for both) and panics on code points
// above U+FFFF, so text is checked against the font's own cmap before it reaches fpdf.
type coverage [0x10000 / 64]uint64

func (c *coverage) has(r rune) bool {
	return r >= 0 && r < 0x10000 && c[r>>6]&(1<<(uint(r)&63)) != 0
}

func (c *coverage) add(r uint32) {
	if r < 0x10000 {
		c[r>>6] |= 1 << (r & 63)
	}
}

// intersect keeps only the code points both c and o cover.
func (c *coverage) intersect(o *coverage) {
	for i := range c {
		c[i] &= o[i]
	}
}

var errBadFont = errors.New("not a TrueType font with a Unicode cmap")

// parseCoverage reads the Unicode cmap of a TrueType/OpenType font (subtable format 4 or
// 12, platform 3 encodings 1/10 or platform 0). It never panics on malformed input.
func parseCoverage(font []byte) (*coverage, error) {
	u16 := func(off int) (int, bool) {
		if off < 0 || off+2 > len(font) {
			return 0, false
		}
		return int(binary.BigEndian.Uint16(font[off:])), true
	}
	u32 := func(off int) (uint32, bool) {
		if off < 0 || off+4 > len(font) {
			return 0, false
		}
		return binary.BigEndian.Uint32(font[off:]), true
	}
	numTables, ok := u16(4)
	if !ok {
		return nil, errBadFont
	}
	cmap := -1
	for i := 0; i < numTables; i++ {
		rec := 12 + 16*i
		if rec+16 > len(font) {
			return nil, errBadFont
		}
		if string(font[rec:rec+4]) == "cmap" {
			off, _ := u32(rec + 8)
			if off > uint32(len(font)) {
				return nil, errBadFont
			}
			cmap = int(off)
			break
		}
	}
	if cmap < 0 {
		return nil, errBadFont
	}
	n, ok := u16(cmap + 2)
	if !ok {
		return nil, errBadFont
	}
	best, bestRank := -1, 0
	for i := 0; i < n; i++ {
		rec := cmap + 4 + 8*i
		pid, ok1 := u16(rec)
		eid, ok2 := u16(rec + 2)
		off, ok3 := u32(rec + 4)
		if !ok1 || !ok2 || !ok3 || uint64(cmap)+uint64(off) >= uint64(len(font)) {
			continue
		}
		sub := cmap + int(off)
		format, _ := u16(sub)
		rank := 0
		switch {
		case format == 12 && (pid == 3 && eid == 10 || pid == 0):
			rank = 3
		case format == 4 && (pid == 3 && eid == 1 || pid == 0):
			rank = 2
		}
		if rank > bestRank {
			best, bestRank = sub, rank
		}
	}
	if best < 0 {
		return nil, errBadFont
	}
	cov := &coverage{}
	format, _ := u16(best)
	if format == 12 {
		groups, ok := u32(best + 12)
		if !ok {
			return nil, errBadFont
		}
		for g := uint32(0); g < groups; g++ {
			rec := best + 16 + int(g)*12
			start, ok1 := u32(rec)
			end, ok2 := u32(rec + 4)
			gid, ok3 := u32(rec + 8)
			if !ok1 || !ok2 || !ok3 {
				return nil, errBadFont
			}
			if end > 0xFFFF {
				end = 0xFFFF
			}
			for c := start; c <= end && c <= 0xFFFF; c++ {
				if gid+(c-start) != 0 {
					cov.add(c)
				}
			}
		}
		return cov, nil
	}
	// Format 4.
	segX2, ok := u16(best + 6)
	if !ok || segX2%2 != 0 {
		return nil, errBadFont
	}
	ends := best + 14
	starts := ends + segX2 + 2
	deltas := starts + segX2
	ranges := deltas + segX2
	for s := 0; s < segX2/2; s++ {
		end, ok1 := u16(ends + 2*s)
		start, ok2 := u16(starts + 2*s)
		delta, ok3 := u16(deltas + 2*s)
		roff, ok4 := u16(ranges + 2*s)
		if !ok1 || !ok2 || !ok3 || !ok4 {
			return nil, errBadFont
		}
		for c := start; c <= end && c < 0xFFFF; c++ {
			var gid int
			if roff == 0 {
				gid = (c + delta) & 0xFFFF
			} else {
				g, ok := u16(ranges + 2*s + roff + 2*(c-start))
				if !ok {
					break
				}
				if g != 0 {
					gid = (g + delta) & 0xFFFF
				}
			}
			if gid != 0 {
				cov.add(uint32(c))
			}
		}
	}
	return cov, nil
}
