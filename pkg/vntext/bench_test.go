package vntext

import "testing"

var benchInputs = []struct{ name, s string }{
	{"ascii_clean", "Tong cong ty Buu dien Viet Nam"},
	{"ascii_folded", "tong cong ty buu dien viet nam"},
	{"unicode_clean", "thỏa thuận hợp tác đảng ủy khối"},
	{"unicode_dirty", "  THOẢ\u00a0THUẬN   hợp\ttác \u200bĐảng Uỷ  "},
	{"nfd", "Tho\u0309a thua\u0302\u0323n ho\u031bp ta\u0301c"},
}

var sink string

func BenchmarkClean(b *testing.B) {
	for _, in := range benchInputs {
		b.Run(in.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sink = Clean(in.s)
			}
		})
	}
}

func BenchmarkFold(b *testing.B) {
	for _, in := range benchInputs {
		b.Run(in.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sink = Fold(in.s)
			}
		})
	}
}

func BenchmarkDetectLegacy(b *testing.B) {
	for _, in := range []struct{ name, s string }{
		{"ascii", "Tong cong ty Buu dien Viet Nam"},
		{"unicode", "Tổng công ty Bưu điện Việt Nam"},
		{"tcvn3", "Tæng c«ng ty B\u00adu ®iÖn ViÖt Nam"},
	} {
		b.Run(in.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sink = DetectLegacy(in.s, "").String()
			}
		})
	}
}
