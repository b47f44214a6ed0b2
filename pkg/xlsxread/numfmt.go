package xlsxread

import "strings"

// isBuiltinDateFormat reports whether a built-in number format id is a date
// or time format (ECMA-376 Part 1 §18.8.30, plus the CJK ids 27-36, 50-58).
func isBuiltinDateFormat(id int) bool {
	return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58)
}

// isDateFormatCode reports whether a custom number format code formats dates
// or times: it has one of d, m, y, h, s (any case) outside quoted text,
// escapes (\x), padding (_x), fills (*x) and brackets, or an elapsed-time
// bracket such as [h] or [mm].
func isDateFormatCode(code string) bool {
	if strings.EqualFold(strings.TrimSpace(code), "General") {
		return false
	}
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch c {
		case '"':
			j := strings.IndexByte(code[i+1:], '"')
			if j < 0 {
				return false
			}
			i += j + 1
		case '\\', '_', '*':
			i++
		case '[':
			j := strings.IndexByte(code[i+1:], ']')
			if j < 0 {
				return false
			}
			if isElapsed(code[i+1 : i+1+j]) {
				return true
			}
			i += j + 1
		case 'd', 'D', 'm', 'M', 'y', 'Y', 'h', 'H', 's', 'S':
			return true
		}
	}
	return false
}

func isElapsed(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case 'h', 'H', 'm', 'M', 's', 'S':
		default:
			return false
		}
	}
	return true
}
