package yamlx

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/unicode/norm"
)

// Kind is the kind of an Error of Decode.
type Kind int

// Kinds of Error.
const (
	// Syntax: the YAML library refused the text; Msg is its message
	// without the "yaml: line N: " prefix.
	Syntax Kind = iota + 1
	// TooLarge: the data is longer than the limit given to Decode.
	TooLarge
	// MultipleDocuments: a second document follows the first; Line is
	// where it starts.
	MultipleDocuments
	// Unreadable: the YAML library panicked; Msg is the panic value.
	Unreadable
)

// Error is why Decode returned no node tree.
type Error struct {
	Kind Kind
	Line int    // 1-based; 0 when it concerns the whole file or is unknown
	Msg  string // for Syntax and Unreadable; "" otherwise
}

func (e *Error) Error() string {
	var s string
	switch e.Kind {
	case Syntax:
		s = "YAML syntax error: " + e.Msg
	case TooLarge:
		s = "the data is too large"
	case MultipleDocuments:
		s = "more than one YAML document"
	case Unreadable:
		s = "the YAML cannot be read (" + e.Msg + ")"
	default:
		s = "unknown YAML error"
	}
	if e.Line > 0 {
		return fmt.Sprintf("line %d: %s", e.Line, s)
	}
	return s
}

// Decode parses data, which must be at most maxSize bytes and hold at most one
// YAML document, into a node tree without expanding aliases. It returns the
// document's content (the root mapping, sequence, scalar or alias), or nil and
// no error for an empty stream (no document, or comments only). On failure the
// root is nil. The returned *Error is nil on success; do not store it in an
// error variable before checking it.
func Decode(data []byte, maxSize int) (*yaml.Node, *Error) {
	if len(data) > maxSize {
		return nil, &Error{Kind: TooLarge}
	}
	return decode(yaml.NewDecoder(bytes.NewReader(data)))
}

// decoder is what decode needs of *yaml.Decoder (tests give others).
type decoder interface{ Decode(v any) error }

func decode(dec decoder) (root *yaml.Node, e *Error) {
	defer func() {
		// The YAML library panics on a few internal errors; never pass
		// that on.
		if r := recover(); r != nil {
			root, e = nil, &Error{Kind: Unreadable, Msg: fmt.Sprint(r)}
		}
	}()
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if err == io.EOF {
			return nil, nil
		}
		return nil, syntax(err)
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case err == io.EOF:
	case err != nil:
		return nil, syntax(err)
	default:
		return nil, &Error{Kind: MultipleDocuments, Line: next.Line}
	}
	// The library always gives a document node with one child; be safe.
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, nil
	}
	return doc.Content[0], nil
}

// reLine is compiled on first use (only syntax errors need it), not at every start.
var reLine = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^yaml: line ([0-9]+): `) })

// parserErrors are the messages of the YAML library's parser (as opposed to
// its scanner); for these it reports a 0-based line number.
var parserErrors = map[string]bool{
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"did not find expected '-' indicator":    true,
	"did not find expected <document start>": true,
	"did not find expected <stream-start>":   true,
	"did not find expected key":              true,
	"did not find expected node content":     true,
	"found duplicate %TAG directive":         true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found undefined tag handle":             true,
}

// syntax turns an error of the YAML library into a Syntax Error with a
// 1-based line (0 when the message has none).
func syntax(err error) *Error {
	msg := err.Error()
	line := 0
	if m := reLine().FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = msg[len(m[0]):]
		if parserErrors[msg] {
			line++ // the YAML parser (not its scanner) counts lines from 0
		}
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	return &Error{Kind: Syntax, Line: line, Msg: msg}
}

// Suggest returns the key of allowed within two edits of key (compared
// lower-cased and trimmed, with '-' read as '_'), the closest and then the
// first listed, or "" if there is none or key is longer than 40 bytes.
func Suggest(key string, allowed []string) string {
	if len(key) > 40 {
		return ""
	}
	k := strings.ReplaceAll(strings.ToLower(strings.TrimSpace(key)), "-", "_")
	best, bestD := "", 3
	for _, a := range allowed {
		if d := editDistance(k, a); d < bestD {
			best, bestD = a, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, counted in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// ShortRunes is how many runes Short keeps.
const ShortRunes = 80

// Short cuts text quoted in a message to ShortRunes runes (see ShortN).
func Short(s string) string { return ShortN(s, ShortRunes) }

// ShortN returns s with invalid UTF-8 replaced by U+FFFD and, if it is longer
// than n runes, cut to its first n runes followed by "…". A negative n cuts
// nothing.
func ShortN(s string, n int) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	runes := 0
	for i := range s {
		if runes == n {
			return s[:i] + "…"
		}
		runes++
	}
	return s
}

// NormText applies NFC, trims white space and collapses inner runs of it to
// one space.
func NormText(s string) string {
	if isNormText(s) {
		return s // most names: no copy (a units.yaml of 2,000 units has 4,000 of them)
	}
	return strings.Join(strings.Fields(norm.NFC.String(s)), " ")
}

// isNormText reports whether NormText(s) == s: s is NFC, neither starts nor ends with
// white space, and has no white space other than single ASCII spaces.
func isNormText(s string) bool {
	if s == "" {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	ascii := true
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == ' ':
			if s[i-1] == ' ' {
				return false
			}
		case c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r':
			return false
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
	if ascii {
		return true
	}
	latin := true // ASCII and precomposed Latin letters only: NFC without asking the tables
	for _, r := range s {
		if r >= utf8.RuneSelf && unicode.IsSpace(r) {
			return false
		}
		latin = latin && (r < utf8.RuneSelf || isStableLatin(r))
	}
	return latin || norm.NFC.IsNormalString(s)
}

// isStableLatin reports whether r is one of Latin-1's, Latin Extended-A/B's and Latin
// Extended Additional's characters (Vietnamese letters among them), which are NFC
// starters that compose with no ASCII character or with each other (TestStableLatin).
func isStableLatin(r rune) bool {
	return (r >= 0xA0 && r <= 0x24F) || (r >= 0x1E00 && r <= 0x1EFF)
}
