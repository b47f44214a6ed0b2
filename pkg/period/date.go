package period

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Years accepted by ParseDate; callers judge plausibility.
const (
	MinDateYear = 1900
	MaxDateYear = 2100
)

var (
	reDMY = lazyRegexp(`^([0-9]{1,2})([/.-])([0-9]{1,2})([/.-])([0-9]{4})$`)
	reYMD = lazyRegexp(`^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$`)
)

// ParseDate reads a date typed as text: dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy,
// dd.mm.yyyy (always day first, one separator used twice) or yyyy-mm-dd.
// The date must exist (31/02 is an error) and its year lie within
// MinDateYear..MaxDateYear. The result is 00:00 UTC of that day.
func ParseDate(s string) (time.Time, error) {
	if len(s) > maxInput {
		return time.Time{}, errDateSyntax(s)
	}
	t := strings.TrimSpace(s)
	var ds, ms, ys string
	if m := reDMY().FindStringSubmatch(t); m != nil {
		if m[2] != m[4] {
			return time.Time{}, errDateSyntax(s)
		}
		ds, ms, ys = m[1], m[3], m[5]
	} else if m := reYMD().FindStringSubmatch(t); m != nil {
		ys, ms, ds = m[1], m[2], m[3]
	} else {
		return time.Time{}, errDateSyntax(s)
	}
	d, _ := strconv.Atoi(ds)
	mo, _ := strconv.Atoi(ms)
	y, _ := strconv.Atoi(ys)
	if y < MinDateYear || y > MaxDateYear {
		return time.Time{}, newError(s,
			fmt.Sprintf("date %q: year %d is outside %d–%d", shorten(s), y, MinDateYear, MaxDateYear),
			fmt.Sprintf("ngày %q: năm %d nằm ngoài khoảng %d–%d", shorten(s), y, MinDateYear, MaxDateYear))
	}
	if mo < 1 || mo > 12 || d < 1 || d > daysIn(y, time.Month(mo)) {
		return time.Time{}, newError(s,
			fmt.Sprintf("date %q does not exist (day %d, month %d, year %d; dates are read day first)", shorten(s), d, mo, y),
			fmt.Sprintf("ngày %q không tồn tại (ngày %d, tháng %d, năm %d; ngày được đọc theo thứ tự ngày/tháng/năm)", shorten(s), d, mo, y))
	}
	return day(y, time.Month(mo), d), nil
}

func errDateSyntax(s string) *Error {
	return newError(s,
		fmt.Sprintf("cannot read %q as a date; write it as dd/mm/yyyy, e.g. 05/08/2025", shorten(s)),
		fmt.Sprintf("không đọc được ngày %q; hãy ghi dạng ngày/tháng/năm, ví dụ 05/08/2025", shorten(s)))
}

func daysIn(y int, m time.Month) int {
	return day(y, m+1, 0).Day()
}

// Excel serial range: 1 = 1900-01-01 and 2958465 = 9999-12-31 in the 1900
// system; the 1904 system counts from 1904-01-01 = 0.
const (
	maxSerial1900 = 2958465
	maxSerial1904 = maxSerial1900 - 1462
)

// FromExcelSerial converts an Excel date serial to 00:00 UTC of its day; the
// fractional part (time of day) is dropped. In the 1900 system serial 1 is
// 1900-01-01 and serial 60 is Excel's fictitious 29 Feb 1900 (an error here);
// serials below 1 or above 2958465 are errors. In the 1904 system serial 0
// is 1904-01-01 and the range ends at the same 9999-12-31. NaN and ±Inf are
// errors.
func FromExcelSerial(v float64, date1904 bool) (time.Time, error) {
	bad := func() (time.Time, error) {
		return time.Time{}, newError(strconv.FormatFloat(v, 'g', -1, 64),
			fmt.Sprintf("%v is not a valid Excel date serial", v),
			fmt.Sprintf("%v không phải là số ngày Excel hợp lệ", v))
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return bad()
	}
	n := math.Floor(v)
	if date1904 {
		if v < 0 || v > maxSerial1904 {
			return bad()
		}
		return day(1904, 1, 1+int(n)), nil
	}
	if v < 1 || v > maxSerial1900 {
		return bad()
	}
	switch {
	case n < 60:
		return day(1899, 12, 31+int(n)), nil
	case n == 60:
		return time.Time{}, newError("60",
			"Excel date serial 60 is 29/02/1900, a day that does not exist (Excel's 1900 leap-year bug)",
			"số ngày Excel 60 là 29/02/1900, một ngày không có thật (lỗi năm nhuận 1900 của Excel)")
	}
	return day(1899, 12, 30+int(n)), nil
}

// FormatVN formats the date of t (in t's own location) the Vietnamese way,
// "05/08/2025".
func FormatVN(t time.Time) string { return t.Format("02/01/2006") }
