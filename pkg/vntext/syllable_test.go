package vntext

import "testing"

func TestIsSyllable(t *testing.T) {
	valid := []string{
		"a", "ý", "tổng", "công", "ty", "bưu", "điện", "việt", "nam", "đảng", "ủy",
		"khối", "thỏa", "thoả", "thuận", "hợp", "tác", "nghiêng", "khuya", "người",
		"đường", "nguyễn", "thuở", "hoàng", "khỏe", "quý", "quốc", "quyết", "giữa",
		"gì", "gìn", "giếng", "yêu", "oai", "tây", "khoái", "khuỷu", "cà", "bến",
		"ích", "ạch", "oẳn", "tuần",
	}
	for _, w := range valid {
		if !isSyllable(w) {
			t.Errorf("isSyllable(%q) = false, want true", w)
		}
	}
	invalid := []string{
		"", "café", "naïve", "müller", "tæng", "c«ng", "khèi", "toång", "coâng",
		"où", "oự", "khoõng", "xyz", "nđ", "tôt", "gỏt", "hoàà", "hòà", "q", "qa",
		"ăn" + "g" + "x", "ă", "iê", "str", "sch", "francais", "bâ",
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	}
	for _, w := range invalid {
		if isSyllable(w) {
			t.Errorf("isSyllable(%q) = true, want false", w)
		}
	}
}

func TestIsAcronym(t *testing.T) {
	for w, want := range map[string]bool{
		"qđ": true, "nđ": true, "ubnd": false, "đ": false, "tw": false,
		"bch": true, "đc": true, "abc": false, "tttttttt": false,
	} {
		if got := isAcronym(w); got != want {
			t.Errorf("isAcronym(%q) = %v, want %v", w, got, want)
		}
	}
}
