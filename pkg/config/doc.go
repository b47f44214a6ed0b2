// Package config reads the optional workspace configuration, vdhv.yaml, and
// provides the texts `vdhv init` writes (DefaultFileText, DefaultUnitsText).
//
// Decisions where the spec is silent:
//
//   - A missing file is not an error (Default()); an empty file or one with
//     only comments is the defaults too. A key with a null value (`place:`)
//     keeps its default.
//   - Unknown keys, a key given twice, YAML aliases, merge keys and several
//     YAML documents are errors, each with its line; all problems are listed
//     together in an *Error (Error() English, Localized("vi") Vietnamese).
//     On error Load/Parse return Default() alongside the error.
//   - deadline_days: a plain decimal whole number 0..120 (quoted digits are
//     accepted; 0x10, 10.5 are not).
//   - target_share: "0.8", "80", "80%", "80,5%" (decimal comma) are read; a
//     number above 1 without "%" is a percentage, so "1" means 100% and
//     "1%" means 0.01. The result must lie in (0, 1]. Exponents, NaN and
//     infinities are refused.
//   - kinds: lower-case ASCII identifiers ([a-z0-9][a-z0-9_-]*, ≤ 64),
//     folded to lower case; repeats and default kinds are dropped silently.
//     Config.Kinds holds only the extra kinds; AllKinds/UnitOptions add the
//     defaults for units.Parse.
//   - kind_labels: Default() has Vietnamese labels for the four default
//     kinds; the file overrides or adds labels. A label for a kind that is
//     neither default nor declared under `kinds` is an error (a typo would
//     otherwise be silently unused). Labels and place are NFC with white
//     space collapsed; place is at most 100 characters.
//   - layout_profile is taken as given (trimmed); whether it names a known
//     profile or an existing file is for the report package to judge.
//   - The file is at most 1 MiB.
package config
