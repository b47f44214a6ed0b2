package aggregate

import (
	"strings"
	"testing"

	"github.com/vdhv/vdhv/pkg/form"
)

func TestJSONNumbers(t *testing.T) {
	tests := []struct {
		num, den form.Money
		want     string
	}{
		{1, 3, "0.3333"},
		{2, 3, "0.6667"},
		{1, 20000, "0.0001"}, // 0.00005: half up
		{1, 20001, "0"},
		{999999, 1000000, "1"}, // 0.999999 rounds to 1
		{5, 5, "1"},
		{0, 7, "0"},
		{7, 0, "null"},
		{1, 8, "0.125"},
		{999_999_999_999, 1_000_000_000_000 - 1, "1"},
	}
	for _, tc := range tests {
		if got := string(jShare(tc.num, tc.den)); got != tc.want {
			t.Errorf("share %d/%d = %s, want %s", tc.num, tc.den, got, tc.want)
		}
	}
	for _, tc := range []struct {
		m    form.Money
		want string
	}{{0, "0"}, {1, "0.001"}, {1500, "1.5"}, {1234567, "1234.567"}, {999_999_999_999, "999999999.999"}, {1e12 * 1000, "1000000000000"}} {
		if got := string(jMoney(tc.m)); got != tc.want {
			t.Errorf("money %d = %s, want %s", tc.m, got, tc.want)
		}
		if v, ok := parseMoney(tc.want); !ok || v != tc.m {
			t.Errorf("parseMoney(%s) = %d, %v", tc.want, v, ok)
		}
	}
	for _, bad := range []string{"1.2345", "1e3", "", "-", "1.", ".5", "0x10", "99999999999999999999", "1,5", `"1"`} {
		if v, ok := parseMoney(bad); ok {
			t.Errorf("parseMoney(%q) = %d, want rejection", bad, v)
		}
	}
}

func TestJSONShape(t *testing.T) {
	tr := testTree(t)
	u := tr.Lookup("C1")
	u.Name = `Chi bộ "C1" <A&B>` // not HTML-escaped, quotes escaped
	r := compute(t, Input{Tree: tr, Period: pp("2025-Q3")})
	js := string(jsonOf(t, r))
	for _, want := range []string{
		"{\n  \"schema\": \"vdhv.aggregate/v1\",\n  \"bloc\": \"K\",\n  \"period\": \"2025-Q3\",\n  \"quarters\": [\n    \"2025-Q3\"\n  ],\n  \"units\": {\n    \"K\": {\n",
		`"name": "Chi bộ \"C1\" <A&B>"`,
		`"parent": null,`,
		`"parent": "DB",`,
		"\"reconciliation\": [],\n  \"missing\": [\n",
		`"domestic_share": null,`,
		`"Đang thực hiện": 0`,
	} {
		if !strings.Contains(js, want) {
			t.Errorf("JSON lacks %q", want)
		}
	}
	if !strings.HasSuffix(js, "\n  ]\n}\n") {
		t.Errorf("JSON ends %q", js[len(js)-20:])
	}
	// Units in preorder.
	last := -1
	for _, code := range []string{`"K": {`, `"DA": {`, `"A1": {`, `"A2": {`, `"DB": {`, `"B1": {`, `"B2": {`, `"C1": {`} {
		i := strings.Index(js, code)
		if i <= last {
			t.Errorf("%s out of preorder", code)
		}
		last = i
	}
	// C1 is inactive in Q3: expected 0, still listed with zeros.
	if c := unit(t, r, "C1"); c.Reporting != (Reporting{}) || c.Parent != "K" {
		t.Errorf("C1 %+v", c.Reporting)
	}
}

func TestReadJSONErrors(t *testing.T) {
	ok := `{"schema":"vdhv.aggregate/v1","bloc":"K","period":"2025","quarters":["2025-Q1"],"units":{"K":{}},"reconciliation":[],"missing":[]}`
	if _, err := ReadJSON(strings.NewReader(ok)); err != nil {
		t.Fatalf("minimal document: %v", err)
	}
	tests := []struct{ name, doc, want string }{
		{"not JSON", `{`, "not a valid"},
		{"schema", strings.Replace(ok, "v1", "v2", 1), "schema"},
		{"period", strings.Replace(ok, `"period":"2025"`, `"period":"2025-H3"`, 1), "bad period"},
		{"quarter", strings.Replace(ok, `["2025-Q1"]`, `["Q9"]`, 1), "bad quarter"},
		{"units not object", strings.Replace(ok, `{"K":{}}`, `[1]`, 1), "not an object"},
		{"duplicate unit", strings.Replace(ok, `{"K":{}}`, `{"K":{},"K":{}}`, 1), "listed twice"},
		{"money", strings.Replace(ok, `{"K":{}}`, `{"K":{"agreements":{"delivered_value":1.0001}}}`, 1), "money"},
		{"units of a reconciliation", strings.Replace(ok, `"reconciliation":[]`, `"reconciliation":[{"units":["A"]}]`, 1), "expected 2"},
		{"missing quarter", strings.Replace(ok, `"missing":[]`, `"missing":[{"unit":"A","quarter":"x"}]`, 1), "bad quarter"},
	}
	for _, tc := range tests {
		r, err := ReadJSON(strings.NewReader(tc.doc))
		if err == nil || r != nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, %v; want an error containing %q", tc.name, r, err, tc.want)
		}
	}
}

func TestRegister(t *testing.T) {
	subs := []*form.Submission{
		sub("A1", "2025-Q1", ag("01/TT", "B1", use, 10, withContracts(1, 5), withField(4), withExpires("2027-01-01")),
			ag("02/TT", "name:X", use, 1)),
		sub("B1", "2025-Q1", ag("01/tt", "A1", supply, 9, withContracts(1, 6), withField(4), withSigned("2024-03-02"))),
		sub("B1", "2025-Q2", ag("00/TT", "C1", both, 3)),
	}
	r := compute(t, Input{Tree: testTree(t), Period: pp("2025-H1"), Subs: subs})
	want := []RegisterEntry{
		{Number: "00/TT", NumberKey: "00/tt", Units: [2]string{"B1", "C1"}, Field: form.EnumField.Values[0], Role: both,
			Signed: date("2024-03-01"), Status: form.StatusActive, Delivered: money(3)},
		{Number: "01/tt", NumberKey: "01/tt", Units: [2]string{"A1", "B1"}, Paired: true, Field: form.EnumField.Values[4],
			Role: supply, Signed: date("2024-03-02"), Status: form.StatusActive, Contracts: 1, ContractValue: money(6), Delivered: money(9)},
	}
	if len(r.Register) != len(want) {
		t.Fatalf("register %+v", r.Register)
	}
	for i := range want {
		if r.Register[i] != want[i] {
			t.Errorf("register[%d]\n got %+v\nwant %+v", i, r.Register[i], want[i])
		}
	}
}
