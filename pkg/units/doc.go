// Package units reads the unit hierarchy, units.yaml (form-v1.md "Unit
// hierarchy"), and answers questions about it: lookup by code, which units
// are expected to report in a quarter, ancestors, lowest common ancestors,
// and the đảng ủy trực thuộc a unit belongs to.
//
// Parse collects every problem it can find, each with its line and a stable
// code, and returns them together as an *Error; a tree is returned only when
// there are none. Problem codes: yaml-syntax, empty, multiple-documents,
// root-not-mapping, unit-not-mapping, missing-code, missing-name,
// missing-kind, not-text, bad-key, duplicate-key, unknown-key, merge-key,
// bad-code, duplicate-code, unknown-kind, bad-reports, bad-quarter,
// active-range, outside-parent, units-not-list, alias, cycle, too-deep,
// too-many-units, file-too-large, too-many-problems, read-error.
//
// Decisions where the spec is silent:
//
//   - Codes are ASCII: letters A–Z/a–z, digits, '-', '_', '.', at most 64
//     characters, not "." or "..", not starting or ending with '.', and not
//     a Windows device name (CON, PRN, AUX, NUL, COM1–9, LPT1–9, with any
//     extension) — the rules of pkg/workspace.CheckCode, since codes name
//     the submission files. "Letters" is read as ASCII letters so
//     that codes are safe in file names and compare without Unicode
//     normalisation; a code with Vietnamese letters ("ĐU-01") gets a message
//     asking for it without diacritics. Codes are trimmed, kept as written,
//     and compared case-insensitively (duplicates and Lookup).
//   - Names are NFC-normalised with white space trimmed and collapsed. Kinds
//     are trimmed and lower-cased; Options.Kinds is the complete list
//     (callers add a workspace's extra kinds to DefaultKinds()).
//   - Keys are case-sensitive and must be one of code, name, kind, reports,
//     active_from, active_until, units; an unknown key is an error (with a
//     "did you mean" suggestion), as is a key given twice.
//   - `reports` must be a YAML boolean (true/false); "yes", "có" or a quoted
//     "true" are errors. Default: true when the unit has no children (absent,
//     null or empty `units`), false otherwise.
//   - active_from / active_until accept every form period.ParseQuarter
//     reads; a null value means unbounded. The declared quarters are kept on
//     the Unit; an unbounded end inherits the nearest ancestor's bound, so
//     ActiveIn checks the unit and all its ancestors. A declared bound
//     outside the parent's effective range is an error ("outside-parent").
//   - YAML aliases are refused everywhere (not only for units), and so are
//     merge keys; an alias to an enclosing unit is reported as a cycle. The
//     parser never expands aliases, so alias bombs cost nothing.
//   - Limits: file ≤ 10 MiB, ≤ 100,000 units (the rest are not read),
//     depth ≤ 10 below the root, at most 1000 problems listed (then a count).
//   - The YAML library reports parser errors at the start of the construct
//     being parsed (e.g. the flow mapping), not at the offending character.
//   - Error() is English ("units.yaml:12: duplicate code …"); Localized("vi")
//     gives the same lines in Vietnamese. Problems are sorted by line,
//     file-level ones (line 0) first.
//   - Print marks inner units that report for their own office ("tự báo
//     cáo") and leaves that do not report ("không báo cáo").
package units
